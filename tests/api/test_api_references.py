"""Every argument that names an entity takes a readable id, a name or an alias, the same way."""

from __future__ import annotations

from conftest import Api

AMBIGUOUS = "Awareness sessions on strategic planning in Kairouan and M'saken"
"""The name of both a Source (003's report) and the Event it reports."""


def test_root_arguments_take_names_and_aliases(api: Api) -> None:
    data = api.data(
        '{ trace: fundingTrace(funder: "EU") { funder { slug } } '
        'named: fundingTrace(funder: "european union") { funder { slug } } '
        'entity: entity(slug: "MedCites") { slug } '
        'partners: partners(of: "Tunis", first: 100) { partner { slug } } '
        'bySlug: partners(of: "tunis", first: 100) { partner { slug } } '
        'path: connection(from: "Oujda", to: "EU") { nodes { slug } } '
        'money: moneyTrace(funder: "EU") { funder { slug } } }'
    )
    assert data["trace"]["funder"]["slug"] == "european-union"
    assert data["named"]["funder"]["slug"] == "european-union"
    assert data["entity"]["slug"] == "medcities"
    assert data["partners"] == data["bySlug"] and data["partners"]
    assert [data["path"][0]["nodes"][i]["slug"] for i in (0, -1)] == ["oujda", "european-union"]
    assert data["money"]["funder"]["slug"] == "european-union"


def test_list_filters_take_names_and_aliases(api: Api) -> None:
    data = api.data(
        '{ a: programmes(filter: {funder: "EU"}) { nodes { slug } } '
        'b: programmes(filter: {funder: "european-union"}) { nodes { slug } } '
        'c: institutions(filter: {country: "Tunisie", city: "Tunis"}) { nodes { slug } } '
        'd: institutions(filter: {country: "tunisia", city: "tunis"}) { nodes { slug } } '
        'e: events(filter: {programme: "MC2CM"}) { nodes { slug } } '
        'f: events(filter: {programme: "mc2cm"}) { nodes { slug } } }'
    )
    assert data["a"] == data["b"] and data["a"]["nodes"]
    assert data["c"] == data["d"] and data["c"]["nodes"]
    assert data["e"] == data["f"]
    # An ISO code still names a country.
    iso = api.data('{ institutions(filter: {country: "TN"}) { nodes { slug } } }')
    assert (
        iso["institutions"]["nodes"]
        and iso["institutions"]
        == api.data('{ institutions(filter: {country: "tunisia"}) { nodes { slug } } }')[
            "institutions"
        ]
    )


def test_an_ambiguous_name_lists_the_candidates(api: Api) -> None:
    for query in (
        "query($n: String!) { entity(slug: $n) { slug } }",
        "query($n: String!) { fundingTrace(funder: $n) { funder { slug } } }",
        'query($n: String!) { connection(from: $n, to: "sfax") { length } }',
    ):
        errors = api.errors(query, {"n": AMBIGUOUS})
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", errors
        candidates = errors[0]["extensions"]["candidates"]
        assert {(c["slug"], c["name"]) for c in candidates} == {
            ("ktc-sfax-awareness-sessions", AMBIGUOUS),
            ("ktc-awareness-sessions-2016", AMBIGUOUS),
        }
        assert "ktc-awareness-sessions-2016" in errors[0]["message"]


def test_an_id_wins_over_a_name_and_unknown_names_are_not_found(api: Api) -> None:
    data = api.data('{ entity(slug: "ktc-awareness-sessions-2016") { slug } }')
    assert data["entity"]["slug"] == "ktc-awareness-sessions-2016"
    errors = api.errors('{ fundingTrace(funder: "Atlantis") { funder { slug } } }')
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert "Atlantis" in errors[0]["message"]
