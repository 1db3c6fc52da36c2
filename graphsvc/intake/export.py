"""A proposal as seed YAML, for curators who prefer files: `graphsvc load` takes it as is.

The file holds the document's Source, the entities the proposal would create and its
relationships, all citing the Source by id. Entities matched to known ids are referred to, not
repeated; a relationship the graph already holds is left out (loading it beside the seeds would
declare it twice) and named in a comment instead. Everything written has passed the loader's own
validation, the same that accepting runs.
"""

from __future__ import annotations

from typing import Any

import yaml

from graphsvc.intake.accepting import choose, graph_data
from graphsvc.intake.review import show
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import SOURCE
from graphsvc.model.records import NodeRecord, RelationshipRecord
from graphsvc.store.database import Database
from graphsvc.store.proposals import stored_relationship_keys


def export_yaml(database: Database, proposal_id: str) -> str:
    """The proposal's facts that are not rejected (or, once accepted, the accepted ones)."""
    proposal = show(database, proposal_id)
    accepted = {f.number for f in proposal.facts if f.state == "accepted"}
    chosen = accepted if proposal.status == "accepted" else choose(proposal, None, None)
    data, linked = graph_data(database, proposal, chosen)
    stored = stored_relationship_keys(database, [r.key for r in data.relationships], MODEL)
    content: dict[str, Any] = {}
    for node in data.nodes:
        content.setdefault(node.label, []).append(_node_entry(node))
    fresh = [r for r in data.relationships if r.key not in stored]
    if fresh:
        content["relationships"] = [_relationship_entry(r) for r in fresh]
    header = [
        f"# Proposal {proposal.id} from {proposal.document.origin}, as seed data.",
        f"# Known entities it refers to: {', '.join(sorted(set(linked))) or 'none'}.",
    ]
    header += [
        f"# Already in the graph, left out: {t} {start} -> {end}"
        for t, start, end in sorted(stored)
    ]
    body = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + "\n" + body


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, PartialDate) else value


def _node_entry(node: NodeRecord) -> dict[str, Any]:
    entry = {k: _value(v) for k, v in node.properties.items() if v not in ([], None)}
    if node.label != SOURCE.label:
        entry["sources"] = list(node.sources)
    return entry


def _relationship_entry(rel: RelationshipRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": rel.type, "from": rel.source_id, "to": rel.target_id}
    entry.update({k: _value(v) for k, v in rel.properties.items()})
    entry["sources"] = list(rel.sources)
    return entry
