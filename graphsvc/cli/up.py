"""`graphsvc up`: the README's first command - a running graph on the seeded data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.cli.load import run_load
from graphsvc.cli.serve import serve as serve_api
from graphsvc.cli.stats import format_counts
from graphsvc.managed import spawn_daemon
from graphsvc.model import MODEL
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.nlp import NlpInstance
from graphsvc.store.queries import graph_counts

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@click.command("up")
@click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=DEFAULT_SEEDS,
    show_default="the repository's seeds/",
    help="Seed files to load.",
)
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    help="Go on to serve the API (see `graphsvc serve`).",
)
@click.option(
    "--nlp/--no-nlp",
    default=True,
    show_default=True,
    help="With --serve, start the language engine in the background (unless GRAPHSVC_NLP_URL).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="API interface.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="API port."
)
@pass_app
def up_command(app: AppContext, seeds: Path, serve: bool, nlp: bool, host: str, port: int) -> None:
    """Start Neo4j (unless NEO4J_URI is set), load the seeds, print the counts, serve the API.

    The language engine takes minutes to load its models, so it is started in the background
    once Neo4j is up (two JVMs loading at once on a small machine would slow Neo4j's start) and
    the API serves at once; `graphsvc nlp status` says when it answers.
    """
    if app.settings.uses_managed_server:
        ManagedInstance(app.settings, app.instance).start(say)
    else:
        say(f"Using the Neo4j server at {app.settings.neo4j_uri}.")
    with app.connect() as database:
        run_load(database, seeds)
        click.echo(format_counts(graph_counts(database, MODEL), as_json=False))
    if serve:
        if nlp and app.settings.uses_managed_nlp:
            start_engine_in_background(app)
        serve_api(app, host, port, workers=1)


def start_engine_in_background(app: AppContext) -> None:
    """Run `graphsvc nlp start` as a process of its own, its output in the instance's log dir."""
    instance = NlpInstance(app.settings, app.instance)
    if instance.running_pid() is not None:
        say(f"The language engine is running on {instance.url}.")
        return
    log = instance.home / "logs" / "start.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-c",
        "from graphsvc.cli.app import main; main()",
        "--instance",
        app.instance,
        "nlp",
        "start",
    ]
    spawn_daemon(command, dict(os.environ), log)
    say(
        f"The language engine is starting in the background on {instance.url} (it loads "
        f"{', '.join(app.settings.nlp_languages)} in 1-5 minutes); `graphsvc nlp status` says "
        f"when it answers, {log} how far it got."
    )
