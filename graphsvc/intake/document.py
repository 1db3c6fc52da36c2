"""A document as intake sees it: its extracted text and what is known about where it came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

DocumentFormat = Literal["text", "html", "pdf", "feed-item"]


def content_hash(text: str) -> str:
    """The SHA-256 of the extracted text: the same document submitted twice has the same hash."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One document's plain text, with the metadata its Source will carry.

    Offsets in every proposed fact index `text`, which is kept with the Source for as long as the
    facts exist, so that a curator can always see the sentence a fact came from.
    """

    text: str
    format: DocumentFormat
    origin: str
    """Where it was read from: a file path or a URL, for messages."""
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    """The site or organisation that published it."""
    author: str | None = None
    published: str | None = None
    """The publication date as a partial date (`2023-05-05`, `2023-05`, `2023`), when known."""
    language: str | None = None
    """ISO 639-1 code (en, fr, es, ca ...), when known or detected."""

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def source_id(self) -> str:
        """The id its Source node gets: stable for the same text, whatever its origin."""
        return f"doc-{self.content_hash[:16]}"
