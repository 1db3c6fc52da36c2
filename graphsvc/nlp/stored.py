"""Analyses kept as files: the engine's own answer beside the text and the engine's version.

Tests of what reads an analysis (the recogniser's patterns) run on these files without a server:
they were produced by the real engine (`graphsvc nlp analyse FILE --language xx --json`), never
written by hand, and name the engine that produced them so that a test can refuse files made by
another version than the one pinned in the settings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphsvc.errors import NlpBadAnswer
from graphsvc.nlp.analysis import Analysis
from graphsvc.nlp.client import NlpClient
from graphsvc.nlp.languages import LANGUAGES


def stored_analysis(client: NlpClient, text: str, language: str) -> dict[str, Any]:
    """What a stored analysis file holds: engine, language, annotators, text and the answer."""
    return {
        "engine": client.engine,
        "language": language,
        "annotators": LANGUAGES[language].annotators,
        "text": text,
        "corenlp": client.analyse_raw(text, language),
    }


def read_stored(path: Path) -> Analysis:
    """The Analysis a stored file holds, read exactly as a live answer would be."""
    record = json.loads(path.read_text(encoding="utf-8"))
    if (
        not isinstance(record, dict)
        or not {"engine", "language", "text", "corenlp"} <= record.keys()
    ):
        raise NlpBadAnswer(f"{path} is not a stored analysis (engine, language, text, corenlp)")
    return Analysis.from_corenlp(
        record["corenlp"], record["text"], record["language"], record["engine"]
    )
