"""`partners`: only actors, a city and its municipality as one party, partners through an
affiliated organisation, and filters by kind and country."""

from __future__ import annotations

from typing import Any

from conftest import Api

ACTORS = {"Institution", "City", "Person"}


def partners(api: Api, arguments: str) -> list[dict[str, Any]]:
    data = api.data(
        f"{{ partners({arguments}, first: 100) {{ partner {{ slug __typename }} "
        "identities { slug } evidence { via context { slug } through { slug } } } }"
    )
    return list(data["partners"])


def test_only_actors_are_partners(api: Api) -> None:
    # 002: MC2CM finances the Lebanese initiative that Cités Unies Liban implements; a programme
    # is what partners share, not a partner.
    found = partners(api, 'of: "cites-unies-liban"')
    assert {p["partner"]["__typename"] for p in found} <= ACTORS
    assert "mc2cm" not in {p["partner"]["slug"] for p in found}


def test_a_city_and_its_municipality_are_one_partner(api: Api) -> None:
    found = partners(api, 'of: "medcities"')
    slugs = [p["partner"]["slug"] for p in found]
    # 002: the Municipality of Tunis partners in the Tunis project, Tunis took part in the webinar.
    assert "tunis" in slugs
    assert "municipality-of-tunis" not in slugs
    tunis = found[slugs.index("tunis")]
    assert [i["slug"] for i in tunis["identities"]] == ["tunis", "municipality-of-tunis"]
    assert len(slugs) == len(set(slugs))


def test_partners_through_an_affiliated_organisation(api: Api) -> None:
    # 003: the KTC of Sfax is linked to MedCities, which runs the MENA JWP with CMI (001).
    found = {p["partner"]["slug"]: p for p in partners(api, 'of: "ktc-sfax"')}
    assert "cmi" in found
    assert {e["through"]["slug"] for e in found["cmi"]["evidence"]} == {"medcities"}
    # MedCities itself stays a direct partner, not a partner through itself.
    assert [e["via"] for e in found["medcities"]["evidence"]] == ["DIRECT"]
    assert all(e["through"] is None for e in found["medcities"]["evidence"])


def test_partners_filtered_by_kind_and_country(api: Api) -> None:
    institutions = partners(api, 'of: "medcities", kinds: [INSTITUTION]')
    assert institutions
    assert {p["partner"]["__typename"] for p in institutions} == {"Institution"}
    tunisian = {p["partner"]["slug"] for p in partners(api, 'of: "medcities", country: "TN"')}
    assert {"tunis", "sfax", "kairouan"} <= tunisian
    assert "barcelona" not in tunisian and "malaga" not in tunisian
    by_name = {p["partner"]["slug"] for p in partners(api, 'of: "medcities", country: "Tunisia"')}
    assert by_name == tunisian
