"""Words the seeds quote from a source document are in that document.

The only tests that read the documents' texts (`../shared/seeds/`, beside the repository, never
in it); on a clone without them they skip and the summary lists them; with ../shared but without
its seeds they fail (the `shared` marker, tests/conftest.py).
"""

import re
from pathlib import Path

import pytest
from shared_data import SHARED

from graphsvc.ingest.loader import read_graph
from graphsvc.model import MODEL
from graphsvc.model.records import NodeRecord, RelationshipRecord

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = SHARED / "seeds"
QUOTED = re.compile(r'"([^"]{12,})"')

pytestmark = pytest.mark.shared("seeds")


def folded(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def test_quoted_words_are_in_the_cited_documents() -> None:
    data = read_graph(REPO / "seeds", MODEL)
    files = {n.id: n.properties["file"] for n in data.nodes if "file" in n.properties}
    texts = {
        doc: folded((DOCUMENTS / file).read_text(encoding="utf-8")) for doc, file in files.items()
    }
    checked = 0
    items: list[NodeRecord | RelationshipRecord] = [*data.nodes, *data.relationships]
    for item in items:
        cited = [texts[s] for s in item.sources if s in texts]
        for quote in QUOTED.findall(item.properties.get("note", "")):
            assert any(folded(quote) in text for text in cited), quote
            checked += 1
    assert checked >= 4
