"""A relationship and a Source as every page writes them for people.

A link reads from the page's entity ("funded by", "takes part in"), in the model's own reader
words (`RelationshipKind.reads`); its amount is money written out ("€1,200,000"), its dates in
words (`human_period`), and each Source it cites is named by title, publisher and date, never by
an id or a file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphsvc import urls
from graphsvc.model import MODEL
from graphsvc.model.wording import human_date, human_period

_SYMBOLS = {"EUR": "€", "USD": "US$", "GBP": "£"}


def money(amount: object, currency: object) -> str:
    """An amount as a reader writes it: "€1,200,000", "1,500 CHF"; empty when none is given."""
    if amount is None or amount == "":
        return ""
    try:
        value = float(str(amount))
    except ValueError:
        return str(amount)
    digits = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    code = str(currency or "")
    if code in _SYMBOLS:
        return _SYMBOLS[code] + digits
    return f"{digits} {code}".strip()


@dataclass(frozen=True)
class SourceName:
    """A Source as a reader recognises it: its title, who published it, and when."""

    href: str
    title: str
    publisher: str
    published: str

    @property
    def line(self) -> str:
        """Publisher and date, for the line under the title (empty when neither is known)."""
        return ", ".join(part for part in (self.publisher, self.published) if part)


def source_name(node: dict[str, Any]) -> SourceName:
    """The Source row's node as a reader sees it named."""
    return SourceName(
        href=urls.source_url(str(node["id"])),
        title=str(node.get("title") or node.get("name") or "An untitled document"),
        publisher=str(node.get("publisher") or ""),
        published=human_date(node.get("published")),
    )


@dataclass(frozen=True)
class Entry:
    """An entity at the other end of a link, as a page links it."""

    name: str
    kind: str
    href: str


def entry(row: dict[str, Any]) -> Entry:
    """A node row (`{label, node}`) as a link to its page."""
    node = row["node"]
    return Entry(
        str(node.get("name") or node["id"]), str(row["label"]), urls.entity_url(node["id"])
    )


@dataclass(frozen=True)
class Fact:
    """One relationship, read from one of its ends."""

    type: str
    words: str
    other: Entry
    role: str
    amount: str
    period: str
    note: str
    uncertain: bool
    sources: tuple[SourceName, ...]
    sort_date: str
    """The date the fact (or, without one, its other end) starts, ISO-like, for date order."""


def reader_words(rel_type: str, outgoing: bool) -> str:
    """What the model calls this relationship from the end one reads it from."""
    kind = MODEL.relationship_kind(rel_type)
    if kind is None:
        return rel_type.lower().replace("_", " ")
    forward, backward = kind.reads
    return forward if outgoing else backward


def fact(rel_type: str, outgoing: bool, link: dict[str, Any], other: dict[str, Any]) -> Fact:
    """A link map's relationship (properties, cited Sources), read from the end facing `other`."""
    props: dict[str, Any] = link.get("relationship") or {}
    other_node = other["node"]
    start, end = props.get("start_date"), props.get("end_date")
    if not start and not end:
        start, end = other_node.get("start_date"), other_node.get("end_date")
    return Fact(
        type=rel_type,
        words=reader_words(rel_type, outgoing),
        other=entry(other),
        role=str(props.get("role") or ""),
        amount=money(props.get("amount"), props.get("currency")),
        period=human_period(start, end),
        note=str(props.get("note") or ""),
        # An uncertain entity is marked wherever it is listed, not only on its own page.
        uncertain=bool(props.get("uncertain") or other_node.get("uncertain")),
        sources=tuple(source_name(row["node"]) for row in link.get("sources") or ()),
        sort_date=_sortable(start),
    )


def _sortable(value: object) -> str:
    """A partial date as text that sorts in time order; undated last, year-less after dated."""
    text = str(value or "")
    if not text:
        return "~"
    return "9999" + text[1:] if text.startswith("--") else text
