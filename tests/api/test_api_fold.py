"""Nested relationship fields folded into their parent's statement: fewer round trips, same answers.

The expected answers come from the store's own per-field batches (`links_of`, `sources_of`
without a plan: the statements the DataLoaders ran before folding), one level at a time, on the
seeded graph; the API's folded answer must be the same tree.
"""

from __future__ import annotations

import asyncio
from typing import Any

from conftest import Api, round_trips
from served_app import TEST_INSTANCE

from graphsvc.config import Settings
from graphsvc.model.domain import FUNDS, IMPLEMENTS, PART_OF, PARTNER_IN
from graphsvc.model.types import RelationshipKind
from graphsvc.store import entities as stored
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database

NESTED = """query($id: String!, $n: Int) { entity(slug: $id) { slug ... on Institution {
  partnerIn(first: $n) { role sources { slug } node { slug sources { slug }
    partners(first: 5) { node { slug } } } } } } }"""

FUNDER = """query($id: String!) { entity(slug: $id) { slug ... on Institution {
  funds(first: 5) { node { slug parts(first: 5) { node { slug } }
    implementedBy(first: 5) { node { slug } } } } } } }"""

Shape = list[tuple[str, RelationshipKind, bool, list[Any]]]
"""(response field, relationship, outgoing?, the same below each far end)."""


def _busiest(database: Database, statement: str) -> str:
    rows = database.read(statement)
    assert rows, "the seeds have no node for this test"
    return str(rows[0]["id"])


def partner_in_programmes_with_partners(database: Database) -> str:
    return _busiest(
        database,
        f"MATCH (i:Institution)-[:{PARTNER_IN.type}]->(:Programme)<-[:{PARTNER_IN.type}]-(o) "
        "WHERE o <> i RETURN i.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1",
    )


def funder_of_programmes_with_parts(database: Database) -> str:
    return _busiest(
        database,
        f"MATCH (f:Institution)-[:{FUNDS.type}]->(p:Programme) "
        f"WHERE EXISTS {{ (p)<-[:{PART_OF.type}]-() }} "
        f"OR EXISTS {{ (p)<-[:{IMPLEMENTS.type}]-() }} "
        "RETURN f.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1",
    )


def unfolded(settings: Settings, slug: str, shape: Shape, limit: int = 5) -> dict[str, Any]:
    """The answer of one level at a time through the store's plan-less batches (slugs only)."""

    async def level(database: AsyncDatabase, slug: str, shape: Shape) -> dict[str, Any]:
        answer: dict[str, Any] = {}
        for name, rel, outgoing, below in shape:
            links = await stored.links_of(database.read, rel.type, outgoing, limit, [slug])
            answer[name] = [
                {"node": {"slug": link["end"]["node"]["id"], **await level(database, end, below)}}
                for link in links[0]
                for end in (link["end"]["node"]["id"],)
            ]
        return answer

    async def go() -> dict[str, Any]:
        database = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
        try:
            return {"slug": slug, **await level(database, slug, shape)}
        finally:
            await database.close()

    return asyncio.run(go())


def slugs_only(value: Any) -> Any:
    """The answer with only `slug` and relationship lists kept (what `unfolded` compares)."""
    if isinstance(value, list):
        return [slugs_only(item) for item in value]
    if isinstance(value, dict):
        return {
            key: slugs_only(item)
            for key, item in value.items()
            if key in ("slug", "node") or (isinstance(item, list) and key != "sources")
        }
    return value


def test_institution_programmes_partners_is_one_round_trip(
    api: Api, seeded_once: Database, settings: Settings
) -> None:
    slug = partner_in_programmes_with_partners(seeded_once)
    response = api.post(NESTED, {"id": slug, "n": 5})
    body = response.json()
    assert "errors" not in body, body
    assert round_trips(response) == 1
    shape: Shape = [("partnerIn", PARTNER_IN, True, [("partners", PARTNER_IN, False, [])])]
    expected = unfolded(settings, slug, shape)
    assert slugs_only(body["data"]["entity"]) == expected
    assert any(edge["node"]["partners"] for edge in body["data"]["entity"]["partnerIn"])


