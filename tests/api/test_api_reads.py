"""Every root field over real HTTP on the seeded graph, checked against the source documents."""

from __future__ import annotations

from conftest import Api, round_trips

from graphsvc.api.schema.naming import global_id

SEED_COUNTS = {
    "institutions": 20,
    "cities": 15,
    "countries": 10,
    "regions": 2,
    "programmes": 15,
    "events": 12,
    "people": 4,
    "themes": 21,
    "sources": 7,
    "funders": 2,
}


def test_every_list_field_counts_what_the_seeds_hold(api: Api) -> None:
    fields = " ".join(f"{name}(first: 1) {{ totalCount }}" for name in SEED_COUNTS)
    data = api.data(f"{{ {fields} }}")
    assert {name: data[name]["totalCount"] for name in SEED_COUNTS} == SEED_COUNTS


def test_funders_are_the_eu_and_swiss_cooperation(api: Api) -> None:
    data = api.data("{ funders { nodes { slug funds { node { slug } } } } }")
    funders = {n["slug"]: [f["node"]["slug"] for f in n["funds"]] for n in data["funders"]["nodes"]}
    # 002 names the EU and Swiss Development Cooperation as MC2CM's funders.
    assert funders == {"european-union": ["mc2cm"], "swiss-development-cooperation": ["mc2cm"]}


