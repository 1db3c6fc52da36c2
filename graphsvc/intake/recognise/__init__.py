"""Recognise the facts a document states: known names, new entities, places, dates, events, links.

`propose` is a pure function of a document and the names the graph already holds: no database,
no network. Every fact it proposes carries the sentence and the words it was read from, the rule
that read it and a confidence, so that a curator can judge it against the text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from graphsvc.intake.budget import Budget
from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Evidence, Proposal, ProposedEntity, ProposedRelationship, Span
from graphsvc.intake.recognise import acronyms, bodies
from graphsvc.intake.recognise.city_lists import find_listed_cities
from graphsvc.intake.recognise.dates import DateMention, find_dates
from graphsvc.intake.recognise.editions import find_named_events
from graphsvc.intake.recognise.entities import (
    capitalised,
    find_cities,
    find_countries,
    find_entities,
)
from graphsvc.intake.recognise.events import EventTracker
from graphsvc.intake.recognise.folding import fold
from graphsvc.intake.recognise.known import KnownNames
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.intake.recognise.relations import find_links
from graphsvc.intake.recognise.representation import (
    Office,
    find_representation,
    represent_offices,
)
from graphsvc.intake.recognise.resolve import resolve
from graphsvc.intake.recognise.rules import LanguageRules, rules_for
from graphsvc.intake.recognise.sentences import split_sentences
from graphsvc.model.domain import CITY, COUNTRY, EVENT, PROGRAMME
from graphsvc.model.names import KnownName, name_key

__all__ = ["KnownName", "KnownNames", "propose"]

KNOWN_CONFIDENCE = 0.9
TABLE_CONFIDENCE = 0.8
AMBIGUOUS_CONFIDENCE = 0.5
PLACES = (CITY.label, COUNTRY.label)
"""Labels of the gazetteer's places: a body may be named after one ("Ayuntamiento de X")."""
TOPICS = (EVENT.label, PROGRAMME.label)
"""Labels whose last mention later sentences may speak of without naming it ("the project")."""


def propose(document: Document, known: KnownNames, budget: Budget | None = None) -> Proposal:
    """The facts `document` states, in time linear in its length.

    Every step looks at one sentence (at most MAX_SENTENCE characters) and the mentions in it,
    found through an index by position, never by scanning all the document's mentions. `budget`
    is checked between sentences: the work stops with IntakeStopped when it is spent or cancelled.
    """
    budget = budget or Budget.unlimited()
    text = document.text
    rules = rules_for(document.language)
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    mentions: list[Mention] = []
    links: list[Link] = []
    folded = fold(text)
    budget.check("recognising known names")
    occupied = bytearray(len(text))
    """1 where a known name's or a table's mention already stands (a later match there loses)."""
    for match in known.find(text, folded):
        sentence = _sentence_of(match.span, sentences, starts)
        first = match.candidates[0]
        mentions.append(
            Mention(
                match.span,
                sentence,
                first.label,
                first.name if len(match.candidates) == 1 else match.span.of(text),
                "known-name" if len(match.candidates) == 1 else "known-name:ambiguous",
                KNOWN_CONFIDENCE if len(match.candidates) == 1 else AMBIGUOUS_CONFIDENCE,
                matches=tuple(c.id for c in match.candidates),
            )
        )
        occupied[match.span.start : match.span.end] = b"\x01" * (match.span.end - match.span.start)
    tables = (
        (bodies.automaton(), "bodies"),
        (acronyms.defined(text, rules, capitalised(rules)), f"{rules.language}:acronym-defined"),
    )
    for table, rule in tables:
        budget.check("recognising names of bodies and acronyms")
        for match in table.find(text, folded):
            if occupied.find(1, match.span.start, match.span.end) != -1:
                continue
            entity, written = match.candidates[0], match.span.of(text)
            mentions.append(
                Mention(
                    match.span,
                    _sentence_of(match.span, sentences, starts),
                    entity.label,
                    entity.name,
                    rule,
                    TABLE_CONFIDENCE,
                    aliases=(written,) if name_key(written) != name_key(entity.name) else (),
                )
            )
            occupied[match.span.start : match.span.end] = b"\x01" * (
                match.span.end - match.span.start
            )
    in_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        at = _sentence_index(mention.span, sentences, starts)
        if at is not None and _within(mention.span, sentences[at]):
            in_sentence.setdefault(at, []).append(mention)
    tracker = EventTracker(rules, document.published)
    offices: list[Office] = []
    topics: dict[str, Mention] = {}
    for index, sentence in enumerate(sentences):
        budget.check(f"recognising sentence {index + 1} of {len(sentences)}")
        known_here = in_sentence.get(index, [])
        found, rule_links = find_entities(text, sentence, rules)
        here = list(known_here)
        for mention in found:
            if not any(_overlaps(mention.span, m.span) and _wins(m, mention) for m in known_here):
                here.append(mention)
                mentions.append(mention)
        links.extend(_standing(link, here) for link in rule_links if _stands(link, here))
        dates = _dates_in(text, sentence, rules)
        # A date's words are never a place: "in March" is a month, not the town in Cambridgeshire.
        taken = [m.span for m in here if m.label != CITY.label] + [d.span for d in dates]
        for city in find_cities(text, sentence, rules, taken + [m.span for m in here]):
            here.append(city)
            mentions.append(city)
        for city in find_listed_cities(text, sentence, here, rules):
            here.append(city)
            mentions.append(city)
        for country in find_countries(text, sentence, [m.span for m in here]):
            here.append(country)
            mentions.append(country)
        for event in find_named_events(text, sentence, rules, [m.span for m in here]):
            here.append(event)
            mentions.append(event)
        events, event_links = tracker.read(text, sentence, dates, sorted(here, key=_start))
        for event in events:
            if event not in here:
                here.append(event)
                mentions.append(event)
        links.extend(event_links)
        people, said, held = find_representation(text, sentence, here, rules)
        here.extend(people)
        mentions.extend(people)
        links.extend(said)
        offices.extend(held)
        links.extend(find_links(text, sentence, here, rules, topics))
        for mention in sorted(here, key=_start):
            if mention.label in TOPICS:
                topics[mention.label] = mention
    links.extend(represent_offices(offices, links))
    resolve(mentions, known)  # the graph's knowledge first: nothing it holds is proposed as new
    return _proposal(document, mentions, links)


