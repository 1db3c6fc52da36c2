"""Relationships stated by a phrase between two mentions of one sentence.

The phrases come from the domain model (`RelationshipKind.phrases_in(language)`), so a new
language or relationship kind is a change to the model only. A phrase joins the nearest mention
before it to each mention after it (up to the next phrase), when the kinds of the two mentions
are ones the relationship allows; the direction follows from those kinds ("the programme financed
by the Agency" gives Agency FUNDS programme), and where the kinds allow both directions the
mention before the phrase is the source (the model's convention: phrases read source first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.intake.recognise.sentences import fold_sentence
from graphsvc.model.domain import CITY, EVENT, MODEL, PARTICIPATES_IN, PROGRAMME
from graphsvc.model.names import name_key
from graphsvc.model.types import RelationshipKind


@lru_cache(maxsize=8)
def _phrases(language: str) -> tuple[tuple[re.Pattern[str], RelationshipKind, str], ...]:
    found = []
    for kind in MODEL.relationship_kinds:
        for phrase in kind.phrases_in(language):
            words = r"\s+".join(re.escape(w) for w in phrase.split())
            found.append((re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE), kind, phrase))
    return tuple(found)


@lru_cache(maxsize=8)
def _references(rules: LanguageRules) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Per label, the nouns that speak of the document's entity of that label without naming it."""
    programmes = [w for w, head in rules.heads.items() if head.label == PROGRAMME.label]
    events = [*rules.events, *rules.references]
    return tuple(
        (_words(words), label)
        for words, label in ((events, EVENT.label), (programmes, PROGRAMME.label))
        if words
    )


@lru_cache(maxsize=8)
def _relative(rules: LanguageRules) -> re.Pattern[str] | None:
    if not rules.relatives:
        return None
    return re.compile(rf"[,;(]\s*(?:{_alternatives(rules.relatives)})(?!\w)", re.IGNORECASE)


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternatives(words)})s?(?!\w)", re.IGNORECASE)


def _alternatives(words: list[str] | tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"[\s\-]+".join(re.escape(w) for w in word.split()) for word in ordered)


def find_links(
    text: str,
    sentence: Span,
    mentions: list[Mention],
    rules: LanguageRules,
    topics: Mapping[str, Mention] | None = None,
) -> list[Link]:
    """Links the sentence's phrases state.

    `topics` holds, per label, the event and the programme earlier sentences spoke of: a phrase
    with no mention of the kind it needs on one side, but a noun that speaks of one there ("the
    event was organised by X", "X will host the workshop"), links that entity.
    """
    topics = topics or {}
    language = rules.language
    piece = text[sentence.start : sentence.end]
    inside = sorted(
        (m for m in mentions if sentence.start <= m.span.start and m.span.end <= sentence.end),
        key=lambda m: m.span.start,
    )
    outer = [m for m in inside if not any(_inside(m, other) for other in inside)]
    hits: list[tuple[int, int, RelationshipKind, str]] = []
    for pattern, kind, phrase in _phrases(language):
        for match in pattern.finditer(piece):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(m.span.start < end and start < m.span.end for m in inside):
                continue  # the phrase is part of a name
            hits.append((start, end, kind, phrase))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    links = _participants(hits, inside, sentence, text, rules, topics.get(EVENT.label))
    folded = fold_sentence(text, sentence)
    clause = _relative(rules)
    for index, (start, end, kind, _phrase) in enumerate(hits):
        if kind.type == PARTICIPATES_IN.type:
            continue
        stop = next((h[0] for h in hits[index + 1 :] if h[0] >= end), sentence.end)
        if clause is not None:
            opened = clause.search(piece, end - sentence.start, stop - sentence.start)
            stop = sentence.start + opened.start() if opened else stop
        begin = max((h[1] for h in hits[:index] if h[1] <= start), default=sentence.start)
        right = _listed(
            text,
            [m for m in outer if m.span.start >= end and m.span.end <= stop],
            rules,
            alike=MODEL.is_a(kind.type, "place"),
        )
        left = [m for m in reversed(outer) if m.span.end <= start]
        if rules.verb_first and right and not any(m.span.start >= begin for m in left):
            subject = right[0]  # verb first: the subject follows the verb, then its object
            objects = [m for m in outer if m.span.start >= subject.span.end and m.span.end <= stop]
            right, left = (
                _listed(text, objects, rules, alike=MODEL.is_a(kind.type, "place")),
                [subject],
            )
        rule = f"phrase:{kind.type}:{language}"
        if not right:
            right = _referred(kind, (folded, sentence, end, stop), rules, topics, inside, left)
        for rank, after in enumerate(right):
            before = next((m for m in left if _direction(kind, m, after)), None)
            if before is None:
                window = (folded, sentence, begin, start)
                referred = _referred(kind, window, rules, topics, inside, [after])
                before = referred[0] if referred else None
            if before is None or _direction(kind, before, after) is None:
                continue
            source, target = _direction(kind, before, after) or (before, after)
            links.append(
                Link(
                    kind.type,
                    source,
                    target,
                    sentence,
                    Span(start, end),
                    rule,
                    0.75 if rank == 0 else 0.6,
                )
            )
    return links


