"""Events: a cue word per language gives the category; the sentence gives date and place.

An event gets a name only from the text: a capitalised or quoted title that holds a cue word
("Second Intercity Meeting"), or the cue word with the city it was held in ("workshop in Tunis").
A sentence with a cue word but no new date or place speaks of the last event of that category.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.dates import DateMention
from graphsvc.intake.recognise.mentions import Link, Mention
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.intake.recognise.sentences import fold_sentence
from graphsvc.model.domain import HELD_IN
from graphsvc.model.names import name_key


@lru_cache(maxsize=8)
def _cues(rules: LanguageRules) -> re.Pattern[str]:
    words = sorted(rules.events, key=len, reverse=True)
    alternatives = "|".join(r"[\s\-]+".join(re.escape(w) for w in cue.split()) for cue in words)
    return re.compile(rf"(?<!\w)({alternatives})s?(?!\w)", re.IGNORECASE)


class EventTracker:
    """Events of one document, so that later sentences can refer back to them."""

    def __init__(self, rules: LanguageRules, published: str | None) -> None:
        self.rules = rules
        self.published = published
        self.last: dict[str, Mention] = {}

    def read(
        self,
        text: str,
        sentence: Span,
        dates: list[DateMention],
        mentions: list[Mention],
    ) -> tuple[list[Mention], list[Link]]:
        folded = fold_sentence(text, sentence)
        cue = _cues(self.rules).search(folded)
        if cue is None:
            return [], []
        category = self.rules.events[
            next(c for c in self.rules.events if name_key(cue.group(1)) == name_key(c))
        ]
        cue_span = Span(sentence.start + cue.start(), sentence.start + cue.end())
        cities = [m for m in mentions if m.label == "City" and m.span.start >= cue_span.end]
        named = next(
            (
                m
                for m in mentions
                if m.label == "Event" and m.span.start <= cue_span.start < m.span.end + 1
            ),
            None,
        )
        date = dates[0] if dates else None
        event: Mention | None = named
        if event is None and (date is not None or cities):
            written = text[cue_span.start : cue_span.end]
            name = (
                f"{written} in {cities[0].name}"
                if cities
                else f"{written} of {date.start if date else ''}"
            )
            event = Mention(
                cue_span,
                sentence,
                "Event",
                name[0].upper() + name[1:],
                f"{self.rules.language}:event-cue",
                0.55,
            )
        if event is None:
            previous = self.last.get(category)
            if previous is None:
                return [], []
            event = Mention(
                cue_span,
                sentence,
                "Event",
                previous.name,
                previous.rule,
                previous.confidence,
                properties=previous.properties,
            )
        event.properties.setdefault("category", category)
        if date is not None and "start_date" not in event.properties:
            event.properties["start_date"] = date.start
            if date.end:
                event.properties["end_date"] = date.end
            if not date.year_given and self.published:
                event.note = (
                    f"The text gives no year; the document was published on {self.published}, "
                    "which may be the year (not proposed as the date)."
                )
        self.last[category] = event
        links = [
            Link(
                HELD_IN.type,
                event,
                city,
                sentence,
                city.span,
                f"{self.rules.language}:event-place",
                0.6,
            )
            for city in cities[:1]
        ]
        return [event], links
