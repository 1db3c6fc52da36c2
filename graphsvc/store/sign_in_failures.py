"""Failed sign-ins per client address, kept in Neo4j so that every replica counts the same.

One `SignInFailure` node per address holds the times of its recent failures (seconds since the
epoch); times older than the window are dropped whenever a failure is recorded, so a node holds
at most the failures of one window. Kept in the database rather than a worker's memory because
an attacker's tries are spread over every replica by the load balancer.
"""

from __future__ import annotations

from graphsvc.store.async_database import AsyncDatabase, Read

FAILURE_LABEL = "SignInFailure"


async def recent_failures(read: Read, client: str, since: float) -> int:
    """How many sign-ins from `client` failed after `since`."""
    rows = await read(
        f"MATCH (f:{FAILURE_LABEL} {{client: $client}}) "
        "RETURN size([t IN f.times WHERE t > $since]) AS failures",
        client=client,
        since=since,
    )
    return int(rows[0]["failures"]) if rows else 0


async def record_failure(database: AsyncDatabase, client: str, now: float, since: float) -> None:
    """Add a failure at `now`, forgetting those before `since`."""
    async with database.transaction() as tx:
        await database.read_in(
            tx,
            f"CREATE CONSTRAINT sign_in_failure_client IF NOT EXISTS "
            f"FOR (f:{FAILURE_LABEL}) REQUIRE f.client IS UNIQUE",
        )
        await tx.commit()
    async with database.transaction() as tx:
        await database.read_in(
            tx,
            f"MERGE (f:{FAILURE_LABEL} {{client: $client}}) "
            "SET f.times = [t IN coalesce(f.times, []) WHERE t > $since] + [$now]",
            client=client,
            now=now,
            since=since,
        )
        await tx.commit()
