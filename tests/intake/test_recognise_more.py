"""The recogniser's broader rules, on sentences written for these tests in the four languages."""

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.model.domain import PARTICIPATES_IN


def _propose(text: str, language: str = "en") -> Proposal:
    return propose(
        Document(text=text, format="text", origin="test", language=language), KnownNames.empty()
    )


def _names(proposal: Proposal, label: str) -> set[str]:
    return {e.name for e in proposal.entities if e.label == label}


def test_countries_in_each_language_under_their_english_name_with_iso_code() -> None:
    for language, text in [
        ("en", "Delegations from Morocco, Greece and Burkina Faso travelled together."),
        ("fr", "Des délégations du Maroc, de la Grèce et du Burkina Faso ont voyagé ensemble."),
        ("es", "Delegaciones de Marruecos, Grecia y Burkina Faso viajaron juntas."),
        ("ca", "Delegacions del Marroc, Grècia i Burkina Faso van viatjar juntes."),
    ]:
        proposal = _propose(text, language)
        assert _names(proposal, "Country") == {"Morocco", "Greece", "Burkina Faso"}, language
        morocco = next(e for e in proposal.entities if e.name == "Morocco")
        assert morocco.properties["iso_code"] == "MA"


def test_international_bodies_by_acronym_or_name_in_each_language() -> None:
    proposal = _propose("La UE y el PNUD apoyan a los municipios, dijo la Unión Europea.", "es")
    assert _names(proposal, "Institution") == {
        "European Union",
        "United Nations Development Programme",
    }
    eu = next(e for e in proposal.entities if e.name == "European Union")
    assert set(eu.properties["aliases"]) == {"UE", "Unión Europea"}
    assert _propose("Their ue was lost.").entities == ()


def test_a_name_defined_with_an_acronym_is_found_again_by_the_acronym() -> None:
    text = (
        "The Coastal Towns Observatory (CTO) met in spring. Later, CTO published a report. "
        "The word cto in lower case is nothing."
    )
    proposal = _propose(text)
    cto = next(e for e in proposal.entities if e.name == "Coastal Towns Observatory")
    assert cto.label == "Institution" and len(cto.evidence) == 3
    assert [ev.mention.of(text) for ev in cto.evidence].count("CTO") == 2


def test_an_acronym_that_does_not_abbreviate_the_name_defines_nothing() -> None:
    proposal = _propose("Green Harbour Partners (XYZ) met. XYZ agreed.")
    assert "Green Harbour Partners" not in _names(proposal, "Institution")


def test_head_words_make_institutions_in_each_language() -> None:
    cases = [
        ("en", "The Harbourside Municipality signed with the Northern Rivers Observatory.",
         {"Harbourside Municipality", "Northern Rivers Observatory"}),
        ("fr", "Le Département du Rhône-Est a reçu la Caisse des Communes Rurales.",
         {"Département du Rhône-Est", "Caisse des Communes Rurales"}),
        ("es", "La Diputación de Tierras Altas firmó con la Universidad de Monteverde.",
         {"Diputación de Tierras Altas", "Universidad de Monteverde"}),
        ("ca", "La Diputació de Terres Altes va signar amb la Universitat de Montverd.",
         {"Diputació de Terres Altes", "Universitat de Montverd"}),
    ]  # fmt: skip
    for language, text, expected in cases:
        assert expected <= _names(_propose(text, language), "Institution"), language


def test_every_actor_of_a_participation_sentence_takes_part_in_its_event() -> None:
    for language, text in [
        ("en", "The Harbour Network and Mr. John Smallwood took part in a workshop in Marseille."),
        ("fr", "Le Réseau Portuaire et M. Jean Petitbois ont participé à un atelier à Marseille."),
        ("es", "La Red Portuaria y el Sr. Juan Bosquecillo participaron en un taller en Marsella."),
        ("ca", "La Xarxa Portuària i el Sr. Joan Boscarró van participar en un taller a Marsella."),
    ]:
        proposal = _propose(text, language)
        names = {e.key: e.name for e in proposal.entities}
        participants = {
            names[r.source] for r in proposal.relationships if r.type == PARTICIPATES_IN.type
        }
        assert len(participants) == 2, (language, participants)
        assert not any(e.label == "City" and e.name in participants for e in proposal.entities)
