"""`graphsvc keys`: create, list and revoke API keys."""

from __future__ import annotations

import click

from graphsvc.cli.context import AppContext, pass_app, say


@click.group("keys")
def keys_group() -> None:
    """Manage API keys (stored hashed in Neo4j; shown once, when created)."""


@keys_group.command("create")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["reader", "editor"]),
    default="reader",
    show_default=True,
    help="reader: may read when reads need a key; editor: may also change the graph.",
)
@pass_app
def create_command(app: AppContext, name: str, role: str) -> None:
    """Create a key for NAME (who or what uses it) and print it once."""
    from graphsvc.service.keys import create_key

    with app.connect() as database:
        info, token = create_key(database, name, role)
    say(
        f"Created {info.role} key {info.key_id} for {info.name!r}. Store it now: it is not "
        "shown again."
    )
    click.echo(token)


@keys_group.command("list")
@pass_app
def list_command(app: AppContext) -> None:
    """List keys: id, role, name, when created and revoked (never the keys themselves)."""
    from graphsvc.service.keys import list_keys

    with app.connect() as database:
        keys = list_keys(database)
    if not keys:
        say("No API keys yet; `graphsvc keys create NAME --role editor` makes one.")
    for key in keys:
        revoked = f"revoked {key.revoked_at}" if key.revoked_at else "active"
        click.echo(f"{key.key_id}  {key.role:<6}  {revoked:<32}  {key.created_at}  {key.name}")


@keys_group.command("revoke")
@click.argument("key_id")
@pass_app
def revoke_command(app: AppContext, key_id: str) -> None:
    """Revoke the key with KEY_ID (as `keys list` shows it); it stops working at once."""
    from graphsvc.service.keys import revoke_key

    with app.connect() as database:
        if not revoke_key(database, key_id):
            raise click.ClickException(f"no active key has the id {key_id!r}")
    say(f"Revoked key {key_id}.")
