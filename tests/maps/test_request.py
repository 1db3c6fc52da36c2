"""View parameters: one parser for URLs and the CLI, every refusal naming its parameter."""

from __future__ import annotations

import pytest

from graphsvc.errors import MapParameterError
from graphsvc.maps.request import MAP_KINDS, ViewRequest
from graphsvc.model.dates import PartialDate


def refused(view: str, params: dict[str, str]) -> MapParameterError:
    with pytest.raises(MapParameterError) as caught:
        ViewRequest.parse(view, params)
    return caught.value


def test_defaults_and_parsed_values() -> None:
    request = ViewRequest.parse(
        "ego",
        {
            "id": "medcities",
            "hops": "3",
            "kinds": "cities,Institution",
            "since": "2019",
            "until": "2021-06",
            "country": "TN",
            "size": "betweenness",
            "colour": "community",
        },
    )
    assert request.hops == 3
    assert request.kinds == ("Institution", "City")  # model order, whatever the URL's order
    assert request.since == PartialDate(2019) and request.since_key == 20190101
    assert request.until_key == 20210631  # the last possible day of the month, as a sort key
    assert request.country == "TN"
    assert ViewRequest.parse("overview", {}).kinds == MAP_KINDS
    assert "Source" not in MAP_KINDS and "Transaction" not in MAP_KINDS
    assert ViewRequest.parse("geographic", {}).layout == "geographic"


@pytest.mark.parametrize(
    ("view", "params", "parameter", "words"),
    [
        ("nowhere", {}, "view", "unknown view"),
        ("ego", {}, "id", "needs the id"),
        ("path", {"id": "a"}, "to", "other end"),
        ("ego", {"id": "a", "to": "b"}, "to", "only the path view"),
        ("ego", {"id": "x" * 201}, "id", "at most 200"),
        ("ego", {"id": "a " * 33}, "id", "at most 32"),
        ("ego", {"id": "a", "hops": "4"}, "hops", "from 1 to 3"),
        ("ego", {"id": "a", "hops": "two"}, "hops", "whole number"),
        ("overview", {"kinds": "Institution,Source"}, "kinds", "not a kind a map draws"),
        ("overview", {"since": "2020-13"}, "since", "month 13"),
        ("overview", {"since": "--05-05"}, "since", "no year"),
        ("overview", {"since": "2021", "until": "2020"}, "until", "before since"),
        ("overview", {"size": "pagerank"}, "size", "degree, betweenness"),
        ("overview", {"colour": "red"}, "colour", "kind, community"),
        ("overview", {"limit": "5"}, "limit", "unknown parameter"),
        ("overview", {"country": " "}, "country", "is empty"),
    ],
)
def test_bad_parameters_are_named(
    view: str, params: dict[str, str], parameter: str, words: str
) -> None:
    error = refused(view, params)
    assert error.parameter == parameter
    assert words in str(error)


def test_permalink_parameters_round_trip() -> None:
    request = ViewRequest.parse(
        "path",
        {
            "id": "malaga",
            "to": "sfax",
            "since": "2019-05",
            "kinds": "Institution,City,Programme,Event",
        },
    )
    params = request.params()
    assert params == {
        "id": "malaga",
        "to": "sfax",
        "since": "2019-05",
        "kinds": "Institution,City,Programme,Event",
    }
    assert ViewRequest.parse("path", params) == request
    assert ViewRequest.parse("overview", {}).params() == {}
    assert ViewRequest.parse("geographic", {"layout": "network"}).params() == {"layout": "network"}
