"""Hand-built documents and proposals: the input of the review layer, as recognition gives it."""

from __future__ import annotations

from typing import Any

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Evidence, Proposal, ProposedEntity, ProposedRelationship, Span
from graphsvc.model.domain import FUNDS, PARTNER_IN
from graphsvc.store.database import Database

TEXT = (
    "The European Union financed MC2CM again this year. "
    "The Wren Foundation also financed MC2CM, in partnership with the city of Tunis."
)


def evidence(text: str, mention: str, rule: str, confidence: float, sentence: int = 0) -> Evidence:
    """Evidence for `mention` inside sentence number `sentence` of `text`."""
    starts = [0] + [i + 2 for i, c in enumerate(text) if c == "." and i + 2 < len(text)]
    start = starts[sentence]
    end = text.find(".", start) + 1
    at = text.index(mention, start)
    return Evidence(Span(start, end), Span(at, at + len(mention)), rule, confidence)


def document(text: str = TEXT, **metadata: Any) -> Document:
    defaults: dict[str, Any] = {
        "format": "html",
        "origin": "https://news.example/wren",
        "title": "Wren Foundation joins MC2CM",
        "url": "https://news.example/wren",
        "publisher": "news.example",
        "published": "2024-03-05",
        "language": "en",
    }
    return Document(text, **{**defaults, **metadata})


def wren_proposal(text: str = TEXT, **metadata: Any) -> Proposal:
    """Two known entities, one new one; one relationship the seeds hold, one new."""
    eu = evidence(text, "European Union", "known-name", 0.95)
    mc2cm = evidence(text, "MC2CM", "known-name", 0.9)
    wren = evidence(text, "Wren Foundation", "en:foundation", 0.7, 1)
    return Proposal(
        document(text, **metadata),
        entities=(
            ProposedEntity("eu", "Institution", "European Union", (eu,), ("european-union",)),
            ProposedEntity("mc2cm", "Programme", "MC2CM", (mc2cm,), ("mc2cm",)),
            ProposedEntity(
                "wren-foundation",
                "Institution",
                "Wren Foundation",
                (wren,),
                properties={"category": "foundation"},
            ),
        ),
        relationships=(
            ProposedRelationship(
                FUNDS.type, "eu", "mc2cm", evidence(text, "financed", "phrase:funds:en", 0.8)
            ),
            ProposedRelationship(
                FUNDS.type,
                "wren-foundation",
                "mc2cm",
                evidence(text, "financed", "phrase:funds:en", 0.6, 1),
            ),
            ProposedRelationship(
                PARTNER_IN.type,
                "wren-foundation",
                "mc2cm",
                evidence(text, "in partnership with", "phrase:partner:en", 0.4, 1),
            ),
        ),
    )


def graph_snapshot(database: Database) -> dict[str, Any]:
    """Every node of the graph (not the review queue) and every relationship, comparable."""
    nodes = database.read(
        "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
    )
    rels = database.read(
        "MATCH (a)-[r]->(b) WHERE a:Entity AND b:Entity "
        "RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS props"
    )
    return {
        "nodes": sorted((n["id"], sorted(n["labels"]), sorted(n["props"].items())) for n in nodes),
        "rels": sorted(
            (r["type"], r["a"], r["b"], sorted((k, repr(v)) for k, v in r["props"].items()))
            for r in rels
        ),
    }
