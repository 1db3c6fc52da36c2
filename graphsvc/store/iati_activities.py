"""IATI activities in the graph: what an export writes, and what an import must find or create.

The export reads every programme IATI can hold with all it says about it; the import creates
activities that others name but no file describes (stubs), keeps the Sources a node already has,
and learns which of the nodes it resolved to are really in the graph. Relationship types come
from the model: the participating organisations are the kinds with an IATI role.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import (
    ADDRESSES,
    ENTITY_LABEL,
    FROM_ACTIVITY,
    INSTITUTION,
    PART_OF,
    PROGRAMME,
    PROVENANCE_TYPE,
    PROVIDED_BY,
    RECEIVED_BY,
    RECORDED_IN,
    RELATED_TO,
    REPORTS,
    SOURCE,
    TARGETS,
    THEME,
    TO_ACTIVITY,
    TRANSACTION,
)
from graphsvc.store.cypher import either
from graphsvc.store.database import Database


def participant_types() -> tuple[str, ...]:
    """The links to an activity that IATI writes as a participating-org role.

    They are the model's kinds with an `iati_role` (curated LEADS and MANAGES are exported as
    accountable, PARTNER_IN as implementing).
    """
    return tuple(kind.type for kind in MODEL.relationship_kinds if kind.iati_role is not None)


_EXPORTED = f"""
MATCH (p:{PROGRAMME.label})
WHERE NOT (p.iati_identifier IS NOT NULL AND NOT EXISTS {{ ()-[:{REPORTS.type}]->(p) }})
OPTIONAL MATCH (reporter:{INSTITUTION.label})-[:{REPORTS.type}]->(p)
WITH p, collect(reporter {{.org_ref, .org_type, .name}})[0] AS reporter
CALL (p) {{
    MATCH (o:{INSTITUTION.label})-[r:{either(participant_types())}]->(p)
    WITH o, r ORDER BY type(r), o.name
    RETURN collect({{type: type(r), org: o {{.org_ref, .org_type, .name}}}}) AS participants
}}
CALL (p) {{
    MATCH (p)-[r:{TARGETS.type}]->(place)
    WITH place, r ORDER BY place.id
    RETURN collect({{labels: labels(place), place: properties(place),
                    percentage: r.percentage}}) AS places
}}
CALL (p) {{
    MATCH (p)-[r:{ADDRESSES.type}]->(t:{THEME.label}) WHERE t.code IS NOT NULL
    WITH t, r ORDER BY t.id
    RETURN collect({{theme: properties(t), percentage: r.percentage}}) AS sectors
}}
CALL (p) {{
    MATCH (t:{TRANSACTION.label})-[:{RECORDED_IN.type}]->(p)
    OPTIONAL MATCH (t)-[:{PROVIDED_BY.type}]->(po)
    OPTIONAL MATCH (t)-[:{RECEIVED_BY.type}]->(ro)
    OPTIONAL MATCH (t)-[:{FROM_ACTIVITY.type}]->(pa)
    OPTIONAL MATCH (t)-[:{TO_ACTIVITY.type}]->(ra)
    WITH t, po, ro, pa, ra ORDER BY t.transaction_date, t.id
    RETURN collect({{transaction: properties(t), provider: po {{.org_ref, .org_type, .name}},
                    receiver: ro {{.org_ref, .org_type, .name}},
                    provider_activity: pa.iati_identifier,
                    receiver_activity: ra.iati_identifier}}) AS transactions
}}
CALL (p) {{
    MATCH (p)-[r:{either((PART_OF.type, RELATED_TO.type))}]-(other:{PROGRAMME.label})
    WHERE other.iati_identifier IS NOT NULL AND (type(r) = $part_of OR startNode(r) = p)
    RETURN collect({{type: type(r), outgoing: startNode(r) = p, relation: r.relation,
                    ref: other.iati_identifier}}) AS related
}}
RETURN properties(p) AS programme, reporter, participants, places, sectors, transactions,
       related
ORDER BY p.id
"""


def programmes_to_export(database: Database) -> list[dict[str, Any]]:
    """Every programme IATI can hold, by id, with all the graph says of it.

    Each row has its reporter, participating organisations (`type` is the relationship), places,
    sectors, transactions and related activities.

    An imported activity whose publisher is unknown (a stub another activity names) is left out.
    """
    return database.read(_EXPORTED, part_of=PART_OF.type)


_SOURCES_OF = f"""
UNWIND $ids AS id
MATCH (n:`{ENTITY_LABEL}` {{id: id}})-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`)
RETURN id, collect(s.id) AS sources
"""

_CREATE_STUBS = f"""
UNWIND $rows AS row
OPTIONAL MATCH (old:`{ENTITY_LABEL}` {{id: row.id}})
WITH row WHERE old IS NULL
CREATE (n:`{ENTITY_LABEL}`:{PROGRAMME.label})
SET n = row.props
WITH n, row
UNWIND row.sources AS source_id
MATCH (s:`{SOURCE.label}` {{id: source_id}})
MERGE (n)-[:{PROVENANCE_TYPE}]->(s)
"""


def sources_of(database: Database, ids: Iterable[str]) -> dict[str, list[str]]:
    """The Sources each stored node of `ids` already has (absent ids are left out)."""
    return {row["id"]: row["sources"] for row in database.read(_SOURCES_OF, ids=list(ids))}


def create_missing_activities(database: Database, rows: list[dict[str, Any]]) -> None:
    """Create each activity of `rows` (`node_row` form) that is not stored yet.

    A stored one is left as it is, since a file describing it is better than a mention.
    """
    database.write(_CREATE_STUBS, rows=rows)


def absent(database: Database, ids: Iterable[str]) -> set[str]:
    """The ids of `ids` that no node in the graph has."""
    wanted = set(ids)
    if not wanted:
        return set()
    found = database.read(
        f"MATCH (n:`{ENTITY_LABEL}`) WHERE n.id IN $ids RETURN n.id AS id", ids=sorted(wanted)
    )
    return wanted - {row["id"] for row in found}
