"""Turn parsed seed documents into validated GraphData, or report every problem at once.

A load writes nothing unless all of this passes, so every check that can be made without the
database is made here: unknown kinds and properties, wrong types, missing required values,
duplicate ids, relationships to ids that do not exist or between kinds the model does not allow,
citations of sources that are not declared, and date ranges that end before they start.
"""

from __future__ import annotations

from typing import Any

from graphsvc.errors import SeedError, SeedProblem
from graphsvc.ingest.values import convert_value, cut, shown, suggestion
from graphsvc.ingest.yaml_reader import LocatedDict, SeedDocument
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import SOURCE, SOURCES_PROPERTY
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.model.types import DomainModel, Property

RELATIONSHIPS_KEY = "relationships"
_RELATIONSHIP_FIELDS = ("type", "from", "to")


class _Collector:
    """Accumulates problems so that one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[SeedProblem] = []

    def add(self, origin: Origin, entry: str | None, field: str | None, message: str) -> None:
        self.problems.append(SeedProblem(origin.file, origin.line, entry, field, message))


def validate_documents(documents: list[SeedDocument], model: DomainModel) -> GraphData:
    """Validate every document together (ids may be referenced across files)."""
    problems = _Collector()
    nodes: list[NodeRecord] = []
    raw_relationships: list[tuple[LocatedDict, Origin]] = []
    for document in documents:
        for key, entries in document.content.items():
            origin = Origin(document.name, document.content.line or 1)
            if not isinstance(entries, list):
                problems.add(origin, None, str(key), "must be a list of entries")
                continue
            if key == RELATIONSHIPS_KEY:
                raw_relationships.extend(_entries(entries, document.name, problems))
            elif model.node_kind(str(key)) is None:
                known = [*model.labels, RELATIONSHIPS_KEY]
                hint = suggestion(str(key), known)
                problems.add(
                    origin,
                    None,
                    None,
                    f"unknown kind {shown(key)}{hint}; known kinds are {', '.join(known)}",
                )
            else:
                for entry, entry_origin in _entries(entries, document.name, problems):
                    record = _node(str(key), entry, entry_origin, model, problems)
                    if record is not None:
                        nodes.append(record)

    nodes_by_id = _unique_nodes(nodes, problems)
    citations = _citation_index(nodes_by_id, problems)
    nodes = [_resolve_node_sources(n, citations, problems) for n in nodes_by_id.values()]
    relationships = _relationships(raw_relationships, nodes_by_id, citations, model, problems)
    if problems.problems:
        raise SeedError(problems.problems)
    return GraphData(tuple(nodes), tuple(relationships))


def _entries(
    entries: list[Any], file: str, problems: _Collector
) -> list[tuple[LocatedDict, Origin]]:
    located = []
    for entry in entries:
        if isinstance(entry, LocatedDict):
            located.append((entry, Origin(file, entry.line)))
        else:
            problems.add(
                Origin(file, None),
                None,
                None,
                f"every entry must be a mapping of fields; found {shown(entry)}",
            )
    return located


def _properties(
    entry: LocatedDict,
    declared: tuple[Property, ...],
    skip: tuple[str, ...],
    origin: Origin,
    name: str,
    problems: _Collector,
) -> dict[str, Any]:
    """Convert the entry's fields that are model properties; report unknown and missing ones."""
    by_name = {p.name: p for p in declared}
    values: dict[str, Any] = {}
    for field, raw in entry.items():
        if field in skip:
            continue
        prop = by_name.get(str(field))
        if prop is None:
            problems.add(
                origin,
                name,
                str(field),
                f"is not a property of this kind{suggestion(str(field), list(by_name))}; "
                f"allowed: {', '.join(by_name)}",
            )
            continue
        try:
            values[prop.name] = convert_value(prop, raw)
        except ValueError as exc:
            problems.add(origin, name, prop.name, str(exc))
    for prop in declared:
        if prop.required and prop.name not in entry and prop.name not in skip:
            problems.add(origin, name, prop.name, "is required but missing")
    _check_range(values, origin, name, problems)
    return values


def _check_range(values: dict[str, Any], origin: Origin, name: str, problems: _Collector) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if (
        isinstance(start, PartialDate)
        and isinstance(end, PartialDate)
        and not start.may_precede(end)
    ):
        problems.add(
            origin, name, "end_date", f"{end.isoformat()} is before start_date {start.isoformat()}"
        )


def _node(
    label: str, entry: LocatedDict, origin: Origin, model: DomainModel, problems: _Collector
) -> NodeRecord | None:
    kind = model.node_kind(label)
    assert kind is not None
    raw_id = entry.get("id")
    name = cut(raw_id) if isinstance(raw_id, str) else None
    is_source = label == SOURCE.label
    skip = () if is_source else ("sources",)
    values = _properties(entry, kind.properties, skip, origin, name or f"{label} entry", problems)
    sources: tuple[str, ...] = ()
    if not is_source:
        try:
            sources = tuple(convert_value(SOURCES_PROPERTY, entry.get("sources")))
        except ValueError as exc:
            missing = "sources" not in entry
            problems.add(
                origin,
                name,
                "sources",
                "is required: cite at least one source" if missing else str(exc),
            )
    if "id" not in values or "name" not in values:
        return None
    values.setdefault("aliases", [])
    return NodeRecord(label, values["id"], values, sources, origin)


def _unique_nodes(nodes: list[NodeRecord], problems: _Collector) -> dict[str, NodeRecord]:
    by_id: dict[str, NodeRecord] = {}
    for node in nodes:
        first = by_id.get(node.id)
        if first is not None:
            problems.add(
                node.origin,
                node.id,
                "id",
                f"is already used by a {first.label} at "
                f"{first.origin.file}:{first.origin.line}; ids are unique across kinds",
            )
            continue
        by_id[node.id] = node
    return by_id


