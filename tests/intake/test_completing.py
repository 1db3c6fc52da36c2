"""What a new entity needs before accepting, and the defaults review infers: pure, no server."""

from __future__ import annotations

from graphsvc.intake.category_cues import CATEGORY_CUES
from graphsvc.intake.completing import category_from_name, complete, country_link, needed
from graphsvc.intake.facts import EntityFact
from graphsvc.model import MODEL
from graphsvc.model.names import name_key


def test_every_cue_gives_a_category_of_the_models_vocabulary() -> None:
    for label, tables in CATEGORY_CUES.items():
        kind = MODEL.node_kind(label)
        assert kind is not None, label
        category = kind.property("category")
        assert category is not None and category.choices, label
        for language, cues in tables.items():
            for words, chosen in cues:
                assert chosen in category.choices, (label, language, words)
                assert words == name_key(words), f"{words!r} is compared folded"


def test_a_category_comes_from_the_name_in_any_language() -> None:
    assert category_from_name("Institution", "Municipality of Velmora", "en") == (
        "municipality",
        "municipality of",
    )
    assert category_from_name("Institution", "Fondation des Rives", "en") == (
        "foundation",
        "fondation",
    )
    assert category_from_name("Institution", "Brisk Alliance for Shores", "en") is None


def fact(label: str, name: str, **properties: object) -> EntityFact:
    return EntityFact(1, f"{label.lower()}-x", label, name, (), properties=dict(properties))


def test_a_city_gets_coordinates_and_a_country_from_the_gazetteer_marked_inferred() -> None:
    done = complete(fact("City", "Tetuán"), "es")
    assert done.properties["geonames_id"] == "2528910" and done.country == "MA"
    assert set(done.inferred) == {"latitude", "longitude", "geonames_id", "country_code"}
    assert country_link("City") == "IN_COUNTRY" and country_link("Institution") is None
    assert [p.name for p in needed(MODEL.node_kind("City"))] == ["latitude", "longitude"]  # type: ignore[arg-type]


def test_what_the_text_or_the_curator_gave_is_kept_and_not_called_inferred() -> None:
    done = complete(fact("Institution", "Harrow Foundation", category="ngo"), "en")
    assert done.properties == {"category": "ngo"} and done.inferred == {}