def test_keyset_pages_walk_every_institution_once_in_name_order(api: Api) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = api.data(
            "query($after: String) { institutions(first: 6, after: $after) { "
            "pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }",
            {"after": after},
        )["institutions"]
        seen += [edge["node"]["name"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 20
    assert seen == sorted(seen, key=str.lower)


def test_descending_start_date_order_and_date_range_filter(api: Api) -> None:
    data = api.data(
        "{ events(orderBy: {field: START_DATE, direction: DESC}, first: 50, "
        'filter: {dateFrom: "2016", dateTo: "2016"}) { nodes { slug startDate { year } } } }'
    )
    years = [n["startDate"]["year"] for n in data["events"]["nodes"]]
    slugs = [n["slug"] for n in data["events"]["nodes"]]
    # 003: the awareness sessions in Kairouan and M'saken took place in 2016. Dates without a
    # year may fall in 2016 too, so the period keeps them (after the dated ones).
    dated = [year for year in years if year is not None]
    assert set(dated) == {2016}
    assert years == dated + [None] * (len(years) - len(dated))
    assert {"kairouan-awareness-session-2016", "msaken-awareness-session-2016"} <= set(slugs)


def test_filters_by_country_category_and_funder(api: Api) -> None:
    data = api.data(
        '{ tn: institutions(filter: {country: "TN", category: [MUNICIPALITY]}) '
        "{ nodes { slug } } "
        'eu: programmes(filter: {funder: "european-union"}) { nodes { slug } } }'
    )
    assert [n["slug"] for n in data["tn"]["nodes"]] == ["municipality-of-tunis"]
    funded = {n["slug"] for n in data["eu"]["nodes"]}
    assert {"mc2cm", "leave-no-one-behind-tunis", "lebanon-local-migration-governance"} <= funded


def test_a_bad_cursor_is_bad_user_input(api: Api) -> None:
    errors = api.errors('{ cities(after: "not-a-cursor") { totalCount } }')
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cursor" in errors[0]["message"]


def test_node_and_entity_lookups_agree(api: Api) -> None:
    medcities_id = global_id("Institution", "medcities")
    data = api.data(
        "query($id: ID!) { node(id: $id) { id ... on Institution { name category } } "
        'entity(slug: "medcities") { id name } missing: entity(slug: "atlantis") { id } }',
        {"id": medcities_id},
    )
    assert data["node"] == {"id": medcities_id, "name": "MedCities", "category": "CITY_NETWORK"}
    assert data["entity"]["id"] == medcities_id
    assert data["missing"] is None
    errors = api.errors('{ node(id: "bWVkY2l0aWVz") { id } }')
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_search_ignores_accents_case_and_small_typos(api: Api) -> None:
    data = api.data(
        '{ malaga: search(text: "Malaga", kinds: [CITY]) { node { name } exact } '
        'medcites: search(text: "medcites") { node { slug } exact } '
        'typo: search(text: "Kairuan") { node { slug } } }'
    )
    assert data["malaga"][0] == {"node": {"name": "Málaga"}, "exact": True}
    assert data["medcites"][0] == {"node": {"slug": "medcities"}, "exact": True}
    assert "kairouan" in [hit["node"]["slug"] for hit in data["typo"]]


def test_partners_of_tunis_with_evidence(api: Api) -> None:
    data = api.data(
        '{ partners(of: "tunis") { partner { slug } evidence { via context { slug } '
        "ownLinks { type from { slug } } partnerLinks { type sources { slug } } } } }"
    )
    partners = {p["partner"]["slug"]: p["evidence"] for p in data["partners"]}
    # 002: Barcelona and Tunis both took part in the webinar on migrants' participation.
    barcelona = {(e["via"], e["context"]["slug"]) for e in partners["barcelona"]}
    assert ("EVENT", "migrant-participation-webinar") in barcelona
    # The municipality of Tunis governs the city and counts as the same party.
    assert "municipality-of-tunis" not in partners
    assert all(
        link["sources"] for evidence in partners["barcelona"] for link in evidence["partnerLinks"]
    )


def test_partners_can_be_limited_to_a_kind_of_context_and_period(api: Api) -> None:
    data = api.data('{ partners(of: "tunis", via: [EVENT], since: "2030") { partner { slug } } }')
    assert data["partners"] == []


def test_connection_path_from_oujda_to_the_eu(api: Api) -> None:
    data = api.data(
        '{ connection(from: "oujda", to: "european-union") { length nodes { slug } '
        "links { type from { slug } to { slug } sources { slug } } } }"
    )
    path = data["connection"][0]
    # Oujda took part in the webinar, part of the Tunis project within MC2CM, which the EU funds.
    assert path["length"] == 4
    assert [n["slug"] for n in path["nodes"]] == [
        "oujda",
        "migrant-participation-webinar",
        "leave-no-one-behind-tunis",
        "mc2cm",
        "european-union",
    ]
    assert all(link["sources"] for link in path["links"])


def test_connection_rejects_bad_arguments_and_unknown_ends(api: Api) -> None:
    errors = api.errors('{ connection(from: "tunis", to: "tunis") { length } }')
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    errors = api.errors('{ connection(from: "tunis", to: "atlantis", maxHops: 2) { length } }')
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert "atlantis" in errors[0]["message"]


def test_funding_trace_of_the_eu(api: Api) -> None:
    trace = api.data(
        '{ fundingTrace(funder: "european-union") { funder { slug } '
        "programmes { slug } events { slug } implementers { slug } participants { slug } "
        "places { slug } "
        "steps { stage link { type from { slug } to { slug } sources { slug } } } } }"
    )["fundingTrace"]
    assert trace["funder"]["slug"] == "european-union"
    programmes = {p["slug"] for p in trace["programmes"]}
    # 002: the EU co-funds MC2CM, which finances the Lebanese initiative and frames the Tunis one.
    assert {
        "mc2cm",
        "lebanon-local-migration-governance",
        "leave-no-one-behind-tunis",
    } <= programmes
    assert {"icmpd", "medcities"} <= {i["slug"] for i in trace["implementers"]}
    # Oujda only took part in the webinar: a participant, and a place the money reached.
    assert "oujda" in {p["slug"] for p in trace["participants"]}
    assert "oujda" in {p["slug"] for p in trace["places"]}
    assert "tunis" in {p["slug"] for p in trace["places"]}
    assert all(step["link"]["sources"] for step in trace["steps"])
    errors = api.errors('{ fundingTrace(funder: "atlantis") { funder { slug } } }')
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_relationship_fields_carry_edge_properties_and_sources(api: Api) -> None:
    data = api.data(
        '{ entity(slug: "municipality-of-tunis") { ... on Institution { '
        "partnerIn { role node { slug } sources { file } } } } }"
    )
    edges = data["entity"]["partnerIn"]
    assert edges[0]["node"]["slug"] == "leave-no-one-behind-tunis"
    assert edges[0]["role"]
    assert edges[0]["sources"][0]["file"].endswith(".txt")


def test_nested_lists_cost_a_fixed_number_of_round_trips(api: Api) -> None:
    query = (
        "query($n: Int) { institutions(first: $n) { nodes { name sources { name } "
        "partnerIn(first: 5) { role node { name sources { name } "
        "partners(first: 5) { node { __typename } } } } "
        "memberOf { node { name } } } } }"
    )
    trips = {}
    for n in (2, 10, 20, 100):
        response = api.post(query, {"n": n})
        assert "errors" not in response.json()
        trips[n] = round_trips(response)
    # One query for the page (which brings the institutions' sources along), then at most one
    # per nested field per level (partnerIn, its nodes' sources, partners, memberOf), however
    # many institutions; fewer when a level is empty and nothing needs loading.
    assert trips[20] == trips[100] <= 5
    assert all(count <= 5 for count in trips.values())


def test_search_with_stop_words_and_prefixes(api: Api) -> None:
    data = api.data(
        '{ a: search(text: "Center for Mediterranean Integration") { node { slug } } '
        'b: search(text: "centre for the mediterr") { node { slug } } }'
    )
    assert data["a"][0]["node"]["slug"] == "cmi"
    assert data["b"][0]["node"]["slug"] == "cmi"