def _citation_index(nodes: dict[str, NodeRecord], problems: _Collector) -> dict[str, str]:
    """Map every way of citing a Source (its file name or its id) to the Source's id."""
    index: dict[str, str] = {}
    for node in nodes.values():
        if node.label != SOURCE.label:
            continue
        for citation in {node.id, node.properties.get("file", node.id)}:
            if citation in index and index[citation] != node.id:
                problems.add(
                    node.origin,
                    node.id,
                    "file",
                    f"{shown(citation)} already names source {shown(index[citation])}",
                )
            index[citation] = node.id
    return index


def _resolve(
    cited: tuple[str, ...],
    citations: dict[str, str],
    origin: Origin,
    entry: str,
    problems: _Collector,
) -> tuple[str, ...]:
    resolved = []
    for citation in cited:
        source_id = citations.get(citation)
        if source_id is None:
            problems.add(
                origin,
                entry,
                "sources",
                f"cites {shown(citation)}, which is not a declared Source (by file or id)"
                f"{suggestion(citation, list(citations))}",
            )
        elif source_id not in resolved:
            resolved.append(source_id)
    return tuple(sorted(resolved))


def _resolve_node_sources(
    node: NodeRecord, citations: dict[str, str], problems: _Collector
) -> NodeRecord:
    sources = _resolve(node.sources, citations, node.origin, node.id, problems)
    return NodeRecord(node.label, node.id, node.properties, sources, node.origin)


def _relationships(
    raw: list[tuple[LocatedDict, Origin]],
    nodes: dict[str, NodeRecord],
    citations: dict[str, str],
    model: DomainModel,
    problems: _Collector,
) -> list[RelationshipRecord]:
    records: dict[tuple[str, str, str], RelationshipRecord] = {}
    for entry, origin in raw:
        described = " ".join(
            (_plain(entry.get("type")), _plain(entry.get("from")), "->", _plain(entry.get("to")))
        )
        missing = [f for f in _RELATIONSHIP_FIELDS if not isinstance(entry.get(f), str)]
        for field in missing:
            problems.add(origin, described, field, "is required (text)")
        if missing:
            continue
        rel_type, source_id, target_id = (str(entry[f]) for f in _RELATIONSHIP_FIELDS)
        kind = model.relationship_kind(rel_type)
        if kind is None:
            problems.add(
                origin,
                described,
                "type",
                f"{shown(rel_type)} is not a relationship type"
                f"{suggestion(rel_type, model.relationship_types)}; "
                f"known types are {', '.join(model.relationship_types)}",
            )
            continue
        ends_known = True
        for field, node_id in (("from", source_id), ("to", target_id)):
            if node_id not in nodes:
                ends_known = False
                problems.add(
                    origin,
                    described,
                    field,
                    f"no node has id {shown(node_id)}{suggestion(node_id, list(nodes))}",
                )
        values = _properties(
            entry, kind.properties, _RELATIONSHIP_FIELDS, origin, described, problems
        )
        if not ends_known:
            continue
        source_label, target_label = nodes[source_id].label, nodes[target_id].label
        if not kind.allows(source_label, target_label):
            problems.add(
                origin,
                described,
                "type",
                f"{rel_type} cannot link a {source_label} to a {target_label}; it links "
                f"{'/'.join(kind.sources)} to {'/'.join(kind.targets)}",
            )
            continue
        cited = tuple(values.pop("sources", ()))
        sources = _resolve(cited, citations, origin, described, problems)
        record = RelationshipRecord(rel_type, source_id, target_id, values, sources, origin)
        first = records.get(record.key)
        if first is not None:
            problems.add(
                origin,
                described,
                None,
                f"is declared twice (first at {first.origin.file}:{first.origin.line});"
                " merge the two entries and their sources",
            )
            continue
        records[record.key] = record
    return list(records.values())


def _plain(value: Any) -> str:
    """A relationship field as its entry's description shows it: text as is, anything else short."""
    return cut(value) if isinstance(value, str) else shown(value)


def validate_single_node(
    label: str,
    entry: dict[str, Any],
    origin: Origin,
    model: DomainModel,
    citations: dict[str, str],
) -> NodeRecord:
    """Validate one node that does not come from a file (an API mutation), by the same rules.

    `citations` maps each way of citing a stored Source (file name or id) to its id.
    """
    problems = _Collector()
    located = LocatedDict(entry)
    located.line = 0
    record = _node(label, located, origin, model, problems)
    if record is not None and label != SOURCE.label:
        record = _resolve_node_sources(record, citations, problems)
    elif label != SOURCE.label and isinstance(entry.get("sources"), list):
        cited = tuple(str(citation) for citation in entry["sources"])
        _resolve(cited, citations, origin, str(entry.get("id")), problems)
    if problems.problems or record is None:
        raise SeedError(problems.problems)
    return record


def validate_single_relationship(
    entry: dict[str, Any],
    origin: Origin,
    model: DomainModel,
    end_labels: dict[str, str],
    citations: dict[str, str],
) -> RelationshipRecord:
    """Validate one relationship between stored nodes (`end_labels`: id -> label)."""
    problems = _Collector()
    located = LocatedDict(entry)
    located.line = 0
    nodes = {
        node_id: NodeRecord(label, node_id, {}, (), origin) for node_id, label in end_labels.items()
    }
    records = _relationships([(located, origin)], nodes, citations, model, problems)
    if problems.problems or not records:
        raise SeedError(problems.problems)
    return records[0]
