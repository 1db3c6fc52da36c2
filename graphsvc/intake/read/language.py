"""A document's language: from its metadata when given, else a guess from common words.

The guess only chooses among the languages intake has rules for (en, fr, es, ca, ar): a text
mostly in Arabic letters is Arabic; otherwise it counts words that are frequent in one language
and rare in the others (a word common to several counts for each in proportion); no model is
downloaded. It answers None when the
text is too short or too mixed to tell, rather than a coin toss.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": words(
        "the and of to in is are was were for on with that this by from at as be been has have "
        "had will which it its their they an or not who also"
    ),
    "fr": words(
        "le la les des du de et est sont un une pour dans sur au aux par qui que avec ce cette "
        "ces été ont à il elle leur leurs ou pas plus entre"
    ),
    "es": words(
        "el la los las del de y en un una para por con que es son se al su sus como más ha han "
        "fue este esta entre también sobre"
    ),
    "ca": words(
        "el la els les del dels de i en un una per amb que és són es al als seu seva seus més ha "
        "han va aquest aquesta entre també sobre"
    ),
    "ar": words(
        "في من على إلى الى عن مع التي الذي الذين هذا هذه كما أن ان بين خلال حول قد كان كانت تم "
        "وقد وفي ومن أو او لا ما هو هي بعد قبل عبر ضمن لدى"
    ),
}

_SHARES: dict[str, list[str]] = {}
for _language, _words in STOP_WORDS.items():
    for _word in _words:
        _SHARES.setdefault(_word, []).append(_language)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_MIN_HITS = 3
_MARGIN = 1.2
"""The winner must count this many times the runner-up's hits, or the text is called mixed."""


def normalise(code: str | None) -> str | None:
    """An ISO 639-1 code from metadata such as `en-US`, `fr_FR` or `ES`; None when empty."""
    if not code:
        return None
    primary = re.split(r"[-_]", code.strip())[0].lower()
    return primary if len(primary) == 2 and primary.isalpha() else None


_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")


def guess(text: str) -> str | None:
    """The language among en/fr/es/ca/ar whose common words the text uses most, if clearly so.

    A text written mostly in Arabic letters is Arabic whatever its length: the script tells it
    apart from the four others, which share theirs and need their common words counted.
    """
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample))
    if letters and len(_ARABIC_LETTER.findall(sample)) * 2 > letters:
        return "ar"
    counts = dict.fromkeys(STOP_WORDS, 0.0)
    for match in _WORD.finditer(sample):
        languages = _SHARES.get(match.group().lower(), ())
        for language in languages:  # a word shared by k languages is 1/k evidence for each
            counts[language] += 1 / len(languages)
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits < _MIN_HITS or hits < runner_up * _MARGIN:
        return None
    return best


def language_of(text: str, declared: str | None = None) -> str | None:
    """The declared language when the metadata gives one, else the guess from the text."""
    return normalise(declared) or guess(text)
