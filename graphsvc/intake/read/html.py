"""HTML pages and fragments to plain text with trafilatura: the main text, never the markup.

trafilatura keeps the article and drops menus, footers, scripts and styles; it is given the bytes
already fetched and never fetches anything itself (nothing here names a URL it could follow). A
script is never run: the page is parsed by lxml as data. The page's own language (`<html lang>`)
is read here because trafilatura reports a language only when asked to filter by one.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read.language import language_of
from graphsvc.intake.read.published import partial_date

_DATES = {"extensive_search": False, "original_date": True}
"""Dates from the page's markup only, not guessed from any number in its text."""

_FRAGMENT_CONFIG = use_config()
for _setting in (
    "MIN_EXTRACTED_SIZE",
    "MIN_OUTPUT_SIZE",
    "MIN_EXTRACTED_COMM_SIZE",
    "MIN_OUTPUT_COMM_SIZE",
    "MIN_FILE_SIZE",
):
    _FRAGMENT_CONFIG.set("DEFAULT", _setting, "1")
"""A feed item's summary may be one sentence: no minimum length for fragments."""

_UNSEEN = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)


def read_html(
    origin: str, body: bytes, url: str | None = None, charset: str | None = None
) -> Document:
    """An article page: its main text, with the title, author, site, date and language declared."""
    markup: str | bytes = _decoded(body, charset)
    extracted = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATES,
    )
    text = _text_of(extracted)
    if not text:
        raise UnreadableDocuments.about(
            origin, "has no main text that could be extracted from its HTML"
        )
    declared = _LANG.search(body[:65536])
    return Document(
        text=text,
        format="html",
        origin=origin,
        title=_field(extracted, "title"),
        url=url,
        publisher=_field(extracted, "sitename"),
        author=_field(extracted, "author"),
        published=partial_date(_field(extracted, "date")),
        language=language_of(text, declared.group(1).decode("ascii") if declared else None),
    )


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's summary), through the same extraction.

    The fragment is wrapped as a page's article, so trafilatura takes it whole; should it still
    find nothing, the text is taken from the parsed tree, scripts, styles and embedded objects
    removed first, a line per block.
    """
    if not fragment.strip():
        return ""
    page = f"<html><body><article>{fragment}</article></body></html>"
    text = _text_of(trafilatura.bare_extraction(page, fast=True, config=_FRAGMENT_CONFIG))
    return text or _plain_text(fragment)


def _plain_text(fragment: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for element in list(root.iter(*_UNSEEN)):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(root.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def _decoded(body: bytes, charset: str | None) -> str | bytes:
    """Text when the server declared its charset; else bytes, for trafilatura to detect it."""
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            return body
    return body


def _text_of(extracted: Any) -> str:
    text = getattr(extracted, "text", None) if extracted is not None else None
    return text.strip() if isinstance(text, str) else ""


def _field(extracted: Any, name: str) -> str | None:
    value = getattr(extracted, name, None)
    return value.strip() or None if isinstance(value, str) else None
