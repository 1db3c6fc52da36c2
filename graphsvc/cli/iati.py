"""`graphsvc import iati` and `graphsvc trace`: IATI activity data in, money traced out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.cli.maps import run_refresh

if TYPE_CHECKING:
    from graphsvc.iati.trace import MoneyTrace


@click.group("import")
def import_group() -> None:
    """Import data published in other standards."""


@import_group.command("iati")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at any problem, before writing anything (default: skip broken "
    "activities and report them).",
)
@pass_app
def import_iati_command(app: AppContext, files: tuple[Path, ...], strict: bool) -> None:
    """Import IATI activity XML FILES (v2.01-2.03; 1.x codes tolerated).

    Every file is checked first: one that is not well-formed IATI XML stops the import before
    anything is written. Each activity is then validated on its own; a broken one is reported
    (file, line, activity, what is wrong) and skipped. Importing the same file again changes
    nothing.
    """
    from graphsvc.iati.importer import import_iati

    with app.connect() as database:
        report = import_iati(database, list(files), strict=strict, progress=say)
        run_refresh(app, database)
    for skipped in report.skipped:
        say(f"skipped {skipped.file} activity {skipped.identifier or '(no identifier)'}:")
        for problem in skipped.problems:
            field = f"{problem.field}: " if problem.field else ""
            say(f"    line {problem.line}: {field}{problem.message}")
    for warning in report.warnings:
        field = f"{warning.field}: " if warning.field else ""
        say(
            f"warning: {warning.file} activity {warning.entry or '(no identifier)'}, "
            f"line {warning.line}: {field}{warning.message}"
        )
    total = sum(report.activities.values())
    click.echo(
        f"{report.imported} of {total} activities imported, {len(report.skipped)} "
        f"skipped; {report.nodes_written} nodes and {report.relationships_written} "
        f"relationships written; {report.mirrors} mirrored flows paired; "
        f"{report.candidates} new possible duplicates to review (graphsvc resolve list)"
        + (f"; {len(report.warnings)} warnings." if report.warnings else ".")
    )


@click.command("trace")
@click.argument("funder")
@click.option(
    "--depth",
    default=3,
    show_default=True,
    type=click.IntRange(1, 6),
    help="How many steps of onward money flows to follow.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_app
def trace_command(app: AppContext, funder: str, depth: int, as_json: bool) -> None:
    """Follow FUNDER's money through IATI activities, across publishers.

    FUNDER is a graph id, an IATI organisation identifier or a name. Each step shows its amounts
    per transaction type and currency, and the sources.
    """
    import asyncio

    from graphsvc.iati.trace import trace_money
    from graphsvc.store.async_database import AsyncDatabase

    async def run() -> MoneyTrace:
        database = AsyncDatabase.create(app.settings, app.instance, 60)
        try:
            return await trace_money(database.read, funder, depth)
        finally:
            await database.close()

    trace = asyncio.run(run())
    if as_json:
        click.echo(json.dumps(trace.as_dict(), indent=2, ensure_ascii=False, sort_keys=True))
        return
    click.echo(
        f"Money from {trace.funder_name} ({trace.funder_id}): {len(trace.steps)} activities reached"
    )
    for step in trace.steps:
        click.echo(f"\n[{step.depth}] {step.name}")
        click.echo(
            f"    {step.iati_identifier or step.activity_id}; published by "
            f"{step.publisher or 'unknown'}; {step.how}"
            + (f" (from {step.reached_from})" if step.reached_from else "")
        )
        for label, bucket in (
            ("received from upstream, ", step.received),
            ("all its own, ", step.totals),
            ("already counted upstream, ", step.mirrored),
        ):
            for kind, amounts in sorted(bucket.items()):
                shown = ", ".join(
                    f"{value:,.2f} {currency}" for currency, value in sorted(amounts.items())
                )
                click.echo(f"    {label}{kind}: {shown}")
        for name, values in (
            ("receivers", step.receivers),
            ("implementers", step.implementers),
            ("places", step.places),
            ("sources", step.sources),
        ):
            if values:
                click.echo(
                    f"    {name}: {'; '.join(values[:8])}"
                    + (f" (+{len(values) - 8} more)" if len(values) > 8 else "")
                )
    for title, summed in (
        ("From the funder itself", trace.from_funder()),
        ("All transactions of the activities reached", trace.totals()),
    ):
        click.echo(f"\n{title} (each flow counted once; types are never added together):")
        for kind, amounts in summed.items():
            click.echo(
                f"  {kind}: "
                + ", ".join(
                    f"{value:,.2f} {currency}" for currency, value in sorted(amounts.items())
                )
            )