def test_funder_programmes_parts_and_implementers_is_one_round_trip(
    api: Api, seeded_once: Database, settings: Settings
) -> None:
    slug = funder_of_programmes_with_parts(seeded_once)
    response = api.post(FUNDER, {"id": slug})
    body = response.json()
    assert "errors" not in body, body
    assert round_trips(response) == 1
    below: Shape = [("parts", PART_OF, False, []), ("implementedBy", IMPLEMENTS, False, [])]
    expected = unfolded(settings, slug, [("funds", FUNDS, True, below)])
    assert slugs_only(body["data"]["entity"]) == expected
    funded = body["data"]["entity"]["funds"]
    assert any(edge["node"]["parts"] or edge["node"]["implementedBy"] for edge in funded)


def test_folded_sources_and_edge_properties_match_the_batches(
    api: Api, seeded_once: Database, settings: Settings
) -> None:
    slug = partner_in_programmes_with_partners(seeded_once)
    folded = api.data(NESTED, {"id": slug, "n": 5})["entity"]["partnerIn"]

    async def go() -> list[list[dict[str, Any]]]:
        database = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
        try:
            ends = [edge["node"]["slug"] for edge in folded]
            return await stored.sources_of(database.read, ends)
        finally:
            await database.close()

    sources = asyncio.run(go())
    assert [[s["slug"] for s in e["node"]["sources"]] for e in folded] == [
        [row["node"]["id"] for row in found] for found in sources
    ]
    # The same request through a name (the unfolded path: a lookup, then DataLoaders) answers
    # the same, roles and edge sources included.
    name = seeded_once.read("MATCH (n {id: $id}) RETURN n.name AS name", id=slug)[0]["name"]
    by_name = api.post(NESTED, {"id": name, "n": 5})
    assert by_name.json()["data"]["entity"]["partnerIn"] == folded
    assert round_trips(by_name) > 1


def test_page_size_aliases_and_fragments_fold_each_as_asked(
    api: Api, seeded_once: Database
) -> None:
    slug = partner_in_programmes_with_partners(seeded_once)
    query = """query($id: String!) { entity(slug: $id) {
      ... on City { partnerIn(first: 1) { node { slug } } }
      ... on Institution {
        one: partnerIn(first: 1) { node { slug } }
        all: partnerIn(first: 5) { node { slug partners(first: 1) { node { slug } } } }
        again: partnerIn(first: 5) { role node { name } } } } }"""
    response = api.post(query, {"id": slug})
    entity = response.json()["data"]["entity"]
    assert round_trips(response) == 1
    assert [e["node"]["slug"] for e in entity["one"]] == [entity["all"][0]["node"]["slug"]]
    assert [e["node"]["name"] for e in entity["again"]]
    assert len(entity["again"]) == len(entity["all"])
    assert all(len(e["node"]["partners"]) <= 1 for e in entity["all"])


def test_projected_pages_answer_as_whole_nodes(api: Api) -> None:
    """A page fetches only the properties selected; each value is the one the whole node has."""
    fields = "slug name aliases description uncertain note category"
    page = api.data(
        f"{{ institutions(first: 20) {{ nodes {{ {fields} sources {{ slug title file }} }} }} }}"
    )["institutions"]["nodes"]
    assert any(node["sources"] for node in page)
    for node in page:
        whole = api.data(
            f'{{ entity(slug: "{node["slug"]}") {{ ... on Institution {{ {fields} }} }} }}'
        )["entity"]
        assert {key: node[key] for key in whole} == whole
        for source in node["sources"]:
            alone = api.data(
                f'{{ entity(slug: "{source["slug"]}") {{ ... on Source {{ slug title file }} }} }}'
            )["entity"]
            assert source == alone
            assert source["title"]
