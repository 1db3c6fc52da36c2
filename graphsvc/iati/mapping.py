"""One IATI activity as seed-style entries, validated by the loader's own rules.

The mapping writes the same entries a curator would write in a seed file (Programme, Institution,
Country, Region, City, Theme, Transaction, and relationships citing the file's Source), then runs
`validate_documents` on them, so an imported fact obeys every rule a seeded one does. Problems
the model cannot see (an unknown transaction type, a value that is not a number, no currency)
are added first; an activity with any problem is reported and skipped as a whole.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from graphsvc.errors import SeedError, SeedProblem
from graphsvc.iati import codes
from graphsvc.iati.parse import Activity, Org, Share
from graphsvc.ingest.validate import validate_documents
from graphsvc.ingest.yaml_reader import LocatedDict, SeedDocument
from graphsvc.model import MODEL
from graphsvc.model.domain import (
    ADDRESSES,
    CITY,
    COUNTRY,
    FROM_ACTIVITY,
    INSTITUTION,
    PART_OF,
    PROGRAMME,
    PROVIDED_BY,
    RECEIVED_BY,
    RECORDED_IN,
    REGION,
    RELATED_TO,
    REPORTS,
    SOURCE,
    TARGETS,
    THEME,
    TO_ACTIVITY,
    TRANSACTION,
)
from graphsvc.model.identifiers import (
    IMPORTED_COUNTRY,
    activity_id,
    normalise,
    organisation_id,
    plain_slug,
)
from graphsvc.model.names import name_key
from graphsvc.model.records import GraphData


@dataclass(frozen=True)
class Resolver:
    """What already exists in the graph: organisations by normalised ref, countries by ISO code.

    A match is used as is and never rewritten: an import adds links to a curated node, it does
    not replace the curators' name, description or sources.
    """

    organisations: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Folded name or alias -> curated institution: the curated alias table (acronyms too)."""
    merged: dict[str, str] = field(default_factory=dict)
    """Id of an institution merged away by an accepted review -> the id it was merged into."""


@dataclass
class MappedActivity:
    """A valid activity's graph: what to write, what only to create if missing, what exists."""

    identifier: str
    data: GraphData
    stubs: set[str]
    """Ids of activities this one names but does not describe: created only if missing."""
    existing: set[str]
    """Ids resolved to nodes already in the graph: linked to, never written."""
    resolved: dict[str, list[str]] = field(default_factory=dict)
    """Each id of `existing` -> where the activity names it, for a warning should the node be
    gone when the links are written (`participating-org[2] (GB-COH-123)`)."""
    warnings: list[SeedProblem] = field(default_factory=list)
    """References the import cannot follow, and what it did instead; the activity is kept."""
    file: str = ""
    line: int | None = None
    """Where the activity is, for messages."""


_NOT_REFS = {"n/a", "na", "none", "null", "-", "0", "not available", "unknown"}


def usable_ref(ref: str | None) -> str | None:
    """An organisation identifier worth keying on: no blanks inside, not a placeholder."""
    if not ref or any(c.isspace() for c in ref) or ref.strip().lower() in _NOT_REFS:
        return None
    return ref.strip()


def _date(text: str | None) -> str | None:
    return text[:10] if text and len(text) >= 4 else None


