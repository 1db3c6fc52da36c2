"""Every map parameter, declared once: its name, what a value may be, its help, which views take it.

A map is asked for in three places: the URL of a live map (`/maps/ego?id=medcities&hops=2`), the
options of `graphsvc render`, and the forms of the `/maps` index and a served map's settings. All
three are generated from `PARAMETERS`: `ViewRequest.parse` checks values with `Parameter.parse`,
`graphsvc render` builds its click options from it, and `graphsvc.maps.catalogue` its forms and
help. A parameter added here is understood, offered and explained everywhere at once.

Parameters that name an entity (`Parameter.names`) take what people know: a readable id, a name or
an alias. Parsing only bounds the text (the limits of a name search); the live maps resolve it
through `graphsvc.maps.naming`, and their forms suggest names as one types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from graphsvc.errors import MapParameterError
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import CITY, COUNTRY, PROGRAMME, SOURCE, THEME, TRANSACTION
from graphsvc.store.search_text import MAX_SEARCH_CHARACTERS, MAX_SEARCH_WORDS

VIEWS = ("overview", "ego", "programme", "funder", "city", "path", "geographic")
"""Every view, in the order an index page lists them."""

MAP_KINDS = tuple(label for label in MODEL.labels if label not in (SOURCE.label, TRANSACTION.label))
"""Kinds drawn as nodes. Sources appear as text in tooltips and the side panel; transactions are
money records that `graphsvc trace` reports, not parties."""

SizeBy = Literal["degree", "betweenness"]
ColourBy = Literal["kind", "community"]
Layout = Literal["network", "geographic"]
GroupBy = Literal["community", "country", "programme"]

SIZE_CHOICES: tuple[SizeBy, ...] = ("degree", "betweenness")
COLOUR_CHOICES: tuple[ColourBy, ...] = ("kind", "community")
LAYOUT_CHOICES: tuple[Layout, ...] = ("network", "geographic")
GROUP_CHOICES: tuple[GroupBy, ...] = ("community", "country", "programme")
MAX_HOPS = 3
WHOLE_VIEWS = ("overview", "geographic")
"""The views of the whole network, drawn as clusters above the drawing limit."""
MAX_CLUSTER_NUMBER = 999
_ISO_COUNTRY = re.compile(r"^[A-Z]{2}$")

Check = Callable[[str, str], object]
"""(parameter name, value as written) -> the checked value; raises MapParameterError naming it."""


def entity_name(name: str, value: str) -> str:
    """An id, name or alias, bounded as a name search is (200 characters, 32 words)."""
    value = " ".join(value.split())
    if not value:
        raise MapParameterError(name, "is empty; give an entity's id, name or alias")
    if len(value) > MAX_SEARCH_CHARACTERS:
        raise MapParameterError(
            name, f"has {len(value)} characters; a name has at most {MAX_SEARCH_CHARACTERS}"
        )
    if len(value.split()) > MAX_SEARCH_WORDS:
        raise MapParameterError(
            name, f"has {len(value.split())} words; a name has at most {MAX_SEARCH_WORDS}"
        )
    return value


def is_iso_code(value: str) -> bool:
    return _ISO_COUNTRY.match(value) is not None


def country(name: str, value: str) -> str:
    """A country's ISO 3166-1 alpha-2 code, or its id, name or alias."""
    value = value.strip()
    return value if is_iso_code(value) else entity_name(name, value)


