"""IATI import on the real sample files in tests/data/iati, against the real test Neo4j."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from tests_support_files import IATI

from graphsvc.errors import IatiFileError, SeedError
from graphsvc.iati.importer import import_iati
from graphsvc.iati.trace import MoneyTrace, trace_money
from graphsvc.model import MODEL
from graphsvc.store.database import Database
from graphsvc.store.queries import graph_counts

ACTIVITIES = IATI / "activities.xml"
EXAMPLE = IATI / "activity-standard-example-annotated.xml"


def quiet(_: str) -> None:
    pass


def snapshot(database: Database) -> str:
    return json.dumps(graph_counts(database, MODEL), sort_keys=True)


def test_real_file_imports_all_but_the_broken_activities(empty_db: Database) -> None:
    report = import_iati(empty_db, [ACTIVITIES], progress=quiet)
    assert report.activities == {"activities.xml": 100}
    assert report.imported == 98
    skipped = {s.identifier: s.problems for s in report.skipped}
    assert set(skipped) == {"GB-CHC-220949-D353", "NO-BRC-977538319_X9SM1403"}
    assert "no default-currency" in skipped["GB-CHC-220949-D353"][0].message
    assert skipped["NO-BRC-977538319_X9SM1403"][0].field == "participating-org[2]"
    assert all(p.file == "activities.xml" and p.line for p in skipped["GB-CHC-220949-D353"])


def test_roles_as_the_file_states_them(empty_db: Database) -> None:
    import_iati(empty_db, [ACTIVITIES], progress=quiet)
    rows = empty_db.read(
        "MATCH (p:Programme {iati_identifier: 'XI-IATI-EC_DEVCO-2007/191-971'})<-[r]-(o) "
        "WHERE o:Institution RETURN type(r) AS role, o.org_ref AS ref, o.name AS name"
    )
    roles = {(row["role"], row["ref"]) for row in rows}
    # The EC (DEVCO) funds and reports it, the European Development Fund extends it.
    assert ("FUNDS", "XI-IATI-EC_DEVCO") in roles and ("REPORTS", "XI-IATI-EC_DEVCO") in roles
    assert ("EXTENDS", "XT-IATI-EC_DEVCO") in roles
    # An implementer without an identifier is kept, named as given, and marked unresolved.
    unresolved = empty_db.read(
        "MATCH (o:Institution)-[:IMPLEMENTS]->(:Programme {iati_identifier: "
        "'XI-IATI-EC_DEVCO-2007/191-971'}) RETURN o.org_ref AS ref, o.name AS name, "
        "o.note AS note"
    )
    assert [(row["ref"], row["name"]) for row in unresolved] == [(None, "EC_DEVCO")]
    assert "not yet resolved" in unresolved[0]["note"]


def test_legacy_codes_and_cross_publisher_links(empty_db: Database) -> None:
    import_iati(empty_db, [ACTIVITIES], progress=quiet)
    legacy = empty_db.read(
        "MATCH (t:Transaction)-[:RECORDED_IN]->(p:Programme {iati_identifier: "
        "'US-501c3-522318905-SG-1120091252354'}) RETURN t.transaction_type AS type, "
        "t.value AS value, t.currency AS currency"
    )
    # A 1.04 activity: letter code C is an outgoing commitment, role "Funding" is role 1.
    assert legacy == [{"type": "outgoing-commitment", "value": 98325.6441968, "currency": "USD"}]
    funders = empty_db.read(
        "MATCH (o:Institution)-[:FUNDS]->(:Programme {iati_identifier: "
        "'US-501c3-522318905-SG-1120091252354'}) RETURN o.name AS name"
    )
    assert funders == [{"name": "Norway Ministry of Foreign Affairs"}]
    links = empty_db.read(
        "MATCH (t:Transaction)-[:FROM_ACTIVITY]->(a), (t)-[:RECORDED_IN]->(b) WHERE a <> b "
        "RETURN count(*) AS links, count(DISTINCT a) AS providers"
    )[0]
    # Receivers name their providers' activities, which are not in the file: one-sided links,
    # kept, with each provider activity as a stub to be filled by a later import.
    assert links == {"links": 49, "providers": 3}


def test_cross_publisher_money_in_the_real_sample(empty_db: Database) -> None:
    import_iati(empty_db, [ACTIVITIES], progress=quiet)
    trace = asyncio.run(sync_trace(empty_db, "Netherlands"))
    # The Netherlands publishes nothing here; UNICEF's activities record its money as incoming
    # funds, which is how the trace finds them.
    assert {step.publisher for step in trace.steps} == {"UNICEF"}
    assert len(trace.steps) == 5
    assert trace.from_funder() == {"incoming-funds": {"USD": 7871005.0}}


def test_import_is_idempotent_and_records_its_sources(empty_db: Database) -> None:
    import_iati(empty_db, [ACTIVITIES], progress=quiet)
    first = snapshot(empty_db)
    import_iati(empty_db, [ACTIVITIES], progress=quiet)
    assert snapshot(empty_db) == first
    unsupported = empty_db.read(
        "MATCH (n:Entity) WHERE NOT n:Source AND NOT (n)-[:SUPPORTED_BY]->() RETURN count(n) AS n"
    )[0]["n"]
    assert unsupported == 0
    source = empty_db.read(
        "MATCH (s:Source {publisher: 'XI-IATI-EC_DEVCO'}) RETURN s.file AS file, "
        "s.last_updated AS updated, s.category AS category"
    )[0]
    assert source["file"] == "activities.xml" and source["category"] == "iati-file"
    assert source["updated"].startswith("20")


@pytest.mark.parametrize(
    "content",
    [
        b"this is not XML",
        b"<iati-activities><iati-activity><iati-identifier>X-1</iati-identifier>",
        b"<root/>",
    ],
)
def test_broken_files_change_nothing(empty_db: Database, tmp_path: Path, content: bytes) -> None:
    import_iati(empty_db, [EXAMPLE], progress=quiet)
    before = snapshot(empty_db)
    broken = tmp_path / "broken.xml"
    broken.write_bytes(content)
    with pytest.raises(IatiFileError, match=r"broken\.xml"):
        import_iati(empty_db, [ACTIVITIES, broken], progress=quiet)
    assert snapshot(empty_db) == before


def test_strict_mode_refuses_any_problem_before_writing(empty_db: Database) -> None:
    before = snapshot(empty_db)
    with pytest.raises(SeedError) as raised:
        import_iati(empty_db, [ACTIVITIES], strict=True, progress=quiet)
    assert len(raised.value.problems) >= 2
    assert snapshot(empty_db) == before


TWO_PUBLISHERS = Path(__file__).resolve().parents[1] / "data" / "two-publishers.xml"
"""Two publishers: a funder committing and disbursing to a city network's activity, which
reports the same money as incoming funds."""


async def sync_trace(database: Database, funder: str) -> MoneyTrace:
    async def read(query: str, **parameters: object) -> list[dict[str, Any]]:
        return database.read(query, **parameters)

    return await trace_money(read, funder, depth=3)


def test_money_is_traced_across_publishers_and_counted_once(empty_db: Database) -> None:
    from tests_support_seeds import load_seeds

    load_seeds(empty_db)
    report = import_iati(empty_db, [TWO_PUBLISHERS], progress=quiet)
    assert report.imported == 2 and report.mirrors == 1
    trace = asyncio.run(sync_trace(empty_db, "XM-FUNDER"))
    steps = {step.iati_identifier: step for step in trace.steps}
    assert steps["XM-FUNDER-1"].depth == 1 and steps["XM-CITYNET-7"].depth == 2
    # The city network's record of the 200,000 the funder disbursed is the same money.
    assert steps["XM-CITYNET-7"].mirrored == {"incoming-funds": {"EUR": 200000.0}}
    assert trace.totals() == {
        "disbursement": {"EUR": 200000.0},
        "expenditure": {"EUR": 150000.0},
        "outgoing-commitment": {"EUR": 500000.0},
    }
    # Tunisia is the curated country, found by its ISO code, not a copy of it.
    assert steps["XM-CITYNET-7"].places == ["Tunisia"]
    # What reached the city network from the fund: the commitment and the disbursement as the
    # fund recorded them (the network's own record of the disbursement is not added again).
    assert steps["XM-CITYNET-7"].received == {
        "outgoing-commitment": {"EUR": 500000.0},
        "disbursement": {"EUR": 200000.0},
    }
    assert steps["XM-CITYNET-7"].receivers == ["Municipality of Sfax"]
