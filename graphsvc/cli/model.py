"""`graphsvc model`: print the data model as docs/model.md shows it."""

from __future__ import annotations

import click

from graphsvc.model import MODEL
from graphsvc.model.docs import model_markdown


@click.command("model")
def model_command() -> None:
    """Print the node and relationship kinds as Markdown tables (docs/model.md's copy)."""
    click.echo(model_markdown(MODEL))
