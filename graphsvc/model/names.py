"""Name normalisation: how "Malaga" finds Málaga and "medcites" finds MedCités.

Lookups compare normalised keys rather than raw names, so that accents, case, apostrophes and
punctuation never decide whether an entity is found. Stored names keep their accents; only keys are
folded.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘`´ʼ"
_NON_WORD = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """Fold a name to its lookup key: no accents, lower case, words separated by single spaces.

    Apostrophes vanish ("M’saken" and "Msaken" meet); other punctuation separates words.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = without_marks.casefold()
    for apostrophe in _APOSTROPHES:
        folded = folded.replace(apostrophe, "")
    return _NON_WORD.sub(" ", folded).strip()


def lookup_keys(name: str, aliases: list[str] | tuple[str, ...]) -> list[str]:
    """The distinct keys of a name and its aliases, sorted so that storage is deterministic."""
    return sorted({name_key(text) for text in (name, *aliases)} - {""})
