"""PDFs with a text layer, read with pypdf; a scan without one is refused, not OCRed."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read.language import language_of
from graphsvc.intake.read.published import partial_date

logging.getLogger("pypdf").setLevel(logging.ERROR)
"""pypdf logs every oddity of a real-world PDF as a warning; the ones that matter raise."""


def read_pdf(origin: str, body: bytes, url: str | None = None) -> Document:
    """The text of every page, pages separated by a blank line, with the title and author."""
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            raise UnreadableDocuments.about(origin, "is an encrypted PDF; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
    except DependencyError as error:
        # pypdf needs the `cryptography` package for AES even to try the empty password; an
        # AES-encrypted PDF is refused as any encrypted one is, rather than adding a dependency.
        raise UnreadableDocuments.about(
            origin, "is an encrypted PDF (AES); save an unprotected copy"
        ) from error
    except PyPdfError as error:
        raise UnreadableDocuments.about(origin, f"is not a readable PDF ({error})") from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise UnreadableDocuments.about(
            origin, "is a PDF without a text layer (a scan?); run OCR on it first"
        )
    title = author = created = None
    if metadata is not None:
        title = (metadata.title or "").strip() or None
        author = (metadata.author or "").strip() or None
        created = metadata.get("/CreationDate")
    return Document(
        text=text,
        format="pdf",
        origin=origin,
        title=title,
        url=url,
        author=author,
        published=_pdf_date(created),
        language=language_of(text),
    )


def _pdf_date(value: object) -> str | None:
    """A PDF date (`D:20210304101500+01'00'`) as a partial date.

    Its creation stands for its publication: the nearest the file says.
    """
    if not isinstance(value, str):
        return None
    digits = value.removeprefix("D:")[:8]
    if not digits.isdigit():
        return None
    return partial_date("-".join(part for part in (digits[:4], digits[4:6], digits[6:8]) if part))