def hops(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_HOPS:
        raise MapParameterError(name, f"{value[:20]!r} is not a whole number from 1 to {MAX_HOPS}")
    return number


def kinds(name: str, value: str) -> tuple[str, ...]:
    """Labels or plurals in any case, returned in the model's order."""
    by_name = {}
    for label in MAP_KINDS:
        kind = MODEL.node_kind(label)
        if kind is None:
            raise ValueError(f"the model declares no node kind {label!r}")
        by_name[label.lower()] = label
        by_name[kind.plural.lower()] = label
    chosen: list[str] = []
    for part in value.split(","):
        written = part.strip().lower()
        if written not in by_name:
            raise MapParameterError(
                name,
                f"{part.strip()[:40]!r} is not a kind a map draws; "
                f"choose from {', '.join(MAP_KINDS)}",
            )
        if by_name[written] not in chosen:
            chosen.append(by_name[written])
    return tuple(label for label in MAP_KINDS if label in chosen)


def cluster(name: str, value: str) -> int:
    """A cluster's number, as the clustered overview numbers them (largest first, from 0)."""
    number = int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else -1
    if not 0 <= number <= MAX_CLUSTER_NUMBER:
        raise MapParameterError(
            name, f"{value[:20]!r} is not a cluster number from 0 to {MAX_CLUSTER_NUMBER}"
        )
    return number


def date(name: str, value: str) -> PartialDate:
    try:
        parsed = PartialDate.parse(value)
    except ValueError as exc:
        raise MapParameterError(name, str(exc)) from exc
    if parsed.year is None:
        raise MapParameterError(name, f"{value!r} has no year; a period needs one")
    return parsed


@dataclass(frozen=True)
class Parameter:
    """One map parameter, as the URL, the command line and the forms all know it."""

    name: str
    help: str
    """What it does, for `graphsvc render --help` and the `/maps` index. Parameters that share a
    help text (since, until) are explained together on the index."""
    check: Check | None = None
    """How a written value is checked; None for a parameter with `choices`."""
    choices: tuple[str, ...] = ()
    metavar: str = ""
    """What a value looks like on the command line (ID, DATE)."""
    hint: str = ""
    """What a value looks like, as a form field's placeholder."""
    views: tuple[str, ...] | None = None
    """The views that take it; None when every view does."""
    prefill: bool = False
    """Whether a settings form shows the value even when it is the default."""
    names: tuple[str, ...] | None = None
    """For a parameter that names an entity, the kinds it may name (empty: any kind); the live
    maps resolve its names and aliases, and their forms suggest them. None for other values."""

    def __post_init__(self) -> None:
        if (self.check is None) == (not self.choices):
            raise ValueError(f"map parameter {self.name!r} needs a check or choices, not both")

    def parse(self, value: str) -> object:
        """The checked value of `value`; MapParameterError names this parameter if it is bad."""
        if self.check is not None:
            return self.check(self.name, value)
        if value not in self.choices:
            raise MapParameterError(
                self.name, f"{value[:40]!r} is not one of {', '.join(self.choices)}"
            )
        return value


_NAMED = "id, name or alias"

SUBJECT = Parameter(
    "id",
    f"The entity the view is centred on (a path's start): its {_NAMED}.",
    entity_name,
    metavar="ID",
    hint="name or id",
    views=("ego", "programme", "funder", "city", "path"),
    names=(),
)
SUBJECT_KINDS = {"city": (CITY.label,), "programme": (PROGRAMME.label,)}
"""Views whose subject must be of one kind: a name there only looks among those."""
_PERIOD = (
    "The network as of a period (YYYY, YYYY-MM or YYYY-MM-DD): dated programmes, events and "
    "funding outside it drop out."
)

PARAMETERS: tuple[Parameter, ...] = (
    SUBJECT,
    Parameter(
        "to",
        f"The path view's other end: its {_NAMED}.",
        entity_name,
        metavar="ID",
        hint="name or id",
        views=("path",),
        names=(),
    ),
    Parameter(
        "hops",
        f"Ego view: steps from the centre, 1 to {MAX_HOPS} (default 2).",
        hops,
        metavar="N",
        hint=f"1 to {MAX_HOPS}",
        views=("ego",),
        prefill=True,
    ),
    Parameter(
        "kinds",
        "Kinds to draw, comma-separated (Institution,City,...; default all but sources).",
        kinds,
        metavar="K,K",
        hint="Institution,City",
    ),
    Parameter(
        "programme",
        f"Keep what belongs to this programme's network (its {_NAMED}).",
        entity_name,
        metavar="ID",
        hint="programme name or id",
        names=(PROGRAMME.label,),
    ),
    Parameter(
        "funder",
        f"Keep what this funder's money reaches (its {_NAMED}).",
        entity_name,
        metavar="ID",
        hint="funder name or id",
        names=(),
    ),
    Parameter(
        "country",
        f"Keep what is located in this country ({_NAMED}, or ISO code such as TN) and what it "
        "takes part in.",
        country,
        metavar="ID|ISO",
        hint="name or ISO code",
        names=(COUNTRY.label,),
    ),
    Parameter(
        "theme",
        f"Keep programmes and events on this theme, with their participants (its {_NAMED}).",
        entity_name,
        metavar="ID",
        hint="theme name or id",
        names=(THEME.label,),
    ),
    Parameter("since", _PERIOD, date, metavar="DATE", hint="YYYY[-MM[-DD]]"),
    Parameter("until", _PERIOD, date, metavar="DATE", hint="YYYY[-MM[-DD]]"),
    Parameter(
        "size",
        "Node size by degree (default) or betweenness centrality.",
        choices=SIZE_CHOICES,
        prefill=True,
    ),
    Parameter(
        "colour",
        "Colour by kind (default) or by Louvain community.",
        choices=COLOUR_CHOICES,
        prefill=True,
    ),
    Parameter("layout", "network (default) or geographic.", choices=LAYOUT_CHOICES, prefill=True),
    Parameter(
        "group",
        "Above 2,500 nodes, aggregate by community (default), country or programme.",
        choices=GROUP_CHOICES,
        prefill=True,
    ),
    Parameter(
        "cluster",
        f"Above 2,500 nodes, open one cluster of the grouping (its number, 0 to "
        f"{MAX_CLUSTER_NUMBER}; the clustered map links each cluster to its own map).",
        cluster,
        metavar="N",
        hint="cluster number",
        views=WHOLE_VIEWS,
    ),
)
"""In the order the command line, the forms and the index list them, and values are checked."""

VIEWS_WITH_SUBJECT = SUBJECT.views or VIEWS


def own_parameters(view: str) -> tuple[Parameter, ...]:
    """The parameters only some views take, that `view` takes (ego: id and hops)."""
    return tuple(p for p in PARAMETERS if p.views is not None and view in p.views)


def common_parameters() -> tuple[Parameter, ...]:
    """The parameters every view takes."""
    return tuple(p for p in PARAMETERS if p.views is None)


def named_kinds(view: str, parameter: Parameter) -> tuple[str, ...]:
    """The kinds `parameter` may name in `view` (empty: any kind)."""
    if parameter is SUBJECT:
        return SUBJECT_KINDS.get(view, ())
    return parameter.names or ()


PARAMETER_BY_NAME = {parameter.name: parameter for parameter in PARAMETERS}
