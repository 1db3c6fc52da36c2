"""Records become the same dicts as `Record.data()` gives, with or without graph values in them."""

import pytest

from graphsvc.store.database import Database
from graphsvc.store.rows import plain_row

pytestmark = pytest.mark.neo4j

STATEMENT = """
CREATE (a:PlainRowProbe {name: 'a'})-[r:PROBES {w: 1}]->(b:PlainRowProbe {name: 'b'})
WITH a, r, b
RETURN {label: 'x', node: properties(a), list: [1, 2.5, null, true, 'é']} AS plain,
       date('2024-05-01') AS day, [[a]] AS nested_node, {rel: r} AS rel_in_map, a AS node
"""


def test_plain_rows_match_the_drivers_export(empty_db: Database) -> None:
    with empty_db.session() as session:
        records = list(session.run(STATEMENT))
        session.run("MATCH (n:PlainRowProbe) DETACH DELETE n").consume()
    assert records
    for record in records:
        assert plain_row(record) == record.data()
        only_plain = record.__class__({"plain": record["plain"], "day": record["day"]})
        assert plain_row(only_plain) == only_plain.data()
