"""Write the graph as GEXF (Gephi), GraphML, node-link JSON (networkx) or JSON-LD.

JSON-LD uses schema.org and the W3C Organization Ontology where they have a term (an
Institution is an `org:Organization`, MEMBER_OF is `org:memberOf`, FUNDS is the inverse of
`schema:funder` ...) and graphsvc's own vocabulary (`gs:`) for the rest, so that linked-data
tools read the common parts without knowing graphsvc. The terms are the domain model's
(`NodeKind.rdf_types`, `RelationshipKind.rdf_term` and `rdf_inverse`): a kind declared there with
its terms is exported with them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphsvc.export.graph import flattened
from graphsvc.model import MODEL

FORMATS = ("gexf", "graphml", "json", "jsonld")

PROPERTIES = {
    "name": "schema:name",
    "aliases": "schema:alternateName",
    "description": "schema:description",
    "latitude": "schema:latitude",
    "longitude": "schema:longitude",
    "iso_code": "schema:addressCountry",
    "start_date": "schema:startDate",
    "end_date": "schema:endDate",
    "value": "schema:value",
    "currency": "schema:currency",
    "sources": "schema:citation",
}


def write(graph: nx.MultiDiGraph[str], fmt: str, output: Path, base: str) -> None:
    """Write `graph` to `output` in `fmt`, as UTF-8 whatever the platform's default."""
    if fmt == "gexf":
        nx.write_gexf(flattened(graph), output, encoding="utf-8")
    elif fmt == "graphml":
        nx.write_graphml(flattened(graph), output, encoding="utf-8")
    elif fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        output.write_text(
            json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    elif fmt == "jsonld":
        output.write_text(
            json.dumps(json_ld(graph, base), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def json_ld(graph: nx.MultiDiGraph[str], base: str) -> dict[str, Any]:
    """The graph as one JSON-LD document with an @graph of nodes."""
    items: dict[str, dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        item: dict[str, Any] = {
            "@id": f"{base}{node}",
            "@type": _node_types(data["kind"]),
        }
        for key, value in data.items():
            if key == "kind" or value in (None, []):
                continue
            if key == "sources":
                value = [{"@id": f"{base}{source}"} for source in value]
            item[PROPERTIES.get(key, f"gs:{key}")] = value
        items[node] = item
    for source, target, data in graph.edges(data=True):
        term, inverse = _terms(data["type"])
        if inverse is not None:
            items[target].setdefault(inverse, []).append({"@id": f"{base}{source}"})
        if term is not None:
            items[source].setdefault(term, []).append({"@id": f"{base}{target}"})
    return {
        "@context": {
            "schema": "https://schema.org/",
            "org": "http://www.w3.org/ns/org#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "gs": "https://graphsvc.dev/vocab#",
        },
        "@graph": list(items.values()),
    }


def _node_types(label: str) -> list[str]:
    """The kind's linked-data classes, or graphsvc's own class when the model declares none."""
    kind = MODEL.node_kind(label)
    return list(kind.rdf_types) if kind is not None and kind.rdf_types else [f"gs:{label}"]


def _terms(rel_type: str) -> tuple[str | None, str | None]:
    """(the property on the source, the property on the target pointing back) for `rel_type`.

    A kind with only an inverse term (FUNDS: the programme's `schema:funder`) is written only from
    its target; a kind with neither gets graphsvc's own term on its source.
    """
    kind = MODEL.relationship_kind(rel_type)
    term = kind.rdf_term if kind is not None else None
    inverse = kind.rdf_inverse if kind is not None else None
    if term is None and inverse is None:
        term = f"gs:{_camel(rel_type)}"
    return term, inverse


def _camel(rel_type: str) -> str:
    head, *rest = rel_type.lower().split("_")
    return head + "".join(part.title() for part in rest)
