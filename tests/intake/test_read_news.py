"""The 12 real news texts in `../shared/data/documents/` read as documents, in the right language.

They sit beside the repository, never in it; on a clone without them this test skips, saying so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.intake.read import read_documents

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = REPO.parent / "shared" / "data" / "documents"
LANGUAGES = {**dict.fromkeys(range(1, 9), "en"), 9: "fr", 10: "fr", 11: "es", 12: "ca"}

pytestmark = pytest.mark.skipif(
    not DOCUMENTS.is_dir(),
    reason=f"the news texts are not at {DOCUMENTS} (they sit beside the repository)",
)


def test_each_news_text_is_read_in_its_language() -> None:
    documents = read_documents([str(DOCUMENTS)])
    assert len(documents) == 12
    for document in documents:
        number = int(Path(document.origin).name[:2])
        assert document.format == "text"
        assert len(document.text.split()) > 100, document.origin
        assert document.language == LANGUAGES[number], document.origin