def _listed(
    text: str, after: list[Mention], rules: LanguageRules, alike: bool = False
) -> list[Mention]:
    """The first mention after a phrase and those listed with it ("X, Y and Z"), no further.

    With `alike` (a phrase that places something), the list holds places of one kind only: in
    "A from Spain, B from Togo" the body after "Spain" starts the next item, not a place of A.
    """
    separator = _separator(rules)
    listed = after[:1]
    for mention in after[1:]:
        if not separator.fullmatch(text[listed[-1].span.end : mention.span.start]):
            break
        if alike and mention.label != listed[0].label:
            break
        listed.append(mention)
    return listed


@lru_cache(maxsize=8)
def _separator(rules: LanguageRules) -> re.Pattern[str]:
    """What may stand between two items of a list.

    Commas, list words, an acronym in brackets, a person's title ("the Network and Mr. Smith").
    """
    words = _alternatives(rules.list_words) if rules.list_words else "(?!)"
    titles = "|".join(re.escape(t) for t in sorted(rules.person_titles, key=len, reverse=True))
    return re.compile(
        rf"(?:\s|[,;&]|\([^()]{{1,20}}\)|(?<!\w)(?:{words})(?!\w)|(?<!\w)(?:{titles or '(?!)'}))*",
        re.IGNORECASE,
    )


def _referred(
    kind: RelationshipKind,
    window: tuple[str, Span, int, int],
    rules: LanguageRules,
    topics: Mapping[str, Mention],
    taken: list[Mention],
    others: list[Mention],
) -> list[Mention]:
    """The topic a noun in the window (folded sentence, sentence, start, end) speaks of.

    The noun must stand outside every name ("the Madinatouna Project" is a mention of its own),
    and the topic must fit the phrase's kind with one of `others`.
    """
    folded, sentence, start, end = window
    for pattern, label in _references(rules):
        topic = topics.get(label)
        if topic is None:
            continue
        nouns = pattern.finditer(folded, start - sentence.start, end - sentence.start)
        if not any(not _taken(sentence.start + n.start(), taken) for n in nouns):
            continue
        if not others or any(_direction(kind, topic, other) for other in others):
            return [topic]
    return []


def _taken(at: int, mentions: list[Mention]) -> bool:
    return any(m.span.start <= at < m.span.end for m in mentions)


def _direction(
    kind: RelationshipKind, before: Mention, after: Mention
) -> tuple[Mention, Mention] | None:
    if before.key == after.key:
        return None
    if kind.allows(before.label, after.label):
        return before, after
    if kind.allows(after.label, before.label):
        return after, before
    return None


PARTICIPANT_GAP = 4
"""Words that may stand between a participation phrase and the list of actors it speaks of
("attended by the representatives of the Municipality of X")."""


