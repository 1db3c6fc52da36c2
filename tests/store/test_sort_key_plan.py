"""The name order of the lists comes from a range index, not from sorting every match.

A page by name is asked for its plan (EXPLAIN, so nothing runs): Neo4j must read the kind's
`name_sort` range index in order and stop at the limit, with no Sort or Top over all the nodes
(a PartialTop, which only orders rows of equal name by id, is what an ordered index read leaves).
"""

from typing import Any

import pytest

from graphsvc.model import MODEL
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.listing import Selection, page_statement

pytestmark = pytest.mark.neo4j


def spine(plan: Any) -> list[str]:
    """The operators that make the page's rows, outermost first (the driver's dict form).

    Each first child only: a second child is a per-row subquery (the Sources of one node,
    sorted among themselves), not the page.
    """
    found = [str(plan["operatorType"]).split("@")[0]]
    children = plan.get("children", [])
    return found + (spine(children[0]) if children else [])


def plan_of(database: Database, statement: str, parameters: dict[str, Any]) -> list[str]:
    with database.session() as session:
        summary = session.run(f"EXPLAIN {statement}", parameters).consume()
    assert summary.plan is not None
    return spine(summary.plan)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("after", [None, ("medcities", "medcities")])
def test_a_page_by_name_reads_the_sort_index_in_order(
    empty_db: Database, descending: bool, after: tuple[str, str] | None
) -> None:
    statement, parameters = page_statement(
        Selection("Institution"),
        sort="name",
        descending=descending,
        limit=21,
        after=after,
        with_sources=True,
    )
    ensure_schema(empty_db, MODEL)
    found = plan_of(empty_db, statement, parameters)
    assert any(op.startswith("NodeIndex") for op in found), found
    assert "Sort" not in found and "Top" not in found, " > ".join(found)
