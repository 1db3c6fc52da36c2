"""Dates and ranges as the text gives them, in each language of `rules.RULES`; no year invented.

Digits may be Western or Arabic-Indic (a regular expression's digit class and `int` read both;
dates come out in Western digits). Each date is a partial date (`2016-03-22`, `--05-05` when the
text names no year, `--12` for a month alone, read only after a word that makes it a date:
"in December", "début décembre").
A range such as "22 to 26 March 2016", "les 4 et 5 octobre" or "del 3 al 5 de mayo" gives a
start and an end.
The rules are regular expressions built from each language's month names and range words, so that
a new language is a new table in `rules.py`. (dateparser reads one date at a time and fills a
missing year from the calendar unless told otherwise; ranges and year-less dates are the common
case in news about meetings, so the rules are kept here instead.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.model.names import name_key

_ORDINAL = r"(?:st|nd|rd|th|er|ᵉʳ|º|o)?"


@dataclass(frozen=True)
class DateMention:
    """A date or range in the text, as partial dates."""

    span: Span
    start: str
    end: str | None
    year_given: bool


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=8)
def _patterns(rules: LanguageRules) -> tuple[re.Pattern[str], ...]:
    months = _alternatives([*rules.months, *_accented(rules)])
    ranges = _alternatives(rules.range_words)
    day = rf"(?P<d1>\d{{1,2}}){_ORDINAL}"
    day2 = rf"(?:\s*(?:{ranges})\s*(?P<d2>\d{{1,2}}){_ORDINAL})?"
    of = r"(?:\s+(?:de|del|d'|d’|of)\s*|\s+)"
    year = r"(?:,?(?:\s+(?:de|del|of))?\s+(?P<y>(?:19|20|١٩|٢٠)\d\d)(?!\d))?"
    day_first = rf"\b{day}{day2}(?:,)?{of}(?P<m>{months})\b{year}"
    month_first = (
        rf"\b(?P<m>{months})\s+(?P<d1>\d{{1,2}}){_ORDINAL}"
        rf"(?:\s*(?:{ranges})\s*(?P<d2>\d{{1,2}}){_ORDINAL})?\b{year}"
    )
    month_year = rf"\b(?P<m>{months})(?:\s+(?:de|del|of))?\s+(?P<y>(?:19|20|١٩|٢٠)\d\d)(?!\d)"
    patterns = [day_first, month_first, month_year]
    if rules.month_cues:
        cues = _alternatives(rules.month_cues).replace("\\ ", r"\s+")
        patterns.append(rf"(?<!\w)(?:{cues})\s*(?P<m>{months})\b(?!\s*(?:de\s+|of\s+)?\d)")
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _accented(rules: LanguageRules) -> list[str]:
    """Month names as written, with their accents, besides the folded keys of the table."""
    written = {
        "fr": ["février", "août", "décembre"],
        "ca": ["març"],
    }
    return written.get(rules.language, [])


def find_dates(text: str, rules: LanguageRules) -> list[DateMention]:
    """Every date in `text`, the first pattern that claims a stretch of words winning."""
    found: list[DateMention] = []
    for pattern in _patterns(rules):
        for match in pattern.finditer(text):
            span = Span(match.start(), match.end())
            if any(span.start < m.span.end and m.span.start < span.end for m in found):
                continue
            mention = _mention(match, span, rules)
            if mention is not None:
                found.append(mention)
    return sorted(found, key=lambda m: m.span.start)


def _mention(match: re.Match[str], span: Span, rules: LanguageRules) -> DateMention | None:
    month_word = match.group("m")
    if rules.language == "en" and not month_word[0].isupper():
        return None  # "may" the verb, "march" the walk
    month = rules.months.get(name_key(month_word))
    if month is None:
        return None
    groups = match.groupdict()
    year = groups.get("y")
    if year is not None:
        year = str(int(year))  # Arabic-Indic digits ("٢٠١٩") are digits to `\d` and `int`
    d1, d2 = groups.get("d1"), groups.get("d2")
    prefix = year if year else "-"
    if d1 is None:
        if year is None:  # a month alone after a cue ("at the beginning of December")
            return DateMention(span, f"--{month:02d}", None, False)
        return DateMention(span, f"{year}-{month:02d}", None, True)
    if not 1 <= int(d1) <= 31 or (d2 is not None and not int(d1) < int(d2) <= 31):
        return None
    start = f"{prefix}-{month:02d}-{int(d1):02d}"
    end = f"{prefix}-{month:02d}-{int(d2):02d}" if d2 else None
    return DateMention(span, start, end, year is not None)
