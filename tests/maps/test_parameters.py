"""The map parameters are declared once; the parser, `graphsvc render` and the forms follow."""

from __future__ import annotations

from dataclasses import fields

import click
import pytest

from graphsvc.cli.render import render_command
from graphsvc.errors import MapParameterError
from graphsvc.maps.catalogue import PARAMETER_ABOUT, VIEW_ABOUT, settings_form
from graphsvc.maps.parameters import PARAMETERS, VIEWS, common_parameters, own_parameters
from graphsvc.maps.request import ViewRequest


def test_every_request_field_is_a_declared_parameter() -> None:
    assert [f.name for f in fields(ViewRequest) if f.name != "view"] == [p.name for p in PARAMETERS]


def test_render_has_one_option_per_parameter_with_its_help_and_choices() -> None:
    options = {
        option.name: option
        for option in render_command.params
        if isinstance(option, click.Option) and option.name
    }
    for parameter in PARAMETERS:
        option = options[parameter.name]
        assert option.opts == [f"--{parameter.name}"]
        assert option.help == parameter.help
        if parameter.choices:
            assert isinstance(option.type, click.Choice)
            assert tuple(option.type.choices) == parameter.choices


@pytest.mark.parametrize("view", VIEWS)
def test_forms_offer_the_parameters_a_view_takes(view: str) -> None:
    params = {"id": "a"} if "id" in VIEW_ABOUT[view][1] else {}
    if view == "path":
        params["to"] = "b"
    form = settings_form(ViewRequest.parse(view, params))
    names = [field["name"] for field in form["fields"]]
    assert names == [p.name for p in (*own_parameters(view), *common_parameters())]
    assert VIEW_ABOUT[view][1] == tuple(p.name for p in own_parameters(view))


def test_the_index_explains_every_common_parameter() -> None:
    explained = [name for names, _ in PARAMETER_ABOUT for name in names.split(", ")]
    assert explained == [p.name for p in common_parameters()]
    assert ("since, until", common_parameters()[5].help) in PARAMETER_ABOUT


def test_a_choice_is_checked_from_its_declaration() -> None:
    size = next(p for p in PARAMETERS if p.name == "size")
    assert size.parse("betweenness") == "betweenness"
    with pytest.raises(MapParameterError) as caught:
        size.parse("pagerank")
    assert caught.value.parameter == "size"
    assert "is not one of degree, betweenness" in str(caught.value)


@pytest.mark.parametrize(
    ("view", "value", "words"),
    [
        ("overview", "abc", "'abc' is not a cluster number from 0 to 999"),
        ("overview", "-1", "is not a cluster number"),
        ("overview", "1000", "is not a cluster number"),
        ("overview", "٣", "is not a cluster number"),  # a digit, but not an ASCII one
        ("ego", "1", "only the overview and geographic views are drawn as clusters"),
    ],
)
def test_a_cluster_is_a_small_number_of_a_whole_network_view(
    view: str, value: str, words: str
) -> None:
    params = {"cluster": value, **({"id": "medcities"} if view == "ego" else {})}
    with pytest.raises(MapParameterError) as raised:
        ViewRequest.parse(view, params)
    assert raised.value.parameter == "cluster"
    assert words in str(raised.value)
    assert ViewRequest.parse("overview", {"cluster": "12"}).params() == {"cluster": "12"}
