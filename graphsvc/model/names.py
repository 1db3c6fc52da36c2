"""Name normalisation: how "Malaga" finds Málaga and "medcites" finds MedCités.

Lookups compare normalised keys rather than raw names, so that accents, case, apostrophes and
punctuation never decide whether an entity is found. Stored names keep their accents; only keys are
folded.

A Mediterranean graph holds names in several scripts (تونس, Αθήνα, Київ), so folding keeps every
script's letters and folds only what readers of that script leave out: accents on Latin, Greek
and Cyrillic letters, and in Arabic the vowel marks (harakat, shadda, sukun), the tatweel
(kashida) and the hamza or madda on an alef (أ إ آ ٱ are all ا). Marks that make a different
letter elsewhere (Japanese dakuten, Indic vowel signs) stay.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = frozenset("'’‘`´ʼ")

_TATWEEL = "\u0640"
_ALEF = "\u0627"
_ALEF_WASLA = "\u0671"

_FOLDED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC", "ARABIC")
"""Scripts whose combining marks a reader may omit: accents, and Arabic's vowel marks."""

_LETTERS = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
"""Latin letters with a stroke or ligature, which Unicode does not decompose into a base and a
mark; folded as the full-text index's ASCII folding folds them."""


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The first word of a character's Unicode name (LATIN, ARABIC, CJK ...), '' if unnamed."""
    return unicodedata.name(char, "").split(" ", 1)[0]


def _is_word(char: str) -> bool:
    """Letters, digits and the marks that stay part of a letter are word characters."""
    return unicodedata.category(char)[0] in "LNM"


def name_key(text: str) -> str:
    """Fold a name to its lookup key: accents and case folded, words separated by single spaces.

    Apostrophes vanish ("M’saken" and "Msaken" meet); other punctuation separates words; letters
    of every script stay ("تونس" keeps its four letters).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept: list[str] = []
    base_script = ""
    for char in decomposed:
        if char in _APOSTROPHES or char == _TATWEEL:
            continue
        if unicodedata.combining(char) or unicodedata.category(char) == "Mn":
            if base_script in _FOLDED_SCRIPTS:
                continue
        else:
            base_script = _script(char)
            char = _ALEF if char == _ALEF_WASLA else _LETTERS.get(char, char)
        kept.append(char)
    composed = unicodedata.normalize("NFC", "".join(kept))
    words = "".join(char if _is_word(char) else " " for char in composed)
    return " ".join(words.split())


def lookup_keys(name: str, aliases: list[str] | tuple[str, ...]) -> list[str]:
    """The distinct keys of a name and its aliases, sorted so that storage is deterministic."""
    return sorted({name_key(text) for text in (name, *aliases)} - {""})


@dataclass(frozen=True)
class KnownName:
    """One entity of the graph with every name it may appear under."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
