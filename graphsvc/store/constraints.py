"""Constraints and indexes, derived from the domain model and created before any write.

Labels are interpolated into the DDL only from the model's own lists (Cypher cannot take a label as
a parameter); nothing a user types reaches these statements.
"""

from __future__ import annotations

import random

from graphsvc.errors import QueryRefused
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.model.types import DomainModel
from graphsvc.store.database import Database
from graphsvc.store.encode import LOOKUP_TEXT, NAME_SORT, lookup_text_of
from graphsvc.store.link_pages import LINK_PAGE_INDEX, LINK_PAGE_LABEL

FULLTEXT_INDEX = "entity_names"
"""Full-text index over every node's name, aliases and their folded lookup keys."""

FULLTEXT_PROPERTIES = ("name", "aliases", "lookup_keys")
"""What the full-text index covers. The analyzer folds Latin accents and case only; the lookup
keys carry graphsvc's own folding (Greek and Cyrillic accents, Arabic vowel marks, tatweel and
alef forms, see `name_key`), so that a query built from a folded key finds every script."""

CITATIONS_INDEX = "relationship_sources"
"""Full-text index over every relationship's `sources` (the ids of the Sources it cites).

Lists of strings cannot be range-indexed, and `$source IN r.sources` alone scans every
relationship of the graph (two million at a million nodes) to draw one source page. The keyword
analyzer keeps each id whole, so a quoted id finds exactly the relationships citing it
(`graphsvc.store.citations`)."""

_ALREADY_THERE = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
"""What Neo4j answers the loser of a race between two `CREATE ... IF NOT EXISTS` of one rule:
both saw it missing, the other created it first. The rule exists as asked, so it is done."""


def constraint_name(label: str) -> str:
    """The name graphsvc gives the uniqueness constraint on `label`.id."""
    return f"{label.lower()}_id_unique"


def sort_index_name(label: str) -> str:
    """The name graphsvc gives the range index on `label`.name_sort (the lists' name order)."""
    return f"{label.lower()}_{NAME_SORT}"


def lookup_index_name(label: str) -> str:
    """The name graphsvc gives the text index on `label`.lookup_text (the lists' name filter)."""
    return f"{label.lower()}_{LOOKUP_TEXT}"


SORT_KEY_BATCH = 10_000
"""Nodes given a sort key per transaction when an older database is brought up to date."""

_FILL_SORT_KEYS = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE n.{NAME_SORT} IS NULL AND n.name IS NOT NULL
WITH n LIMIT $batch
SET n.{NAME_SORT} = toLower(n.name)
RETURN count(n) AS filled
"""

_FILL_LOOKUP_TEXT = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE n.{LOOKUP_TEXT} IS NULL AND n.lookup_keys IS NOT NULL
WITH n LIMIT $batch
SET n.{LOOKUP_TEXT} = {lookup_text_of("n.lookup_keys")}
RETURN count(n) AS filled
"""


def schema_statements(model: DomainModel) -> list[str]:
    """The DDL that makes a database ready for graphsvc; every statement is idempotent."""
    statements = [
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
        for label in (ENTITY_LABEL, *model.labels)
    ]
    statements += [
        f"CREATE RANGE INDEX {sort_index_name(label)} IF NOT EXISTS "
        f"FOR (n:`{label}`) ON (n.{NAME_SORT})"
        for label in model.labels
    ]
    statements += [
        f"CREATE TEXT INDEX {lookup_index_name(label)} IF NOT EXISTS "
        f"FOR (n:`{label}`) ON (n.{LOOKUP_TEXT})"
        for label in model.labels
    ]
    statements.append(
        f"CREATE RANGE INDEX {LINK_PAGE_INDEX} IF NOT EXISTS FOR (p:`{LINK_PAGE_LABEL}`) ON (p.key)"
    )
    statements.append(
        f"CREATE FULLTEXT INDEX {CITATIONS_INDEX} IF NOT EXISTS "
        f"FOR ()-[r:{'|'.join(f'`{t}`' for t in model.relationship_types)}]-() "
        "ON EACH [r.sources] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}"
    )
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:`{ENTITY_LABEL}`) ON EACH [{', '.join(f'n.{p}' for p in FULLTEXT_PROPERTIES)}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"
    )
    return statements


