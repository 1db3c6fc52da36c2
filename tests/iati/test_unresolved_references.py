"""References an IATI activity makes that the import cannot follow are reported, not dropped
silently: a placeholder organisation ref, an empty related-activity, and an organisation
resolved (through accepted merges) to a node that a later merge removed.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graphsvc.cli.app import cli
from graphsvc.iati.importer import import_iati
from graphsvc.model.identifiers import organisation_id
from graphsvc.resolution.candidates import scan
from graphsvc.resolution.merge import accept
from graphsvc.store.database import Database

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "unresolved-references.xml"
ALPHA = "Alpha Urban Cooperation Fund"


def quiet(_: str) -> None:
    pass


def test_placeholder_ref_and_empty_related_activity_are_warned(empty_db: Database) -> None:
    report = import_iati(empty_db, [FIXTURE], progress=quiet)
    assert report.imported == 1 and not report.skipped
    warned = {(w.entry, w.field): w for w in report.warnings}
    assert set(warned) == {
        ("XM-PUB-1", "participating-org[4]"),
        ("XM-PUB-1", "related-activity[1]"),
    }
    assert (
        "'N/A' is not an organisation identifier"
        in warned[("XM-PUB-1", "participating-org[4]")].message
    )
    assert all(w.file == FIXTURE.name and w.line for w in report.warnings)
    # The data is written as before: the implementer by its name, the child activity as a stub.
    rows = empty_db.read(
        "MATCH (o:Institution)-[r]->(:Programme {iati_identifier: 'XM-PUB-1'}) "
        "RETURN o.name AS name, o.org_ref AS ref, type(r) AS role ORDER BY name, role"
    )
    assert {"name": "Harbour Works Collective", "ref": None, "role": "IMPLEMENTS"} in rows
    children = empty_db.read(
        "MATCH (c:Programme)-[:PART_OF]->(:Programme {iati_identifier: 'XM-PUB-1'}) "
        "RETURN c.iati_identifier AS ref"
    )
    assert children == [{"ref": "XM-PUB-2"}]


def test_a_link_to_an_organisation_merged_away_twice_is_warned(empty_db: Database) -> None:
    import_iati(empty_db, [FIXTURE], progress=quiet)
    scan(empty_db)
    first, second, third = (
        organisation_id(ref, ALPHA) for ref in ("XM-AAA-1", "XM-BBB-2", "XM-CCC-3")
    )
    middle = accept(empty_db, first, second, "test")
    last = accept(empty_db, middle, third, "test")
    gone = {first, second, third} - {last}
    assert len(gone) == 2 and middle in gone
    # The next import resolves the first organisation to the survivor of the first merge,
    # which the second merge removed: its link cannot be written, and the import says so.
    report = import_iati(empty_db, [FIXTURE], progress=quiet)
    stale = [w for w in report.warnings if "no longer in the graph" in w.message]
    assert len(stale) == 1
    assert stale[0].entry == "XM-PUB-1" and stale[0].field is not None
    assert stale[0].field.startswith("participating-org[")
    assert middle in stale[0].message
    assert not empty_db.read("MATCH (n {id: $id}) RETURN n", id=middle)


def test_the_cli_prints_the_warnings(empty_db: Database) -> None:
    result = CliRunner().invoke(cli, ["--instance", "test", "import", "iati", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "warning: unresolved-references.xml activity XM-PUB-1" in result.output
    assert "related-activity[1]: names no activity" in result.output
    assert "1 of 1 activities imported" in result.output and "2 warnings." in result.output
