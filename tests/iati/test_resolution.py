"""Entity resolution on the real sample: exact ids, the curated alias table, the review queue,
merges that keep every name and source, and undo."""

from __future__ import annotations

import json

import pytest
from tests_support_files import IATI
from tests_support_seeds import load_seeds

from graphsvc.iati.importer import import_iati
from graphsvc.resolution.candidates import scan
from graphsvc.resolution.merge import accept, pending, reject, undo
from graphsvc.store.database import Database

ACTIVITIES = IATI / "activities.xml"


def quiet(_: str) -> None:
    pass


@pytest.fixture
def imported(empty_db: Database) -> Database:
    load_seeds(empty_db)
    import_iati(empty_db, [ACTIVITIES], progress=quiet)
    return empty_db


def graph_state(database: Database) -> str:
    nodes = database.read(
        "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id"
    )
    for node in nodes:
        node["labels"] = sorted(node["labels"])
        node["p"]["aliases"] = sorted(node["p"].get("aliases", []))
        node["p"]["lookup_keys"] = sorted(node["p"].get("lookup_keys", []))
    links = database.read(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, "
        "b.id AS b, properties(r) AS p ORDER BY a, t, b"
    )
    return json.dumps([nodes, links], sort_keys=True, default=str)


def pair(database: Database, left_name: str, right_name: str) -> tuple[str, str]:
    for row in pending(database):
        if {row["left_name"], row["right_name"]} == {left_name, right_name}:
            return row["left"], row["right"]
    raise AssertionError(f"no candidate pair {left_name} / {right_name}")


def test_exact_identifier_and_alias_table_link_to_curated_entries(imported: Database) -> None:
    eu = imported.read(
        "MATCH (e:Institution {id: 'european-union'}) "
        "OPTIONAL MATCH (e)-[:FUNDS]->(p:Programme) "
        "RETURN e.name AS name, e.note STARTS WITH 'The EU' AS curated_note, "
        "count(p) AS funds"
    )
    # XI-IATI-EC_DEVCO is the curated EU's identifier: its 10 IATI activities join the EU's
    # node (with MC2CM from the documents), which keeps its curated name and note.
    assert eu == [{"name": "European Union", "curated_note": True, "funds": 11}]
    sdc = imported.read(
        "MATCH (s:Institution {id: 'swiss-development-cooperation'})"
        "-[:REPORTS]->(p:Programme) RETURN p.iati_identifier AS id"
    )
    assert sdc == [{"id": "CH-4-2015002496"}]
    copies = imported.read(
        "MATCH (i:Institution) WHERE i.org_ref IN ['XI-IATI-EC_DEVCO', 'CH-4'] "
        "RETURN collect(i.id) AS ids"
    )[0]["ids"]
    assert sorted(copies) == ["european-union", "swiss-development-cooperation"]


def test_review_queue_proposes_likely_duplicates(imported: Database) -> None:
    queue = pending(imported)
    assert queue and all(row["status"] == "pending" for row in queue)
    pair(imported, "World Health Organisation", "World Health Organization")
    assert all(row["score"] >= 88 for row in queue)


def test_accept_keeps_names_and_sources_and_undo_restores(imported: Database) -> None:
    left, right = pair(imported, "World Health Organisation", "World Health Organization")
    before = graph_state(imported)
    names = {
        row["id"]: row["name"]
        for row in imported.read(
            "MATCH (i:Institution) WHERE i.id IN $ids RETURN i.id AS id, i.name AS name",
            ids=[left, right],
        )
    }
    survivor = accept(imported, left, right, "test")
    gone = left if survivor == right else right
    assert imported.read("MATCH (i {id: $id}) RETURN i", id=gone) == []
    kept = imported.read(
        "MATCH (i:Institution {id: $id}) RETURN i.aliases AS aliases", id=survivor
    )[0]["aliases"]
    assert names[gone] in kept
    assert (
        imported.read(
            "MATCH (i:Institution {id: $id}) RETURN size([(i)-[r]-() | r]) AS links", id=survivor
        )[0]["links"]
        > 0
    )
    undo(imported, left, right, "test")
    assert graph_state(imported) == before


def test_decisions_are_reused_by_scans_and_imports(imported: Database) -> None:
    left, right = pair(imported, "World Health Organisation", "World Health Organization")
    reject(imported, left, right, "test")
    assert scan(imported) == 0
    assert import_iati(imported, [ACTIVITIES], progress=quiet).candidates == 0
    first, second = pair(imported, "International Medical Corps UK", "International Medical Corps")
    survivor = accept(imported, first, second, "test")
    gone = first if survivor == second else second
    import_iati(imported, [ACTIVITIES], progress=quiet)
    # The next import links to the survivor instead of bringing the merged copy back.
    assert imported.read("MATCH (i {id: $id}) RETURN i", id=gone) == []