def _rule_names(model: DomainModel) -> list[str]:
    """The name of each rule of `schema_statements`, in the same order."""
    return [
        *(constraint_name(label) for label in (ENTITY_LABEL, *model.labels)),
        *(sort_index_name(label) for label in model.labels),
        *(lookup_index_name(label) for label in model.labels),
        LINK_PAGE_INDEX,
        CITATIONS_INDEX,
        FULLTEXT_INDEX,
    ]


def _present_names(database: Database) -> set[str]:
    """Every constraint and index the database has, online or still being built."""
    names = {row["name"] for row in database.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    return names | {row["name"] for row in database.read("SHOW INDEXES YIELD name RETURN name")}


def expected_schema_names(model: DomainModel) -> set[str]:
    """Names of every constraint and index `ensure_schema` creates."""
    return (
        {constraint_name(label) for label in (ENTITY_LABEL, *model.labels)}
        | {sort_index_name(label) for label in model.labels}
        | {lookup_index_name(label) for label in model.labels}
        | {LINK_PAGE_INDEX, CITATIONS_INDEX, FULLTEXT_INDEX}
    )


def ensure_schema(database: Database, model: DomainModel) -> None:
    """Create whatever constraints and indexes are missing and wait until they are online.

    Safe to run from many processes at once (simultaneous first loads): a rule another process
    created in the meantime counts as created. A full-text index made by an older graphsvc over
    other properties is replaced (`IF NOT EXISTS` would keep it as it is).
    """
    _drop_stale_fulltext_index(database)
    _drop_stale_citations_index(database, model)
    present = _present_names(database)
    missing = [
        statement
        for name, statement in zip(_rule_names(model), schema_statements(model), strict=True)
        if name not in present
    ]
    # Callers that start together begin at different rules: Neo4j locks a kind's label while it
    # builds a rule, and sixteen callers creating the same rule at once deadlock over that lock
    # again and again, until the driver's retries run out.
    start = random.randrange(len(missing)) if missing else 0
    for statement in missing[start:] + missing[:start]:
        try:
            database.write(statement)
        except QueryRefused as exc:  # the driver's ClientError, translated by the database
            if exc.code != _ALREADY_THERE:
                raise
    database.write("CALL db.awaitIndexes(300)")
    fill_sort_keys(database)
    fill_lookup_text(database)


def fill_sort_keys(database: Database) -> int:
    """Give every node written before graphsvc stored sort keys its `name_sort`; how many it set.

    In batches, so that a large graph does not need one huge transaction; a node that has its key
    is never touched again, so running this on every start costs one index-less check.
    """
    return _fill(database, _FILL_SORT_KEYS)


def fill_lookup_text(database: Database) -> int:
    """Give every node written before graphsvc stored `lookup_text` its text; how many it set.

    Without it, an older graph's nodes would match no name filter at all. As `fill_sort_keys`.
    """
    return _fill(database, _FILL_LOOKUP_TEXT)


def _fill(database: Database, statement: str) -> int:
    """Run a `... LIMIT $batch SET ... RETURN count(n) AS filled` statement until it is done."""
    filled = 0
    while True:
        rows = database.write(statement, batch=SORT_KEY_BATCH)
        done = int(rows[0]["filled"]) if rows else 0
        filled += done
        if done < SORT_KEY_BATCH:
            return filled


def _drop_stale_fulltext_index(database: Database) -> None:
    rows = database.read(
        "SHOW FULLTEXT INDEXES YIELD name, properties WHERE name = $name RETURN properties",
        name=FULLTEXT_INDEX,
    )
    if rows and tuple(rows[0]["properties"]) != FULLTEXT_PROPERTIES:
        database.write(f"DROP INDEX {FULLTEXT_INDEX} IF EXISTS")


def _drop_stale_citations_index(database: Database, model: DomainModel) -> None:
    """Replace the citations index when the model's relationship types changed since it was made."""
    rows = database.read(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes WHERE name = $name RETURN labelsOrTypes",
        name=CITATIONS_INDEX,
    )
    if rows and set(rows[0]["labelsOrTypes"]) != set(model.relationship_types):
        database.write(f"DROP INDEX {CITATIONS_INDEX} IF EXISTS")


def missing_schema(database: Database, model: DomainModel) -> set[str]:
    """Constraints and indexes graphsvc needs that the database does not have (online)."""
    present = {row["name"] for row in database.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    present |= {
        row["name"]
        for row in database.read(
            "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name"
        )
    }
    return expected_schema_names(model) - present
