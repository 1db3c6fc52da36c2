"""The model is consistent, covers what the brief asks for, and is documented in docs/model.md."""

import ast
from pathlib import Path

from graphsvc.model import MODEL, domain
from graphsvc.model.docs import documented_section, model_markdown
from graphsvc.model.domain import INSTITUTION_CATEGORIES, SLUG_PATTERN
from graphsvc.model.types import PropertyType

MODEL_DOC = Path(__file__).resolve().parents[2] / "docs" / "model.md"


def test_required_node_kinds_exist() -> None:
    for label in (
        "Institution",
        "City",
        "Country",
        "Region",
        "Programme",
        "Event",
        "Person",
        "Theme",
        "Source",
    ):
        kind = MODEL.node_kind(label)
        assert kind is not None, label
        assert {"id", "name", "aliases"} <= {p.name for p in kind.properties}


def test_institution_categories_cover_the_brief() -> None:
    for category in (
        "municipality",
        "city-network",
        "multilateral-agency",
        "bilateral-cooperation-agency",
        "ngo",
        "association",
        "foundation",
        "research-centre",
    ):
        assert category in INSTITUTION_CATEGORIES


def test_every_relationship_kind_records_its_sources() -> None:
    for rel in MODEL.relationship_kinds:
        sources = rel.property("sources")
        assert sources is not None and sources.required, rel.type


def test_relationships_connect_the_expected_kinds() -> None:
    funds = MODEL.relationship_kind("FUNDS")
    assert funds is not None and funds.allows("Institution", "Programme")
    assert not funds.allows("City", "Programme")
    represents = MODEL.relationship_kind("REPRESENTS")
    assert represents is not None and represents.property("role") is not None
    part_of = MODEL.relationship_kind("PART_OF")
    assert part_of is not None and part_of.allows("Event", "Programme")
    assert part_of.allows("Programme", "Programme")


def test_dates_are_partial_and_cities_have_coordinates() -> None:
    event = MODEL.node_kind("Event")
    assert event is not None
    start = event.property("start_date")
    assert start is not None and start.type is PropertyType.PARTIAL_DATE
    city = MODEL.node_kind("City")
    assert city is not None
    assert all(
        city.property(name) for name in ("latitude", "longitude", "geonames_id", "wikidata_id")
    )


def test_ids_are_slugs() -> None:
    kind = MODEL.node_kind("Institution")
    assert kind is not None
    id_property = kind.property("id")
    assert id_property is not None and id_property.pattern == SLUG_PATTERN


def test_documented_model_tables_are_current() -> None:
    section = documented_section(MODEL_DOC.read_text(encoding="utf-8"))
    assert section is not None, "docs/model.md lacks the <!-- model:start/end --> markers"
    stale = "docs/model.md's model tables are stale: paste the output of `graphsvc model` there"
    assert section == model_markdown(MODEL), stale
    for name in (*MODEL.labels, *MODEL.relationship_types):
        assert f"| `{name}` |" in section


def test_groups_of_kinds_are_the_kinds_declared_roles() -> None:
    """ACTORS, UNDERTAKINGS and PLACES name relationship ends; a kind's roles are their only
    source, so a kind given a role is joined by every relationship of that role."""
    source = ast.parse(Path(domain.__file__).read_text(encoding="utf-8"))
    for name, role in (("ACTORS", "actor"), ("UNDERTAKINGS", "undertaking"), ("PLACES", "place")):
        assert getattr(domain, name) == MODEL.kinds_in(role), name
        assigned = [
            node.value
            for node in source.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        ]
        assert assigned and not any(isinstance(v, ast.Tuple) for v in assigned), (
            f"{name} is a hand-written list of labels"
        )
