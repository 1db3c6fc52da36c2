"""What one GraphQL request carries: its database access, its batch loaders, who is asking.

Built fresh for every request and thrown away after it, so no worker keeps state that another
worker would need. It counts the request's Cypher round trips, which the HTTP layer reports in the
`Server-Timing` header and the tests use to prove that nested queries are batched (no N+1), and it
bounds how long the request waits for Neo4j in all (`bounded`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from graphql import DocumentNode
from neo4j import AsyncTransaction
from strawberry.dataloader import DataLoader

from graphsvc.errors import QueryTimedOut
from graphsvc.service.settings import ApiSettings
from graphsvc.store.async_database import AsyncDatabase

BatchLoad = Callable[[list[Any]], Awaitable[list[Any]]]


@dataclass(frozen=True)
class Principal:
    """Who sent the request: an API key's id, name and role, or anonymous."""

    key_id: str | None
    name: str
    role: str | None

    @property
    def can_read(self) -> bool:
        return self.role in ("reader", "editor")

    @property
    def can_write(self) -> bool:
        return self.role == "editor"

    @property
    def can_see_audit(self) -> bool:
        """The one rule for the audit trail, in the API and on the pages: editors only.

        It names the keys that made each change and holds what they sent (texts' hashes, URLs).
        """
        return self.role == "editor"


ANONYMOUS = Principal(None, "anonymous", None)


@dataclass
class RequestContext:
    """Passed to every resolver as `info.context`."""

    database: AsyncDatabase
    settings: ApiSettings
    principal: Principal = ANONYMOUS
    transaction: AsyncTransaction | None = None
    """Set for mutation requests: every root mutation (and every read they make) runs in it."""
    document: DocumentNode | None = None
    """The request's document, parsed, validated and costed by the HTTP layer before execution."""
    round_trips: int = 0
    database_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)
    mutations: list[dict[str, Any]] = field(default_factory=list)
    """What the request changed, for the audit trail written before commit."""
    _loaders: dict[Hashable, DataLoader[Any, Any]] = field(default_factory=dict)

    async def read(self, query: str, /, **parameters: Any) -> list[dict[str, Any]]:
        """Run one query (one round trip), inside the request's transaction when it has one."""
        started = time.perf_counter()
        self.round_trips += 1
        try:
            if self.transaction is not None:
                return await self.database.read_in(self.transaction, query, **parameters)
            async with self.bounded():
                return await self.database.read(query, **parameters)
        finally:
            self.database_seconds += time.perf_counter() - started

    @asynccontextmanager
    async def bounded(self) -> AsyncIterator[None]:
        """The block (one read, or a mutation's whole transaction) ends within the query timeout.

        The driver's own timeouts apply per attempt (connect, acquire a connection, retry), so
        while Neo4j starts, one read could wait for several of them in a row (14.5 s was seen);
        this bounds each transaction's wait as Neo4j bounds its run (the same timeout), and the
        first read that gives up ends the request.
        """
        timeout_s = self.settings.query_timeout_s
        try:
            async with asyncio.timeout(timeout_s):
                yield
        except TimeoutError as error:
            raise QueryTimedOut(
                f"the graph database did not answer within {timeout_s:g} s "
                "(GRAPHSVC_QUERY_TIMEOUT); try again shortly"
            ) from error

    def loader(self, key: Hashable, load: BatchLoad) -> DataLoader[Any, Any]:
        """The request's DataLoader for `key`, created on first use with `load` as its batch."""
        found = self._loaders.get(key)
        if found is None:
            found = DataLoader(load_fn=load)
            self._loaders[key] = found
        return found

    def page_size(self, first: int | None) -> int:
        """`first` as asked, or the default; the maximum is enforced before execution."""
        limits = self.settings.limits
        return limits.default_page_size if first is None else first
