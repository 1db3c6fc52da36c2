"""`graphsvc resolve`: review institutions that may be the same one."""

from __future__ import annotations

import getpass

import click

from graphsvc.cli.context import AppContext, pass_app, say


@click.group("resolve")
def resolve_group() -> None:
    """Review possible duplicate institutions: scan, list, accept (merge), reject, undo."""


@resolve_group.command("scan")
@click.option(
    "--threshold",
    default=88.0,
    show_default=True,
    type=click.FloatRange(50, 100),
    help="Lowest name similarity (0-100) that makes a candidate pair.",
)
@pass_app
def scan_command(app: AppContext, threshold: float) -> None:
    """Queue new candidate pairs (imports do this too); decided pairs are not proposed again."""
    from graphsvc.resolution.candidates import scan

    with app.connect() as database:
        click.echo(f"{scan(database, threshold)} new candidate pairs queued for review.")


@resolve_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include decided pairs.")
@pass_app
def list_command(app: AppContext, show_all: bool) -> None:
    """List candidate pairs, most alike first: LEFT RIGHT, names, score, why."""
    from graphsvc.resolution.merge import pending

    with app.connect() as database:
        rows = [r for r in pending(database) if show_all or r["status"] == "pending"]
    if not rows:
        say("Nothing to review.")
    for row in rows:
        decided = "" if row["status"] == "pending" else f"  [{row['status']}]"
        click.echo(f"{row['left']}  {row['right']}  {row['score']:.0f}  {row['reason']}{decided}")
        click.echo(f"    {row['left_name']!r} / {row['right_name']!r}")


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@resolve_group.command("accept")
@click.argument("left")
@click.argument("right")
@pass_app
def accept_command(app: AppContext, left: str, right: str) -> None:
    """Merge the pair (a curated institution survives); names and sources are all kept."""
    from graphsvc.resolution.merge import accept

    with app.connect() as database:
        survivor = accept(database, left, right, _actor())
    click.echo(f"Merged into {survivor}; `graphsvc resolve undo {left} {right}` reverses it.")


@resolve_group.command("reject")
@click.argument("left")
@click.argument("right")
@pass_app
def reject_command(app: AppContext, left: str, right: str) -> None:
    """Record that the pair are different institutions; it is not proposed again."""
    from graphsvc.resolution.merge import reject

    with app.connect() as database:
        reject(database, left, right, _actor())
    click.echo("Recorded as different institutions.")


@resolve_group.command("undo")
@click.argument("left")
@click.argument("right")
@pass_app
def undo_command(app: AppContext, left: str, right: str) -> None:
    """Undo an accepted merge: the merged institution comes back with its links and sources."""
    from graphsvc.resolution.merge import undo

    with app.connect() as database:
        restored = undo(database, left, right, _actor())
    click.echo(f"Restored {restored}.")
