"""The views explained for people, and the maps of the seeded graph kept in `visualisations/`.

`SEEDED_MAPS` is the one list that `graphsvc render --seeded` writes, the test that keeps the
committed files current compares, and the `/maps` index offers as examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from graphsvc.maps.request import (
    COLOUR_CHOICES,
    GROUP_CHOICES,
    LAYOUT_CHOICES,
    SIZE_CHOICES,
    ViewRequest,
)

VIEW_ABOUT: dict[str, tuple[str, tuple[str, ...]]] = {
    "overview": ("The whole collaboration web.", ()),
    "ego": ("Everything within 1 to 3 steps of one entity.", ("id", "hops")),
    "programme": ("A programme with its parts, partners, funders, events and places.", ("id",)),
    "funder": (
        "What a funder finances, down to implementers, events and cities; the trace in red.",
        ("id",),
    ),
    "city": ("Who is based in, governs, meets in or targets a city, and their partners.", ("id",)),
    "path": (
        "How two entities are connected: every shortest collaboration path in red, with "
        "their neighbours for context.",
        ("id", "to"),
    ),
    "geographic": ("The whole network with cities at their coordinates.", ()),
}
"""What each view shows, and the parameters it needs besides the common ones."""

PARAMETER_ABOUT: tuple[tuple[str, str], ...] = (
    ("kinds", "Kinds to draw, comma-separated (Institution,City,...; default all but sources)."),
    ("programme", "Keep what belongs to this programme's network."),
    ("funder", "Keep what this funder's money reaches."),
    (
        "country",
        "Keep what is located in this country (id or ISO code such as TN) and what it "
        "takes part in.",
    ),
    ("theme", "Keep programmes and events on this theme, with their participants."),
    (
        "since, until",
        "The network as of a period (YYYY, YYYY-MM or YYYY-MM-DD): dated "
        "programmes, events and funding outside it drop out.",
    ),
    ("size", "Node size by degree (default) or betweenness centrality."),
    ("colour", "Colour by kind (default) or by Louvain community."),
    ("layout", "network (default) or geographic."),
    ("group", "Above 2,500 nodes, aggregate by community (default), country or programme."),
)


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


_CHOICES: dict[str, tuple[str, ...]] = {
    "size": SIZE_CHOICES,
    "colour": COLOUR_CHOICES,
    "layout": LAYOUT_CHOICES,
    "group": GROUP_CHOICES,
}
_HINTS = {
    "id": "entity id",
    "to": "entity id",
    "hops": "1 to 3",
    "kinds": "Institution,City",
    "programme": "programme id",
    "funder": "funder id",
    "country": "id or ISO code",
    "theme": "theme id",
    "since": "YYYY[-MM[-DD]]",
    "until": "YYYY[-MM[-DD]]",
}


def settings_form(request: ViewRequest) -> dict[str, Any]:
    """The served page's "View settings" form: this view's parameters, filled in as they are."""
    own = VIEW_ABOUT[request.view][1]
    names = [
        *own,
        "kinds",
        "programme",
        "funder",
        "country",
        "theme",
        "since",
        "until",
        "size",
        "colour",
        "layout",
        "group",
    ]
    written = request.params()
    defaults = ViewRequest(request.view, layout=ViewRequest.default_layout(request.view))
    fields = []
    for name in names:
        value = written.get(name, "")
        if name in _CHOICES:
            value = value or str(getattr(defaults, name))
        elif name == "hops" and not value:
            value = str(request.hops)
        fields.append(
            {
                "name": name,
                "value": value,
                "choices": _CHOICES.get(name, ()),
                "hint": _HINTS.get(name, ""),
            }
        )
    return {"action": f"/maps/{request.view}", "fields": fields}
