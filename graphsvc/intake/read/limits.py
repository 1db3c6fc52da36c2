"""How much reading one document may cost: its size, a server's time, redirects, feed items."""

from __future__ import annotations

from dataclasses import dataclass

from graphsvc import __version__

MEBIBYTE = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on reading, so that a hostile or broken file, server or feed costs little.

    A document past a bound is refused with a message saying which bound and how to raise it;
    nothing is ever silently truncated (a feed with more items than `max_feed_items` is refused
    whole rather than cut, as a curator could not tell which items were left out).
    """

    max_bytes: int = 10 * MEBIBYTE
    """The largest file or response body read; a response is cut off as soon as it passes this."""
    connect_timeout: float = 10.0
    """Seconds to wait for a server to accept the connection."""
    read_timeout: float = 20.0
    """Seconds to wait for the next bytes of an answer."""
    total_timeout: float = 60.0
    """Seconds one URL may take in all, so that a server sending a byte at a time is cut off."""
    max_redirects: int = 5
    max_feed_items: int = 500
    user_agent: str = f"graphsvc/{__version__} (document intake)"

    def __post_init__(self) -> None:
        for name in ("max_bytes", "connect_timeout", "read_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"ReadLimits.{name} must be positive")
        if self.max_redirects < 0 or self.max_feed_items < 1:
            raise ValueError("ReadLimits.max_redirects must be >= 0 and max_feed_items >= 1")


DEFAULT_LIMITS = ReadLimits()


def size_text(count: int) -> str:
    """A byte count as people read it: `10 MB`, `512 KB`, `37 bytes`."""
    if count >= MEBIBYTE:
        return f"{count / MEBIBYTE:.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count // 1024} KB"
    return f"{count} bytes"
