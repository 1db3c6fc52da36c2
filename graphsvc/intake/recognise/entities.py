"""New entities by rule, from each language's table in `rules.py`.

Municipalities, titled people and mayors, names with a head word ("... Foundation", "Agence ..."),
and quoted titles of projects and events.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise import countries, places
from graphsvc.intake.recognise.folding import is_arabic
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.intake.recognise.roles import role_prefix
from graphsvc.intake.recognise.rules import RULES, Head, LanguageRules
from graphsvc.intake.recognise.script_places import find_script_cities, script_municipalities
from graphsvc.model.domain import CITY, COUNTRY, EVENT, GOVERNS, INSTITUTION, PERSON, PROGRAMME
from graphsvc.model.names import name_key

_CAP = r"(?:[A-ZÀ-ÖØ-Þ][\w’'\-]*|\d+)"
_QUOTED = re.compile(r"[“\"«]\s*([^”\"»\n]{3,200}?)\s*[”\"»]")


@lru_cache(maxsize=8)
def capitalised(rules: LanguageRules) -> re.Pattern[str]:
    """A capitalised name: capitalised words, with lower-case connectors between them."""
    connectors = "|".join(re.escape(c) for c in sorted(rules.connectors, key=len, reverse=True))
    return re.compile(rf"{_CAP}(?:(?:\s+(?:{connectors}))*\s+{_CAP}|(?:\s+(?:d'|l'|d’|l’)){_CAP})*")


def _trim(text: str, start: int, end: int, rules: LanguageRules) -> tuple[int, int]:
    words = text[start:end]
    for determiner in rules.determiners:
        if words.startswith(determiner + " ") or (
            determiner.endswith("'") and words.startswith(determiner)
        ):
            start += len(determiner) + (0 if determiner.endswith("'") else 1)
            break
    return start, end


_AND = re.compile(r"\s(?:and|et|y|i|&)\s+(?:the\s+|la\s+|le\s+|el\s+|l'|les\s+)?")


def _coordinated(piece: str, start: int, end: int) -> list[tuple[int, int]]:
    """Each name of a coordination ("the Harbour Network and the Anna Lindh Foundation")."""
    parts, at = [], start
    for match in _AND.finditer(piece, start, end):
        parts.append((at, match.start()))
        at = match.end()
    parts.append((at, end))
    return parts


def _heads(rules: LanguageRules) -> dict[str, Head]:
    return {**RULES["en"].heads, **rules.heads}


def find_entities(
    text: str, sentence: Span, rules: LanguageRules
) -> tuple[list[Mention], list[Link]]:
    """Rule-made mentions in one sentence, and the links the rules themselves state (GOVERNS)."""
    mentions: list[Mention] = []
    links: list[Link] = []
    piece = text[sentence.start : sentence.end]
    base = sentence.start
    lang = rules.language
    names = capitalised(rules)
    for institution, city_span in _municipalities(piece, rules):
        body = Mention(
            Span(base + institution[0], base + institution[1]),
            sentence,
            INSTITUTION.label,
            piece[institution[0] : institution[1]],
            f"{lang}:municipality-of",
            0.85,
            properties={"category": "municipality"},
        )
        mentions.append(body)
        place = _governed_city(piece, city_span, base, sentence)
        place.rule = f"{lang}:municipality-of"
        mentions.append(place)
        links.append(
            Link(GOVERNS.type, body, place, sentence, body.span, f"{lang}:municipality-of", 0.8)
        )
    for title in rules.person_titles:
        if is_arabic(title[0]):
            mentions.extend(_uncased_people(piece, title, base, sentence, rules))
            continue
        pattern = rf"(?<![\w.]){re.escape(title)}(?:(?<=\.)|\b)\s+({_CAP}(?:\s+{_CAP}){{0,3}})"
        for match in re.finditer(pattern, piece):
            words = match.group(1).split()
            if len(words) < 2 and not title.endswith("."):
                continue
            mentions.append(
                Mention(
                    Span(base + match.start(1), base + match.end(1)),
                    sentence,
                    PERSON.label,
                    match.group(1),
                    f"{lang}:person-title",
                    0.8,
                )
            )
    for office in rules.offices:
        person = rf"({_CAP}\s+{_CAP}(?:\s+{_CAP})?)"
        for pattern in (
            rf"{person},\s+(?:the\s+|le\s+|la\s+|el\s+|l'|la\s+)?{re.escape(office)}",
            rf"{re.escape(office)}\s+{_CAP}(?:\s+{_CAP})?,\s+{person}",
        ):
            for match in re.finditer(pattern, piece):
                mentions.append(
                    Mention(
                        Span(base + match.start(1), base + match.end(1)),
                        sentence,
                        PERSON.label,
                        match.group(1),
                        f"{lang}:mayor-of",
                        0.7,
                    )
                )
    heads = _heads(rules)
    for start, end in (
        part for match in names.finditer(piece) for part in _coordinated(piece, *match.span())
    ):
        start, end = _trim(piece, start, end, rules)
        start += role_prefix(piece[start:end], rules)
        start, end = _trim(piece, start, end, rules)
        words = name_key(piece[start:end]).split()
        if len(words) < 2:
            continue
        head = heads.get(words[-1]) or heads.get(words[0])
        if head is None:
            start, head = _inner_head(piece, start, end, heads, rules)
        if head is None or (head.label == PROGRAMME.label and _heading(piece, start, end)):
            continue
        name = piece[start:end]
        aliases: tuple[str, ...] = ()
        acronym = re.match(r"\s*\(([A-Z][A-Za-z0-9&\-]{1,9})\)", piece[end:])
        if acronym:
            aliases = (acronym.group(1),)
        properties = {"category": head.category}
        mentions.append(
            Mention(
                Span(base + start, base + end),
                sentence,
                head.label,
                name,
                f"{lang}:head-word",
                0.7,
                properties=properties,
                aliases=aliases,
            )
        )
    for match in _QUOTED.finditer(piece):
        before = name_key(piece[max(0, match.start() - 40) : match.start()]).split()[-3:]
        label = next((rules.quotes_for[w] for w in reversed(before) if w in rules.quotes_for), None)
        title_key = name_key(match.group(1))
        if label is None and any(cue in before or cue in title_key.split() for cue in rules.events):
            label = EVENT.label
        if label is None or not match.group(1)[0].isupper():
            continue
        span = Span(base + match.start(1), base + match.end(1))
        properties = {"category": "project"} if label == PROGRAMME.label else {}
        mentions.append(
            Mention(
                span,
                sentence,
                label,
                match.group(1),
                f"{lang}:quoted-title",
                0.65,
                properties=properties,
            )
        )
    return mentions, links


_TITLE_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ0-9]")


def _heading(piece: str, start: int, end: int) -> bool:
    """The name is a heading's label, not a programme: "Project News: ...", "Programme Update".

    A name that opens its line and is followed by a colon labels what follows; a line whose
    words are all capitalised and that ends without a full stop is a title.
    """
    line_start = piece.rfind("\n", 0, start) + 1
    line_end = piece.find("\n", end)
    line = piece[line_start : len(piece) if line_end < 0 else line_end].strip()
    if not piece[line_start:start].strip() and piece[end:].lstrip().startswith(":"):
        return True
    words = [w for w in line.split() if w[0].isalpha() or w[0].isdigit()]
    long_words = [w for w in words if len(w) > 3]
    return (
        bool(long_words)
        and not line.endswith((".", "!", "?"))
        and all(_TITLE_WORD.match(w) for w in long_words)
    )


_ARABIC_WORD = r"[\u0621-\u064a]{2,}"
_ARABIC_NAME = re.compile(
    rf"\s+({_ARABIC_WORD}\s+(?:(?:بن|ابن|بنت|أبو|ابو|عبد)\s+)?{_ARABIC_WORD})(?![\u0621-\u064a])"
)
"""A name in Arabic script after a title: given name and family name, "بن" (son of) or "عبد"
joining a third word; Arabic has no capitals to say where a name ends, so no more is taken."""


def _uncased_people(
    piece: str, title: str, base: int, sentence: Span, rules: LanguageRules
) -> list[Mention]:
    """People named after a title in Arabic script ("السيد محمد العربي"), unless a role follows."""
    found = []
    for match in re.finditer(rf"(?<![\w.])(?:و|ف)?{re.escape(title)}(?=\s)", piece):
        name = _ARABIC_NAME.match(piece, match.end())
        if name is None or any(
            word.startswith(role)
            for word in name_key(name.group(1)).split()
            for role in rules.roles
        ):
            continue  # "السيد رئيس البلدية": the title is the office's, the name comes later
        found.append(
            Mention(
                Span(base + name.start(1), base + name.end(1)),
                sentence,
                PERSON.label,
                name.group(1),
                f"{rules.language}:person-title",
                0.7,
            )
        )
    return found


def _municipalities(
    piece: str, rules: LanguageRules
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(body, city) spans of each municipal body named with its city's name.

    "Municipality of Sfax", "Ajuntament de Girona" (the words before the name) and "Notse
    Municipality", "Gaziantep Metropolitan Municipality" (the words after it). The city's name
    stops at a coordination ("City of Tunis and USAID" is the City of Tunis).
    """
    names = capitalised(rules)
    found: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for prefix in sorted(rules.municipality, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(prefix)}\s*({names.pattern})", piece):
            start, end = match.start(1), _coordinated(piece, *match.span(1))[0][1]
            if not any(s < end and start < e for (s, e), _ in found):
                found.append(((match.start(), end), (start, end)))
    for suffix in sorted(rules.municipality_after, key=len, reverse=True):
        pattern = rf"({_CAP}(?:[\s\-]+{_CAP}){{0,2}})\s+{re.escape(suffix)}(?!\w)"
        for match in re.finditer(pattern, piece):
            start, end = _trim(piece, match.start(1), match.end(1), rules)
            words = name_key(piece[start:end]).split()
            if not words or any(w in _heads(rules) for w in words):
                continue  # "Metropolitan" of a longer suffix, or another body's name
            if any(s < match.end() and start < e for (s, e), _ in found):
                continue
            found.append(((start, match.end()), (start, end)))
    taken = [body for body, _ in found]
    for body, city in script_municipalities(piece, rules):  # Arabic: "بلدية طرابلس"
        if not any(s < body[1] and body[0] < e for s, e in taken):
            found.append((body, city))
    return found


