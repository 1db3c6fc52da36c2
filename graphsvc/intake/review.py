"""Review, then the graph: a curator's decisions on a proposal, and what accepting writes.

Nothing a document proposes reaches the graph until a curator accepts it. Accepting turns the
chosen facts into the loader's own records (`GraphData`), checked by the loader's own validation,
and writes them in one transaction with the loader's statements, every fact citing the document's
Source. What that wrote is kept with the proposal, so that `undo` takes back exactly that.
Decisions outlive the proposal: a rejected match of a name is remembered and not proposed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from graphsvc.errors import (
    AlreadySubmitted,
    IntakeError,
    ProposalConflict,
    ProposalNotFound,
    QueryRefused,
)
from graphsvc.ingest.values import convert_value
from graphsvc.intake.accepting import choose, graph_data
from graphsvc.intake.budget import Budget
from graphsvc.intake.completing import COUNTRY_FIELD
from graphsvc.intake.document import Document
from graphsvc.intake.facts import (
    EntityFact,
    Fact,
    Receipt,
    RelationshipFact,
    ReviewedProposal,
    fact_numbered,
    from_stored,
    proposal_id,
    reviewed,
    stored_properties,
)
from graphsvc.intake.proposal import Proposal
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import COUNTRY, SOURCE
from graphsvc.model.names import name_key
from graphsvc.model.types import Property, PropertyType
from graphsvc.store import proposals as store
from graphsvc.store.audit import AuditNote
from graphsvc.store.database import Database


@dataclass(frozen=True)
class Submitted:
    """A proposal stored for review, and the matches left out because curators rejected them."""

    proposal: ReviewedProposal
    dropped_matches: tuple[tuple[str, str], ...] = ()
    """(name, entity id) pairs recognition proposed that a curator had rejected before."""


@dataclass(frozen=True)
class Accepted:
    """A proposal after acceptance, with what was written."""

    proposal: ReviewedProposal
    receipt: Receipt


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def submit(database: Database, proposal: Proposal, audit: AuditNote | None = None) -> Submitted:
    """Store a proposal for review, with `audit` in its transaction, unless seen before.

    The same text (by content hash) is refused whatever its origin, and a feed item also by its
    link, whether the earlier one is still a proposal or already a Source.
    """
    document = proposal.document
    _check_keys(proposal)
    refuse_if_seen(database, document)
    rejected = store.rejected_match_pairs(database)
    dropped: list[tuple[str, str]] = []
    entities = []
    for entity in proposal.entities:
        keep = tuple(m for m in entity.matches if (name_key(entity.name), m) not in rejected)
        dropped += [(entity.name, m) for m in entity.matches if m not in keep]
        entities.append(replace(entity, matches=keep))
    fresh = reviewed(replace(proposal, entities=tuple(entities)), _now())
    try:
        store.insert_proposal(
            database,
            stored_properties(fresh),
            audit and replace(audit, target=fresh.id),
        )
    except QueryRefused as exc:
        if exc.code != store.CONSTRAINT_FAILED:
            raise
        refuse_if_seen(database, document)  # another process stored it a moment ago
        raise
    return Submitted(fresh, tuple(dropped))


def _check_keys(proposal: Proposal) -> None:
    keys = [e.key for e in proposal.entities]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    dangling = sorted({k for r in proposal.relationships for k in (r.source, r.target)} - set(keys))
    if doubled or dangling:
        raise IntakeError(
            f"{proposal.document.origin}: the proposal is malformed (entity keys used twice: "
            f"{doubled or 'none'}; relationships to unknown keys: {dangling or 'none'})"
        )


def refuse_if_seen(database: Database, document: Document) -> None:
    """AlreadySubmitted when this text (or feed item) was taken in before.

    A cheap look by content hash (and feed link), made before recognition spends any time on it.
    """
    store.ensure_proposal_store(database)
    link = document.url if document.format == "feed-item" else None
    holders = store.earlier_holders(database, document.content_hash, link)
    if holders:
        first = holders[0]
        what = "the same text" if first["same_text"] else f"the feed item {document.url}"
        raise AlreadySubmitted(
            f"{document.origin}: {what} was taken in before, as {first['kind']} "
            f"{first['id']}; nothing new was proposed",
            first["id"],
        )


def list_proposals(database: Database, status: str | None = None) -> list[ReviewedProposal]:
    """The review queue, oldest first (the documents' texts are not loaded)."""
    return [from_stored({**row, "text": ""}) for row in store.stored_proposals(database, status)]


def show(database: Database, proposal_id: str) -> ReviewedProposal:
    """One proposal with its document's text, for its facts' sentences."""
    row = store.stored_proposal(database, proposal_id)
    if row is None:
        raise ProposalNotFound(
            f"no proposal has id {proposal_id!r}; `graphsvc intake list` shows them"
        )
    return from_stored(row)


def rejected_matches(database: Database) -> set[tuple[str, str]]:
    """(folded name, entity id) pairs a curator said are not the same: do not propose them."""
    return store.rejected_match_pairs(database)


def accept(
    database: Database,
    proposal_id: str,
    facts: Iterable[int] | None = None,
    min_confidence: float | None = None,
    audit: AuditNote | None = None,
    budget: Budget | None = None,
) -> Accepted:
    """Write the chosen facts (all that are not rejected, by default) to the graph, or nothing.

    A relationship brings its two entities with it. Facts not chosen are marked skipped; an
    accepted proposal must be undone before it can be accepted again.

    Building the records is Python work bounded by `budget` (checked fact by fact); the write is
    one transaction, with `audit`, bounded by Neo4j. What it returns is what that transaction
    stored: nothing is read after the commit, so nothing can fail once the facts are written.
    """
    budget = budget or Budget.unlimited()
    proposal = show(database, proposal_id)
    _must_be_pending(proposal, "accepted")
    chosen = choose(proposal, list(facts) if facts else None, min_confidence)
    data, linked = graph_data(database, proposal, chosen, budget)
    budget.check(f"building the {len(chosen)} facts of proposal {proposal_id}")
    source_id = proposal.document.source_id
    done: list[ReviewedProposal] = []

    def changes(written: store.Written) -> dict[str, Any]:
        receipt = Receipt(
            source_id,
            tuple(written.created_nodes),
            tuple(written.created_relationships),
            tuple(written.sourced_nodes),
            tuple(written.sourced_relationships),
        )
        decided = [
            replace(f, state="accepted" if f.number in chosen else "skipped")
            for f in proposal.facts
            if f.state != "rejected"
        ]
        after = replace(
            proposal.with_facts(decided),
            status="accepted",
            revision=proposal.revision + 1,
            receipt=receipt,
        )
        done[:] = [after]  # a retried transaction computes it again
        return _changed(after)

    store.write_acceptance(
        database, proposal.id, proposal.revision, data, linked, MODEL, changes, audit
    )
    (after,) = done
    assert after.receipt is not None
    return Accepted(after, after.receipt)


def reject(
    database: Database,
    proposal_id: str,
    facts: Iterable[int] | None = None,
    audit: AuditNote | None = None,
) -> ReviewedProposal:
    """Reject the whole proposal, or single facts; a rejected match of a name is remembered."""
    proposal = show(database, proposal_id)
    _must_be_pending(proposal, "rejected")
    numbers = list(facts) if facts else [f.number for f in proposal.facts]
    targets = [fact_numbered(proposal, n) for n in numbers]
    after = proposal.with_facts([replace(f, state="rejected") for f in targets])
    whole = not facts or all(f.state == "rejected" for f in after.facts)
    after = replace(
        after, status="rejected" if whole else "pending", revision=proposal.revision + 1
    )
    store.update_proposal(
        database,
        proposal.id,
        proposal.revision,
        _changed(after),
        audit,
        remember=_match_pairs(targets) if facts else None,
    )
    return after


def edit(
    database: Database,
    proposal_id: str,
    fact: int,
    *,
    entity: str | None = None,
    kind: str | None = None,
    date: str | None = None,
    rel_type: str | None = None,
    audit: AuditNote | None = None,
    name: str | None = None,
    properties: dict[str, Any] | None = None,
    source: str | None = None,
    end: str | None = None,
) -> ReviewedProposal:
    """Change a fact before accepting: which entity, its name, kind, properties, date, or type.

    A date set by the curator is no longer uncertain. Choosing another entity than the one
    recognition matched is remembered as a rejected match of that name. A new entity renamed keeps
    the name the text wrote as an alias; a changed kind drops the properties it does not have.
    `properties` sets what a new entity is written with (`completing.needed`, its country); an
    empty value takes one back, so that review's default applies again. `source` and `end` move a
    relationship's ends to other entities of the document (by key).
    """
    proposal = show(database, proposal_id)
    _must_be_pending(proposal, "edited")
    target = fact_numbered(proposal, fact)
    replaced_match: str | None = None
    if name is not None or properties:
        if not isinstance(target, EntityFact):
            raise IntakeError(f"fact {fact} is a relationship: a name and properties are entities'")
        target = _named(target, name) if name is not None else target
    if entity is not None or kind is not None:
        if not isinstance(target, EntityFact):
            raise IntakeError(f"fact {fact} is a relationship: --entity and --kind edit entities")
        if entity is not None:
            found = store.entity_labels(database, [entity], MODEL)
            if entity not in found:
                raise IntakeError(f"no entity has id {entity!r}; `graphsvc search NAME` finds ids")
            if target.known_id not in (None, entity):
                replaced_match = target.known_id
            target = replace(target, chosen=entity, label=found[entity])
        if kind is not None:
            if MODEL.node_kind(kind) is None or kind == SOURCE.label:
                raise IntakeError(
                    f"{kind!r} is not a kind of entity; kinds: {', '.join(MODEL.labels)}"
                )
            kept = MODEL.node_kind(kind)
            target = replace(
                target,
                label=kind,
                properties={
                    k: v
                    for k, v in target.properties.items()
                    if kept is not None and (kept.property(k) is not None or k == COUNTRY_FIELD)
                },
            )
    if properties and isinstance(target, EntityFact):
        target = replace(target, properties=_set_properties(target, properties))
    if source is not None or end is not None:
        if not isinstance(target, RelationshipFact):
            raise IntakeError(f"fact {fact} is an entity: its ends are a relationship's")
        keys = {e.key for e in proposal.entities}
        if not {k for k in (source, end) if k is not None} <= keys:
            raise IntakeError(f"an end of fact {fact} must be one of this document's entities")
        target = replace(target, source=source or target.source, target=end or target.target)
    if rel_type is not None:
        if not isinstance(target, RelationshipFact):
            raise IntakeError(f"fact {fact} is an entity: --type edits relationships")
        if MODEL.relationship_kind(rel_type) is None:
            raise IntakeError(
                f"{rel_type!r} is not a relationship type; types: "
                f"{', '.join(MODEL.relationship_types)}"
            )
        target = replace(target, type=rel_type)
    if date is not None:
        try:
            PartialDate.parse(date)
        except ValueError as exc:
            raise IntakeError(f"--date {date!r}: {exc}") from None
        target = replace(
            target,
            properties={**target.properties, "start_date": date},
            uncertain=False,
            note=None,
        )
    after = replace(proposal.with_facts([target]), revision=proposal.revision + 1)
    remember = None
    if replaced_match is not None and isinstance(target, EntityFact):
        remember = [(name_key(target.name), replaced_match)]
    store.update_proposal(
        database, proposal.id, proposal.revision, _changed(after), audit, remember=remember
    )
    return after


def _named(target: EntityFact, name: str) -> EntityFact:
    """The fact under the curator's name; the name the text wrote stays as an alias."""
    name = " ".join(name.split())
    if not name:
        raise IntakeError("a name cannot be empty")
    if name == target.name:
        return target
    aliases = [str(a) for a in target.properties.get("aliases", ())]
    if name_key(target.name) not in {name_key(a) for a in aliases}:
        aliases.append(target.name)
    aliases = [a for a in aliases if name_key(a) != name_key(name)]
    return replace(target, name=name, properties={**target.properties, "aliases": aliases})


def _set_properties(target: EntityFact, given: dict[str, Any]) -> dict[str, Any]:
    """The fact's properties with the curator's values, each checked as the loader checks it."""
    kind = MODEL.node_kind(target.label)
    changed = dict(target.properties)
    for key, raw in given.items():
        if key == COUNTRY_FIELD:
            prop = COUNTRY.property("iso_code")
        else:
            prop = kind.property(key) if kind is not None else None
        if prop is None:
            raise IntakeError(f"{key!r} is not a property of {target.label}")
        if raw is None or str(raw).strip() == "":
            changed.pop(key, None)
            continue
        value = str(raw).strip().upper() if key == COUNTRY_FIELD else _typed(prop, raw)
        try:
            changed[key] = convert_value(prop, value)
        except ValueError as exc:
            raise IntakeError(f"{key}: {exc}") from None
    return changed


def _typed(prop: Property, raw: Any) -> Any:
    """A number typed into a form arrives as text: read it as one, the loader checks the rest."""
    if prop.type is PropertyType.FLOAT and isinstance(raw, str):
        try:
            return float(raw.strip().replace(",", "."))
        except ValueError:
            raise IntakeError(f"{prop.name}: “{raw[:20]}” is not a number") from None
    return raw


def reconsider(
    database: Database,
    proposal_id: str,
    facts: Iterable[int] | None = None,
    audit: AuditNote | None = None,
) -> ReviewedProposal:
    """Take a rejection back: the rejected facts (all, or those chosen) wait for review again.

    A rejected document is pending again. A name-to-entity match remembered when its fact was
    rejected is forgotten, so that the name can be matched to that entity again: the curator has
    changed their mind about it.
    """
    proposal = show(database, proposal_id)
    if proposal.status == "accepted":
        raise ProposalConflict(
            f"proposal {proposal_id} is accepted: nothing of it is rejected; nothing was changed"
        )
    rejected = [f for f in proposal.facts if f.state == "rejected"]
    if facts:
        targets = [fact_numbered(proposal, n) for n in facts]
        if not_rejected := [f.number for f in targets if f.state != "rejected"]:
            raise IntakeError(
                f"fact {', '.join(map(str, not_rejected))} of proposal {proposal_id} is not "
                "rejected: only a rejected fact can be reconsidered"
            )
    elif rejected or proposal.status == "rejected":
        targets = rejected
    else:
        raise IntakeError(f"proposal {proposal_id} has no rejected fact to reconsider")
    after = replace(
        proposal.with_facts([replace(f, state="pending") for f in targets]),
        status="pending",
        revision=proposal.revision + 1,
    )
    store.update_proposal(
        database,
        proposal.id,
        proposal.revision,
        _changed(after),
        audit,
        forget=_match_pairs(targets),
    )
    return after


def _match_pairs(facts: Iterable[Fact]) -> list[tuple[str, str]]:
    """(folded name, entity id) for every entity a fact's name was matched or tied to."""
    return [
        (name_key(f.name), entity_id)
        for f in facts
        if isinstance(f, EntityFact)
        for entity_id in {*f.matches, *([f.chosen] if f.chosen else [])}
    ]


def undo(database: Database, proposal_id: str, audit: AuditNote | None = None) -> ReviewedProposal:
    """Take the last decision back: an acceptance (out of the graph exactly) or a rejection.

    Either way the proposal is pending again.
    """
    proposal = show(database, proposal_id)
    if proposal.status == "rejected":
        return reconsider(database, proposal_id, audit=audit)
    if proposal.status != "accepted" or proposal.receipt is None:
        raise ProposalConflict(
            f"proposal {proposal_id} is {proposal.status}: nothing was decided, so nothing to undo"
        )
    receipt = proposal.receipt
    after = replace(
        proposal.with_facts(
            [replace(f, state="pending") for f in proposal.facts if f.state != "rejected"]
        ),
        status="pending",
        revision=proposal.revision + 1,
        receipt=None,
    )
    written = store.Written(
        list(receipt.created_nodes),
        list(receipt.created_relationships),
        list(receipt.sourced_nodes),
        list(receipt.sourced_relationships),
    )
    store.undo_acceptance(
        database,
        proposal.id,
        proposal.revision,
        receipt.source_id,
        written,
        _changed(after),
        audit,
    )
    return after


def _changed(proposal: ReviewedProposal) -> dict[str, Any]:
    """What a decision changes on the stored node (never the document itself)."""
    props = stored_properties(proposal)
    return {k: props[k] for k in ("status", "revision", "facts", "receipt")}


def _must_be_pending(proposal: ReviewedProposal, verb: str) -> None:
    if proposal.status == "accepted":
        raise ProposalConflict(
            f"proposal {proposal.id} is already accepted and cannot be {verb}; nothing was "
            f"changed (`graphsvc intake undo {proposal.id}` takes it back first)"
        )
    if proposal.status == "rejected":
        raise ProposalConflict(
            f"proposal {proposal.id} was rejected and cannot be {verb}; nothing was changed"
        )


__all__ = [
    "Accepted",
    "Submitted",
    "accept",
    "edit",
    "list_proposals",
    "proposal_id",
    "reconsider",
    "refuse_if_seen",
    "reject",
    "rejected_matches",
    "show",
    "submit",
    "undo",
]
