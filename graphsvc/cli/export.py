"""`graphsvc export`: the graph for Gephi, networkx, linked-data tools and IATI."""

from __future__ import annotations

from pathlib import Path

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.iati.schemas import ACTIVITY_SCHEMA


@click.command("export")
@click.argument(
    "fmt", metavar="FORMAT", type=click.Choice(["gexf", "graphml", "json", "jsonld", "iati"])
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (UTF-8).",
)
@click.option(
    "--base-iri",
    default="urn:graphsvc:",
    show_default=True,
    help="JSON-LD: the prefix of every node's @id.",
)
@click.option(
    "--publisher-ref",
    default="XX-GRAPHSVC",
    show_default=True,
    help="IATI: the organisation identifier that reports curated programmes.",
)
@click.option(
    "--publisher-name",
    default="graphsvc",
    show_default=True,
    help="IATI: the name of that reporting organisation.",
)
@click.option(
    "--xsd",
    type=click.Path(path_type=Path),
    default=ACTIVITY_SCHEMA,
    show_default="the copy shipped with graphsvc",
    help="IATI: the v2.03 activity schema the export must validate against.",
)
@click.option("--no-validate", is_flag=True, help="IATI: write without checking the XSD.")
@pass_app
def export_command(
    app: AppContext,
    fmt: str,
    output: Path,
    base_iri: str,
    publisher_ref: str,
    publisher_name: str,
    xsd: Path,
    no_validate: bool,
) -> None:
    """Write the graph as FORMAT.

    Formats: gexf (Gephi), graphml, json (networkx node-link), jsonld (schema.org / W3C ORG
    terms) or iati (v2.03 activity XML, checked against the XSD).
    """
    with app.connect() as database:
        if fmt == "iati":
            from graphsvc.iati.export import export_iati

            report = export_iati(
                database,
                output,
                publisher=(publisher_ref, publisher_name),
                xsd=None if no_validate else xsd,
            )
            for reason in report.left_out:
                say(f"left out {reason}")
            checked = "valid against the v2.03 XSD" if report.validated else "not validated"
            click.echo(
                f"{report.written} activities written to {output} ({checked}); "
                f"{len(report.left_out)} programmes left out."
            )
            return
        from graphsvc.export.formats import write
        from graphsvc.export.graph import stored_graph

        graph = stored_graph(database)
    write(graph, fmt, output, base_iri)
    click.echo(
        f"{graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships "
        f"written to {output} as {fmt}."
    )
