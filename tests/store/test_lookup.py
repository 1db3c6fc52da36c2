"""Name lookup over the stored graph ignores accents, case and punctuation, and finds aliases."""

import pytest

from graphsvc.errors import ConfigError
from graphsvc.ingest.loader import LoadResult
from graphsvc.model import MODEL
from graphsvc.store.database import Database
from graphsvc.store.queries import find_by_name

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize(
    ("typed", "expected_id"),
    [
        ("Malaga", "malaga"),
        ("MÁLAGA", "malaga"),
        ("medcites", "medcities"),
        ("Medcities", "medcities"),
        ("CMI", "cmi"),
        ("Center for Mediterranean Integration", "cmi"),
        ("JWP", "mena-jwp"),
        ("Joint Work Program", "mena-jwp"),
        ("Gabes", "gabes"),
        ("msaken", "msaken"),
        ("MC2CM", "mc2cm"),
        ("تونس", "tunis"),
        ("تُونِس", "tunis"),
        ("صفاقس", "sfax"),
    ],
)
def test_every_spelling_finds_its_entity_first(
    seeded: LoadResult, empty_db: Database, typed: str, expected_id: str
) -> None:
    matches = find_by_name(empty_db, MODEL, typed)
    assert matches, typed
    assert matches[0].id == expected_id
    assert matches[0].exact


def test_kinds_filter_and_partial_words(seeded: LoadResult, empty_db: Database) -> None:
    matches = find_by_name(empty_db, MODEL, "malaga", kinds=["Programme"])
    assert [m.id for m in matches] == ["malaga-strategic-plan"]
    assert not matches[0].exact


def test_lucene_syntax_is_inert(seeded: LoadResult, empty_db: Database) -> None:
    assert find_by_name(empty_db, MODEL, 'name:* OR "x') == []
    assert find_by_name(empty_db, MODEL, "   ") == []


def test_unknown_kind_is_refused(seeded: LoadResult, empty_db: Database) -> None:
    with pytest.raises(ConfigError, match="unknown kinds"):
        find_by_name(empty_db, MODEL, "tunis", kinds=["Funder; DROP"])
