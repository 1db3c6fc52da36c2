"""The small pages around the maps: the `/maps` index and the pages saying why no map was drawn.

The index has a form per view; a name that named nothing or several entities gets "did you mean"
links and a field to try again; any other problem gets its message.

They share one look, one inline style and one inline script (`assets/suggest.js`, the name
suggestions of every entity field), each hashed into a Content-Security-Policy with no
`unsafe-inline`. The script may only fetch from this site (`connect-src 'self'`): its
suggestions come from `/maps/suggest`. Every text is escaped by Jinja's autoescaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from graphsvc.errors import MapBudgetExceeded
from graphsvc.maps.catalogue import PARAMETER_ABOUT, SEEDED_MAPS, VIEW_ABOUT, field
from graphsvc.maps.naming import Choice, NameAmbiguous, NameProblem
from graphsvc.maps.page import csp_hash, templates
from graphsvc.maps.parameters import PARAMETER_BY_NAME
from graphsvc.maps.request import ViewRequest


@dataclass(frozen=True)
class _Assets:
    script: str
    style: str


@cache
def _assets() -> _Assets:
    own = resources.files("graphsvc.maps") / "assets"
    script = (own / "suggest.js").read_text(encoding="utf-8")
    # The suggestions' own styles, shared with a served map's settings form, then the page's.
    style = "".join(
        (own / name).read_text(encoding="utf-8") for name in ("suggest.css", "notices.css")
    )
    assert "</script" not in script.lower() and "</style" not in style.lower()
    return _Assets(script, style)


@cache
def policy() -> str:
    """The CSP of every page here: the one script and style by hash, fetches to this site."""
    blocks = _assets()
    return (
        f"default-src 'none'; script-src {csp_hash(blocks.script)}; "
        f"style-src {csp_hash(blocks.style)}; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def _render(template: str, **values: Any) -> str:
    blocks = _assets()
    return (
        templates()
        .get_template(template)
        .render(script=Markup(blocks.script), style=Markup(blocks.style), **values)
    )


def index_page() -> str:
    """The `/maps` index: the seeded maps as examples, a form per view, the common parameters."""
    examples = [{"href": seeded.href(), "title": seeded.file[:-5]} for seeded in SEEDED_MAPS]
    views = [
        {
            "name": name,
            "about": about,
            "fields": [field(name, PARAMETER_BY_NAME[p]) for p in fields],
        }
        for name, (about, fields) in VIEW_ABOUT.items()
    ]
    return _render("index.html", examples=examples, views=views, parameters=PARAMETER_ABOUT)


def name_page(request: ViewRequest, problem: NameProblem) -> str:
    """Why a name in `request` drew no map, with a link to the same map for each choice."""
    ambiguous = isinstance(problem, NameAmbiguous)
    written = request.params()
    choices = [
        {"choice": choice, "where": choice.where(), "href": _href(request, problem, choice)}
        for choice in problem.choices
    ]
    retry = {
        "action": f"/maps/{request.view}",
        "hidden": [(k, v) for k, v in written.items() if k != problem.parameter],
        "field": field(request.view, PARAMETER_BY_NAME[problem.parameter], problem.text),
    }
    return _render(
        "notice.html",
        title=f"Which {problem.text}?" if ambiguous else f"No {problem.text}",
        view=request.view,
        problem=problem,
        ambiguous=ambiguous,
        choices=choices,
        retry=retry,
    )


def error_page(message: str, status: int) -> str:
    """Any other reason a map was not drawn, for a browser: the message and a way back."""
    return _render("notice.html", title=f"Map not drawn ({status})", message=message)


def budget_page(error: MapBudgetExceeded) -> str:
    """A live map that took longer than its budget: why, and what to ask for instead."""
    return _render(
        "notice.html", title=f"Map not drawn in time ({error.budget_s:g} s)", message=str(error)
    )


def _href(request: ViewRequest, problem: NameProblem, choice: Choice) -> str:
    params = {**request.params(), problem.parameter: choice.id}
    return f"/maps/{request.view}?{urlencode(params)}"
