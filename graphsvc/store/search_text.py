"""How long a name search may be: the full-text index refuses longer queries with an exception.

Lucene builds an automaton per fuzzy or prefix word (it gives up at 1,000 characters) and allows
at most 1,024 clauses per query (each word here makes up to three), so a search is bounded well
below both. Names are short: 200 characters and 32 words hold any real name with room to spare.
Shared by `graphsvc search` and the API's `search(text:)`, which answer with this message.
"""

from __future__ import annotations

from graphsvc.errors import ConfigError

MAX_SEARCH_CHARACTERS = 200
MAX_SEARCH_WORDS = 32


def check_search_text(text: str) -> None:
    """Raise ConfigError, stating the limit, when `text` is longer than a search may be."""
    if len(text) > MAX_SEARCH_CHARACTERS:
        raise ConfigError(
            f"search text has {len(text)} characters; at most {MAX_SEARCH_CHARACTERS} are allowed"
        )
    words = len(text.split())
    if words > MAX_SEARCH_WORDS:
        raise ConfigError(f"search text has {words} words; at most {MAX_SEARCH_WORDS} are allowed")
