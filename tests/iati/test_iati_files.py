"""graphsvc carries the IATI schema it validates against; the tests carry the files they read."""

from pathlib import Path

from lxml import etree
from tests_support_files import IATI

import graphsvc
from graphsvc.cli.export import export_command
from graphsvc.iati.export import schema_for
from graphsvc.iati.schemas import ACTIVITY_SCHEMA

PACKAGE = Path(graphsvc.__file__).resolve().parent
REPO = PACKAGE.parent


def test_the_v203_schemas_are_package_data() -> None:
    schemas = ACTIVITY_SCHEMA.parent
    assert schemas.is_relative_to(PACKAGE)
    assert sorted(p.name for p in schemas.glob("*.xsd")) == [
        "iati-activities-schema.xsd",
        "iati-common.xsd",
        "iati-organisations-schema.xsd",
        "xml.xsd",
    ]
    assert "IATI/IATI-Schemas" in (schemas / "README.md").read_text(encoding="utf-8")
    example = etree.parse(str(IATI / "activity-standard-example-annotated.xml"))
    assert schema_for(ACTIVITY_SCHEMA).validate(example)


def test_export_validates_against_the_shipped_schema_by_default() -> None:
    (xsd,) = [p for p in export_command.params if p.name == "xsd"]
    assert xsd.default == ACTIVITY_SCHEMA


def test_the_iati_tests_read_only_committed_files() -> None:
    assert IATI.is_relative_to(REPO / "tests" / "data")
    for name in ("activities.xml", "activity-standard-example-annotated.xml"):
        assert (IATI / name).is_file() and name in (IATI / "README.md").read_text("utf-8")
