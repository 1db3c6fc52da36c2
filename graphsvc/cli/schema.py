"""`graphsvc schema`: print the GraphQL schema (what schema.graphql holds)."""

from __future__ import annotations

import click


@click.command("schema")
def schema_command() -> None:
    """Print the API's GraphQL schema in SDL; `graphsvc schema > schema.graphql` refreshes it."""
    from graphsvc.api.schema.build import schema_sdl

    click.echo(schema_sdl(), nl=False)
