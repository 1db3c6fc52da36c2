"""RSS and Atom feeds with feedparser: each item becomes its own document.

feedparser is given a stream of the bytes already read, never a string: given a string it would
take a URL or a file name in it as something to open. It does not resolve external entities. A
feed with more items than `max_feed_items` is refused whole (see ReadLimits): the items are
counted in the raw bytes first, so a feed of 10,000 items is refused before it is parsed.
"""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read.fetch import web_address
from graphsvc.intake.read.html import fragment_text
from graphsvc.intake.read.language import language_of
from graphsvc.intake.read.limits import ReadLimits
from graphsvc.intake.read.published import from_struct_time

_ITEM = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(?:item|entry)[\s>/]")


def read_feed(origin: str, body: bytes, limits: ReadLimits) -> list[Document]:
    """One `feed-item` document per item, in the feed's order, each with its link and date."""
    _check_count(origin, len(_ITEM.findall(body)), limits)
    parsed: Any = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=True)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise UnreadableDocuments.about(
            origin, "is not an RSS or Atom feed" + (f" ({reason})" if reason else "")
        )
    _check_count(origin, len(parsed.entries), limits)
    feed = parsed.feed
    publisher = _clean(feed.get("title"))
    declared = feed.get("language") or parsed.get("namespaces", {}).get("xml:lang")
    documents = []
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        link = web_address(_clean(entry.get("link")))
        if not text:
            raise UnreadableDocuments.about(
                f"{origin} item {number} ({link or 'no link'})", "has no text"
            )
        entry_language = _entry_language(entry) or declared
        documents.append(
            Document(
                text=text,
                format="feed-item",
                origin=f"{origin} item {number}",
                title=_clean(fragment_text(entry.get("title", ""))),
                url=link,
                publisher=publisher,
                author=_clean(entry.get("author")),
                published=from_struct_time(
                    entry.get("published_parsed") or entry.get("updated_parsed")
                ),
                language=language_of(text, entry_language),
            )
        )
    if not documents:
        raise UnreadableDocuments.about(origin, "is a feed without items")
    return documents


def _check_count(origin: str, count: int, limits: ReadLimits) -> None:
    if count > limits.max_feed_items:
        raise UnreadableDocuments.about(
            origin,
            f"is a feed with {count} items, more than the {limits.max_feed_items} read at once; "
            "nothing was taken from it (raise ReadLimits.max_feed_items, or use a shorter feed)",
        )


def _entry_text(entry: Any) -> str:
    """The item's fullest text: its content when given, else its summary, as plain text."""
    for content in entry.get("content", []):
        text = fragment_text(content.get("value", ""))
        if text:
            return text
    return fragment_text(entry.get("summary", ""))


def _entry_language(entry: Any) -> str | None:
    for content in entry.get("content", []):
        if content.get("language"):
            return str(content["language"])
    detail = entry.get("summary_detail") or {}
    return str(detail["language"]) if detail.get("language") else None


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
