"""Small cities named in a list beside another city: "the cities of Lyon, Tétouan and Sfax".

A gazetteer city below `places.POPULATION_ALONE` counts only after a place cue, because many city
names are also words or surnames. In a list, only the first name follows the cue ("from Lyon,
Tétouan and Sfax"); the others are cities because the list is one of cities. So a listed name that
the gazetteer knows is taken when at least one other name of the same list is already a city of
the sentence (known, large, or cued). After words that say the list is one of cities ("the
cities of", "les villes de"), every name of it is a city, known to the gazetteer or not.
"""

from __future__ import annotations

import re

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise import countries, places
from graphsvc.intake.recognise.entities import city_mention, stated_city
from graphsvc.intake.recognise.mentions import Mention
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.model.domain import CITY
from graphsvc.model.names import name_key

_NAME = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*(?:[\s\-]+[A-ZÀ-ÖØ-Þ][\w’'\-]*){0,2}"


_AND = r"(?:and|et|y|i|e|&)"
_LIST = re.compile(
    rf"(?<![\w’']){_NAME}(?:(?:\s*,\s*{_NAME})*,?\s+{_AND}\s+{_NAME}|(?:\s*,\s*{_NAME})+)(?![\w’'])"
)


_ITEM = re.compile(_NAME)


def find_listed_cities(
    text: str, sentence: Span, here: list[Mention], rules: LanguageRules
) -> list[Mention]:
    """Gazetteer cities of a list in which another name is already a city of `here`."""
    piece = text[sentence.start : sentence.end]
    base = sentence.start
    cities = [m.span for m in here if m.label == CITY.label]
    taken = [m.span for m in here]
    found: list[Mention] = []
    for match in _LIST.finditer(piece):
        at = base + match.start()
        items = [Span(at + m.start(), at + m.end()) for m in _ITEM.finditer(match.group(0))]
        stated = _of_cities(piece[max(0, match.start() - 30) : match.start()], rules)
        if not stated and not any(any(_overlaps(i, c) for c in cities) for i in items):
            continue
        for item in items:
            written = _name(text, item)
            if any(_overlaps(item, t) for t in taken) or countries.lookup(written) is not None:
                continue
            city = places.lookup(written)
            if stated:
                mention = stated_city(written, item, sentence)
            elif city is None:
                continue
            else:
                mention = city_mention(city, item, sentence, written)
            mention.rule = f"{rules.language}:city-list"
            found.append(mention)
            taken.append(item)
    return found


def _of_cities(before: str, rules: LanguageRules) -> bool:
    """The words before a list say it is one of cities ("in the cities of")."""
    folded = name_key(before)
    return any(folded.endswith(name_key(noun)) for noun in rules.city_nouns)


def _name(text: str, span: Span) -> str:
    return text[span.start : span.end]


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
