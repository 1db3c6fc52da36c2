"""A generated graph shaped like real cooperation data: a few giants, a long tail, dates, places.

bench/load.py's generator spreads links evenly (its busiest institution has a dozen links), which
hides what real data does to queries and maps: a development bank funds thousands of activities,
a city network has thousands of members, one report supports tens of thousands of facts. Here
every "who" of a link is drawn from a Zipf law over its candidates (rank r has weight 1/r^s), so
degrees follow a power law and the biggest funder, network and Source grow with the graph.
Events and programmes carry dates, cities carry coordinates around the Mediterranean, and every
relationship type comes from the model's constants (checked against the model's sources and
targets). The same seed gives the same graph.

The records are built directly (no YAML round trip, which would dominate at a million nodes).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import (
    ADDRESSES,
    BASED_IN,
    FUNDS,
    HELD_IN,
    IN_COUNTRY,
    MEMBER_OF,
    PART_OF,
    PARTICIPATES_IN,
    PARTNER_IN,
    REPRESENTS,
)
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.model.types import RelationshipKind

ORIGIN = Origin("generated", None)

PLACES = [
    ("Málaga", 36.72, -4.42),
    ("Tunis", 36.81, 10.18),
    ("Αθήνα", 37.98, 23.73),
    ("Marseille", 43.30, 5.37),
    ("Beyrouth", 33.89, 35.50),
    ("Alexandrie", 31.20, 29.92),
    ("Barcelona", 41.39, 2.17),
    ("Sfax", 34.74, 10.76),
    ("İzmir", 38.42, 27.14),
    ("Napoli", 40.85, 14.27),
    ("Oran", 35.70, -0.63),
    ("Tanger", 35.76, -5.83),
    ("Valletta", 35.90, 14.51),
    ("Split", 43.51, 16.44),
    ("Amman", 31.95, 35.93),
    ("Ramallah", 31.90, 35.20),
    ("Genova", 44.41, 8.93),
    ("Thessaloníki", 40.64, 22.94),
    ("Sousse", 35.83, 10.64),
    ("Agadir", 30.43, -9.60),
]
"""Place words in names (accented on purpose) and the centres cities scatter around."""

WORDS = {
    "Institution": ["Agence", "Municipalité", "Fundación", "Réseau", "Office", "Association"],
    "Programme": ["Programme", "Projet", "Initiative", "Proyecto"],
    "Event": ["Forum", "Atelier", "Séminaire", "Conférence", "Webinar"],
    "Person": ["Amal", "Nikos", "Lucía", "Yasmine", "Marco", "Selin"],
    "Theme": ["Migration", "Eau", "Énergie", "Mobilité", "Patrimoine"],
    "City": ["Ville"],
}
"""The first word of each kind's names."""

SHARES = {"Institution": 0.3, "City": 0.1, "Programme": 0.22, "Event": 0.25, "Person": 0.1}
"""How the nodes divide among kinds (Sources, Countries and Themes are added on top)."""

LINKS: list[tuple[RelationshipKind, str, str, float, float]] = [
    (FUNDS, "funder", "Programme", 0.15, 0.0),
    (MEMBER_OF, "Institution", "network", 0.2, 1.0),
    (PARTNER_IN, "Institution", "Programme", 0.4, 0.8),
    (PARTICIPATES_IN, "Institution", "Event", 0.3, 0.8),
    (BASED_IN, "Institution", "City", 0.25, 0.9),
    (ADDRESSES, "Programme", "Theme", 0.2, 0.0),
]
"""(kind, from, to, links per node of the graph, Zipf exponent of the target). The source side is
drawn with exponent 1.0 (`funder` and `network` are institutions of those categories). HELD_IN,
IN_COUNTRY and REPRESENTS are added one per event, city and person, PART_OF to one programme for
FRAMED of the events."""
FRAMED = 0.6
"""The share of events that are part of a programme (each of one, drawn with Zipf exponent 0.5:
a few programmes hold thousands of events). Drawn like the links above, the event side followed
a power law too, and one meeting was part of 1,675 programmes at 1,000,000 nodes: everyone at it
then shared 1,675 programmes with everyone else, which no real meeting does."""


def zipf(rng: random.Random, candidates: Sequence[str], k: int, exponent: float) -> list[str]:
    """`k` draws from `candidates`, rank r with weight 1/r^exponent (0: uniform)."""
    if exponent == 0:
        return [candidates[rng.randrange(len(candidates))] for _ in range(k)]
    weights = itertools.accumulate(1 / (rank**exponent) for rank in range(1, len(candidates) + 1))
    return rng.choices(candidates, cum_weights=list(weights), k=k)


@dataclass(frozen=True)
class Generated:
    """The graph, and the ids a benchmark asks about."""

    data: GraphData
    biggest_funder: str
    biggest_network: str
    broad_name: str
    """A name filter that matches about one node in twenty of each kind."""


