"""What accepting a proposal writes: the chosen facts as the loader's own records and entries.

Accepting and exporting share this: the facts a curator chose (a relationship brings its two
entities), turned into `GraphData` that the loader validates and writes, or into the seed entries
that `graphsvc intake export` writes for `graphsvc load`. Every fact cites the document's Source.
"""

from __future__ import annotations

from typing import Any

from graphsvc.errors import (
    IntakeError,
    ProposalConflict,
    SeedError,
)
from graphsvc.ingest.validate import validate_single_node, validate_single_relationship
from graphsvc.intake import completing
from graphsvc.intake.budget import Budget
from graphsvc.intake.facts import (
    RelationshipFact,
    ReviewedProposal,
    fact_numbered,
)
from graphsvc.model import MODEL
from graphsvc.model.domain import COUNTRY, SOURCE
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.store import known_entities
from graphsvc.store import proposals as store
from graphsvc.store.database import Database

NEWS_FORMATS = ("html", "feed-item")
"""Documents whose Source is a news article; the rest are references."""


def choose(
    proposal: ReviewedProposal, facts: list[int] | None, min_confidence: float | None
) -> set[int]:
    """The numbers of the facts to accept, a relationship's two entities included."""
    if facts is not None:
        for number in facts:
            if fact_numbered(proposal, number).state == "rejected":
                raise IntakeError(f"proposal {proposal.id}: fact {number} was rejected")
        chosen = set(facts)
    else:
        chosen = {f.number for f in proposal.facts if f.state != "rejected"}
    if min_confidence is not None:
        chosen = {n for n in chosen if fact_numbered(proposal, n).confidence >= min_confidence}
    for rel in proposal.relationships:
        if rel.number not in chosen:
            continue
        ends = [proposal.entity(rel.source), proposal.entity(rel.target)]
        refused = [e for e in ends if e is None or e.state == "rejected"]
        if refused and facts is not None:
            raise IntakeError(
                f"proposal {proposal.id}: fact {rel.number} links a rejected entity "
                f"(fact {', '.join(str(e.number) for e in refused if e)})"
            )
        if refused:
            chosen.discard(rel.number)
            continue
        chosen.update(e.number for e in ends if e is not None)
    if not chosen:
        raise IntakeError(f"proposal {proposal.id}: no fact to accept")
    return chosen


