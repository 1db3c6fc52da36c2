"""`graphsvc load PATH`: validate seed files and write them to Neo4j, all or nothing."""

from __future__ import annotations

import time
from pathlib import Path

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.cli.maps import run_refresh
from graphsvc.ingest.loader import load
from graphsvc.model import MODEL
from graphsvc.model.records import GraphData
from graphsvc.store.database import Database
from graphsvc.store.writer import BATCH_SIZE, OUTCOMES, LoadReport, Outcomes


@click.command("load")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate only; do not connect to Neo4j.")
@pass_app
def load_command(app: AppContext, path: Path, dry_run: bool) -> None:
    """Validate the seed files at PATH (a file or a directory) and load them.

    Every problem in the data is reported at once with its file, line, entry and field, and then
    nothing is written. A load runs in one transaction and MERGEs on ids, so loading the same data
    twice changes nothing.
    """
    if dry_run:
        result = load(path, MODEL, None)
        click.echo(f"{_summary(result.data)} from {path} are valid (dry run: nothing written).")
        return
    with app.connect() as database:
        run_load(database, path)
        run_refresh(app, database)


def run_load(database: Database, path: Path) -> None:
    """Load `path` into `database` and print what changed; shared by `load` and `up`."""
    started = time.monotonic()
    result = load(path, MODEL, database, _progress)
    assert result.report is not None
    click.echo(
        f"Loaded {_summary(result.data)} from {path} into {database.uri} "
        f"in {time.monotonic() - started:.1f} s."
    )
    click.echo(format_report(result.report))


def _summary(data: GraphData) -> str:
    return f"{len(data.nodes)} nodes and {len(data.relationships)} relationships"


def _progress(stage: str, done: int, total: int) -> None:
    if total > BATCH_SIZE:  # a stage of one batch finishes before a reader could use the line
        say(f"  {stage}: {done}/{total}")


def format_report(report: LoadReport) -> str:
    """A table of created / updated / unchanged per label and type."""
    width = max((len(name) for name in (*report.nodes, *report.relationships)), default=10) + 2
    lines = [f"{'':{width}}" + "".join(f"{name:>11}" for name in OUTCOMES)]

    def row(name: str, outcomes: Outcomes) -> str:
        return f"{name:{width}}" + "".join(f"{getattr(outcomes, o):>11}" for o in OUTCOMES)

    lines += [row(label, o) for label, o in report.nodes.items()]
    lines += [row(rel_type, o) for rel_type, o in report.relationships.items()]
    lines.append(row("total", report.totals()))
    lines.append(
        f"provenance links: {report.provenance_created} created, "
        f"{report.provenance_removed} removed"
    )
    return "\n".join(lines)
