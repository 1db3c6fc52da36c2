"""`graphsvc render`: maps as self-contained HTML files."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.errors import MapParameterError, MapSubjectNotFound
from graphsvc.maps.parameters import PARAMETERS, VIEWS
from graphsvc.maps.request import ViewRequest

DEFAULT_OUT = Path("visualisations")
F = TypeVar("F", bound=Callable[..., Any])


def view_options(command: F) -> F:
    """One option per map parameter, in `PARAMETERS`' order, with its help and its choices."""
    for parameter in reversed(PARAMETERS):
        command = click.option(
            f"--{parameter.name}",
            type=click.Choice(parameter.choices) if parameter.choices else None,
            metavar=parameter.metavar or None,
            help=parameter.help,
        )(command)
    return command


@click.command("render")
@click.argument("view", required=False, type=click.Choice(VIEWS))
@view_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (UTF-8); default VIEW.html in visualisations/.",
)
@click.option(
    "--seeded",
    is_flag=True,
    help="Render every map of the seeded graph into --out-dir, with its index.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Where --seeded writes.",
)
@pass_app
def render_command(
    app: AppContext,
    /,
    view: str | None,
    output: Path | None,
    seeded: bool,
    out_dir: Path,
    **options: str | None,
) -> None:
    """Render a map VIEW (overview, ego, programme, funder, city, path, geographic) to HTML.

    Every file is self-contained and works offline. The options are the URL parameters of the
    API's /maps/VIEW, e.g. `graphsvc render ego --id medcities --hops 2`.
    """
    from graphsvc.maps.build import build_map
    from graphsvc.maps.files import render_seeded, write_text
    from graphsvc.maps.naming import NameProblem, resolve_names
    from graphsvc.store.async_database import AsyncDatabase

    if seeded == (view is not None):
        raise click.UsageError("give a VIEW or --seeded, not both and not neither")
    params = {
        parameter.name: value
        for parameter in PARAMETERS
        if (value := options[parameter.name]) is not None
    }
    try:
        request = ViewRequest.parse(view, params) if view is not None else None
    except MapParameterError as error:
        raise click.BadParameter(error.message, param_hint=_option(error.parameter)) from error

    async def run() -> dict[str, str]:
        database = AsyncDatabase.create(app.settings, app.instance, 120)
        try:
            if request is None:
                return await render_seeded(database.read, out_dir, say)
            named = await resolve_names(database.read, request)  # names as /maps takes them
            rendered = await build_map(database.read, named)
            say(f"{rendered.node_count} nodes and {rendered.edge_count} links")
            return {"": rendered.html}
        finally:
            await database.close()

    try:
        texts = asyncio.run(run())
    except (MapSubjectNotFound, NameProblem) as error:
        raise click.BadParameter(
            str(error).split(": ", 1)[1], param_hint=_option(error.parameter)
        ) from error
    if request is not None:
        target = output or out_dir / f"{view}.html"
        write_text(target, texts[""])
        click.echo(f"wrote {target}")
        return
    for name, text in texts.items():
        write_text(out_dir / name, text)
    click.echo(f"wrote {len(texts)} files to {out_dir}")


def _option(parameter: str) -> str:
    """The command-line spelling of a view parameter."""
    return "VIEW" if parameter == "view" else f"--{parameter}"
