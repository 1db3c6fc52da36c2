"""A pasted text's headline, for its title when the person gave none.

A text copied from a page usually starts with its headline: a short line of its own that is not
a sentence. Without it, a document was named by its URL or as "text submitted through the API"
in the queue, on entity pages and in sources. A line that reads as a sentence, a "Field: value"
header (a copy's "URL: ..."), a bare date or a single word is not a headline.
"""

from __future__ import annotations

import re

MAX_WORDS = 25
"""A headline longer than this is a paragraph."""
MIN_WORDS = 3
SCANNED_LINES = 8
"""The headline stands near the top: only the first non-empty lines are looked at."""
_HEADER = re.compile(r"^[\w-]{1,30}:\s")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
_NUMERIC = re.compile(r"^[\d\s./-]+$")


def headline(text: str) -> str | None:
    """The first line near the top that looks like a headline, or None."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for line in [line for line in lines if line][:SCANNED_LINES]:
        words = line.split()
        if _HEADER.match(line) or _NUMERIC.match(line):
            continue
        if MIN_WORDS <= len(words) <= MAX_WORDS and not line.endswith(_SENTENCE_END):
            return line
        if len(words) > MAX_WORDS or line.endswith("."):
            return None  # the body has begun
    return None