class _Builder:
    def __init__(self, activity: Activity, file: str, source_id: str, resolver: Resolver) -> None:
        self.activity = activity
        self.file = file
        self.source_id = source_id
        self.resolver = resolver
        self.entries: dict[str, tuple[str, dict[str, Any]]] = {}
        self.relationships: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.problems: list[SeedProblem] = []
        self.stubs: set[str] = set()
        self.existing: set[str] = set()
        self.resolved: dict[str, list[str]] = {}
        self.warnings: list[SeedProblem] = []

    def problem(self, field_name: str | None, message: str) -> None:
        self.problems.append(
            SeedProblem(
                self.file, self.activity.line, self.activity.identifier, field_name, message
            )
        )

    def warn(self, field_name: str | None, message: str) -> None:
        self.warnings.append(
            SeedProblem(
                self.file, self.activity.line, self.activity.identifier, field_name, message
            )
        )

    def resolve(self, node_id: str, where: str) -> None:
        """Note that `where` names the existing node `node_id`: linked to, never written."""
        self.existing.add(node_id)
        self.resolved.setdefault(node_id, []).append(where)

    def node(self, label: str, entry: dict[str, Any]) -> str:
        node_id = entry["id"]
        known = self.entries.get(node_id)
        if known is None:
            self.entries[node_id] = (label, {**entry, "sources": [self.source_id]})
        elif entry.get("name") and entry["name"] != known[1]["name"]:
            aliases = known[1].setdefault("aliases", [])
            if entry["name"] not in aliases:
                aliases.append(entry["name"])
        return str(node_id)

    def link(self, rel_type: str, source: str, target: str, **properties: Any) -> None:
        key = (rel_type, source, target)
        if key not in self.relationships:
            self.relationships[key] = {
                "type": rel_type,
                "from": source,
                "to": target,
                "sources": [self.source_id],
                **properties,
            }

    def organisation(self, org: Org, where: str) -> str | None:
        if org.ref and usable_ref(org.ref) is None and org.name:
            self.warn(
                where,
                f"ref {org.ref!r} is not an organisation identifier; the organisation is "
                f"matched and kept by its name {org.name!r} only",
            )
        org = Org(usable_ref(org.ref), org.type, org.name, org.activity_id)
        if not org.ref and not org.name:
            self.problem(where, "names neither an organisation identifier (ref) nor a name")
            return None
        found = None
        if org.ref and normalise(org.ref) in self.resolver.organisations:
            found = self.resolver.organisations[normalise(org.ref)]
        elif not org.ref and org.name and name_key(org.name) in self.resolver.names:
            found = self.resolver.names[name_key(org.name)]
        else:
            found = self.resolver.merged.get(organisation_id(org.ref, org.name))
        if found is not None:
            self.resolve(found, f"{where} ({org.ref or org.name})")
            # Only to satisfy validation of the links; an existing node is never written.
            return self.node(
                INSTITUTION.label, {"id": found, "name": org.name or org.ref, "category": "other"}
            )
        entry: dict[str, Any] = {
            "id": organisation_id(org.ref, org.name),
            "name": org.name or org.ref,
            "category": codes.ORG_CATEGORIES.get(org.type or "", "other"),
        }
        if org.ref:
            entry["org_ref"] = org.ref
        else:
            entry["note"] = (
                "Named as given in IATI data, without an organisation "
                "identifier; not yet resolved to a known organisation."
            )
        if org.type and org.type in codes.ORG_CATEGORIES:
            entry["org_type"] = org.type
        return self.node(INSTITUTION.label, entry)

    def other_activity(self, identifier: str) -> str:
        """The id of an activity named by reference; a stub unless it is this one."""
        node_id = activity_id(identifier)
        if normalise(identifier) != normalise(self.activity.identifier or ""):
            self.stubs.add(node_id)
            self.node(
                PROGRAMME.label,
                {
                    "id": node_id,
                    "name": identifier,
                    "category": "activity",
                    "iati_identifier": identifier,
                    "note": "Named in another activity's IATI data; its own data is not imported.",
                },
            )
        return node_id

    def percentage(self, raw: str | None, where: str) -> dict[str, Any]:
        if not raw:
            return {}
        try:
            return {"percentage": float(raw)}
        except ValueError:
            self.problem(where, f"percentage {raw!r} is not a number")
            return {}


def map_activity(
    activity: Activity, file: str, source_id: str, resolver: Resolver
) -> MappedActivity:
    """The activity's graph, or SeedError listing every problem found in it."""
    builder = _Builder(activity, file, source_id, resolver)
    if not activity.identifier:
        builder.problem("iati-identifier", "is missing; an activity cannot be keyed without it")
        raise SeedError(builder.problems)
    this = activity_id(activity.identifier)
    entry: dict[str, Any] = {
        "id": this,
        "name": activity.title or activity.identifier,
        "category": "activity",
        "iati_identifier": activity.identifier,
    }
    if activity.description:
        entry["description"] = activity.description
    status = codes.activity_status(activity.status_code, activity.status_text)
    if status:
        entry["status"] = status
    start, end = _period(activity.dates)
    if start:
        entry["start_date"] = start
    if end:
        entry["end_date"] = end
    if activity.last_updated:
        entry["last_updated"] = activity.last_updated
    builder.node(PROGRAMME.label, entry)
    _organisations(builder, activity, this)
    _places_and_sectors(builder, activity, this)
    _transactions(builder, activity, this)
    _related(builder, activity, this)
    if builder.problems:
        raise SeedError(builder.problems)
    content = LocatedDict()
    content.line = activity.line
    for label, node in builder.entries.values():
        located = LocatedDict(node)
        located.line = activity.line
        content.setdefault(label, []).append(located)
    relationships = []
    for relationship in builder.relationships.values():
        located = LocatedDict(relationship)
        located.line = activity.line
        relationships.append(located)
    content["relationships"] = relationships
    source = LocatedDict({"id": source_id, "name": "IATI file", "category": "iati-file"})
    source.line = activity.line
    content[SOURCE.label] = [source]
    data = validate_documents([SeedDocument(file, content)], MODEL)
    written = tuple(n for n in data.nodes if n.label != SOURCE.label)
    return MappedActivity(
        activity.identifier,
        GraphData(written, data.relationships),
        builder.stubs - {this},
        builder.existing,
        builder.resolved,
        builder.warnings,
        file=file,
        line=activity.line,
    )


