"""`graphsvc render`: maps as self-contained HTML files."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.errors import MapParameterError, MapSubjectNotFound
from graphsvc.maps.request import (
    COLOUR_CHOICES,
    GROUP_CHOICES,
    LAYOUT_CHOICES,
    SIZE_CHOICES,
    VIEWS,
    ViewRequest,
)

DEFAULT_OUT = Path("visualisations")
_PARAMETERS = (
    "id",
    "to",
    "hops",
    "kinds",
    "programme",
    "funder",
    "country",
    "theme",
    "since",
    "until",
    "size",
    "colour",
    "layout",
    "group",
)


@click.command("render")
@click.argument("view", required=False, type=click.Choice(VIEWS))
@click.option(
    "--id", "id_", metavar="ID", help="The entity the view is centred on (a path's start)."
)
@click.option("--to", metavar="ID", help="The path view's other end.")
@click.option("--hops", metavar="N", help="Ego view: steps from the centre, 1 to 3 (default 2).")
@click.option("--kinds", metavar="K,K", help="Kinds to draw, e.g. Institution,City,Programme.")
@click.option("--programme", metavar="ID", help="Keep what belongs to this programme.")
@click.option("--funder", metavar="ID", help="Keep what this funder's money reaches.")
@click.option("--country", metavar="ID|ISO", help="Keep what is located in this country.")
@click.option("--theme", metavar="ID", help="Keep programmes and events on this theme.")
@click.option(
    "--since", metavar="DATE", help="The network as of a period from DATE (YYYY[-MM[-DD]])."
)
@click.option("--until", metavar="DATE", help="... until DATE.")
@click.option("--size", type=click.Choice(SIZE_CHOICES), help="Node size by this centrality.")
@click.option("--colour", type=click.Choice(COLOUR_CHOICES), help="Colour by kind or community.")
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), help="Starting layout.")
@click.option(
    "--group", type=click.Choice(GROUP_CHOICES), help="How views above 2,500 nodes are aggregated."
)
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
    from graphsvc.store.async_database import AsyncDatabase

    if seeded == (view is not None):
        raise click.UsageError("give a VIEW or --seeded, not both and not neither")
    params = {
        name: value
        for name, value in (
            (name, options["id_" if name == "id" else name]) for name in _PARAMETERS
        )
        if value is not None
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
            rendered = await build_map(database.read, request)
            say(f"{rendered.node_count} nodes and {rendered.edge_count} links")
            return {"": rendered.html}
        finally:
            await database.close()

    try:
        texts = asyncio.run(run())
    except MapSubjectNotFound as error:
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
