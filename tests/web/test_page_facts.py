"""How the pages cut a document into highlighted sentences and write amounts and link words."""

from __future__ import annotations

from graphsvc.model.domain import FUNDS, PARTICIPATES_IN
from graphsvc.web.entity import section_of
from graphsvc.web.facts import money, reader_words
from graphsvc.web.source import Segment, highlighted


def test_overlapping_sentences_become_one_marked_stretch_with_every_number() -> None:
    text = "One. Two three. Four."
    segments = highlighted(text, [(5, 15, 2), (0, 4, 1), (9, 15, 3), (50, 60, 9), (3, 3, 8)])
    assert segments == [
        Segment("One.", (1,)),
        Segment(" "),
        Segment("Two three.", (2, 3)),
        Segment(" Four."),
    ]
    assert "".join(s.text for s in segments) == text
    assert segments[2].anchor == "sentence-2"


def test_amounts_are_written_out() -> None:
    assert money(1200000.0, "EUR") == "€1,200,000"
    assert money(1500, "CHF") == "1,500 CHF"
    assert money(2.5, None) == "2.50"
    assert money(None, "EUR") == ""


def test_links_read_from_either_end_and_group_by_meaning() -> None:
    assert reader_words(FUNDS.type, True) == "funds"
    assert reader_words(FUNDS.type, False) == "funded by"
    assert section_of(FUNDS.type, "Programme") == "Funding"
    assert section_of(PARTICIPATES_IN.type, "Event") == "Events"
    assert section_of(PARTICIPATES_IN.type, "City") == "Partners and networks"
