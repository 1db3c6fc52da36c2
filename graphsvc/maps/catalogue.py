"""The views explained for people, their form fields, and the seeded maps kept in `visualisations/`.

`SEEDED_MAPS` is the one list that `graphsvc render --seeded` writes, the test that keeps the
committed files current compares, and the `/maps` index offers as examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from graphsvc.maps.parameters import (
    VIEWS,
    Parameter,
    common_parameters,
    named_kinds,
    own_parameters,
)
from graphsvc.maps.request import ViewRequest

SUGGEST_PATH = "/maps/suggest"
"""Where the suggestion script asks for names (`graphsvc.web.maps.MapRoutes.suggest`)."""

_VIEW_TEXT = {
    "overview": "The whole collaboration web.",
    "ego": "Everything within 1 to 3 steps of one entity.",
    "programme": "A programme with its parts, partners, funders, events and places.",
    "funder": "What a funder finances, down to implementers, events and cities; the trace in red.",
    "city": "Who is based in, governs, meets in or targets a city, and their partners.",
    "path": "How two entities are connected: every shortest collaboration path in red, with "
    "their neighbours for context.",
    "geographic": "The whole network with cities at their coordinates.",
}

VIEW_ABOUT: dict[str, tuple[str, tuple[str, ...]]] = {
    view: (_VIEW_TEXT[view], tuple(p.name for p in own_parameters(view))) for view in VIEWS
}
"""What each view shows, and the parameters it takes besides the common ones."""


def _explained() -> tuple[tuple[str, str], ...]:
    """The common parameters and their help, those sharing one help text together."""
    found: list[tuple[list[str], str]] = []
    for parameter in common_parameters():
        if found and found[-1][1] == parameter.help:
            found[-1][0].append(parameter.name)
        else:
            found.append(([parameter.name], parameter.help))
    return tuple((", ".join(names), about) for names, about in found)


PARAMETER_ABOUT = _explained()
"""(names, help) of the parameters every view takes, as the `/maps` index explains them."""


@dataclass(frozen=True)
class SeededMap:
    """A committed map: its file name in `visualisations/` and the view it shows."""

    file: str
    view: str
    params: tuple[tuple[str, str], ...] = ()

    def request(self) -> ViewRequest:
        return ViewRequest.parse(self.view, dict(self.params))

    def href(self) -> str:
        return f"/maps/{self.view}" + (f"?{urlencode(self.params)}" if self.params else "")


SEEDED_MAPS: tuple[SeededMap, ...] = (
    SeededMap("overview.html", "overview"),
    SeededMap("communities.html", "overview", (("colour", "community"), ("size", "betweenness"))),
    SeededMap("geographic.html", "geographic"),
    SeededMap("ego-medcities.html", "ego", (("id", "medcities"), ("hops", "2"))),
    SeededMap("programme-mena-jwp.html", "programme", (("id", "mena-jwp"),)),
    SeededMap("programme-mc2cm.html", "programme", (("id", "mc2cm"),)),
    SeededMap("funder-european-union.html", "funder", (("id", "european-union"),)),
    SeededMap(
        "funder-swiss-development-cooperation.html",
        "funder",
        (("id", "swiss-development-cooperation"),),
    ),
    SeededMap("city-tunis.html", "city", (("id", "tunis"),)),
    SeededMap("path-malaga-sfax.html", "path", (("id", "malaga"), ("to", "sfax"))),
    SeededMap("tunisia.html", "overview", (("country", "TN"),)),
)


def field(view: str, parameter: Parameter, value: str = "") -> dict[str, Any]:
    """A form field as `assets/field.html` takes it, with where an entity's names come from.

    The suggestions ask for the kinds this view's parameter may name, and a field with `choices`
    is drawn as a select by the map's settings form.

    The `/maps` index, the "did you mean" pages and a served map's settings form all build their
    fields here, so every form suggests the same names for the same parameter.
    """
    suggest = None
    if parameter.names is not None:
        kinds = named_kinds(view, parameter)
        suggest = SUGGEST_PATH + (f"?{urlencode({'kinds': ','.join(kinds)})}" if kinds else "")
    return {
        "name": parameter.name,
        "value": value,
        "hint": parameter.hint,
        "choices": parameter.choices,
        "required": parameter.name in ("id", "to"),
        "suggest": suggest,
    }


def settings_form(request: ViewRequest) -> dict[str, Any]:
    """The served page's "View settings" form: this view's parameters, filled in as they are."""
    written = request.params()
    defaults = ViewRequest(request.view, layout=ViewRequest.default_layout(request.view))
    fields = []
    for parameter in (*own_parameters(request.view), *common_parameters()):
        value = written.get(parameter.name, "")
        if parameter.prefill and not value:
            value = str(getattr(defaults, parameter.name))
        fields.append(field(request.view, parameter, value))
    return {"action": f"/maps/{request.view}", "fields": fields}
