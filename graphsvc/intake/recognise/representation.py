"""Who speaks for whom: a person named beside an institution, with the role the text gives.

News items introduce people the same few ways in every language: "Anna Ruiz, Director of the
Harbour Network", "the Director of the Harbour Network, Anna Ruiz", "Anna Ruiz (Harbour
Network)", "Anna Ruiz from the Harbour Network" ("Anna Ruiz, directrice du Réseau ...", "Anna Ruiz,
del Ayuntamiento de ..."). Each states that the person represents the institution, so each proposes
REPRESENTS with the role, when there is one, as the relationship's `role`. A role is a few words
one of which begins like a role title of the language (`LanguageRules.roles`), so "with the
support of the Agency, Anna Ruiz ..." does not make Anna Ruiz the Agency's support.

"Mayor of Lyon, Anna Ruiz" names a city, not an institution: the person holds an office of the
city (`Office`), and represents the city's municipality once the document or the graph shows which
institution governs that city; `represent_offices` resolves that at the end of a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise import countries, places
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.intake.recognise.roles import DETERMINER, ROLE_WORDS, affiliation, is_role, stems
from graphsvc.intake.recognise.rules import RULES, LanguageRules
from graphsvc.model.domain import CITY, GOVERNS, INSTITUTION, PERSON, REPRESENTS
from graphsvc.model.names import name_key

_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ’'\-]+"
_PERSON = re.compile(rf"(?<![\w’'\-]){_WORD}(?:\s+{_WORD}){{1,2}}(?![\w’'])")
CONFIDENCE = 0.7


@dataclass(frozen=True)
class Office:
    """A person named as holding an office of a city ("Mayor of Lyon, Anna Ruiz")."""

    person: Mention
    city: Mention
    role: str
    sentence: Span
    words: Span
    rule: str


def _office(role: str, connector: str, rules: LanguageRules) -> bool:
    said = name_key(f"{role} {connector}")
    return any(said == name_key(o) for o in rules.offices) or any(
        name_key(role).split()[-1:] == name_key(o).split()[:1] for o in rules.offices
    )


def find_representation(
    text: str, sentence: Span, here: list[Mention], rules: LanguageRules
) -> tuple[list[Mention], list[Link], list[Office]]:
    """People, REPRESENTS links and city offices stated in one sentence.

    `here` holds the sentence's mentions so far; a person already found (by a title) is reused,
    a new one is proposed only when one of the patterns names them beside an institution.
    """
    piece = text[sentence.start : sentence.end]
    base = sentence.start
    lang = rules.language
    ends = {m.span.start - base: m for m in here if m.label in (INSTITUTION.label, CITY.label)}
    tie = affiliation(rules)
    people: list[Mention] = []
    links: list[Link] = []
    offices: list[Office] = []

    for start, end in _people(piece, here, base, rules):
        person = _person_at(piece, (start, end), here, sentence, lang)
        rest = piece[end:]
        target: Mention | None = None
        role = ""
        words = Span(base + start, base + end)
        rule = connector = ""
        # "Anna Ruiz, Director of the Harbour Network"
        for at, found in sorted(ends.items()):
            said = re.fullmatch(
                rf"\s*,\s+{DETERMINER}({ROLE_WORDS})\s+({tie}){DETERMINER}",
                piece[end:at],
            )
            if end < at <= end + 90 and said is not None and is_role(said.group(1), rules):
                target, role, rule = found, said.group(1), f"{lang}:person-role-of"
                words = Span(base + end + said.start(1), found.span.end)
                connector = said.group(2)
                break
        # "Anna Ruiz (Harbour Network)"
        paren = re.match(r"\s*\(\s*", rest)
        beside = ends.get(end + paren.end()) if paren else None
        if target is None and beside is not None and beside.label == INSTITUTION.label:
            target, rule = beside, f"{lang}:person-parenthesis"
            words = Span(base + end, beside.span.end)
        # "Anna Ruiz from the Harbour Network", "Anna Ruiz del Ayuntamiento de Lyon"
        joined = re.match(rf"\s+({tie}){DETERMINER}", rest)
        beside = ends.get(end + joined.end()) if joined else None
        if target is None and beside is not None and beside.label == INSTITUTION.label:
            target, rule = beside, f"{lang}:person-from"
            words = Span(base + start, beside.span.end)
        if target is None:
            continue
        if person not in here and person not in people:
            people.append(person)
        if target.label == CITY.label:
            if role and _office(role, connector, rules):
                offices.append(Office(person, target, role.strip(), sentence, words, rule))
            continue
        links.append(_link(person, target, role, sentence, words, rule))

    # "the Director of the Harbour Network, Anna Ruiz"; "Mayor of Lyon, Anna Ruiz"
    for at, target in sorted(ends.items()):
        before = piece[max(0, at - 90) : at]
        title = re.search(rf"(?:^|[\s,(;:])({ROLE_WORDS})\s+({tie}){DETERMINER}$", before)
        office = _role_tail(title.group(1), rules) if title else None
        if title is None or office is None:
            continue
        after = re.match(r"\s*(?:\([^()]{1,20}\)\s*)?,\s+", piece[target.span.end - base :])
        if after is None:
            continue
        person_start = target.span.end - base + after.end()
        titled = [
            m
            for m in here
            if m.label == PERSON.label and 0 <= m.span.start - base - person_start <= 8
        ]
        found_person = _PERSON.match(piece, person_start)
        if titled:
            person = titled[0]
        elif found_person is None or _not_a_person(found_person.group(0), rules):
            continue
        else:
            person = _person_at(piece, found_person.span(), here, sentence, lang)
        if person not in here and person not in people:
            people.append(person)
        words = Span(base + at - len(before) + title.start(1), person.span.end)
        if target.label == CITY.label:
            if _office(office, title.group(2), rules):
                offices.append(
                    Office(person, target, office, sentence, words, f"{lang}:role-of-person")
                )
            continue
        links.append(_link(person, target, office, sentence, words, f"{lang}:role-of-person"))
    return people, links, offices


def _role_tail(words: str, rules: LanguageRules) -> str | None:
    """The role title at the end of `words`: from its first role word ("the new Director")."""
    tokens = re.split(r"[\s'’]+", words)
    for index, token in enumerate(tokens):
        if name_key(token).startswith(stems(rules)):
            return " ".join(tokens[index:])
    return None


def _people(
    piece: str, here: list[Mention], base: int, rules: LanguageRules
) -> list[tuple[int, int]]:
    """Where people may be named: known or titled people, and runs of two or three names."""
    found = [
        (m.span.start - base, m.span.end - base)
        for m in here
        if m.label == PERSON.label and base <= m.span.start
    ]
    others = [(m.span.start - base, m.span.end - base) for m in here if m.label != PERSON.label]
    for match in _PERSON.finditer(piece):
        start, end = match.span()
        if any(s < end and start < e for s, e in found + others):
            continue
        if _not_a_person(match.group(0), rules):
            continue
        found.append((start, end))
    return sorted(found)


def _not_a_person(name: str, rules: LanguageRules) -> bool:
    words = name_key(name).split()
    heads = {*rules.heads, *RULES["en"].heads}
    determiners = {name_key(d) for d in (*rules.determiners, *RULES["en"].determiners)}
    return (
        any(w in heads for w in words)
        or words[0] in determiners
        or places.lookup(name) is not None
        or countries.lookup(name) is not None
        or is_role(name, rules)
    )


def _person_at(
    piece: str, span: tuple[int, int], here: list[Mention], sentence: Span, lang: str
) -> Mention:
    start, end = span
    base = sentence.start
    for mention in here:
        if mention.span.start == base + start and mention.span.end == base + end:
            return mention
    return Mention(
        Span(base + start, base + end),
        sentence,
        PERSON.label,
        " ".join(piece[start:end].split()),
        f"{lang}:person-beside-institution",
        0.65,
    )


def _link(
    person: Mention, target: Mention, role: str, sentence: Span, words: Span, rule: str
) -> Link:
    properties = {"role": role.strip()} if role.strip() else {}
    return Link(REPRESENTS.type, person, target, sentence, words, rule, CONFIDENCE, properties)


def represent_offices(offices: list[Office], links: list[Link]) -> list[Link]:
    """Each office holder REPRESENTS the municipality that GOVERNS their city, when one does."""
    governs = {
        link.target.key: link.source
        for link in links
        if link.type == GOVERNS.type and link.target.label == CITY.label
    }
    found = []
    for office in offices:
        municipality = governs.get(office.city.key)
        if municipality is None:
            continue
        found.append(
            _link(
                office.person, municipality, office.role, office.sentence, office.words, office.rule
            )
        )
    return found
