"""A pasted text's headline as its title: pure, no server."""

from __future__ import annotations

from graphsvc.intake.headline import headline


def test_the_first_short_line_that_is_not_a_sentence_is_the_headline() -> None:
    text = (
        "URL: https://news.example/a\nSource: a copy\n\n12/03/2023\n\n"
        "Towns of the coast meet\n\nOn 12 March they met."
    )
    assert headline(text) == "Towns of the coast meet"


def test_a_text_that_starts_with_its_body_has_no_headline() -> None:
    assert headline("On 12 March the towns met in Tétouan.\nThey agreed.") is None
    assert headline("Tunis\n\nThe towns met.") is None  # one word is a place, not a headline
