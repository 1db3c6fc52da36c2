"""`graphsvc nlp start|stop|status|env|analyse`: the language engine (Stanford CoreNLP)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.cli.managed import add_lifecycle_commands
from graphsvc.nlp import NlpInstance, engine_client
from graphsvc.nlp.distribution import ensure_distribution
from graphsvc.nlp.languages import LANGUAGES
from graphsvc.nlp.stored import stored_analysis

_port_option = click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="HTTP port (default: the instance's port, else GRAPHSVC_NLP_PORT or 9000).",
)


def _instance(app: AppContext, port: int | None = None) -> NlpInstance:
    if not app.settings.uses_managed_nlp:
        raise click.ClickException(
            f"GRAPHSVC_NLP_URL is set ({app.settings.nlp_url}), so graphsvc uses that engine and "
            "manages none of its own. Unset it to use the managed engine."
        )
    return NlpInstance(app.settings, app.instance, port)


@click.group("nlp")
def nlp_group() -> None:
    """Run the language engine, Stanford CoreNLP (used when GRAPHSVC_NLP_URL is not set).

    CoreNLP and the models of GRAPHSVC_NLP_LANGUAGES are fetched once from Maven Central with
    `mvn` into ~/.cache/graphsvc; the server keeps its log, pid and generated password in
    ~/.local/state/graphsvc/nlp/INSTANCE.
    """


add_lifecycle_commands(
    nlp_group,
    _instance,
    _port_option,
    start_help="Start the engine (fetching it first if needed) and wait until every language is "
    "loaded.",
    stop_help="Stop the engine.",
    status_help="Say where the engine lives, which version it is, and whether it answers (exit 3 "
    "if not).",
)


@nlp_group.command("fetch")
@pass_app
def fetch(app: AppContext) -> None:
    """Fetch CoreNLP and the models of GRAPHSVC_NLP_LANGUAGES into the cache (once), no more."""
    settings = app.settings
    where = ensure_distribution(
        settings.cache_dir, settings.nlp_version, settings.nlp_languages, say
    )
    click.echo(
        f"Stanford CoreNLP {settings.nlp_version} ({', '.join(settings.nlp_languages)}) in {where}"
    )


@nlp_group.command("env")
@pass_app
def env(app: AppContext) -> None:
    """Print `export GRAPHSVC_NLP_URL=...` (with its credentials) for another process."""
    endpoint = _instance(app).endpoint()
    host = endpoint.url.removeprefix("http://")
    click.echo(
        f"export GRAPHSVC_NLP_URL={shlex.quote(f'http://{endpoint.username}:{endpoint.password}@{host}')}"
    )


@nlp_group.command("analyse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--language", required=True, type=click.Choice(sorted(LANGUAGES)), help="The text's language."
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the engine's own JSON with the text, language and engine version (what "
    "tests/intake/analyses/ keeps) instead of a summary.",
)
@pass_app
def analyse(app: AppContext, file: Path, language: str, as_json: bool) -> None:
    """Analyse a UTF-8 text file with the engine and print what it found."""
    text = file.read_text(encoding="utf-8")
    client = engine_client(app.settings, app.instance)
    if as_json:
        record = stored_analysis(client, text, language)
        click.echo(json.dumps(record, ensure_ascii=False, indent=1))
        return
    analysis = client.analyse(text, language)
    click.echo(
        f"{len(analysis.sentences)} sentences, {len(analysis.tokens)} tokens, "
        f"{len(analysis.mentions)} mentions ({analysis.engine}, {language})"
    )
    for mention in analysis.mentions:
        normal = f" = {mention.normalized}" if mention.normalized else ""
        click.echo(f"  {mention.type:<20} {mention.text}{normal}")