def _stands(link: Link, here: list[Mention]) -> bool:
    """A rule's link stands when both ends stayed, or an end lost to a known name of its kind."""
    return all(_standing_end(end, here) is not None for end in (link.source, link.target))


def _standing_end(end: Mention, here: list[Mention]) -> Mention | None:
    if end in here:
        return end
    return next(
        (m for m in here if m.matches and m.label == end.label and _overlaps(m.span, end.span)),
        None,
    )


def _standing(link: Link, here: list[Mention]) -> Link:
    source, target = _standing_end(link.source, here), _standing_end(link.target, here)
    if source is None or target is None:
        return link
    return replace(link, source=source, target=target)


def _wins(table: Mention, rule: Mention) -> bool:
    """A known name wins over a rule's; a table's only when it is as long or longer.

    A known place inside a longer name a rule read as a body or programme does not: both stay,
    the place and "Ayuntamiento de Barcelona" or "Área Metropolitana de Barcelona".

    The city named inside a municipality's name stays beside a known municipality, so that
    "Municipality of Sfax" still says which city the municipality governs.
    """
    if (
        rule.label == CITY.label
        and rule.rule.endswith(":municipality-of")
        and table.label != CITY.label
    ):
        return False
    place_in_body = table.label in PLACES and rule.label not in PLACES
    if table.matches and place_in_body and _inside(table, rule):
        return False  # "Ayuntamiento de Barcelona": a body named after a known place
    if table.matches:
        return True
    return table.span.start <= rule.span.start and rule.span.end <= table.span.end


def _inside(inner: Mention, outer: Mention) -> bool:
    return (
        outer.span.start <= inner.span.start
        and inner.span.end <= outer.span.end
        and (inner.span != outer.span)
    )


def _start(mention: Mention) -> int:
    return mention.span.start


def _within(span: Span, sentence: Span) -> bool:
    return sentence.start <= span.start and span.end <= sentence.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _sentence_index(span: Span, sentences: list[Span], starts: list[int]) -> int | None:
    """The index of the sentence `span` starts in (sentences are sorted and disjoint)."""
    at = bisect_right(starts, span.start) - 1
    if at >= 0 and span.start < sentences[at].end:
        return at
    return None


def _sentence_of(span: Span, sentences: list[Span], starts: list[int]) -> Span:
    at = _sentence_index(span, sentences, starts)
    return span if at is None else sentences[at]


def _evidence(mention: Mention) -> Evidence:
    return Evidence(mention.sentence, mention.span, mention.rule, mention.confidence)


def _proposal(document: Document, mentions: list[Mention], links: list[Link]) -> Proposal:
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.key, []).append(mention)
    entities = []
    for key, group in grouped.items():
        first = group[0]
        properties: dict[str, object] = {}
        for mention in group:
            for name, value in mention.properties.items():
                properties.setdefault(name, value)
        aliases = sorted({a for m in group for a in m.aliases})
        if aliases:
            properties["aliases"] = aliases
        entities.append(
            ProposedEntity(
                key=key,
                label=first.label,
                name=first.name,
                evidence=tuple(_evidence(m) for m in group),
                matches=first.matches,
                properties=properties,
                note=next((m.note for m in group if m.note), None),
            )
        )
    seen: set[tuple[str, str, str]] = set()
    relationships = []
    for link in links:
        triple = (link.type, link.source.key, link.target.key)
        if triple in seen or link.source.key == link.target.key:
            continue
        seen.add(triple)
        relationships.append(
            ProposedRelationship(
                link.type,
                link.source.key,
                link.target.key,
                Evidence(link.sentence, link.words, link.rule, link.confidence),
                properties=dict(link.properties),
            )
        )
    return Proposal(document, tuple(entities), tuple(relationships))


def _dates_in(text: str, sentence: Span, rules: LanguageRules) -> list[DateMention]:
    """The dates `sentence` states, with spans in `text`'s offsets."""
    return [
        DateMention(
            Span(d.span.start + sentence.start, d.span.end + sentence.start),
            d.start,
            d.end,
            d.year_given,
        )
        for d in find_dates(text[sentence.start : sentence.end], rules)
    ]
