"""Constraints and indexes, derived from the domain model and created before any write.

Labels are interpolated into the DDL only from the model's own lists (Cypher cannot take a label as
a parameter); nothing a user types reaches these statements.
"""

from __future__ import annotations

from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.model.types import DomainModel
from graphsvc.store.database import Database

FULLTEXT_INDEX = "entity_names"
"""Full-text index over every node's name and aliases, folding accents and case."""


def constraint_name(label: str) -> str:
    """The name graphsvc gives the uniqueness constraint on `label`.id."""
    return f"{label.lower()}_id_unique"


def schema_statements(model: DomainModel) -> list[str]:
    """The DDL that makes a database ready for graphsvc; every statement is idempotent."""
    statements = [
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
        for label in (ENTITY_LABEL, *model.labels)
    ]
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:`{ENTITY_LABEL}`) ON EACH [n.name, n.aliases] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"
    )
    return statements


def expected_schema_names(model: DomainModel) -> set[str]:
    """Names of every constraint and index `ensure_schema` creates."""
    return {constraint_name(label) for label in (ENTITY_LABEL, *model.labels)} | {FULLTEXT_INDEX}


def ensure_schema(database: Database, model: DomainModel) -> None:
    """Create whatever constraints and indexes are missing and wait until they are online."""
    for statement in schema_statements(model):
        database.write(statement)
    database.write("CALL db.awaitIndexes(300)")


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