def _period(dates: dict[str, str]) -> tuple[str | None, str | None]:
    """Start and end dates, actual before planned, as a consistent pair.

    Never an actual start with an earlier planned end: a common mix in real files, where the
    project started late and the plan was not updated.
    """

    def get(code: str, legacy: str) -> str | None:
        return _date(dates.get(code) or dates.get(legacy))

    starts = [get("2", "start-actual"), get("1", "start-planned")]
    ends = [get("4", "end-actual"), get("3", "end-planned")]
    for start in starts:
        for end in ends:
            if start and end and start <= end:
                return start, end
    start = next((s for s in starts if s), None)
    end = next((e for e in ends if e), None)
    if start and end and start > end:
        return start, None  # no end consistent with any start: keep the start only
    return start, end


def _organisations(builder: _Builder, activity: Activity, this: str) -> None:
    if activity.reporting_org is not None:
        reporter = builder.organisation(activity.reporting_org, "reporting-org")
        if reporter:
            builder.link(REPORTS.type, reporter, this)
    else:
        builder.problem("reporting-org", "is missing")
    for index, participant in enumerate(activity.participants, 1):
        role = codes.role_code(participant.role)
        rel_type = codes.role_relationship(role) if role else None
        if rel_type is None:
            builder.problem(
                f"participating-org[{index}]",
                f"role {participant.role!r} is not an IATI role (1-4 or "
                "Funding/Accountable/Extending/Implementing)",
            )
            continue
        org = builder.organisation(participant.org, f"participating-org[{index}]")
        if org:
            builder.link(rel_type, org, this)