def _participants(
    hits: list[tuple[int, int, RelationshipKind, str]],
    inside: list[Mention],
    sentence: Span,
    text: str,
    rules: LanguageRules,
    last_event: Mention | None,
) -> list[Link]:
    """The actors listed next to a phrase that says people took part, to the sentence's event.

    "Mayors of Lyon and Porto and the Harbour Network took part in the workshop", "attended by
    X, Y and Z": participation is stated once for the list of actors standing right before or
    right after the phrase (a few words away at most), and for no other actor of the sentence.
    A sentence without an event ("Lyon, Porto and the Harbour Network took part.") speaks of
    the one before it.
    """
    events = [m for m in inside if m.label in PARTICIPATES_IN.targets]
    links: list[Link] = []
    for start, end, kind, _phrase in hits:
        if kind.type != PARTICIPATES_IN.type:
            continue
        event = min(events, key=lambda e: _distance(e.span, start, end)) if events else last_event
        if event is None:
            continue
        actors = [
            m
            for m in inside
            if m.key != event.key
            and PARTICIPATES_IN.allows(m.label, event.label)
            and not any(_inside(m, other) for other in inside)  # "Sfax" of "Municipality of Sfax"
            and not (m.label == CITY.label and _venue_of(m, event, text, rules))
        ]
        after = [m for m in actors if m.span.start >= end]
        before = [m for m in actors if m.span.end <= start]
        listed = []
        if (
            after
            and _near(text[end : after[0].span.start])
            and not end <= event.span.start < after[0].span.start
        ):
            listed.extend(_listed(text, after, rules))
        if (
            before
            and _near(text[before[-1].span.end : start])
            and not before[-1].span.end <= event.span.start < start
        ):
            listed.extend(_listed_back(text, _apposed(text, before, start), rules))
        links.extend(
            Link(
                PARTICIPATES_IN.type,
                actor,
                event,
                sentence,
                Span(start, end),
                f"phrase:{PARTICIPATES_IN.type}:{rules.language}",
                0.6 if events else 0.5,
            )
            for actor in listed
        )
    return links


def _distance(span: Span, start: int, end: int) -> int:
    return max(span.start - end, start - span.end, 0)


def _near(gap: str) -> bool:
    return ";" not in gap and len(gap.split()) <= PARTICIPANT_GAP


def _venue_of(city: Mention, event: Mention, text: str, rules: LanguageRules) -> bool:
    """The city is where the event is held: "the workshop in Lyon", "the Lyon workshop"."""
    if city.span.end <= event.span.start:
        return not text[city.span.end : event.span.start].strip()
    gap = text[event.span.end : city.span.start]
    if len(gap.split()) > 1:
        return False
    return set(fold_words(gap)) <= {name_key(v) for v in rules.venues}


def fold_words(text: str) -> list[str]:
    return name_key(text).split()


def _apposed(text: str, before: list[Mention], start: int) -> list[Mention]:
    """The mentions up to the one an apposition between commas describes.

    Only when the apposition closes right before the phrase: "Ms. Peña, Director of the X
    Foundation, presented" is said of Ms. Peña.
    """
    if not text[before[-1].span.end : start].lstrip().startswith(","):
        return before
    for index in range(len(before) - 1, -1, -1):
        between = text[before[index].span.end : start]
        if between.count(",") == 2 and between.lstrip().startswith(","):
            return before[: index + 1]
    return before


def _listed_back(text: str, before: list[Mention], rules: LanguageRules) -> list[Mention]:
    """The last mention before a phrase and those listed with it, back to where the list starts."""
    separator = _separator(rules)
    listed = before[-1:]
    for mention in reversed(before[:-1]):
        if not separator.fullmatch(text[mention.span.end : listed[0].span.start]):
            break
        listed.insert(0, mention)
    return listed


def _inside(mention: Mention, other: Mention) -> bool:
    """`mention` is part of the longer name `other`."""
    return (
        other.span.start <= mention.span.start
        and mention.span.end <= other.span.end
        and other.span != mention.span
    )
