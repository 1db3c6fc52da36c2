"""Write the graph as GEXF (Gephi), GraphML, node-link JSON (networkx) or JSON-LD.

JSON-LD uses schema.org and the W3C Organization Ontology where they have a term (an
Institution is an `org:Organization`, MEMBER_OF is `org:memberOf`, FUNDS is the inverse of
`schema:funder` ...) and graphsvc's own vocabulary (`gs:`) for the rest, so that linked-data
tools read the common parts without knowing graphsvc.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphsvc.export.graph import flattened

FORMATS = ("gexf", "graphml", "json", "jsonld")

TYPES = {
    "Institution": ["org:Organization", "schema:Organization"],
    "City": ["schema:City"],
    "Country": ["schema:Country"],
    "Region": ["schema:Place"],
    "Programme": ["schema:Project"],
    "Event": ["schema:Event"],
    "Person": ["schema:Person"],
    "Theme": ["skos:Concept"],
    "Source": ["schema:CreativeWork"],
    "Transaction": ["schema:MonetaryAmount"],
}
RELATIONS = {
    "MEMBER_OF": "org:memberOf",
    "REPRESENTS": "org:memberOf",
    "BASED_IN": "schema:location",
    "HELD_IN": "schema:location",
    "ORGANISES": "schema:organizer",
    "PART_OF": "schema:isPartOf",
    "IN_COUNTRY": "schema:containedInPlace",
    "IN_REGION": "schema:containedInPlace",
    "ADDRESSES": "schema:about",
    "PARTICIPATES_IN": "gs:participatesIn",
}
"""Relationship type -> property on the relationship's source node."""
INVERSE = {
    "FUNDS": "schema:funder",
    "ORGANISES": "schema:organizer",
    "PARTICIPATES_IN": "schema:attendee",
}
"""Relationship type -> property on the relationship's target node, pointing back."""
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
            "@type": TYPES.get(data["kind"], [f"gs:{data['kind']}"]),
        }
        for key, value in data.items():
            if key == "kind" or value in (None, []):
                continue
            if key == "sources":
                value = [{"@id": f"{base}{source}"} for source in value]
            item[PROPERTIES.get(key, f"gs:{key}")] = value
        items[node] = item
    for source, target, data in graph.edges(data=True):
        rel = data["type"]
        if rel in INVERSE:
            items[target].setdefault(INVERSE[rel], []).append({"@id": f"{base}{source}"})
        if rel not in INVERSE or rel in RELATIONS:
            term = RELATIONS.get(rel, f"gs:{_camel(rel)}")
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


def _camel(rel_type: str) -> str:
    head, *rest = rel_type.lower().split("_")
    return head + "".join(part.title() for part in rest)
