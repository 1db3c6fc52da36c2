"""Events: a cue word per language gives the category; the words around it, date and place.

An event gets a name only from the text: a capitalised or quoted title that holds a cue word
("Second Intercity Meeting"), or the noun phrase of the cue word ("a stakeholder workshop",
"la conférence annuelle de MedCités") with the city it was held in ("workshop in Tunis").
Each event takes the date nearest its words in the sentence (or, when its sentence gives none,
the first date of the next sentence), and the city a venue word puts right after it.

One event is proposed once per document: a cue word whose category matches an earlier event,
and whose date and city do not contradict it, speaks of that event ("the workshop" after "a
stakeholder workshop on 17 November"). A plural cue ("a series of workshops") never makes one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.dates import DateMention
from graphsvc.intake.recognise.entities import capitalised
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.intake.recognise.sentences import fold_sentence
from graphsvc.model.domain import CITY, EVENT, HELD_IN
from graphsvc.model.names import name_key

VENUE_REACH = 100
"""How far after an event's noun its city may stand (characters)."""
_OF = r"(?:de|del|dels|d'|d’|of)"


@lru_cache(maxsize=8)
def _cues(rules: LanguageRules) -> re.Pattern[str]:
    words = sorted(rules.events, key=len, reverse=True)
    alternatives = "|".join(r"[\s\-]+".join(re.escape(w) for w in cue.split()) for cue in words)
    return re.compile(rf"(?<!\w)({alternatives})(s?)(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _before(rules: LanguageRules) -> re.Pattern[str] | None:
    """Modifiers between a determiner and the cue ("a stakeholder", "the MC2CM mid-term")."""
    if not rules.event_determiners:
        return None
    determiners = "|".join(re.escape(d) for d in rules.event_determiners)
    return re.compile(rf"(?<!\w)(?:{determiners})\s+((?:[\w\-’']+\s+){{1,3}})$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _after(rules: LanguageRules) -> re.Pattern[str]:
    """Adjectives and a capitalised owner after the cue ("annuelle de MedCités")."""
    return re.compile(rf"((?:\s+[a-zà-ÿ]+){{0,2}}?\s+{_OF}\s*(?:{capitalised(rules).pattern}))")


@lru_cache(maxsize=8)
def _categories(rules: LanguageRules) -> dict[str, str]:
    """Folded cue word -> category (the table's keys, folded as a match is)."""
    return {name_key(cue): category for cue, category in rules.events.items()}


@lru_cache(maxsize=8)
def _venues(rules: LanguageRules) -> frozenset[str]:
    return frozenset(name_key(v) for v in rules.venues)


@lru_cache(maxsize=8)
def _function_words(rules: LanguageRules) -> frozenset[str]:
    """Words a modifier of an event's noun never is ("the occasion of the Forum")."""
    words = (*rules.connectors, *rules.event_determiners, *rules.place_cues, *rules.list_words)
    return frozenset(name_key(w) for w in words)


@dataclass(frozen=True)
class _Anchor:
    """Words of a sentence that speak of one event: a cue word, or an event's title."""

    span: Span
    category: str | None
    plural: bool
    named: Mention | None


class EventTracker:
    """Events of one document, so that later sentences can refer back to them."""

    def __init__(self, rules: LanguageRules, published: str | None) -> None:
        self.rules = rules
        self.published = published
        self.last: dict[str, Mention] = {}
        self.cities: dict[str, str] = {}
        """Event key -> key of the city it was held in."""
        self.pending: Mention | None = None
        """The event of the previous sentence, when that sentence gave it no date."""
        self.deferred: Mention | None = None
        """An event the previous sentence spoke of with neither date nor place: proposed only
        when the next sentence gives its date."""

    def read(
        self,
        text: str,
        sentence: Span,
        dates: list[DateMention],
        mentions: list[Mention],
    ) -> tuple[list[Mention], list[Link]]:
        anchors = self._anchors(text, sentence, mentions)
        pending, self.pending = self.pending, None
        deferred, self.deferred = self.deferred, None
        if not anchors:
            if pending is not None and dates and "start_date" not in pending.properties:
                self._date(pending, dates[0])
            if deferred is not None and dates and _prose(text, sentence, dates):
                # "A webinar on water was announced. It will take place on 6 October."
                self._date(deferred, dates[0])
                self.last[str(deferred.properties["category"])] = deferred
                return [deferred], []
            return [], []
        nearest = _nearest_dates(anchors, dates)
        found: list[Mention] = []
        links: list[Link] = []
        for index, anchor in enumerate(anchors):
            stop = anchors[index + 1].span.start if index + 1 < len(anchors) else sentence.end
            city = self._venue(text, anchor.span, stop, mentions)
            event = self._event(text, sentence, anchor, nearest.get(index), city)
            if event is None:
                continue
            date = nearest.get(index)
            if date is not None and "start_date" not in event.properties:
                self._date(event, date)
            if anchor.category is not None:
                self.last[anchor.category] = event
            if "start_date" not in event.properties:
                self.pending = event
            found.append(event)
            if city is not None and event.key not in self.cities:
                self.cities[event.key] = city.key
                links.append(
                    Link(
                        HELD_IN.type,
                        event,
                        city,
                        sentence,
                        city.span,
                        f"{self.rules.language}:event-place",
                        0.6,
                    )
                )
        return found, links

    def _anchors(self, text: str, sentence: Span, mentions: list[Mention]) -> list[_Anchor]:
        folded = fold_sentence(text, sentence)
        named = [m for m in mentions if m.label == EVENT.label]
        anchors: list[_Anchor] = []
        for cue in _cues(self.rules).finditer(folded):
            span = Span(sentence.start + cue.start(), sentence.start + cue.end())
            category = _categories(self.rules)[name_key(cue.group(1))]
            title = next(
                (m for m in named if m.span.start <= span.start < m.span.end + 1),
                None,
            ) or self._titled(text, span, named)
            if title is not None and any(a.named is title for a in anchors):
                continue  # a second cue word inside the same title
            anchors.append(_Anchor(span, category, bool(cue.group(2)), title))
        for title in named:
            if not any(a.named is title for a in anchors):
                given = title.properties.get("category")
                anchors.append(_Anchor(title.span, str(given) if given else None, False, title))
        return sorted(anchors, key=lambda a: a.span.start)

    def _titled(self, text: str, cue: Span, named: list[Mention]) -> Mention | None:
        """The title a cue word introduces: the webinar “Exchange of good practices”."""
        for title in named:
            between = text[cue.end : title.span.start]
            words = name_key(between).split()
            if 0 < len(between) <= 30 and len(words) <= 1 and not re.search(r"[.;]", between):
                return title
        return None

    def _venue(self, text: str, span: Span, stop: int, mentions: list[Mention]) -> Mention | None:
        """The city before the event's noun ("the Rome meeting"), or after it and a venue word.

        A city after the noun ("the meeting in Rome") must stand near it and before the next
        event's words.
        """
        cities = [m for m in mentions if m.label == CITY.label]
        before = next(
            (
                m
                for m in cities
                if m.span.end <= span.start and not text[m.span.end : span.start].strip()
            ),
            None,
        )
        if before is not None and self.rules.modifiers_first:
            return before
        venues = _venues(self.rules)
        for city in cities:
            if not span.end <= city.span.start < min(stop, span.end + VENUE_REACH):
                continue
            words = name_key(text[max(span.end, city.span.start - 12) : city.span.start]).split()
            if words[-1:] and words[-1] in venues:
                return city
        return None

    def _event(
        self,
        text: str,
        sentence: Span,
        anchor: _Anchor,
        date: DateMention | None,
        city: Mention | None,
    ) -> Mention | None:
        if anchor.named is not None:
            event = anchor.named
            if anchor.category is not None:
                event.properties.setdefault("category", anchor.category)
            return event
        assert anchor.category is not None
        previous = self.last.get(anchor.category)
        if previous is not None and self._same(previous, date, city):
            return Mention(
                anchor.span,
                sentence,
                EVENT.label,
                previous.name,
                previous.rule,
                previous.confidence,
                properties=previous.properties,
                aliases=previous.aliases,
            )
        if anchor.plural:
            return None
        name = self._name(text, sentence, anchor.span, city, date)
        event = Mention(
            anchor.span,
            sentence,
            EVENT.label,
            name[0].upper() + name[1:],
            f"{self.rules.language}:event-cue",
            0.55,
            properties={"category": anchor.category},
        )
        if date is None and city is None:
            if self._introduced(text, sentence, anchor.span):
                self.deferred = event
            return None
        return event

    def _introduced(self, text: str, sentence: Span, cue: Span) -> bool:
        """An indefinite article introduces the event ("a webinar on water"), in a sentence.

        Not in a heading: the date line under a heading is the publication's.
        """
        if not text[sentence.start : sentence.end].rstrip().endswith((".", "!", "?")):
            return False
        words = name_key(text[max(sentence.start, cue.start - 40) : cue.start]).split()[-4:]
        return any(w in self.rules.indefinites for w in words)

    def _same(self, previous: Mention, date: DateMention | None, city: Mention | None) -> bool:
        """An earlier event of the category is this one unless its date or city differs."""
        start = previous.properties.get("start_date")
        if date is not None and start is not None and not _agree(date.start, str(start)):
            return False
        held = self.cities.get(previous.key)
        return city is None or held is None or held == city.key

    def _name(
        self,
        text: str,
        sentence: Span,
        cue: Span,
        city: Mention | None,
        date: DateMention | None,
    ) -> str:
        """The event's noun phrase as written, with its venue when one follows."""
        start, end = cue.start, cue.end
        before = _before(self.rules)
        if before is not None:
            modifiers = before.search(text, sentence.start, cue.start)
            if modifiers is not None and not _function_words(self.rules) & set(
                name_key(modifiers.group(1)).split()
            ):
                start = modifiers.start(1)
        after = _after(self.rules).match(text, cue.end, sentence.end)
        if after is not None and start == cue.start:
            end = after.end()
        if city is not None and city.span.end <= cue.start:
            start = min(start, city.span.start)
        elif city is not None and not name_key(text[end : city.span.start]).count(" "):
            end = city.span.end
        name = text[start:end]
        if start == cue.start and end == cue.end:
            linker = self.rules.venues[0] if self.rules.venues else "in"
            name = (
                f"{name} {linker} {city.name}" if city else f"{name} {date.start if date else ''}"
            )
        return " ".join(name.split())

    def _date(self, event: Mention, date: DateMention) -> None:
        event.properties["start_date"] = date.start
        if date.end:
            event.properties["end_date"] = date.end
        if not date.year_given and self.published:
            event.note = (
                f"The text gives no year; the document was published on {self.published}, "
                "which may be the year (not proposed as the date)."
            )


def _nearest_dates(anchors: list[_Anchor], dates: list[DateMention]) -> dict[int, DateMention]:
    """The date each event's words take.

    The first after them, before the next event's words ("the workshop was held on 5 May");
    else the nearest before them that no event took ("On 5 May the city hosted a workshop").
    """
    chosen: dict[int, DateMention] = {}
    for index, anchor in enumerate(anchors):
        stop = anchors[index + 1].span.start if index + 1 < len(anchors) else None
        after = [
            d
            for d in dates
            if d.span.start >= anchor.span.end and (stop is None or d.span.start < stop)
        ]
        if after:
            chosen[index] = after[0]
    taken = {id(d) for d in chosen.values()}
    for index, anchor in enumerate(anchors):
        if index in chosen:
            continue
        before = [d for d in dates if d.span.end <= anchor.span.start and id(d) not in taken]
        if before:
            chosen[index] = before[-1]
            taken.add(id(before[-1]))
    return chosen


def _prose(text: str, sentence: Span, dates: list[DateMention]) -> bool:
    """The sentence says more than its dates (a date line under a heading is publication)."""
    rest = text[sentence.start : sentence.end]
    for date in dates:
        rest = rest.replace(text[date.span.start : date.span.end], "")
    return len(rest.split()) > 2


def _agree(one: str, other: str) -> bool:
    """Two partial dates agree when one is the other, or a month or year that holds it."""
    return one.startswith(other) or other.startswith(one)
