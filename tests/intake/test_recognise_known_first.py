"""The graph's knowledge first: a place the graph holds is never proposed as a new one.

Names read by a rule ("Municipality of X") or found in the gazetteer under another language's
spelling ("Barcelone") were proposed as new cities beside the known ones, and accepting them made
duplicates. Known names come from the seeded graph, as the service reads them.
"""

import pytest

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.recognise import KnownName, KnownNames, propose
from graphsvc.model.domain import CITY, COUNTRY
from graphsvc.store.database import Database
from graphsvc.store.known_names import known_names


def _propose(text: str, language: str, known: KnownNames) -> Proposal:
    return propose(Document(text=text, format="text", origin="test", language=language), known)


def _new(proposal: Proposal, label: str) -> list[str]:
    return [e.name for e in proposal.entities if e.label == label and not e.matches]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("text", "language", "city"),
    [
        ("The workshop was organised by the Municipality of Tunis.", "en", "tunis"),
        ("La conférence s'est tenue à Barcelone les 4 et 5 octobre 2018.", "fr", "barcelona"),
        ("El taller se celebró en Túnez con la Municipalidad de Sfax.", "es", "sfax"),
        ("عقد الاجتماع في تونس بمشاركة رؤساء البلديات.", "ar", "tunis"),
    ],
)
def test_known_cities_resolve_to_the_seeded_entities(
    seeded_once: Database, text: str, language: str, city: str
) -> None:
    proposal = _propose(text, language, KnownNames.build(known_names(seeded_once)))
    assert city in {m for e in proposal.entities if e.label == CITY.label for m in e.matches}
    assert _new(proposal, CITY.label) == []
    ends = {k for r in proposal.relationships for k in (r.source, r.target)}
    assert not any(k.startswith("city-") for k in ends), proposal.relationships


def test_a_city_known_under_one_spelling_is_found_under_the_gazetteers_others() -> None:
    """The gazetteer says "Barcelone" is GeoNames 3128760, the id of the known "Barcelona"."""
    known = KnownNames.build([KnownName("bcn", CITY.label, "Barcelona")])
    proposal = _propose("Le forum s'est tenu à Barcelone en mai.", "fr", known)
    assert [e.matches for e in proposal.entities if e.label == CITY.label] == [("bcn",)]
    assert _new(proposal, CITY.label) == []


def test_a_country_known_in_english_is_found_under_its_french_name() -> None:
    known = KnownNames.build([KnownName("tn", COUNTRY.label, "Tunisia")])
    proposal = _propose("Une mission s'est rendue en Tunisie.", "fr", known)
    assert [e.matches for e in proposal.entities if e.label == COUNTRY.label] == [("tn",)]


def test_a_body_named_after_a_known_place_stays_beside_it() -> None:
    """A known city inside a longer name a rule read does not swallow the body's name."""
    known = KnownNames.build([KnownName("barcelona", CITY.label, "Barcelona")])
    text = "El Ayuntamiento de Barcelona organiza un taller en Valencia el 3 de mayo."
    proposal = _propose(text, "es", known)
    names = {(e.label, e.name, e.matches) for e in proposal.entities}
    assert ("Institution", "Ayuntamiento de Barcelona", ()) in names
    assert (CITY.label, "Barcelona", ("barcelona",)) in names
