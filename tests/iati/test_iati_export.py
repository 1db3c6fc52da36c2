"""Exports: IATI XML that validates against the official v2.03 XSD, a lossless IATI round trip,
and graph files that Gephi and networkx read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from lxml import etree
from tests_support_files import IATI, XSD
from tests_support_seeds import load_seeds

from graphsvc.export.formats import write
from graphsvc.export.graph import stored_graph
from graphsvc.iati.export import export_iati, schema_for
from graphsvc.iati.importer import import_iati
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

PUBLISHER = ("XX-GRAPHSVC", "graphsvc")


def quiet(_: str) -> None:
    pass


def test_export_of_seeds_and_real_data_validates(empty_db: Database, tmp_path: Path) -> None:
    load_seeds(empty_db)
    import_iati(empty_db, [IATI / "activities.xml"], progress=quiet)
    output = tmp_path / "export.xml"
    report = export_iati(empty_db, output, publisher=PUBLISHER, xsd=XSD)
    assert report.validated and report.written >= 97
    # Checked again here, independently of the exporter.
    assert schema_for(XSD).validate(etree.parse(str(output)))
    root = etree.parse(str(output)).getroot()
    identifiers = root.xpath("//iati-activity/iati-identifier/text()")
    assert isinstance(identifiers, list)
    assert "XI-IATI-EC_DEVCO-2007/191-971" in identifiers
    # The source documents give no programme dates, and IATI requires a dated start: the
    # curated programmes are left out, and the report says why.
    assert any(reason.startswith("mc2cm: no start date") for reason in report.left_out)


def _shape(database: Database) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes = database.read(
        "MATCH (n:Entity) WHERE NOT n:Source RETURN n.id AS id, labels(n) AS labels, "
        "properties(n) AS p ORDER BY id"
    )
    for node in nodes:
        for derived in ("aliases", "lookup_keys", "lookup_text", "last_updated"):
            node["p"].pop(derived, None)
        node["labels"] = sorted(node["labels"])
    relationships = database.read(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'SUPPORTED_BY' "
        "RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS p "
        "ORDER BY a, type, b"
    )
    for relationship in relationships:
        relationship["p"].pop("sources")
    return nodes, relationships


def test_round_trip_of_the_annotated_example(empty_db: Database, tmp_path: Path) -> None:
    import_iati(empty_db, [IATI / "activity-standard-example-annotated.xml"], progress=quiet)
    before = _shape(empty_db)
    output = tmp_path / "round-trip.xml"
    export_iati(empty_db, output, publisher=PUBLISHER, xsd=XSD)
    wipe_test_database(empty_db)
    import_iati(empty_db, [output], progress=quiet)
    after = _shape(empty_db)
    # Same nodes, properties and relationships; only alternative spellings of organisation
    # names are lost (IATI carries one name per organisation and language).
    assert after == before
    assert len(before[0]) == 17 and len(before[1]) == 19


def test_graph_files_read_back(empty_db: Database, tmp_path: Path) -> None:
    load_seeds(empty_db)
    graph = stored_graph(empty_db)
    assert graph.number_of_nodes() == 106
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        path = tmp_path / f"graph.{fmt}"
        write(graph, fmt, path, "urn:graphsvc:")
        read = reader(path)
        assert read.number_of_nodes() == 106 and read.number_of_edges() == 185, fmt
        assert read.nodes["malaga"]["label"] == "Málaga"
    path = tmp_path / "graph.json"
    write(graph, "json", path, "urn:graphsvc:")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 106 and len(data["links"]) == 185
    path = tmp_path / "graph.jsonld"
    write(graph, "jsonld", path, "https://example.org/id/")
    document = json.loads(path.read_text(encoding="utf-8"))
    by_id = {item["@id"]: item for item in document["@graph"]}
    medcities = by_id["https://example.org/id/medcities"]
    assert "org:Organization" in medcities["@type"]
    assert medcities["schema:name"] == "MedCities"
    mc2cm = by_id["https://example.org/id/mc2cm"]
    assert {"@id": "https://example.org/id/european-union"} in mc2cm["schema:funder"]
