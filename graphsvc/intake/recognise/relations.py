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
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.model.domain import CITY, MODEL, PARTICIPATES_IN
from graphsvc.model.types import RelationshipKind


@lru_cache(maxsize=8)
def _phrases(language: str) -> tuple[tuple[re.Pattern[str], RelationshipKind, str], ...]:
    found = []
    for kind in MODEL.relationship_kinds:
        for phrase in kind.phrases_in(language):
            words = r"\s+".join(re.escape(w) for w in phrase.split())
            found.append((re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE), kind, phrase))
    return tuple(found)


def find_links(
    text: str,
    sentence: Span,
    mentions: list[Mention],
    language: str,
    last_event: Mention | None = None,
) -> list[Link]:
    """Links the sentence's phrases state; `last_event` is the event earlier sentences spoke of."""
    piece = text[sentence.start : sentence.end]
    inside = sorted(
        (m for m in mentions if sentence.start <= m.span.start and m.span.end <= sentence.end),
        key=lambda m: m.span.start,
    )
    hits: list[tuple[int, int, RelationshipKind, str]] = []
    for pattern, kind, phrase in _phrases(language):
        for match in pattern.finditer(piece):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(m.span.start < end and start < m.span.end for m in inside):
                continue  # the phrase is part of a name
            hits.append((start, end, kind, phrase))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    links: list[Link] = _participants(hits, inside, sentence, language, last_event)
    for index, (start, end, kind, _phrase) in enumerate(hits):
        if kind.type == PARTICIPATES_IN.type:
            continue
        stop = next((h[0] for h in hits[index + 1 :] if h[0] >= end), sentence.end)
        right = [m for m in inside if m.span.start >= end and m.span.end <= stop]
        left = [m for m in reversed(inside) if m.span.end <= start]
        for rank, after in enumerate(right):
            before = next((m for m in left if _direction(kind, m, after)), None)
            if before is None:
                continue
            source, target = _direction(kind, before, after) or (before, after)
            links.append(
                Link(
                    kind.type,
                    source,
                    target,
                    sentence,
                    Span(start, end),
                    f"phrase:{kind.type}:{language}",
                    0.75 if rank == 0 else 0.6,
                )
            )
    return links


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


def _participants(
    hits: list[tuple[int, int, RelationshipKind, str]],
    inside: list[Mention],
    sentence: Span,
    language: str,
    last_event: Mention | None,
) -> list[Link]:
    """Every actor of a sentence that says people took part, to the sentence's first event.

    "Mayors of Lyon and Porto and the Harbour Network took part in the workshop": participation
    is stated once for a list of actors, on either side of the phrase, so the phrase's position
    does not choose them; the kinds do (actors may take part in events). A sentence without an
    event ("Lyon, Porto and the Harbour Network took part.") speaks of the one before it.
    """
    phrase = next((h for h in hits if h[2].type == PARTICIPATES_IN.type), None)
    events = [m for m in inside if m.label in PARTICIPATES_IN.targets]
    event = events[0] if events else last_event
    if phrase is None or event is None:
        return []
    confidence = 0.6 if events else 0.5
    return [
        Link(
            PARTICIPATES_IN.type,
            actor,
            event,
            sentence,
            Span(phrase[0], phrase[1]),
            f"phrase:{PARTICIPATES_IN.type}:{language}",
            confidence,
        )
        for actor in inside
        if actor.key != event.key
        and PARTICIPATES_IN.allows(actor.label, event.label)
        and not any(_inside(actor, other) for other in inside)  # "Sfax" of "Municipality of Sfax"
        and not (
            events and actor.label == CITY.label and actor.span.start > event.span.start
        )  # its place
    ]


def _inside(mention: Mention, other: Mention) -> bool:
    """`mention` is part of the longer name `other`."""
    return (
        other.span.start <= mention.span.start
        and mention.span.end <= other.span.end
        and other.span != mention.span
    )
