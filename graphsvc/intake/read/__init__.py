"""Reading documents: files, folders and URLs become `Document`s of plain text with metadata.

`read_documents` is the one entry point. Reading a batch is all or nothing: every target is read,
every problem is collected, and if there is any, one UnreadableDocuments error lists them all
and no document is returned, so that nothing is proposed from a half-read batch. Nothing here
keeps HTML: a page or feed item is reduced to its text before it becomes a Document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import httpx

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read.feed import read_feed
from graphsvc.intake.read.fetch import fetch, is_url, new_client
from graphsvc.intake.read.files import files_in, read_file
from graphsvc.intake.read.html import read_html
from graphsvc.intake.read.limits import DEFAULT_LIMITS, ReadLimits
from graphsvc.intake.read.pdf import read_pdf
from graphsvc.intake.read.sniff import Format
from graphsvc.intake.read.text import read_text

__all__ = ["ReadLimits", "read_documents", "read_url"]


def read_documents(targets: Sequence[str], limits: ReadLimits = DEFAULT_LIMITS) -> list[Document]:
    """The documents of every target (a file, a folder, an http(s) URL), in the order given.

    A feed gives one document per item. Raises one UnreadableDocuments naming every target that
    could not be read, and what is wrong with each.
    """
    documents: list[Document] = []
    problems: list[tuple[str, str]] = []
    with new_client(limits) as client:
        for target in targets:
            try:
                documents.extend(_read_target(target, client, limits))
            except UnreadableDocuments as error:
                problems.extend(error.problems)
    if problems:
        raise UnreadableDocuments(problems)
    return documents


def read_url(
    url: str, limits: ReadLimits = DEFAULT_LIMITS, transport: httpx.BaseTransport | None = None
) -> list[Document]:
    """The documents at one http(s) URL, never a path: what a URL typed into a web form gives.

    `transport` opens the connections (`graphsvc.web.outbound` refuses private hosts with it).
    """
    with new_client(limits, transport) as client:
        fetched = fetch(url, client, limits)
        return _parse(url, fetched.format, fetched.body, limits, fetched.url, fetched.charset)


def _read_target(target: str, client: httpx.Client, limits: ReadLimits) -> list[Document]:
    if is_url(target):
        fetched = fetch(target, client, limits)
        return _parse(target, fetched.format, fetched.body, limits, fetched.url, fetched.charset)
    path = Path(target)
    if path.is_dir():
        paths = files_in(path)
        if not paths:
            raise UnreadableDocuments.about(target, "is a folder with no file intake reads")
        documents: list[Document] = []
        problems: list[tuple[str, str]] = []
        for file in paths:
            try:
                documents.extend(_read_path(file, limits))
            except UnreadableDocuments as error:
                problems.extend(error.problems)
        if problems:
            raise UnreadableDocuments(problems)
        return documents
    if not path.exists():
        raise UnreadableDocuments.about(target, "is neither a file, a folder nor an http(s) URL")
    return _read_path(path, limits)


def _read_path(path: Path, limits: ReadLimits) -> list[Document]:
    found, body = read_file(path, limits)
    return _parse(str(path), found, body, limits)


def _parse(
    origin: str,
    found: Format,
    body: bytes,
    limits: ReadLimits,
    url: str | None = None,
    charset: str | None = None,
) -> list[Document]:
    """The documents in a body whose format is known: one, or one per feed item."""
    if not body.strip():
        raise UnreadableDocuments.about(origin, "is empty")
    if found == "feed":
        return read_feed(origin, body, limits)
    if found == "pdf":
        return [read_pdf(origin, body, url)]
    if found == "html":
        return [read_html(origin, body, url, charset)]
    return [read_text(origin, body, url, charset)]
