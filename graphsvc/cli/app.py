"""The root `graphsvc` command group."""

from __future__ import annotations

import click

from graphsvc import __version__
from graphsvc.cli.context import AppContext, ReportingGroup
from graphsvc.cli.export import export_command
from graphsvc.cli.iati import import_group, trace_command
from graphsvc.cli.intake import intake_group
from graphsvc.cli.keys import keys_group
from graphsvc.cli.load import load_command
from graphsvc.cli.maps import maps_group
from graphsvc.cli.model import model_command
from graphsvc.cli.neo4j import neo4j_group
from graphsvc.cli.nlp import nlp_group
from graphsvc.cli.render import render_command
from graphsvc.cli.resolve import resolve_group
from graphsvc.cli.schema import schema_command
from graphsvc.cli.search import search_command
from graphsvc.cli.serve import serve_command
from graphsvc.cli.stats import stats_command
from graphsvc.cli.up import up_command
from graphsvc.config import Settings


@click.group(cls=ReportingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphsvc")
@click.option(
    "--instance",
    envvar="GRAPHSVC_INSTANCE",
    default="default",
    show_default=True,
    help="Which locally managed Neo4j to use when NEO4J_URI is not set (the tests use 'test').",
)
@click.pass_context
def cli(ctx: click.Context, instance: str) -> None:
    """graphsvc: who works with whom, where, on what, paid by whom - as a Neo4j graph.

    Configuration comes from the environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
    NEO4J_DATABASE for an external server; without NEO4J_URI graphsvc runs its own (see
    `graphsvc neo4j --help`).
    """
    settings = Settings.from_env()
    if not instance.replace("-", "").isalnum():
        raise click.BadParameter("use letters, digits and dashes only", param_hint="--instance")
    ctx.obj = AppContext(settings, instance)


cli.add_command(neo4j_group)
cli.add_command(nlp_group)
cli.add_command(load_command)
cli.add_command(model_command)
cli.add_command(stats_command)
cli.add_command(search_command)
cli.add_command(up_command)
cli.add_command(serve_command)
cli.add_command(keys_group)
cli.add_command(schema_command)
cli.add_command(import_group)
cli.add_command(trace_command)
cli.add_command(export_command)
cli.add_command(resolve_group)
cli.add_command(render_command)
cli.add_command(maps_group)
cli.add_command(intake_group)


def main() -> None:
    """Console-script entry point."""
    import logging

    logging.getLogger("neo4j").setLevel(logging.ERROR)  # retries are ours to report, not its
    cli()
