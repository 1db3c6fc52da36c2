"""`graphsvc import iati`: check every file, then import activity by activity, in chunks.

Order of work, so that bad input loses nothing:
1. Scan each file once (streaming): it must be well-formed XML with activities; publishers and
   their newest last-updated time are collected. A broken file stops the import here, before
   anything is written.
2. Write one Source per file and publisher (file, publisher, last-updated time).
3. Map and validate each activity on its own; a broken one is reported and skipped (with
   `strict`, any problem stops the import before writing). Valid activities are written in
   chunks, one transaction each, with the loader's statements; nodes another file also
   supports keep both Sources.
4. Pair mirrored transactions: the funder's disbursement and the recipient's incoming funds for
   the same money (same value and currency, each naming the other's activity) become one flow,
   the incoming one marked `mirror_of` the other, so totals never count the money twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphsvc.errors import IatiFileError, SeedError, SeedProblem
from graphsvc.iati.codes import MIRRORED
from graphsvc.iati.mapping import MappedActivity, Resolver, map_activity, usable_ref
from graphsvc.iati.parse import iter_activities
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE
from graphsvc.model.identifiers import (
    IMPORTED_COUNTRY,
    IMPORTED_ORGANISATION,
    normalise,
    slug_id,
)
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.resolution.candidates import scan
from graphsvc.resolution.merge import accepted_merges
from graphsvc.store import iati_activities, known_entities, mirrored_flows
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.encode import node_row
from graphsvc.store.writer import write_graph

CHUNK_ACTIVITIES = 1000
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Skipped:
    """An activity left out, with every problem found in it."""

    file: str
    identifier: str | None
    problems: list[SeedProblem]


@dataclass
class ImportReport:
    """What an import did: activities per file, what was skipped and why, flows paired."""

    activities: dict[str, int] = field(default_factory=dict)
    imported: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    mirrors: int = 0
    candidates: int = 0
    """New pairs of institutions that may be one, queued for review (`graphsvc resolve`)."""
    warnings: list[SeedProblem] = field(default_factory=list)
    """References an imported activity makes that the import could not follow: an empty
    related-activity, a placeholder organisation ref, a node resolved to that is gone by the
    time the links are written. The activity is imported all the same."""
    nodes_written: int = 0
    relationships_written: int = 0


@dataclass(frozen=True)
class _Publisher:
    ref: str
    name: str
    last_updated: str | None


def source_id(file: Path, publisher_ref: str) -> str:
    return slug_id("iati-file", f"{file.name}|{publisher_ref}")


def _scan(path: Path) -> dict[str, _Publisher]:
    """Publishers of a file's activities; IatiFileError if the file is not usable at all."""
    publishers: dict[str, _Publisher] = {}
    count = 0
    for activity in iter_activities(path):
        count += 1
        org = activity.reporting_org
        ref = usable_ref(org.ref if org else None) or "unknown-publisher"
        name = (org.name if org else None) or ref
        known = publishers.get(ref)
        newest = max(
            filter(None, [known.last_updated if known else None, activity.last_updated]),
            default=None,
        )
        publishers[ref] = _Publisher(ref, known.name if known else name, newest)
    if count == 0:
        raise IatiFileError(
            f"{path.name}: holds no iati-activity elements; is it IATI activity XML?"
        )
    return publishers


def _resolver(database: Database) -> Resolver:
    """Curated organisations (with an org_ref) and countries, which imports link to as they are.

    Nodes an earlier import made (ids `org-...`, `country-...`) are not in it: an import
    upserts those, so that every file that mentions them adds its Source.
    """
    organisations = {
        normalise(ref): node
        for ref, node in known_entities.organisations_with_refs(database, IMPORTED_ORGANISATION)
    }
    countries = known_entities.countries_by_iso(database, IMPORTED_COUNTRY)
    names: dict[str, str | None] = {}
    for node, keys in known_entities.institution_lookup_keys(
        database, IMPORTED_ORGANISATION
    ).items():
        for key in keys:
            names[key] = node if names.get(key, node) == node else None
    unambiguous = {key: node for key, node in names.items() if node is not None}
    return Resolver(organisations, countries, unambiguous, accepted_merges(database))


def _source_nodes(files: dict[Path, dict[str, _Publisher]]) -> GraphData:
    nodes = []
    for path, publishers in files.items():
        for publisher in publishers.values():
            properties: dict[str, Any] = {
                "id": source_id(path, publisher.ref),
                "name": f"IATI activities published by {publisher.name} ({path.name})",
                "aliases": [],
                "file": path.name,
                "category": "iati-file",
                "publisher": publisher.ref,
            }
            if publisher.last_updated:
                properties["last_updated"] = publisher.last_updated
            nodes.append(
                NodeRecord(SOURCE.label, properties["id"], properties, (), Origin(path.name, None))
            )
    return GraphData(tuple(nodes))


def _mapped(
    path: Path, resolver: Resolver, report: ImportReport, progress: Progress
) -> Iterator[MappedActivity]:
    seen = 0
    for activity in iter_activities(path):
        seen += 1
        org = activity.reporting_org
        publisher = usable_ref(org.ref if org else None) or "unknown-publisher"
        try:
            mapped = map_activity(activity, path.name, source_id(path, publisher), resolver)
            report.warnings += mapped.warnings
            yield mapped
        except SeedError as error:
            report.skipped.append(Skipped(path.name, activity.identifier, error.problems))
        if seen % 1000 == 0:
            progress(f"  {path.name}: {seen:,} activities read")
    report.activities[path.name] = seen


