"""`graphsvc stats`: node and relationship counts per kind."""

from __future__ import annotations

import json

import click

from graphsvc.cli.context import AppContext, pass_app
from graphsvc.model import FUNDER_LABEL, MODEL
from graphsvc.store.queries import graph_counts


@click.command("stats")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Machine-readable output: the same data gives byte-identical output.",
)
@pass_app
def stats_command(app: AppContext, as_json: bool) -> None:
    """Print node counts per kind and relationship counts per type."""
    with app.connect() as database:
        counts = graph_counts(database, MODEL)
    click.echo(format_counts(counts, as_json))


def format_counts(counts: dict[str, dict[str, int]], as_json: bool) -> str:
    """Counts as sorted JSON, or as two aligned tables (Funder is a role, not in the total)."""
    if as_json:
        return json.dumps(counts, indent=2, sort_keys=True, ensure_ascii=False)
    lines = []
    for section in ("nodes", "relationships"):
        lines.append(f"{section}:")
        lines += [f"  {name:<18}{count:>7}" for name, count in counts[section].items()]
        total = sum(n for name, n in counts[section].items() if name != FUNDER_LABEL)
        lines.append(f"  {'total':<18}{total:>7}")
    return "\n".join(lines)
