"""Stored pages of links answer as sorting does, are really read, and only while current.

`graphsvc.store.link_pages` stores the first links of dense nodes, by the far end's name. Here
every node with two links of a type and direction counts as dense (`dense=1`) and pages hold 3
links, so that seeded lists are cut. Every stored list is asked for with `first` from 1 to 4
(4: longer than the page, sorted now), top-level (`links_of`, `supported_by`) and nested two
levels deep (`nodes_by_slug` with a plan), and compared with the answers once the pages are gone.
A page altered in place shows that lists read it; a write makes the pages stale, and the lists
answer with what the write added.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest
from browser_support import run_async

from graphsvc.config import Settings
from graphsvc.model import MODEL
from graphsvc.model.domain import PARTICIPATES_IN, PROVENANCE_TYPE
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.store import entities, link_pages
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database
from graphsvc.store.entities import LinkPlan, NodePlan
from graphsvc.store.writer import write_graph

pytestmark = pytest.mark.neo4j

PAGE = 3
NONE = 10**9
"""A density no node reaches: refreshing with it stores no page, and every list sorts."""


def parse(key: str) -> tuple[str, bool, str]:
    """A page's key as (type, outgoing, node id)."""
    for index, character in enumerate(key):
        if character in "<>":
            return key[:index], character == ">", key[index + 1 :]
    raise AssertionError(f"not a page key: {key}")


def lists(settings: Settings, pages: list[dict[str, Any]]) -> dict[Any, Any]:
    """Every stored list, asked with `first` 1 to PAGE + 1, top-level and nested."""
    grouped: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for page in pages:
        rel_type, outgoing, node = parse(page["key"])
        grouped[rel_type, outgoing].append(node)

    async def go() -> dict[Any, Any]:
        database = AsyncDatabase.create(settings, "test", 60)
        read = database.read
        found: dict[Any, Any] = {}
        try:
            for (rel_type, outgoing), nodes in sorted(grouped.items()):
                for first in range(1, PAGE + 2):
                    key = (rel_type, outgoing, first)
                    if rel_type == PROVENANCE_TYPE:
                        found[key] = await entities.supported_by(read, first, nodes)
                        continue
                    found[key] = await entities.links_of(read, rel_type, outgoing, first, nodes)
                    inner = LinkPlan(rel_type, outgoing, first, NodePlan())
                    plan = NodePlan(
                        links=(LinkPlan(rel_type, outgoing, first, NodePlan(links=(inner,))),)
                    )
                    found[key, "nested"] = await entities.nodes_by_slug(read, nodes, plan)
        finally:
            await database.close()
        return found

    return run_async(go())


def test_stored_pages_answer_as_sorting_does(
    seeded: object, empty_db: Database, settings: Settings
) -> None:
    pages = link_pages.refresh(empty_db, PAGE, dense=1)
    kinds = {parse(page["key"])[:2] for page in pages}
    assert (PROVENANCE_TYPE, False) in kinds and len(kinds) >= 5, kinds
    assert any(len(page["links"]) == PAGE for page in pages)
    read_from_pages = lists(settings, pages)
    assert link_pages.refresh(empty_db, PAGE, dense=NONE) == []
    sorted_now = lists(settings, pages)
    assert read_from_pages == sorted_now
    cut = [
        key
        for key, answers in sorted_now.items()
        if "nested" not in key and any(len(one) == key[2] < PAGE + 1 for one in answers)
    ]
    assert cut, "no stored list was cut by `first`"


def first_names(settings: Settings, node: str, rel_type: str, outgoing: bool) -> list[str]:
    async def go() -> list[str]:
        database = AsyncDatabase.create(settings, "test", 60)
        try:
            (links,) = await entities.links_of(database.read, rel_type, outgoing, PAGE, [node])
            return [link["end"]["node"]["id"] for link in links]
        finally:
            await database.close()

    return run_async(go())


def test_lists_read_pages_while_current(
    seeded: object, empty_db: Database, settings: Settings
) -> None:
    pages = link_pages.refresh(empty_db, PAGE, dense=1)
    attended = [p for p in pages if p["key"].startswith(f"{PARTICIPATES_IN.type}<")]
    chosen = next(page for page in attended if len(page["links"]) == PAGE)
    _, _, event = parse(chosen["key"])
    in_order = first_names(settings, event, PARTICIPATES_IN.type, False)
    assert len(in_order) == PAGE

    # Altered in place, without a write that bumps the data version: the list must follow it.
    empty_db.write(
        f"MATCH (p:`{link_pages.LINK_PAGE_LABEL}` {{key: $key}}) SET p.links = $links",
        key=chosen["key"],
        links=chosen["links"][::-1],
    )
    assert first_names(settings, event, PARTICIPATES_IN.type, False) == in_order[::-1]

    # A write bumps the data version: the page is stale, and the list sorts what is there now.
    origin = Origin("test", None)
    newcomer = "link-pages-newcomer"
    write_graph(
        empty_db,
        GraphData(
            (
                NodeRecord(
                    "Institution",
                    newcomer,
                    {"id": newcomer, "name": "AAA First partner", "aliases": []},
                    (),
                    origin,
                ),
            ),
            (RelationshipRecord(PARTICIPATES_IN.type, newcomer, event, {}, (), origin),),
        ),
        MODEL,
    )
    assert first_names(settings, event, PARTICIPATES_IN.type, False) == [newcomer, *in_order[:-1]]
