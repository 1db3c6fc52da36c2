"""The page of one Source document: what it is, its text with its facts highlighted, every fact.

A document taken in through intake keeps its text and the review of its accepted proposal, whose
facts carry the offsets of the sentence each was read from: those sentences are marked in the
text, numbered, and the list of facts below refers to them. A seed document may hold only its
metadata; the page then shows that, and still lists every entity and relationship it supports,
each linked to its entity pages.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.intake.facts import EntityFact, RelationshipFact, from_stored
from graphsvc.intake.proposal import Span
from graphsvc.maps.naming import suggest
from graphsvc.model.domain import SOURCE
from graphsvc.model.wording import human_date, human_period
from graphsvc.store import entities, source_contents
from graphsvc.web.facts import Entry, entry, reader_words, source_name
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

FACTS_SHOWN = 500
"""At most this many supported entities, and as many relationships, are listed."""


@dataclass(frozen=True)
class Segment:
    """A stretch of the document's text: plain, or a sentence that states facts `numbers`."""

    text: str
    numbers: tuple[int, ...] = ()

    @property
    def anchor(self) -> str:
        return f"sentence-{self.numbers[0]}" if self.numbers else ""


def highlighted(text: str, spans: list[tuple[int, int, int]]) -> list[Segment]:
    """`text` cut into plain and marked segments; `spans` are (start, end, fact number).

    Sentences that overlap are marked as one stretch carrying every fact number; offsets outside
    the text are clipped, and an empty span marks nothing.
    """
    cleaned = sorted(
        (max(0, start), min(len(text), end), number)
        for start, end, number in spans
        if min(len(text), end) > max(0, start)
    )
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, number in cleaned:
        if merged and start < merged[-1][1]:
            last_start, last_end, numbers = merged[-1]
            merged[-1] = (last_start, max(last_end, end), [*numbers, number])
        else:
            merged.append((start, end, [number]))
    segments: list[Segment] = []
    at = 0
    for start, end, numbers in merged:
        if start > at:
            segments.append(Segment(text[at:start]))
        segments.append(Segment(text[start:end], tuple(sorted(set(numbers)))))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


@dataclass(frozen=True)
class ReadFact:
    """A fact of the accepted review, as the text states it."""

    number: int
    subject: Entry
    words: str
    object: Entry | None
    sentence: Span
    quote: str


def _read_facts(review: dict[str, Any]) -> tuple[str, list[ReadFact]]:
    """The review's text and its accepted facts, each with the entities it names."""
    proposal = from_stored(review)
    text = proposal.document.text
    ids = {e.key: (e.known_id or e.key) for e in proposal.entities}
    names = {e.key: e for e in proposal.entities}

    def named(key: str) -> Entry:
        known = names.get(key)
        return Entry(
            known.name if known else key,
            known.label if known else "",
            urls.entity_url(ids.get(key, key)),
        )

    found = []
    for fact in proposal.facts:
        if fact.state != "accepted":
            continue
        if isinstance(fact, RelationshipFact):
            sentence = fact.evidence.sentence
            subject, words, other = (
                named(fact.source),
                reader_words(fact.type, True),
                named(fact.target),
            )
        elif isinstance(fact, EntityFact) and fact.evidence:
            sentence = fact.evidence[0].sentence
            subject, words, other = named(fact.key), "is mentioned", None
        else:
            continue
        found.append(ReadFact(fact.number, subject, words, other, sentence, sentence.of(text)))
    return text, found


def _web_address(url: object) -> str:
    """The document's address when it is a web address (never a `javascript:` one)."""
    text = str(url or "")
    return text if text.lower().startswith(("https://", "http://")) else ""


async def source_page(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    source_id = request.path_params["source_id"]
    (row,) = await entities.nodes_by_slug(context.read, [source_id])
    if row is None:
        choices = await suggest(context.read, source_id.replace("-", " "), (SOURCE.label,))
        return page(
            "not_found.html",
            title="Not found",
            viewer=viewer,
            status=404,
            text=source_id,
            several=[],
            choices=[
                {"choice": c, "href": urls.source_url(c.id), "where": c.where()} for c in choices
            ],
        )
    if row["label"] != SOURCE.label:
        return RedirectResponse(urls.entity_url(source_id), status_code=301)
    node = row["node"]
    (supported,), links, review = await asyncio.gather(
        entities.supported_by(context.read, FACTS_SHOWN, [source_id]),
        source_contents.relationships_citing(context.read, source_id, FACTS_SHOWN),
        source_contents.accepted_review(context.read, source_id),
    )
    text = str(node.get("text") or "")
    read_facts: list[ReadFact] = []
    segments: list[Segment] = []
    if review is not None:
        review_text, read_facts = _read_facts(review)
        text = text or review_text
        if text == review_text:
            segments = highlighted(
                text, [(f.sentence.start, f.sentence.end, f.number) for f in read_facts]
            )
    if text and not segments:
        segments = [Segment(text)]
    named = source_name(node)
    return page(
        "source.html",
        title=named.title,
        viewer=viewer,
        node=node,
        named=named,
        published=human_date(node.get("published")),
        link=_web_address(node.get("url")),
        segments=segments,
        read_facts=read_facts,
        anchors={n: s.anchor for s in segments for n in s.numbers},
        supported=[entry(r) for r in supported],
        links=[
            {
                "from": entry(link["from"]),
                "words": reader_words(str(link["type"]), True),
                "to": entry(link["to"]),
                "period": human_period(
                    (link.get("relationship") or {}).get("start_date"),
                    (link.get("relationship") or {}).get("end_date"),
                ),
                "role": (link.get("relationship") or {}).get("role") or "",
            }
            for link in links
        ],
        limit=FACTS_SHOWN,
    )


routes = [Route(urls.SOURCE, source_page, methods=["GET"])]
