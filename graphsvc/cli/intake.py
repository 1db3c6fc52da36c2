"""`graphsvc intake`: queue documents' proposed facts, review them, and accept them into the graph.

`graphsvc intake PATH|URL...` reads targets; `graphsvc intake
list|show|accept|reject|reconsider|edit|undo|export` review the queue. An argument that is not a
subcommand's name is a target.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.intake import review
from graphsvc.intake.export import export_yaml
from graphsvc.intake.facts import EntityFact, Fact, ReviewedProposal
from graphsvc.intake.proposal import Evidence
from graphsvc.intake.run import intake_targets

READ_COMMAND = "read"


class IntakeGroup(click.Group):
    """A group whose arguments, when they are not a subcommand, are targets to read."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = [READ_COMMAND, *args]
        return super().parse_args(ctx, args)


@click.group("intake", cls=IntakeGroup)
def intake_group() -> None:
    """Grow the graph from documents: PATH|URL... queues their proposed facts for review.

    Nothing proposed shows in the API, the maps or `stats` until it is accepted.
    """


@intake_group.command(READ_COMMAND, hidden=True)
@click.argument("targets", nargs=-1, required=True)
@pass_app
def read_command(app: AppContext, targets: tuple[str, ...]) -> None:
    """Read files, folders, pages or feeds and queue a proposal for each document."""
    for outcome in intake_targets(app, targets):
        if outcome.proposal_id is None:
            say(outcome.message or f"{outcome.origin}: nothing new was proposed")
        else:
            click.echo(f"{outcome.proposal_id}  {outcome.facts} facts  {outcome.origin}")


@intake_group.command("list")
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected"]))
@pass_app
def list_command(app: AppContext, status: str | None) -> None:
    """The review queue, oldest first."""
    with app.connect() as database:
        proposals = review.list_proposals(database, status)
    if not proposals:
        say("No proposals.")
    for p in proposals:
        counts = {s: sum(f.state == s for f in p.facts) for s in ("pending", "accepted")}
        click.echo(
            f"{p.id}  {p.status:<8}  {len(p.facts):>3} facts ({counts['accepted']} accepted)  "
            f"{p.submitted}  {p.document.title or p.document.origin}"
        )


@intake_group.command("show")
@click.argument("proposal_id")
@pass_app
def show_command(app: AppContext, proposal_id: str) -> None:
    """Every fact of a proposal with its sentence, the words that state it, rule and confidence."""
    with app.connect() as database:
        proposal = review.show(database, proposal_id)
    click.echo(describe(proposal))


@intake_group.command("accept")
@click.argument("proposal_id")
@click.option("--fact", "facts", type=int, multiple=True, help="Accept only this fact (repeat).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Leave weaker facts out.")
@pass_app
def accept_command(
    app: AppContext, proposal_id: str, facts: tuple[int, ...], min_confidence: float | None
) -> None:
    """Write a proposal's facts (all, or those chosen) to the graph, citing its document."""
    with app.connect() as database:
        accepted = review.accept(database, proposal_id, facts or None, min_confidence)
    receipt = accepted.receipt
    click.echo(
        f"Accepted {proposal_id}: created {len(receipt.created_nodes)} nodes "
        f"({', '.join(receipt.created_nodes)}) and {len(receipt.created_relationships)} "
        f"relationships; {receipt.source_id} became a further source of "
        f"{len(receipt.sourced_nodes)} entities and {len(receipt.sourced_relationships)} "
        "relationships."
    )


@intake_group.command("reject")
@click.argument("proposal_id")
@click.option("--fact", "facts", type=int, multiple=True, help="Reject only this fact (repeat).")
@pass_app
def reject_command(app: AppContext, proposal_id: str, facts: tuple[int, ...]) -> None:
    """Reject a proposal, or single facts; a rejected match of a name is not proposed again."""
    with app.connect() as database:
        after = review.reject(database, proposal_id, facts or None)
    what = f"facts {', '.join(map(str, facts))} of" if facts else "proposal"
    click.echo(f"Rejected {what} {proposal_id} (now {after.status}).")


@intake_group.command("edit")
@click.argument("proposal_id")
@click.option("--fact", type=int, required=True, help="The fact's number, as `show` gives it.")
@click.option("--entity", help="The known entity id this mention is.")
@click.option("--kind", help="The entity's kind (Institution, City, Event ...).")
@click.option("--date", help="The start date, as a partial date (2024, 2024-03, 2024-03-05).")
@click.option("--type", "rel_type", help="The relationship's type.")
@pass_app
def edit_command(
    app: AppContext,
    proposal_id: str,
    fact: int,
    entity: str | None,
    kind: str | None,
    date: str | None,
    rel_type: str | None,
) -> None:
    """Change a fact before accepting it."""
    if not any((entity, kind, date, rel_type)):
        raise click.UsageError("give at least one of --entity, --kind, --date, --type")
    with app.connect() as database:
        after = review.edit(
            database, proposal_id, fact, entity=entity, kind=kind, date=date, rel_type=rel_type
        )
    edited = after.fact(fact)
    assert edited is not None
    click.echo(_fact_line(after, edited))


