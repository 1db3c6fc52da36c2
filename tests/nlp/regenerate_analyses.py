"""Rewrite tests/nlp/analyses/*.json from the real engine: `python regenerate_analyses.py`.

Each `NAME.LANG.txt` (a text written for these tests, never a copied article) is analysed by the
engine the settings name (GRAPHSVC_NLP_URL, else the managed instance GRAPHSVC_INSTANCE, default
`default`, which must be running with every language) and its answer stored as `NAME.LANG.json`
with the engine's version; `test_stored_analyses.py` refuses files from another version.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.nlp import engine_client
from graphsvc.nlp.stored import stored_analysis

ANALYSES = Path(__file__).resolve().parent / "analyses"


def main() -> None:
    """Analyse every stored text again and write its answer beside it."""
    client = engine_client(Settings.from_env(), os.environ.get("GRAPHSVC_INSTANCE", "default"))
    for source in sorted(ANALYSES.glob("*.txt")):
        language = source.suffixes[-2].lstrip(".")
        record = stored_analysis(client, source.read_text(encoding="utf-8"), language)
        target = source.with_suffix(".json")
        target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{target.name}: {len(record['corenlp']['sentences'])} sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
