"""The recogniser's known names come from the stored graph: every entity but the documents."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.model.domain import SOURCE
from graphsvc.store.database import Database
from graphsvc.store.known_names import known_names

pytestmark = pytest.mark.neo4j

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed_entries() -> dict[str, tuple[str, dict[str, Any]]]:
    """Id -> (label, entry) of every seed entity, read from the YAML files themselves."""
    entries = {}
    for file in SEEDS.glob("*.yaml"):
        for label, items in (yaml.safe_load(file.read_text()) or {}).items():
            if label != "relationships":
                entries.update({item["id"]: (label, item) for item in items or ()})
    return entries


def test_every_seed_entity_but_the_sources_with_its_kind_and_aliases(
    seeded_once: Database,
) -> None:
    names = {k.id: k for k in known_names(seeded_once)}
    expected = {i: e for i, e in _seed_entries().items() if e[0] != SOURCE.label}
    assert set(names) == set(expected)
    for id_, (label, entry) in expected.items():
        assert names[id_].label == label, id_
        assert names[id_].name == entry["name"], id_
        assert set(names[id_].aliases) == set(map(str, entry.get("aliases") or ())), id_


def test_the_stored_names_find_their_entities_in_a_text(seeded_once: Database) -> None:
    known = KnownNames.build(known_names(seeded_once))
    text = "Delegates of MedCités met the Center for Mediterranean Integration in Málaga."
    proposal = propose(Document(text=text, format="text", origin="test", language="en"), known)
    matched = {m for e in proposal.entities for m in e.matches}
    assert {"medcities", "cmi", "malaga"} <= matched