@intake_group.command("undo")
@click.argument("proposal_id")
@pass_app
def undo_command(app: AppContext, proposal_id: str) -> None:
    """Take the last decision back (an acceptance, out of the graph exactly, or a rejection)."""
    with app.connect() as database:
        before = review.show(database, proposal_id).status
        review.undo(database, proposal_id)
    if before == "rejected":
        click.echo(f"Undone the rejection of {proposal_id}: its facts wait for review again.")
    else:
        click.echo(f"Undone {proposal_id}: the graph is as it was before it was accepted.")


@intake_group.command("reconsider")
@click.argument("proposal_id")
@click.option("--fact", "facts", type=int, multiple=True, help="Only this fact (repeat).")
@pass_app
def reconsider_command(app: AppContext, proposal_id: str, facts: tuple[int, ...]) -> None:
    """Take a rejection back: rejected facts (all, or those chosen) wait for review again."""
    with app.connect() as database:
        after = review.reconsider(database, proposal_id, facts or None)
    what = f"facts {', '.join(map(str, facts))} of" if facts else "the rejected facts of"
    click.echo(f"Reconsidering {what} {proposal_id} (now {after.status}).")


@intake_group.command("export")
@click.argument("proposal_id")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True)
@pass_app
def export_command(app: AppContext, proposal_id: str, output: Path) -> None:
    """Write a proposal as seed YAML that `graphsvc load` accepts."""
    with app.connect() as database:
        text = export_yaml(database, proposal_id)
    output.write_text(text, encoding="utf-8")
    say(f"Wrote {proposal_id} to {output}.")


def describe(proposal: ReviewedProposal) -> str:
    """A proposal as `show` prints it."""
    document = proposal.document
    about = [
        f"{k}: {v}"
        for k, v in (
            ("title", document.title),
            ("url", document.url),
            ("publisher", document.publisher),
            ("published", document.published),
            ("language", document.language),
        )
        if v
    ]
    lines = [
        f"Proposal {proposal.id} ({proposal.status}) from {document.origin}",
        *(f"  {line}" for line in about),
        f"  becomes Source {document.source_id}",
    ]
    for heading, facts in (
        ("Entities", proposal.entities),
        ("Relationships", proposal.relationships),
    ):
        lines.append(f"{heading}:")
        for fact in facts:
            lines.append(_fact_line(proposal, fact))
            evidence = fact.evidence if isinstance(fact, EntityFact) else (fact.evidence,)
            for item in evidence:
                lines.append(f"      {item.rule}, confidence {item.confidence:.2f}")
                lines.append(f"      {_sentence(document.text, item)}")
            if fact.note:
                lines.append(f"      note: {fact.note}")
    return "\n".join(lines)


def _fact_line(proposal: ReviewedProposal, fact: Fact) -> str:
    head = f"  {fact.number:>3}. [{fact.state}]"
    if isinstance(fact, EntityFact):
        if fact.ambiguous:
            what = f"may be one of {', '.join(fact.matches)} (choose with edit --entity)"
        elif fact.known_id:
            what = f"= {fact.known_id}"
        else:
            what = f"new {fact.key}"
        props = _props(fact.properties)
        return f"{head} {fact.label} {fact.name!r} {what}{props}" + (
            " (uncertain)" if fact.uncertain else ""
        )
    ends = []
    for key in (fact.source, fact.target):
        entity = proposal.entity(key)
        ends.append(f"{entity.name!r}" if entity else key)
    return f"{head} {fact.type}: {ends[0]} -> {ends[1]}{_props(fact.properties)}" + (
        " (uncertain)" if fact.uncertain else ""
    )


def _props(properties: dict[str, Any]) -> str:
    return "".join(f"  {k}={v}" for k, v in sorted(properties.items()))


def _sentence(text: str, evidence: Evidence) -> str:
    """The sentence, the mention marked with »« (and bold on a terminal)."""
    sentence, mention = evidence.sentence, evidence.mention
    if not text:
        return "(text not loaded)"
    if not sentence.start <= mention.start <= mention.end <= sentence.end:
        return " ".join(sentence.of(text).split())
    before = text[sentence.start : mention.start]
    after = text[mention.end : sentence.end]
    marked = click.style(f"»{mention.of(text)}«", bold=True)
    return " ".join(f"{before}{marked}{after}".split())
