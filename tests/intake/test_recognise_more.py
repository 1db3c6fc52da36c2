"""The recogniser's broader rules, on sentences written for these tests in the four languages."""

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.recognise import KnownNames, propose


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
