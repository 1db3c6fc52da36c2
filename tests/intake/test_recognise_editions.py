"""Events named without a cue word: named editions and launches, in the four languages.

Sentences written for these tests.
"""

import pytest

from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownNames, propose


def _events(text: str, language: str) -> set[str]:
    document = Document(text=text, format="text", origin="test", language=language)
    return {e.name for e in propose(document, KnownNames.empty()).entities if e.label == "Event"}


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        (
            "en",
            "Mayors will speak at Urbania IV and at WUF 12 next year.",
            {"Urbania IV", "WUF 12"},
        ),
        ("fr", "Les villes seront présentes à Urbania IV et au WUF 12.", {"Urbania IV", "WUF 12"}),
        ("es", "Las ciudades estarán en Urbania IV y en el WUF 12.", {"Urbania IV", "WUF 12"}),
        ("ca", "Les ciutats seran a Urbania IV i al WUF 12.", {"Urbania IV", "WUF 12"}),
    ],
)
def test_a_name_followed_by_an_edition_number_is_an_event(
    language: str, text: str, names: set[str]
) -> None:
    assert names <= _events(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Phase II of the plan starts on May 22, as Article 5 says."),
        ("fr", "La Phase II commence, selon l'Article 5."),
        ("es", "La Fase II empieza, según el Artículo 5."),
        ("ca", "La Fase II comença, segons l'Article 5."),
    ],
)
def test_numbered_nouns_and_months_are_no_edition(language: str, text: str) -> None:
    assert _events(text, language) == set()


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        (
            "en",
            "Mayors attended the launch of the Harbour Regional Assembly.",
            "Launch of the Harbour Regional Assembly",
        ),
        ("fr", "Les maires ont assisté au Lancement du Réseau Azur.", "Lancement du Réseau Azur"),
        (
            "es",
            "Los alcaldes asistieron a la Inauguración de la Red Azur.",
            "Inauguración de la Red Azur",
        ),
        (
            "ca",
            "Els alcaldes van assistir al Llançament de la Xarxa Atzur.",
            "Llançament de la Xarxa Atzur",
        ),
    ],
)
def test_the_launch_of_a_named_body_is_an_event(language: str, text: str, name: str) -> None:
    assert name in _events(text, language)


def test_the_opening_of_a_named_conference_is_that_conference() -> None:
    events = _events("Mayors spoke at the opening of the Azur Annual Conference.", "en")
    assert not any(name.startswith("Opening") for name in events)
