"""`connection` reaches what a user expects, and says so when no path is short enough."""

from __future__ import annotations

from conftest import Api


def test_the_default_reaches_the_farthest_institutions_of_the_seeded_graph(api: Api) -> None:
    # M'saken 2050 and the JWP Steering Committee are 5 links apart (003 and 000): beyond the
    # old default of 4.
    data = api.data('{ connection(from: "msaken-2050", to: "jwp-steering-committee") { length } }')
    assert data["connection"] and {p["length"] for p in data["connection"]} == {5}


def test_no_path_within_the_bound_says_how_far_the_shortest_is(api: Api) -> None:
    errors = api.errors(
        '{ connection(from: "msaken-2050", to: "jwp-steering-committee", maxHops: 3) { length } }'
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert errors[0]["extensions"]["maxHops"] == 3
    assert errors[0]["extensions"]["shortest"] == 5
    assert "no path within 3 hops" in errors[0]["message"]
    assert "maxHops: 5" in errors[0]["message"]


def test_no_path_at_all_is_said_too(api: Api) -> None:
    errors = api.errors(
        '{ connection(from: "oujda", to: "european-union", via: [FUNDS]) { length } }'
    )
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert errors[0]["extensions"]["shortest"] is None
    assert "no path within 10 hops" in errors[0]["message"]


def test_an_end_no_collaborative_link_reaches_is_refused_saying_why(api: Api) -> None:
    """A theme is only addressed: before, "Promoting subsidiarity" to the JWP (directly linked)
    searched 10 hops and answered that they are not connected that closely."""
    errors = api.errors('{ connection(from: "Promoting subsidiarity", to: "mena-jwp") { length } }')
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert errors[0]["extensions"]["field"] == "from"
    assert "'pillar-subsidiarity' is a Theme" in errors[0]["message"]
    assert "ask between" in errors[0]["message"] and "Institution" in errors[0]["message"]
    assert "Theme" not in errors[0]["message"].split("ask between", 1)[1]
