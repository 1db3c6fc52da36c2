"""The document's text folded as `name_key` folds names, with a map back to the original offsets.

Matching folded text lets "Malaga" find Málaga and "MEDCITIES" find MedCités; the map lets every
match point at the words as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graphsvc.model.names import name_key

_APOSTROPHES = frozenset("'’‘`´ʼ")
_ARABIC_PROCLITICS = frozenset(("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"))
"""Letters Arabic joins to the word after them ("and", "so", "in", "for", "like"), folded:
"بتونس" is "in Tunis", and a name found after them starts a word all the same."""


def is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return ""
    folded = name_key(char)
    return folded if folded else " "


@dataclass(frozen=True)
class FoldedText:
    """`text` folded; `starts[i]`/`ends[i]` are the original offsets of folded character i."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original `[start, end)` of the folded `[start, end)`."""
        return self.starts[start], self.ends[end - 1]

    def is_word_boundary(self, start: int, end: int) -> bool:
        return (start == 0 or self.text[start - 1] == " ") and (
            end == len(self.text) or self.text[end] == " "
        )

    def clitic_before(self, start: int) -> str | None:
        """The Arabic proclitic letters joined before `start` ("" at a word's start), or None."""
        word_start = self.text.rfind(" ", 0, start) + 1
        before = self.text[word_start:start]
        if not before:
            return ""
        if start < len(self.text) and is_arabic(self.text[start]) and before in _ARABIC_PROCLITICS:
            return before
        return None

    def is_name_boundary(self, start: int, end: int) -> bool:
        """A word boundary, or a name in Arabic script right after a proclitic ("بتونس")."""
        return self.clitic_before(start) is not None and (
            end == len(self.text) or self.text[end] == " "
        )


def fold(text: str) -> FoldedText:
    """Fold `text` character by character; runs of separators become one space."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        for piece in folded:
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return FoldedText("".join(out), tuple(starts), tuple(ends))
