"""`graphsvc search TEXT`: find entities by name or alias, ignoring accents and case."""

from __future__ import annotations

import click

from graphsvc.cli.context import AppContext, pass_app
from graphsvc.model import MODEL
from graphsvc.store.queries import find_by_name
from graphsvc.store.search_text import check_search_text


@click.command("search")
@click.argument("text")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(MODEL.labels),
    help="Only this kind (repeatable).",
)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@pass_app
def search_command(app: AppContext, text: str, kinds: tuple[str, ...], limit: int) -> None:
    """Find entities whose name or alias matches TEXT ("malaga" finds Málaga)."""
    check_search_text(text)
    with app.connect() as database:
        matches = find_by_name(database, MODEL, text, list(kinds) or None, limit)
    if not matches:
        click.echo(f"nothing matches {text!r}")
        return
    for match in matches:
        marker = "=" if match.exact else "~"
        click.echo(f"{marker} {match.label:<12} {match.id:<40} {match.name}")
