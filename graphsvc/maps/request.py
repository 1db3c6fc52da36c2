"""What a map shows, as parameters: the view, its subject, filters and drawing options.

One parser serves the URL of a live map (`/maps/ego?id=medcities&hops=2`) and the options of
`graphsvc render`, so a permalink and a rendered file agree on what every parameter means, and a
malformed value gets the same message in both, naming the parameter. What each parameter accepts
is declared in `graphsvc.maps.parameters`; this module holds the checked result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from graphsvc.errors import MapParameterError
from graphsvc.maps.parameters import MAP_KINDS as MAP_KINDS
from graphsvc.maps.parameters import (
    PARAMETERS,
    VIEWS,
    VIEWS_WITH_SUBJECT,
    WHOLE_VIEWS,
    ColourBy,
    GroupBy,
    Layout,
    SizeBy,
)
from graphsvc.model.dates import PartialDate


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
    cluster: int | None = None
    """The one cluster of a clustered whole-network view to draw, by its number."""

    @classmethod
    def parse(cls, view: str, params: Mapping[str, str]) -> ViewRequest:
        """Check every parameter; the first bad one raises MapParameterError naming it."""
        if view not in VIEWS:
            raise MapParameterError(
                "view", f"unknown view {view!r}; choose one of {', '.join(VIEWS)}"
            )
        known = {parameter.name for parameter in PARAMETERS}
        for name in params:
            if name not in known:
                raise MapParameterError(
                    name, f"unknown parameter; known parameters are {', '.join(sorted(known))}"
                )
        request = cls(view, layout=cls.default_layout(view))
        values = {
            parameter.name: parameter.parse(params[parameter.name])
            for parameter in PARAMETERS
            if params.get(parameter.name)
        }
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
        if self.cluster is not None and self.view not in WHOLE_VIEWS:
            raise MapParameterError(
                "cluster", f"only the {' and '.join(WHOLE_VIEWS)} views are drawn as clusters"
            )
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