def graph_data(
    database: Database,
    proposal: ReviewedProposal,
    chosen: set[int],
    budget: Budget | None = None,
) -> tuple[GraphData, list[str]]:
    """The chosen facts as validated records, and the known entities the document supports.

    `budget` is checked fact by fact: thousands of facts take seconds to validate.
    """
    budget = budget or Budget.unlimited()
    stage = f"building the {len(chosen)} facts of proposal {proposal.id}"
    source = source_record(proposal)
    citations = {source.id: source.id}
    problems: list[str] = []
    nodes: list[NodeRecord] = [source]
    ids: dict[str, str] = {}
    labels: dict[str, str] = {}
    linked: list[str] = []
    placed: list[tuple[int, str, str, str]] = []
    for entity in proposal.entities:
        if entity.number not in chosen:
            continue
        budget.check(stage)
        if entity.ambiguous:
            problems.append(
                f"fact {entity.number}: {entity.name!r} may be {', '.join(entity.matches)}; "
                f"choose with `graphsvc intake edit {proposal.id} --fact {entity.number} "
                "--entity ID`"
            )
            continue
        if entity.known_id is not None:
            ids[entity.key] = entity.known_id
            linked.append(entity.known_id)
            continue
        completion = completing.complete(entity, proposal.document.language)
        try:
            node = validate_single_node(
                entity.label,
                completing.entry(entity, completion, source.id),
                Origin(f"fact {entity.number}", None),
                MODEL,
                citations,
            )
        except SeedError as exc:
            problems += [str(p) for p in exc.problems]
            continue
        ids[entity.key] = node.id
        labels[node.id] = node.label
        nodes.append(node)
        if completion.country is not None:
            placed.append((entity.number, node.id, node.label, completion.country))
    labels.update(store.entity_labels(database, linked, MODEL))
    extra, missing_countries = _country_links(database, placed, source.id)
    problems += missing_countries
    labels.update({link["to"]: COUNTRY.label for _, link in extra})
    if missing := sorted(set(linked) - set(labels)):
        raise ProposalConflict(
            f"proposal {proposal.id} cannot be accepted; nothing was written: "
            f"{', '.join(map(repr, missing))} not in the graph any more; choose another with "
            f"`graphsvc intake edit {proposal.id} --fact N --entity ID`"
        )
    relationships: dict[tuple[str, str, str], RelationshipRecord] = {}
    for number, link in extra:
        try:
            record = validate_single_relationship(
                link, Origin(f"fact {number}", None), MODEL, labels, citations
            )
            relationships[record.key] = record
        except SeedError as exc:
            problems += [str(p) for p in exc.problems]
    for rel in proposal.relationships:
        if rel.number not in chosen or rel.source not in ids or rel.target not in ids:
            continue
        if (rel.type, ids[rel.source], ids[rel.target]) in relationships:
            continue  # the document states it twice: one relationship citing it once
        budget.check(stage)
        try:
            record = validate_single_relationship(
                relationship_entry(rel, ids, source.id),
                Origin(f"fact {rel.number}", None),
                MODEL,
                labels,
                citations,
            )
            relationships[record.key] = record
        except SeedError as exc:
            problems += [str(p) for p in exc.problems]
    if problems:
        raise IntakeError(
            f"proposal {proposal.id} cannot be accepted; nothing was written:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    return GraphData(tuple(nodes), tuple(relationships.values())), linked


def _country_links(
    database: Database, placed: list[tuple[int, str, str, str]], source_id: str
) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    """(fact number, relationship entry) putting each new entity in its country, and problems.

    `placed` holds (fact number, node id, label, ISO code). The link is the model's containment
    of the kind in a country (a city's IN_COUNTRY); the country is found in the graph by its ISO
    code, never created.
    """
    if not placed:
        return [], []
    countries = known_entities.countries_by_code(database)
    entries: list[tuple[int, dict[str, Any]]] = []
    problems: list[str] = []
    for number, node_id, label, code in placed:
        rel_type = completing.country_link(label)
        if code not in countries:
            problems.append(f"fact {number}: no country with ISO code {code} in the graph")
        elif rel_type is not None:
            link = {"type": rel_type, "from": node_id, "to": countries[code]}
            entries.append((number, {**link, "sources": [source_id]}))
    return entries, problems


def source_entry(proposal: ReviewedProposal) -> dict[str, Any]:
    """The document's Source as a seed entry: its metadata and its text."""
    document = proposal.document
    entry: dict[str, Any] = {
        "id": document.source_id,
        "name": document.title or document.url or document.origin,
        "title": document.title,
        "category": "news-article" if document.format in NEWS_FORMATS else "reference",
        "language": document.language,
        "published": document.published,
        "publisher": document.publisher,
        "url": document.url,
        "author": document.author,
        "content_hash": document.content_hash,
        "text": document.text,
    }
    return {k: v for k, v in entry.items() if v is not None}


def source_record(proposal: ReviewedProposal) -> NodeRecord:
    """The document's Source, validated by the loader's rules."""
    try:
        return validate_single_node(
            SOURCE.label, source_entry(proposal), Origin(proposal.document.origin, None), MODEL, {}
        )
    except SeedError as exc:
        raise IntakeError(
            f"{proposal.document.origin}: its Source is not valid; nothing was written:\n"
            + "\n".join(f"  {p}" for p in exc.problems)
        ) from None


def relationship_entry(
    rel: RelationshipFact, ids: dict[str, str], source_id: str
) -> dict[str, Any]:
    """A relationship as a seed entry between entity ids, citing the document."""
    entry: dict[str, Any] = {
        "type": rel.type,
        "from": ids[rel.source],
        "to": ids[rel.target],
        **rel.properties,
    }
    if rel.uncertain:
        entry["uncertain"] = True
    if rel.note:
        entry["note"] = rel.note
    entry["sources"] = [source_id]
    return entry
