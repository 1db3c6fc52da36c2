"""`fundingTrace` and the lists' `funder` filter: one rule, by the model's relationship meanings."""

from __future__ import annotations

from conftest import Api

TRACE = (
    '{ fundingTrace(funder: "european-union") { implementers { slug __typename } '
    "participants { slug __typename } places { slug } programmes { slug } events { slug } } }"
)


def slugs(entities: list[dict[str, str]]) -> set[str]:
    return {e["slug"] for e in entities}


def test_implementers_are_institutions_that_carry_out_what_is_financed(api: Api) -> None:
    trace = api.data(TRACE)["fundingTrace"]
    # 002: ICMPD leads MC2CM, Cités Unies Liban implements the Lebanese initiative, MedCities
    # implements the Tunis project with the Municipality of Tunis as partner.
    assert slugs(trace["implementers"]) == {
        "icmpd",
        "cites-unies-liban",
        "medcities",
        "municipality-of-tunis",
    }
    assert {i["__typename"] for i in trace["implementers"]} == {"Institution"}


def test_cities_and_people_that_attended_are_participants_and_the_cities_places(api: Api) -> None:
    trace = api.data(TRACE)["fundingTrace"]
    participants = slugs(trace["participants"])
    # 002: Oujda, Málaga, Sfax ..., three speakers and their institutions took part in the webinar
    # (an institution that also implements a programme of the trace counts as an implementer).
    assert {"oujda", "malaga", "sfax", "rachida-saadi"} <= participants
    assert not participants & slugs(trace["implementers"])
    assert {"City", "Person", "Institution"} == {p["__typename"] for p in trace["participants"]}
    # A city that took part is a place the money reached, as is what the programmes target.
    assert {"oujda", "malaga", "sfax", "tunis", "lebanon", "mediterranean"} <= slugs(
        trace["places"]
    )


def test_the_funder_filter_answers_what_the_trace_answers(api: Api) -> None:
    data = api.data(
        '{ fundingTrace(funder: "european-union") { implementers { slug } '
        "participants { slug __typename } places { slug __typename } programmes { slug } "
        "events { slug } } "
        'institutions(filter: {funder: "european-union"}, first: 100) { nodes { slug } } '
        'cities(filter: {funder: "european-union"}, first: 100) { nodes { slug } } '
        'people(filter: {funder: "european-union"}, first: 100) { nodes { slug } } '
        'programmes(filter: {funder: "european-union"}, first: 100) { nodes { slug } } '
        'events(filter: {funder: "european-union"}, first: 100) { nodes { slug } } '
        'countries(filter: {funder: "european-union"}, first: 100) { nodes { slug } } }'
    )
    trace = data["fundingTrace"]

    def listed(field: str) -> set[str]:
        return slugs(data[field]["nodes"])

    def kind(entities: list[dict[str, str]], typename: str) -> set[str]:
        return {e["slug"] for e in entities if e["__typename"] == typename}

    institutions = listed("institutions")
    # Neither the funder nor its co-funder (Swiss Development Cooperation) implements anything.
    assert "european-union" not in institutions
    assert "swiss-development-cooperation" not in institutions
    assert "cites-unies-liban" in institutions
    assert institutions == slugs(trace["implementers"]) | kind(trace["participants"], "Institution")
    assert listed("cities") == kind(trace["places"], "City")
    assert listed("people") == kind(trace["participants"], "Person")
    assert listed("countries") == kind(trace["places"], "Country")
    assert listed("programmes") == slugs(trace["programmes"])
    assert listed("events") == slugs(trace["events"])
