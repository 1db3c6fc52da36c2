"""The real engine end to end, started by the project's tooling (marked `nlp` by its fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphsvc.errors import NlpRequestRefused
from graphsvc.nlp import NlpClient

ANALYSES = Path(__file__).resolve().parent / "analyses"


def test_an_english_news_sentence_is_analysed_whole(nlp_engine: NlpClient) -> None:
    text = (
        "Youssef Amrani, Director of the Union for the Mediterranean, opened the forum in "
        "Marseille on 7 November 2025 😀, hosted by the Region Sud."
    )
    analysis = nlp_engine.analyse(text, "en")
    for token in analysis.tokens:
        assert text[token.start : token.end] == token.word or token.word in "()"
    kinds = {mention.text: mention.type for mention in analysis.mentions}
    assert kinds["Youssef Amrani"] == "PERSON"
    assert kinds["Marseille"] == "CITY"
    dates = [mention for mention in analysis.mentions if mention.type == "DATE"]
    assert [date.normalized for date in dates] == ["2025-11-07"]
    opened = next(token for token in analysis.tokens if token.word == "opened")
    roles = {
        edge.relation: analysis.tokens[edge.dependent].word
        for edge in analysis.children(opened.index)
    }
    assert roles["nsubj"] == "Amrani" and roles["obj"] == "forum"
    after_emoji = next(token for token in analysis.tokens if token.word == "hosted")
    assert text[after_emoji.start : after_emoji.end] == "hosted"  # UTF-16 offsets converted


def test_stored_analyses_are_what_the_engine_answers(nlp_engine: NlpClient) -> None:
    """The files the pure tests read are the real engine's answers, not written by hand."""
    checked = 0
    for path in sorted(ANALYSES.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["language"] not in nlp_engine.languages:
            continue
        fresh = nlp_engine.analyse_raw(record["text"], record["language"])
        assert fresh == record["corenlp"], f"{path.name} differs: run regenerate_analyses.py"
        checked += 1
    assert checked >= 1


def test_a_language_the_engine_does_not_run_is_refused(nlp_engine: NlpClient) -> None:
    missing = sorted({"ar", "en", "es", "fr"} - set(nlp_engine.languages))
    language = missing[0] if missing else "de"
    with pytest.raises(NlpRequestRefused):
        nlp_engine.analyse("Un texte.", language)