def _places_and_sectors(builder: _Builder, activity: Activity, this: str) -> None:
    regions = list(activity.regions)
    for index, country in enumerate(activity.countries, 1):
        code = (country.code or "").upper()
        if not code:
            continue
        where = f"recipient-country[{index}]"
        if code.isdigit():  # a legacy file put a DAC region code (298, 998) here
            regions.append(Share(code, "1", country.percentage, country.name))
            continue
        if code in builder.resolver.countries:
            node = builder.resolver.countries[code]
            builder.resolve(node, f"{where} ({code})")
            builder.node(
                COUNTRY.label, {"id": node, "name": country.name or code, "iso_code": code}
            )
        else:
            node = builder.node(
                COUNTRY.label,
                {
                    "id": f"{IMPORTED_COUNTRY}{plain_slug(code)}",
                    "name": country.name or code,
                    "iso_code": code,
                },
            )
        builder.link(TARGETS.type, this, node, **builder.percentage(country.percentage, where))
    for index, region in enumerate(regions, 1):
        if not region.code:
            continue
        vocabulary = region.vocabulary or "1"
        node = builder.node(
            REGION.label,
            {
                "id": f"iati-region-{plain_slug(vocabulary)}-{plain_slug(region.code)}",
                "name": region.name or f"IATI region {region.code}",
                "category": "world-region",
                "code": region.code,
                "vocabulary": vocabulary,
            },
        )
        builder.link(
            TARGETS.type,
            this,
            node,
            **builder.percentage(region.percentage, f"recipient-region[{index}]"),
        )
    for location in activity.locations:
        if location.latitude is None or location.longitude is None:
            continue  # a place without coordinates cannot be a City; the countries remain
        name = location.name or "Unnamed location"
        key = f"{name}|{location.latitude:.4f}|{location.longitude:.4f}"
        node_entry: dict[str, Any] = {
            "id": f"place-{plain_slug(name)[:40].strip('-')}-"
            f"{hashlib.sha1(key.encode()).hexdigest()[:6]}",
            "name": name,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
        if location.geonames_id and location.geonames_id.isdigit():
            node_entry["geonames_id"] = location.geonames_id
        builder.link(TARGETS.type, this, builder.node(CITY.label, node_entry))
    for index, sector in enumerate(activity.sectors, 1):
        if not sector.code:
            continue
        vocabulary = codes.sector_vocabulary(sector.vocabulary)
        label = codes.SECTOR_VOCABULARIES.get(vocabulary, f"vocabulary {vocabulary}")
        node = builder.node(
            THEME.label,
            {
                "id": f"sector-{plain_slug(vocabulary)}-{plain_slug(sector.code)}",
                "name": sector.name or f"{label} sector {sector.code}",
                "category": "topic",
                "code": sector.code,
                "vocabulary": vocabulary,
            },
        )
        builder.link(
            ADDRESSES.type, this, node, **builder.percentage(sector.percentage, f"sector[{index}]")
        )


def _transactions(builder: _Builder, activity: Activity, this: str) -> None:
    seen: dict[str, int] = {}
    for index, transaction in enumerate(activity.transactions, 1):
        where = f"transaction[{index}]"
        kind = codes.transaction_type(transaction.type)
        if kind is None:
            builder.problem(where, f"type {transaction.type!r} is not an IATI transaction type")
            continue
        try:
            value = float((transaction.value or "").replace(",", ""))
        except ValueError:
            builder.problem(where, f"value {transaction.value!r} is not a number")
            continue
        currency = (transaction.currency or "").upper()
        if not currency:
            builder.problem(where, "has no currency, and the activity no default-currency")
            continue
        date = _date(transaction.date)
        fingerprint = "|".join(
            str(part)
            for part in (
                normalise(activity.identifier or ""),
                kind,
                date,
                value,
                currency,
                _party(transaction.provider),
                _party(transaction.receiver),
            )
        )
        seen[fingerprint] = seen.get(fingerprint, 0) + 1
        digest = hashlib.sha1(f"{fingerprint}|{seen[fingerprint]}".encode()).hexdigest()[:12]
        entry: dict[str, Any] = {
            "id": f"iati-tx-{digest}",
            "transaction_type": kind,
            "value": value,
            "currency": currency,
            "name": f"{kind.replace('-', ' ')} of {value:,.2f} {currency}"
            + (f" on {date}" if date else ""),
        }
        if date:
            entry["transaction_date"] = date
        value_date = _date(transaction.value_date)
        if value_date:
            entry["value_date"] = value_date
        if transaction.description:
            entry["description"] = transaction.description
        node = builder.node(TRANSACTION.label, entry)
        builder.link(RECORDED_IN.type, node, this)
        for end, org, rel_type, activity_rel in (
            ("provider-org", transaction.provider, PROVIDED_BY.type, FROM_ACTIVITY.type),
            ("receiver-org", transaction.receiver, RECEIVED_BY.type, TO_ACTIVITY.type),
        ):
            if org is None:
                continue
            if org.ref or org.name:
                party = builder.organisation(org, f"{where} {end}")
                if party:
                    builder.link(rel_type, node, party)
            if org.activity_id:
                builder.link(activity_rel, node, builder.other_activity(org.activity_id))


def _party(org: Org | None) -> str:
    """An organisation as far as a transaction's identity goes: its ref, else its name."""
    if org is None:
        return ""
    ref = usable_ref(org.ref)
    return normalise(ref) if ref else " ".join((org.name or "").split()).lower()


def _related(builder: _Builder, activity: Activity, this: str) -> None:
    for index, (kind_code, ref) in enumerate(activity.related, 1):
        if not ref:
            builder.warn(
                f"related-activity[{index}]",
                "names no activity (its ref is empty or missing); the relation is left out",
            )
            continue
        if normalise(ref) == normalise(activity.identifier or ""):
            continue
        kind = codes.RELATED_TYPES.get(kind_code or "")
        if kind is None:
            builder.problem("related-activity", f"type {kind_code!r} is not 1-5")
            continue
        other = builder.other_activity(ref)
        if kind == "parent":
            builder.link(PART_OF.type, this, other)
        elif kind == "child":
            builder.link(PART_OF.type, other, this)
        else:
            builder.link(RELATED_TO.type, this, other, relation=kind)