def _governed_city(piece: str, span: tuple[int, int], base: int, sentence: Span) -> Mention:
    """The city a municipal body governs (see `stated_city`)."""
    return stated_city(piece[span[0] : span[1]], Span(base + span[0], base + span[1]), sentence)


def stated_city(written: str, where: Span, sentence: Span) -> Mention:
    """A place the text says is a city: from the gazetteer, or by its name alone.

    "Municipality of X", "the cities of X, Y and Z" say the place is a city, so one too small
    for the gazetteer is still proposed (without coordinates, at a lower confidence) for the
    curator to complete.
    """
    city = places.lookup(written)
    if city is not None:
        return city_mention(city, where, sentence, written)
    return Mention(where, sentence, CITY.label, " ".join(written.split()), "named-as-city", 0.6)


def _inner_head(
    piece: str, start: int, end: int, heads: dict[str, Head], rules: LanguageRules
) -> tuple[int, Head | None]:
    """A name after a person's in one run: "Claire Vidal de la Fondation des Rives".

    Only when two or three words, then the words that tie a person to a body ("de la", "del"),
    stand before the head word.
    """
    ties = "|".join(re.escape(w) for w in sorted(rules.affiliations, key=len, reverse=True))
    person = rf"{_CAP}(?:\s+{_CAP}){{1,2}}\s+(?:{ties})\s*"
    match = re.match(person, piece[start:end])
    if not ties or match is None:
        return start, None
    rest = piece[start + match.end() : end]
    words = name_key(rest).split()
    head = heads.get(words[0]) if len(words) > 1 else None
    return (start + match.end(), head) if head is not None else (start, None)


