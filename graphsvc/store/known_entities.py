"""What the graph already holds that an import links to as it is.

Curated organisations and countries, found by identifier, ISO code or any of their names.

Nodes an earlier import made carry an id prefix of their own (`org-`, `country-`); the importer
passes it, so that those are left out here and upserted instead (each file adds its Source).
"""

from __future__ import annotations

from graphsvc.model.domain import COUNTRY, INSTITUTION
from graphsvc.store.database import Database


def organisations_with_refs(database: Database, imported_prefix: str) -> list[tuple[str, str]]:
    """(organisation identifier as stored, id) of institutions not made by an import."""
    return [
        (row["ref"], row["id"])
        for row in database.read(
            f"MATCH (i:{INSTITUTION.label}) WHERE i.org_ref IS NOT NULL "
            "AND NOT i.id STARTS WITH $prefix RETURN i.org_ref AS ref, i.id AS id ORDER BY id",
            prefix=imported_prefix,
        )
    ]


def countries_by_iso(database: Database, imported_prefix: str) -> dict[str, str]:
    """ISO code -> id, for countries not made by an import."""
    return {
        row["iso"]: row["id"]
        for row in database.read(
            f"MATCH (c:{COUNTRY.label}) WHERE NOT c.id STARTS WITH $prefix "
            "RETURN c.iso_code AS iso, c.id AS id ORDER BY id",
            prefix=imported_prefix,
        )
    }


def institution_lookup_keys(database: Database, imported_prefix: str) -> dict[str, list[str]]:
    """Id -> folded names and aliases (`lookup_keys`) of curated institutions: the alias table."""
    return {
        row["id"]: list(row["keys"] or [])
        for row in database.read(
            f"MATCH (i:{INSTITUTION.label}) WHERE NOT i.id STARTS WITH $prefix "
            "RETURN i.id AS id, i.lookup_keys AS keys ORDER BY id",
            prefix=imported_prefix,
        )
    }


def countries_by_code(database: Database) -> dict[str, str]:
    """ISO code -> id of every country in the graph (the first by id): a new city lies in one."""
    found: dict[str, str] = {}
    for row in database.read(
        f"MATCH (c:`{COUNTRY.label}`) WHERE c.iso_code IS NOT NULL "
        "RETURN c.iso_code AS iso, c.id AS id ORDER BY id"
    ):
        found.setdefault(row["iso"], row["id"])
    return found
