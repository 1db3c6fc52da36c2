"""A date's words are never proposed as a place.

The gazetteer holds towns named after months and weekdays ("March" in Cambridgeshire); "in March"
after a meeting is a date. Found by a curator in the review queue: "in March" came up as a City
in the United Kingdom. Sentences written for these tests.
"""

import pytest

from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownNames, propose


def _proposed(text: str, language: str) -> set[tuple[str, str]]:
    document = Document(text=text, format="text", origin="test", language=language)
    return {(e.label, e.name) for e in propose(document, KnownNames.empty()).entities}


@pytest.mark.parametrize(
    "text",
    [
        "The workshop of the Azur Foundation took place in March 2024 in Tunis.",
        "The Azur Foundation met the mayor of Sfax in March.",
    ],
)
def test_a_month_is_a_date_not_a_city(text: str) -> None:
    proposed = _proposed(text, "en")
    assert ("City", "March") not in proposed
    assert {name for label, name in proposed if label == "City"} <= {"Tunis", "Sfax"}
    assert any(label == "City" for label, _ in proposed)  # the real city is still found


def test_the_date_still_dates_the_event() -> None:
    document = Document(
        text="The workshop of the Azur Foundation took place in March 2024 in Tunis.",
        format="text",
        origin="test",
        language="en",
    )
    events = [e for e in propose(document, KnownNames.empty()).entities if e.label == "Event"]
    assert [e.properties.get("start_date") for e in events] == ["2024-03"]
    assert "March" not in events[0].name.split()[-1:]  # named after its place, not the month