def city_mention(
    city: places.City, span: Span, sentence: Span, written: str | None = None
) -> Mention:
    """The gazetteer's city, with the form the text gives as an alias ("Marseilles", "Beyrouth")."""
    alias = " ".join((written or "").split())
    return Mention(
        span,
        sentence,
        CITY.label,
        city.name,
        "gazetteer",
        0.75,
        properties={
            "latitude": city.latitude,
            "longitude": city.longitude,
            "geonames_id": city.geonames_id,
            "country": city.country,
            "country_code": city.country_code,
        },
        aliases=(alias,) if alias and name_key(alias) != name_key(city.name) else (),
    )


@lru_cache(maxsize=8)
def _city_words(rules: LanguageRules) -> tuple[frozenset[str], frozenset[str]]:
    """Folded place cues (this language's and English) and determiners."""
    cues = {name_key(c) for c in (*rules.place_cues, *RULES["en"].place_cues)}
    return frozenset(cues), frozenset(name_key(d) for d in rules.determiners)


def find_cities(
    text: str, sentence: Span, rules: LanguageRules, taken: list[Span]
) -> list[Mention]:
    """Cities in a sentence: large ones anywhere, smaller ones after a place cue."""
    found: list[Mention] = []
    piece = text[sentence.start : sentence.end]
    cues, determiners = _city_words(rules)
    for match in re.finditer(rf"{_CAP}(?:[\s\-]+{_CAP}){{0,2}}", piece):
        begin = match.start()
        first = re.match(r"\S+\s+", match.group(0))
        if first is not None and name_key(first.group(0)) in determiners:  # "The Rome meeting"
            begin += first.end()
        words = piece[begin : match.end()]
        # the longest run of leading words that is a city
        tokens = list(re.finditer(r"[^\s]+", words))
        for count in range(len(tokens), 0, -1):
            end = begin + tokens[count - 1].end()
            candidate = piece[begin:end]
            city = places.lookup(candidate)
            if city is None:
                continue
            if countries.lookup(candidate) is not None:
                break  # a country's name, which some small city bears too
            span = Span(sentence.start + begin, sentence.start + end)
            if any(span.start < t.end and t.start < span.end for t in taken):
                break
            before = name_key(piece[max(0, begin - 12) : begin]).split()[-1:]
            if city.population < places.POPULATION_ALONE and not (before and before[0] in cues):
                break
            found.append(city_mention(city, span, sentence, candidate))
            break
    found.extend(find_script_cities(text, sentence, rules, taken + [m.span for m in found]))
    return found


def find_countries(text: str, sentence: Span, taken: list[Span]) -> list[Mention]:
    """Countries named in a sentence, in any of the five languages, outside other names."""
    found: list[Mention] = []
    piece = text[sentence.start : sentence.end]
    for match in countries.pattern().finditer(piece):
        span = Span(sentence.start + match.start(), sentence.start + match.end())
        country = countries.lookup(match.group())
        if country is None or any(span.start < t.end and t.start < span.end for t in taken):
            continue
        written = match.group()
        found.append(
            Mention(
                span,
                sentence,
                COUNTRY.label,
                country.name,
                "countries",
                0.8,
                properties={"iso_code": country.iso_code},
                aliases=(written,) if written != country.name else (),
            )
        )
    return found
