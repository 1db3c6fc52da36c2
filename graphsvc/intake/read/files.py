"""Targets to read: a folder becomes its supported files, sorted; a file is checked before reading.

A file's size is checked before it is opened, against the same cap as a response body, so a huge
file costs a `stat`, not a read.
"""

from __future__ import annotations

from pathlib import Path

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.read.limits import ReadLimits, size_text
from graphsvc.intake.read.sniff import EXTENSIONS, Format, format_of_file


def files_in(folder: Path) -> list[Path]:
    """Every file in `folder` (not below it) whose extension intake reads, sorted by name."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.lower() in EXTENSIONS and not path.name.startswith(".")
    )


def read_file(path: Path, limits: ReadLimits) -> tuple[Format, bytes]:
    """A file's format and bytes, or UnreadableDocuments saying why it cannot be read."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise UnreadableDocuments.about(
                origin,
                f"is too large ({size_text(size)}, more than the {size_text(limits.max_bytes)} "
                "cap); raise ReadLimits.max_bytes to read it",
            )
        body = path.read_bytes()
    except OSError as error:
        raise UnreadableDocuments.about(
            origin, f"cannot be read ({error.strerror or error})"
        ) from error
    if not body.strip():
        raise UnreadableDocuments.about(origin, "is empty")
    found = format_of_file(path, body[:4096])
    if found is None:
        known = ", ".join(EXTENSIONS)
        raise UnreadableDocuments.about(
            origin, f"is not a supported kind of file (extensions read: {known})"
        )
    return found, body