def generate(nodes: int, seed: int = 11) -> Generated:
    """About `nodes` nodes and twice as many relationships, power-law distributed."""
    rng = random.Random(seed)
    records: list[NodeRecord] = []
    ids: dict[str, list[str]] = {}
    sources = [f"source-{i}" for i in range(max(5, nodes // 50))]
    for i, source in enumerate(sources):
        records.append(
            node("Source", source, f"Report {i}", [], category="news-article", file=f"{source}.txt")
        )
    countries = [f"country-{i}" for i in range(40)]
    for i, country in enumerate(countries):
        code = f"{chr(65 + i // 26)}{chr(65 + i % 26)}"
        records.append(node("Country", country, f"Country {code}", sources[:1], iso_code=code))
    cite = iter(zipf(rng, sources, 10 * nodes, 1.0))
    themes = [f"theme-{i}" for i in range(max(3, nodes // 1000))]
    for i, theme in enumerate(themes):
        word = WORDS["Theme"][i % len(WORDS["Theme"])]
        records.append(node("Theme", theme, f"{word} {i}", [next(cite)], category="topic"))
    ids["Theme"] = themes
    for label, share in SHARES.items():
        count = max(3, int(nodes * share))
        ids[label] = [f"{label.lower()}-{i}" for i in range(count)]
        for i, node_id in enumerate(ids[label]):
            place, latitude, longitude = PLACES[rng.randrange(len(PLACES))]
            word = WORDS[label][i % len(WORDS[label])]
            extra: dict[str, Any] = {}
            if label == "Institution":
                extra["category"] = (
                    "development-bank" if i < 20 else "city-network" if i < 60 else "ngo"
                )
            elif label == "City":
                extra = {
                    "latitude": round(latitude + rng.gauss(0, 1.5), 4),
                    "longitude": round(longitude + rng.gauss(0, 1.5), 4),
                }
            elif label in ("Programme", "Event"):
                year = 2000 + rng.randrange(25)
                start = PartialDate(year, rng.randrange(1, 13), rng.randrange(1, 29))
                extra = {"category": "project" if label == "Programme" else "meeting"}
                extra["start_date"] = start
                if label == "Programme":
                    extra["end_date"] = PartialDate(year + 1 + rng.randrange(5), 12, 31)
            cited = sorted({next(cite) for _ in range(1 + rng.randrange(2))})
            records.append(
                node(label, node_id, f"{word} {place} {i}", cited, [f"{word[:3]}{i}"], **extra)
            )
    ids["funder"] = ids["Institution"][:20] + ids["Institution"][60:]
    ids["network"] = ids["Institution"][20:60]
    links: dict[tuple[str, str, str], RelationshipRecord] = {}

    def add(kind: RelationshipKind, source: str, target: str) -> None:
        if source != target and (kind.type, source, target) not in links:
            links[(kind.type, source, target)] = RelationshipRecord(
                kind.type, source, target, {}, (next(cite),), ORIGIN
            )

    for kind, source_kind, target_kind, per_node, exponent in LINKS:
        count = int(nodes * per_node)
        for source, target in zip(
            zipf(rng, ids[source_kind], count, 1.0),
            zipf(rng, ids[target_kind], count, exponent),
            strict=True,
        ):
            add(kind, source, target)
    for event, city in zip(
        ids["Event"], zipf(rng, ids["City"], len(ids["Event"]), 0.9), strict=False
    ):
        add(HELD_IN, event, city)
    framed = [event for event in ids["Event"] if rng.random() < FRAMED]
    for event, programme in zip(framed, zipf(rng, ids["Programme"], len(framed), 0.5), strict=True):
        add(PART_OF, event, programme)
    for city, country in zip(
        ids["City"], zipf(rng, countries, len(ids["City"]), 0.7), strict=False
    ):
        add(IN_COUNTRY, city, country)
    for person, institution in zip(
        ids["Person"], zipf(rng, ids["Institution"], len(ids["Person"]), 0.5), strict=False
    ):
        add(REPRESENTS, person, institution)
    for programme in ids["Programme"][1::4]:  # a quarter nest in an earlier programme: a forest
        add(PART_OF, programme, ids["Programme"][rng.randrange(number(programme))])
    relationships = tuple(links.values())
    check_kinds(relationships, {record.id: record.label for record in records})
    return Generated(
        GraphData(tuple(records), relationships),
        biggest_funder=ids["funder"][0],
        biggest_network=ids["network"][0],
        broad_name=PLACES[0][0],
    )


def node(
    label: str,
    node_id: str,
    name: str,
    sources: list[str],
    aliases: list[str] | None = None,
    **properties: Any,
) -> NodeRecord:
    return NodeRecord(
        label,
        node_id,
        {"id": node_id, "name": name, "aliases": aliases or [], **properties},
        tuple(sources),
        ORIGIN,
    )


def number(node_id: str) -> int:
    """The running number of a generated id (`programme-12` is 12)."""
    return int(node_id.rsplit("-", 1)[1])


def check_kinds(relationships: Sequence[RelationshipRecord], labels: dict[str, str]) -> None:
    """Every link joins kinds its type allows (the model's sources and targets)."""
    allowed = {
        (kind.type, source, target)
        for kind in MODEL.relationship_kinds
        for source in kind.sources
        for target in kind.targets
    }
    for rel in relationships:
        shape = (rel.type, labels[rel.source_id], labels[rel.target_id])
        if shape not in allowed:
            raise AssertionError(f"the model does not allow {shape}")
