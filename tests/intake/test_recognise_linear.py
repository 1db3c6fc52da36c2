"""Recognition takes work linear in the text, and stops when its budget is spent or cancelled.

Work is counted, not timed: every Python function call recognition makes (`sys.setprofile`), for a
text and for one four times as long. Linear work makes about four times the calls; the quadratic
scans this replaced (every mention against every sentence, every known name against every other)
made 5.8 and 13 times as many.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from graphsvc.errors import IntakeStopped
from graphsvc.intake.budget import Budget
from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownName, KnownNames, propose

NAMES = [KnownName(f"net-{i}", "Institution", f"Kalo Mira Network {i}") for i in range(50)]
KNOWN = KnownNames.build(NAMES)


def _sentences(count: int) -> str:
    """Many short sentences, each naming two known institutions, a city and a date."""
    rng = random.Random(3)
    return " ".join(
        f"The {rng.choice(NAMES).name} met the {rng.choice(NAMES).name} in Tunis on "
        f"{rng.randint(1, 28)} May 2024."
        for _ in range(count)
    )


def _run_on(count: int) -> str:
    """The same facts without a full stop: one sentence as long as the text."""
    rng = random.Random(3)
    return " ".join(
        f"the {rng.choice(NAMES).name} met the {rng.choice(NAMES).name} in Tunis on "
        f"{rng.randint(1, 28)} May 2024 and"
        for _ in range(count)
    )


def _calls(text: str) -> int:
    """How many Python function calls recognising `text` makes."""
    document = Document(text, "text", "counted", language="en")
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        propose(document, KNOWN)
    finally:
        sys.setprofile(None)
    return calls


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """What recognition reads once per process (the gazetteer) is read before counting."""
    propose(Document("The Municipality of Tunis met in Sfax.", "text", "warm"), KNOWN)


@pytest.mark.parametrize("make", [_sentences, _run_on], ids=["sentences", "run-on"])
def test_four_times_the_text_is_about_four_times_the_work(make: Callable[[int], str]) -> None:
    small, large = make(50), make(200)
    per_character = (_calls(large) / len(large)) / (_calls(small) / len(small))
    assert per_character < 1.1, f"work per character grew {per_character:.2f} times"


def test_a_spent_budget_stops_recognition_naming_where() -> None:
    budget = Budget(0.0)
    with pytest.raises(IntakeStopped, match="GRAPHSVC_INTAKE_BUDGET") as stopped:
        propose(Document(_sentences(20), "text", "late", language="en"), KNOWN, budget)
    assert "recognising" in str(stopped.value) and "nothing was written" in str(stopped.value)


def test_a_cancelled_budget_stops_recognition() -> None:
    budget = Budget(3600)
    budget.cancel("the server is stopping")
    with pytest.raises(IntakeStopped, match="the server is stopping"):
        propose(Document(_sentences(20), "text", "gone", language="en"), KNOWN, budget)
