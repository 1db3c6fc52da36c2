"""A document's text cut into pieces, the mentions of proposed facts marked.

The template writes each piece as text (autoescaped) and wraps a mention in `<mark>`: no HTML is
ever built from the document, so a hostile text stays text. Overlapping mentions (a name inside
a phrase) become one mark naming every fact it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    """A stretch of the text; `facts` are the numbers of the facts it mentions (none: plain)."""

    text: str
    facts: tuple[int, ...] = ()
    anchor: str | None = None
    """The mark's id in the page, for a link from a fact to its words."""


def pieces(text: str, mentions: Iterable[tuple[int, int, int]]) -> list[Piece]:
    """`text` cut at the mentions, given as (fact number, start, end) offsets into it."""
    spans = sorted(
        (max(0, start), min(len(text), end), number)
        for number, start, end in mentions
        if 0 <= start < end
    )
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, number in spans:
        if merged and start < merged[-1][1]:
            last_start, last_end, numbers = merged[-1]
            merged[-1] = (last_start, max(last_end, end), [*numbers, number])
        else:
            merged.append((start, end, [number]))
    found: list[Piece] = []
    at = 0
    for start, end, numbers in merged:
        if start > at:
            found.append(Piece(text[at:start]))
        found.append(Piece(text[start:end], tuple(sorted(set(numbers))), f"mention-{len(found)}"))
        at = end
    if at < len(text):
        found.append(Piece(text[at:]))
    return found


def anchors(found: Iterable[Piece]) -> dict[int, str]:
    """Each fact's first mark in the text, for a link from the fact to its words."""
    first: dict[int, str] = {}
    for piece in found:
        for number in piece.facts:
            if piece.anchor is not None:
                first.setdefault(number, piece.anchor)
    return first
