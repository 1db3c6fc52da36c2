"""Plain text: UTF-8 only, refused with the reason when it is binary or in another encoding.

Guessing an encoding would silently turn "Tétouan" into "TÃ©touan" in a proposed fact; asking the
curator to save the file as UTF-8 costs one step and keeps every name right.
"""

from __future__ import annotations

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read.language import language_of

_BYTE_ORDER_MARKS = (  # UTF-32's first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(origin: str, body: bytes, charset: str | None = None) -> str:
    """The text of `body`, in `charset` when a server declared one, else UTF-8 (a BOM allowed).

    A UTF-16 or UTF-32 byte-order mark names its encoding as surely as a declared charset (a
    Windows "Unicode" text file starts with one), and such text is full of NUL bytes.
    """
    for mark, named in _BYTE_ORDER_MARKS:
        if body.startswith(mark):
            charset, body = named, body[len(mark) :]
            break
    else:
        mark = b""
    if not mark and b"\x00" in body[:8192]:
        raise UnreadableDocuments.about(origin, "is binary (it contains NUL bytes), not text")
    encoding = (charset or "utf-8").lower()
    if encoding in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        text = body.decode(encoding)
    except LookupError:
        raise UnreadableDocuments.about(
            origin, f"declares an unknown encoding ({charset})"
        ) from None
    except UnicodeDecodeError as error:
        byte = body[error.start : error.start + 1].hex()
        raise UnreadableDocuments.about(
            origin,
            f"is not valid {'UTF-8' if encoding == 'utf-8-sig' else charset} "
            f"(byte 0x{byte} at offset {error.start}); save it as UTF-8",
        ) from None
    if not text.strip():
        raise UnreadableDocuments.about(origin, "is empty (no text in it)")
    return text


def read_text(
    origin: str, body: bytes, url: str | None = None, charset: str | None = None
) -> Document:
    """A plain-text document, as is: offsets into it stay offsets into the file."""
    text = decode(origin, body, charset)
    return Document(text=text, format="text", origin=origin, url=url, language=language_of(text))
