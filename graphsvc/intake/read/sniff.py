"""Which reader a document needs: from its content type (URLs), or its extension and first bytes.

A file's first bytes win over its extension when they carry a clear signature (`%PDF-`, an
`<rss` or `<feed` root, an HTML document's doctype), so a PDF saved as `.txt` is read as a PDF;
without a signature the extension decides.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

Format = Literal["text", "html", "pdf", "feed"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
"""What a folder is searched for; a file named explicitly may also be recognised by its bytes."""

CONTENT_TYPES: dict[str, Format] = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}

_FEED_ROOT = re.compile(rb"<(?:[a-z]+:)?(?:rss|feed|rdf)\b", re.IGNORECASE)
_HTML_START = re.compile(rb"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def format_of_content_type(content_type: str) -> Format | None:
    """The reader for a media type such as `text/html; charset=utf-8`; None when unsupported."""
    media_type = content_type.split(";")[0].strip().lower()
    return CONTENT_TYPES.get(media_type)


def format_of_file(path: Path, head: bytes) -> Format | None:
    """The reader for a file, from its first bytes, else its extension; None when neither tells."""
    return format_of_bytes(head) or EXTENSIONS.get(path.suffix.lower())


def format_of_bytes(head: bytes) -> Format | None:
    """The format the first bytes announce, if they carry a signature."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2 :].lstrip() if b"?>" in start else b""
    if _HTML_START.match(start):
        return "html"
    while start.startswith((b"<!--", b"<?", b"<!")):  # comments, processing instructions, doctype
        end = start.find(b">")
        start = start[end + 1 :].lstrip() if end >= 0 else b""
    if _FEED_ROOT.match(start):
        return "feed"
    return None
