"""`graphsvc model`: print the data model as the README shows it."""

from __future__ import annotations

import click

from graphsvc.model import MODEL
from graphsvc.model.docs import model_markdown


@click.command("model")
def model_command() -> None:
    """Print the node and relationship kinds as Markdown tables (the README's copy)."""
    click.echo(model_markdown(MODEL))
