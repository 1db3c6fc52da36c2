"""Sentences with their offsets: every proposed fact cites the sentence it was read from.

A sentence ends at `.`, `!` or `?` followed by a space and an upper-case letter, a digit or a
quote, or at a blank line or a line break before a short heading. Titles and abbreviations that
take a full stop ("Mr.", "M.", "Sr.", "Dr.", "e.g.") never end a sentence, nor does a single
initial ("J. Smith").
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.model.names import name_key

ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "mt",
        "no",
        "vs",
        "etc",
        "eg",
        "ie",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
        "sra",
        "srs",
        "sres",
        "dra",
        "mme",
        "mlle",
        "mm",
        "m",
        "dn",
        "d",
        "pr",
        "av",
        "avda",
        "art",
        "núm",
        "sto",
        "sta",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "dept",
        "gen",
        "gov",
        "hon",
        "rev",
    }
)
"""Words (folded, without their full stop) after which a full stop ends no sentence."""

MAX_SENTENCE = 2_000
"""The longest sentence recognition looks at as one (in characters); a longer one is cut."""
_END = re.compile(r"[.!?…]+[\"'”’»)]*(?=\s+[\"'“‘«(]?[A-ZÀ-ÖØ-Þ0-9¿¡])|\n\s*\n")
_WORD_BEFORE = re.compile(r"(\w+)\.?$")


def split_sentences(text: str) -> list[Span]:
    """The sentences of `text` as spans, leading and trailing spaces left out."""
    spans: list[Span] = []
    start = 0
    for end in _END.finditer(text):
        if end.group().startswith((".",)) and _is_abbreviation(text, end.start()):
            continue
        _add(text, start, end.end(), spans)
        start = end.end()
    _add(text, start, len(text), spans)
    return [
        bounded for span in spans for piece in _lines(text, span) for bounded in _cut(text, piece)
    ]


def _cut(text: str, span: Span) -> list[Span]:
    """A sentence longer than MAX_SENTENCE as pieces of at most that length, cut at spaces.

    No sentence a person writes is that long; a text without full stops (a list, a table, a page
    of numbers) would otherwise be one sentence, and the work on one sentence grows with the
    square of the mentions in it.
    """
    pieces: list[Span] = []
    start = span.start
    while span.end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        space = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit))
        end = space if space > start + MAX_SENTENCE // 2 else limit
        _add(text, start, end, pieces)
        start = end
    _add(text, start, span.end, pieces)
    return pieces


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text[max(0, dot - 12) : dot])
    if word is None:
        return False
    token = word.group(1)
    return token.casefold() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _lines(text: str, span: Span) -> list[Span]:
    """A sentence spanning a line break after a heading (no final stop) is two sentences."""
    pieces: list[Span] = []
    start = span.start
    for newline in re.finditer(r"\n", text[span.start : span.end]):
        at = span.start + newline.start()
        before = text[start:at].rstrip()
        if before and before[-1] not in ",;:-–(" and not before[-1].islower():
            _add(text, start, at, pieces)
            start = at + 1
    _add(text, start, span.end, pieces)
    return pieces


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def fold_sentence(text: str, sentence: Span) -> str:
    """The sentence with accents folded but offsets kept (one character for one)."""
    return "".join(_folded_character(c) for c in text[sentence.start : sentence.end])


@lru_cache(maxsize=8192)
def _folded_character(char: str) -> str:
    """One character as `name_key` folds it, or itself when it folds to nothing (a space, a dot).

    Cached: a document has few distinct characters, and folding each one anew through
    `name_key` took two thirds of recognition's time.
    """
    return (name_key(char) or char)[0]
