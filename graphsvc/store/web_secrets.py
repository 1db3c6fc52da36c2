"""The web application's signing secret, kept in Neo4j so that every replica uses the same.

Made once by whichever process asks first and read by the rest; a uniqueness constraint on the
node's name means two processes asking at once still end with one secret. Only used when
`GRAPHSVC_SESSION_SECRET` is not set.
"""

from __future__ import annotations

from graphsvc.store.async_database import AsyncDatabase

SECRET_LABEL = "WebSecret"
_FIND = f"MATCH (s:{SECRET_LABEL} {{name: 'session'}}) RETURN s.value AS value"


async def signing_secret(database: AsyncDatabase, candidate: str) -> str:
    """The stored secret, storing `candidate` when there is none yet."""
    rows = await database.read(_FIND)
    if rows:
        return str(rows[0]["value"])
    async with database.transaction() as tx:
        await database.read_in(
            tx,
            f"CREATE CONSTRAINT web_secret_name IF NOT EXISTS "
            f"FOR (s:{SECRET_LABEL}) REQUIRE s.name IS UNIQUE",
        )
        await tx.commit()
    async with database.transaction() as tx:
        rows = await database.read_in(
            tx,
            f"MERGE (s:{SECRET_LABEL} {{name: 'session'}}) "
            "ON CREATE SET s.value = $candidate RETURN s.value AS value",
            candidate=candidate,
        )
        await tx.commit()
    return str(rows[0]["value"])
