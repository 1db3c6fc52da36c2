"""The 12 real news texts in `../shared/data/documents/` read as documents, in the right language.

They sit beside the repository, never in it; on a clone without them this test skips and the
summary lists it; with ../shared but without the texts it fails (the `shared` marker).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import SHARED

from graphsvc.intake.read import read_documents

DOCUMENTS = SHARED / "data" / "documents"
LANGUAGES = {**dict.fromkeys(range(1, 9), "en"), 9: "fr", 10: "fr", 11: "es", 12: "ca"}

pytestmark = pytest.mark.shared("data/documents")


def test_each_news_text_is_read_in_its_language() -> None:
    # The folder has grown past these twelve (24 texts now, for intake's gold set): name them.
    twelve = [p for p in sorted(DOCUMENTS.glob("*.txt")) if int(p.name[:2]) in LANGUAGES]
    documents = read_documents([str(path) for path in twelve])
    assert len(documents) == 12
    for document in documents:
        number = int(Path(document.origin).name[:2])
        assert document.format == "text"
        assert len(document.text.split()) > 100, document.origin
        assert document.language == LANGUAGES[number], document.origin