class _Chunk:
    """Activities gathered for one write: nodes merged by id, relationships by key."""

    def __init__(self) -> None:
        self.nodes: dict[str, NodeRecord] = {}
        self.relationships: dict[tuple[str, str, str], RelationshipRecord] = {}
        self.stubs: dict[str, NodeRecord] = {}
        self.existing: set[str] = set()
        self.referrers: dict[str, list[tuple[MappedActivity, str]]] = {}
        self.activities = 0

    def add(self, mapped: MappedActivity) -> None:
        self.activities += 1
        self.existing |= mapped.existing
        for node_id, places in mapped.resolved.items():
            self.referrers.setdefault(node_id, []).extend((mapped, where) for where in places)
        for node in mapped.data.nodes:
            if node.id in mapped.existing:
                continue
            target = self.stubs if node.id in mapped.stubs else self.nodes
            known = target.get(node.id) or self.nodes.get(node.id)
            if known is not None:
                node = _merge_nodes(known, node)
            if node.id in self.stubs and target is self.nodes:
                del self.stubs[node.id]
            target[node.id] = node
        for rel in mapped.data.relationships:
            known_rel = self.relationships.get(rel.key)
            if known_rel is not None:
                sources = tuple(sorted(set(known_rel.sources) | set(rel.sources)))
                rel = RelationshipRecord(
                    rel.type, rel.source_id, rel.target_id, rel.properties, sources, rel.origin
                )
            self.relationships[rel.key] = rel


def _merge_nodes(first: NodeRecord, second: NodeRecord) -> NodeRecord:
    """One node seen twice: the first name stays, other names become aliases, sources unite."""
    properties = {**second.properties, **first.properties}
    names = [second.properties["name"], *second.properties.get("aliases", [])]
    aliases = list(first.properties.get("aliases", []))
    aliases += [n for n in names if n != properties["name"] and n not in aliases]
    properties["aliases"] = aliases
    sources = tuple(sorted(set(first.sources) | set(second.sources)))
    return NodeRecord(first.label, first.id, properties, sources, first.origin)


def _write_chunk(database: Database, chunk: _Chunk, report: ImportReport) -> None:
    if chunk.stubs:
        iati_activities.create_missing_activities(
            database, [node_row(stub) for stub in chunk.stubs.values()]
        )
    stored = iati_activities.sources_of(database, chunk.nodes)
    nodes = tuple(
        NodeRecord(
            n.label,
            n.id,
            n.properties,
            tuple(sorted(set(n.sources) | set(stored.get(n.id, [])))),
            n.origin,
        )
        for n in chunk.nodes.values()
    )
    gone = iati_activities.absent(database, chunk.existing)
    for node_id in sorted(gone):
        for mapped, where in chunk.referrers.get(node_id, []):
            report.warnings.append(
                SeedProblem(
                    mapped.file,
                    mapped.line,
                    mapped.identifier,
                    where,
                    f"was resolved to {node_id}, which is no longer in the graph (merged or "
                    "deleted since); its links were not written",
                )
            )
    write_graph(database, GraphData(nodes, tuple(chunk.relationships.values())), MODEL)
    report.nodes_written += len(nodes)
    report.relationships_written += sum(
        1
        for rel in chunk.relationships.values()
        if rel.source_id not in gone and rel.target_id not in gone
    )


def pair_mirrored_flows(database: Database) -> int:
    """Mark each receiver-side record of money the provider also reports; the count paired.

    A pair: the provider's disbursement (or outgoing commitment) recorded in activity A naming
    activity B as receiver, and B's incoming funds (or commitment) naming A as provider, with
    the same value and currency. Candidates are paired one to one, nearest dates first.
    """
    rows = mirrored_flows.mirror_candidates(database, MIRRORED)
    rows.sort(key=lambda r: (abs(_day(r["inc_date"]) - _day(r["out_date"])), r["incoming"]))
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for row in rows:
        if row["incoming"] in pairs or row["outgoing"] in used:
            continue
        pairs[row["incoming"]] = row["outgoing"]
        used.add(row["outgoing"])
    mirrored_flows.mark_mirrors(database, pairs)
    return len(pairs)


def _day(text: str) -> int:
    digits = text.replace("-", "")
    return int(digits) if digits.isdigit() and len(digits) == 8 else 0


def import_iati(
    database: Database, paths: list[Path], *, strict: bool = False, progress: Progress = print
) -> ImportReport:
    """Import IATI activity files; see the module docstring for the order of work."""
    files: dict[Path, dict[str, _Publisher]] = {}
    for path in paths:
        progress(f"Checking {path.name} ...")
        files[path] = _scan(path)
    resolver = _resolver(database)
    report = ImportReport()
    if strict:
        for path in paths:
            list(_mapped(path, resolver, report, progress))
        if report.skipped:
            raise SeedError([p for skipped in report.skipped for p in skipped.problems])
        report = ImportReport()
    ensure_schema(database, MODEL)
    write_graph(database, _source_nodes(files), MODEL)
    for path in paths:
        progress(f"Importing {path.name} ...")
        chunk = _Chunk()
        for mapped in _mapped(path, resolver, report, progress):
            chunk.add(mapped)
            report.imported += 1
            if chunk.activities >= CHUNK_ACTIVITIES:
                _write_chunk(database, chunk, report)
                progress(f"  {report.imported:,} activities written")
                chunk = _Chunk()
        if chunk.activities:
            _write_chunk(database, chunk, report)
    report.mirrors = pair_mirrored_flows(database)
    report.candidates = scan(database)
    return report
