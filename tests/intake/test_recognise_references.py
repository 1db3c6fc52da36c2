"""The document's event or programme spoken of without its name, phrases over lists, and the
gazetteer's choice between a city's own name and another city's alternate name; on sentences
written for these tests (invented bodies, real gazetteer cities)."""

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.intake.recognise.places import lookup
from graphsvc.model.domain import BASED_IN, ORGANISES


def _propose(text: str, language: str = "en") -> Proposal:
    return propose(
        Document(text=text, format="text", origin="test", language=language), KnownNames.empty()
    )


def _links(proposal: Proposal, kind: str) -> set[tuple[str, str]]:
    names = {e.key: e.name for e in proposal.entities}
    return {(names[r.source], names[r.target]) for r in proposal.relationships if r.type == kind}


def test_the_event_as_implicit_object_of_a_phrase_in_each_language() -> None:
    for language, text, organiser in [
        (
            "en",
            "A workshop took place in Valencia on 4 May 2021. "
            "The event was organised by the Harbour Towns Network.",
            "Harbour Towns Network",
        ),
        (
            "fr",
            "Un atelier a eu lieu à Valence le 4 mai 2021. "
            "L'événement a été organisé par le Réseau des Villes Portuaires.",
            "Réseau des Villes Portuaires",
        ),
        (
            "es",
            "Un taller tuvo lugar en Valencia el 4 de mayo de 2021. "
            "El evento fue organizado por la Red de Ciudades Portuarias.",
            "Red de Ciudades Portuarias",
        ),
    ]:
        proposal = _propose(text, language)
        events = [e.name for e in proposal.entities if e.label == "Event"]
        assert events, language
        assert (organiser, events[0]) in _links(proposal, ORGANISES.type), language


def test_a_phrase_speaks_of_its_list_and_not_of_what_follows() -> None:
    proposal = _propose(
        "Delegates came from the Municipality of Lyon from France, "
        "the Municipality of Turin from Italy and the Municipality of Porto from Portugal."
    )
    based = _links(proposal, BASED_IN.type)
    assert ("Municipality of Lyon", "France") in based
    assert ("Municipality of Turin", "Italy") in based
    assert ("Municipality of Turin", "France") not in based
    assert ("Municipality of Porto", "Italy") not in based


def test_a_city_own_name_wins_over_another_city_alternate_name() -> None:
    porto = lookup("Porto")
    assert porto is not None and porto.country_code == "PT"
    tetouan = lookup("Tetuán")
    assert tetouan is not None and tetouan.country_code == "MA"
