"""Documents already parsed and validated, by query text: a bounded cache per process.

Parsing and validating are pure functions of the query text and the schema, and clients send the
same few documents again and again with other variables; validation alone took about a quarter of
the server's time per request under load. So a document that parsed and validated is kept, and
the next request with the same text skips both. What depends on the variables (the limits on
page sizes and cost, the text checks) is not cached: the HTTP layer runs it on every request,
before anything reaches the database. Only documents that passed validation are kept, so a hit
never changes what a request is refused for.
"""

from __future__ import annotations

from collections import OrderedDict

from graphql import DocumentNode

CACHED_DOCUMENTS = 512
"""How many distinct query texts one process keeps (a few KB each)."""


class DocumentCache:
    """Least recently used first out, up to `size` documents."""

    def __init__(self, size: int = CACHED_DOCUMENTS) -> None:
        self.size = size
        self._documents: OrderedDict[str, DocumentNode] = OrderedDict()

    def get(self, query: str) -> DocumentNode | None:
        """The valid document for `query`, when it was seen (and is now the most recent)."""
        document = self._documents.get(query)
        if document is not None:
            self._documents.move_to_end(query)
        return document

    def put(self, query: str, document: DocumentNode) -> None:
        """Keep `query`'s document, which parsed and validated against the schema."""
        self._documents[query] = document
        self._documents.move_to_end(query)
        while len(self._documents) > self.size:
            self._documents.popitem(last=False)

    def __len__(self) -> int:
        return len(self._documents)
