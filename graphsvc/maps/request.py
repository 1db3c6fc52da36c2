"""What a map shows, as parameters: the view, its subject, filters and drawing options.

One parser serves the URL of a live map (`/maps/ego?id=medcities&hops=2`) and the options of
`graphsvc render`, so a permalink and a rendered file agree on what every parameter means, and a
malformed value gets the same message in both, naming the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Literal

from graphsvc.errors import MapParameterError
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import SLUG_PATTERN, SOURCE, TRANSACTION

VIEWS = ("overview", "ego", "programme", "funder", "city", "path", "geographic")
"""Every view, in the order an index page lists them."""

VIEWS_WITH_SUBJECT = ("ego", "programme", "funder", "city", "path")

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
_SLUG = re.compile(SLUG_PATTERN)
_ISO_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class ViewRequest:
    """A map view with every parameter resolved to a checked value."""

    view: str
    id: str | None = None
    """The entity a view is centred on; a path's start."""
    to: str | None = None
    """A path's end."""
    hops: int = 2
    kinds: tuple[str, ...] = MAP_KINDS
    programme: str | None = None
    funder: str | None = None
    country: str | None = None
    """A country's id or its ISO 3166-1 alpha-2 code."""
    theme: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    size: SizeBy = "degree"
    colour: ColourBy = "kind"
    layout: Layout = "network"
    group: GroupBy = "community"

    @classmethod
    def parse(cls, view: str, params: Mapping[str, str]) -> ViewRequest:
        """Check every parameter; the first bad one raises MapParameterError naming it."""
        if view not in VIEWS:
            raise MapParameterError(
                "view", f"unknown view {view!r}; choose one of {', '.join(VIEWS)}"
            )
        known = {f.name for f in fields(cls)} - {"view"}
        for name in params:
            if name not in known:
                raise MapParameterError(
                    name, f"unknown parameter; known parameters are {', '.join(sorted(known))}"
                )
        request = cls(view, layout=cls.default_layout(view))
        values: dict[str, object] = {}
        for name in ("id", "to", "programme", "funder", "theme"):
            if params.get(name):
                values[name] = _slug(name, params[name])
        if params.get("country"):
            country = params["country"].strip()
            values["country"] = (
                country if _ISO_COUNTRY.match(country) else _slug("country", country)
            )
        if params.get("hops"):
            values["hops"] = _hops(params["hops"])
        if params.get("kinds"):
            values["kinds"] = _kinds(params["kinds"])
        for name in ("since", "until"):
            if params.get(name):
                values[name] = _date(name, params[name])
        for name, choices in (
            ("size", SIZE_CHOICES),
            ("colour", COLOUR_CHOICES),
            ("layout", LAYOUT_CHOICES),
            ("group", GROUP_CHOICES),
        ):
            if params.get(name):
                values[name] = _choice(name, params[name], choices)
        request = replace(request, **values)  # type: ignore[arg-type]
        request.check_subject()
        return request

    @staticmethod
    def default_layout(view: str) -> Layout:
        return "geographic" if view == "geographic" else "network"

    def check_subject(self) -> None:
        """The view's own required parameters, and a date range that runs forwards."""
        if self.view in VIEWS_WITH_SUBJECT and not self.id:
            raise MapParameterError(
                "id", f"the {self.view} view needs the id of the entity it is centred on"
            )
        if self.view == "path" and not self.to:
            raise MapParameterError("to", "the path view needs the id of the other end")
        if self.view == "path" and self.to == self.id:
            raise MapParameterError("to", "a path needs two different ends; both are the same id")
        if self.view != "path" and self.to:
            raise MapParameterError("to", "only the path view takes a second entity")
        since, until = self.since_key, self.until_key
        if since is not None and until is not None and since > until:
            raise MapParameterError(
                "until", f"{self.params()['until']} is before since {self.params()['since']}"
            )

    def params(self) -> dict[str, str]:
        """The parameters that differ from the view's defaults: a permalink's query string."""
        default = ViewRequest(self.view, layout=self.default_layout(self.view))
        found: dict[str, str] = {}
        for f in fields(self):
            if f.name == "view":
                continue
            value = getattr(self, f.name)
            if f.name in ("id", "to") and value is not None:
                found[f.name] = str(value)
            elif value != getattr(default, f.name) and value is not None:
                found[f.name] = _written(value)
        return found

    @property
    def since_key(self) -> int | None:
        """`since` as a YYYYMMDD number at its first possible day."""
        return self.since.day_number(last=False) if self.since else None

    @property
    def until_key(self) -> int | None:
        """`until` as a YYYYMMDD number at its last possible day."""
        return self.until.day_number(last=True) if self.until else None


def _written(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, PartialDate):
        return value.isoformat()
    return str(value)


def _slug(name: str, value: str) -> str:
    value = value.strip()
    if not _SLUG.match(value):
        raise MapParameterError(
            name,
            f"{value[:80]!r} is not an entity id (lower-case words "
            "joined by dashes, such as 'medcities')",
        )
    return value


def _hops(value: str) -> int:
    try:
        hops = int(value)
    except ValueError:
        hops = 0
    if not 1 <= hops <= MAX_HOPS:
        raise MapParameterError(
            "hops", f"{value[:20]!r} is not a whole number from 1 to {MAX_HOPS}"
        )
    return hops


def _kinds(value: str) -> tuple[str, ...]:
    by_name = {}
    for label in MAP_KINDS:
        kind = MODEL.node_kind(label)
        assert kind is not None
        by_name[label.lower()] = label
        by_name[kind.plural.lower()] = label
    chosen: list[str] = []
    for part in value.split(","):
        name = part.strip().lower()
        if name not in by_name:
            raise MapParameterError(
                "kinds",
                f"{part.strip()[:40]!r} is not a kind a map draws; "
                f"choose from {', '.join(MAP_KINDS)}",
            )
        if by_name[name] not in chosen:
            chosen.append(by_name[name])
    return tuple(label for label in MAP_KINDS if label in chosen)


def _date(name: str, value: str) -> PartialDate:
    try:
        date = PartialDate.parse(value)
    except ValueError as exc:
        raise MapParameterError(name, str(exc)) from exc
    if date.year is None:
        raise MapParameterError(name, f"{value!r} has no year; a period needs one")
    return date


def _choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise MapParameterError(name, f"{value[:40]!r} is not one of {', '.join(choices)}")
    return value
