"""Rendering a page: the templates, the inline assets, and the Content-Security-Policy that fits.

The same policy as the maps: every inline script and style block is allowed by its SHA-256 hash,
nothing else runs (no `unsafe-inline`, no `unsafe-eval`, no other origin), scripts may fetch only
from this site, forms may post only to it, and no other site may frame a page. Jinja's
autoescaping is on for every template, so a name or a sentence from the graph is always text.

The name suggestions are the maps' own (`graphsvc/maps/assets/suggest.js`, which asks
`/maps/suggest`), so a field behaves the same on a map and on a page here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.responses import HTMLResponse

from graphsvc.maps.page import csp_hash
from graphsvc.service.context import ANONYMOUS, Principal
from graphsvc.web.session import CSRF_FIELD, SESSION_COOKIE, VISIT_COOKIE
from graphsvc.web.viewer import current_visit

SAFETY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
"""Sent with every page: pages may show what only a signed-in editor sees, so none is cached."""

_STYLES = (("graphsvc.maps", "suggest.css"), ("graphsvc.web", "site.css"))
_SCRIPTS = (("graphsvc.maps", "suggest.js"), ("graphsvc.web", "ticks.js"))
"""The inline blocks every page carries, in order: (package, file under its `assets/`)."""


@dataclass(frozen=True)
class Assets:
    """The inline blocks of every page, read once per process."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]


def _read(package: str, name: str) -> str:
    return (resources.files(package) / "assets" / name).read_text(encoding="utf-8")


@cache
def assets() -> Assets:
    scripts = tuple(_read(package, name) for package, name in _SCRIPTS)
    styles = tuple(_read(package, name) for package, name in _STYLES)
    for text, closer in [*((s, "</script") for s in scripts), *((s, "</style") for s in styles)]:
        assert closer not in text.lower(), f"an inline asset contains {closer}"
    return Assets(scripts, styles)


@cache
def policy() -> str:
    """The CSP of every page: its own inline blocks by hash, fetches and forms to this site."""
    blocks = assets()
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(text) for text in blocks.scripts),
            "style-src " + " ".join(csp_hash(text) for text in blocks.styles),
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@cache
def templates() -> Environment:
    """The pages' Jinja templates, autoescape on for every one."""
    return Environment(
        loader=PackageLoader("graphsvc.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def render(template: str, *, title: str, viewer: Principal | None = None, **values: Any) -> str:
    """The HTML of `template` with the common frame (header, navigation, who is signed in).

    The viewer and the forms' CSRF token come from the request's visit (`graphsvc.web.viewer`)
    unless given; a page rendered outside a request reads as anonymous with no token.
    """
    blocks = assets()
    visit = current_visit()
    return (
        templates()
        .get_template(template)
        .render(
            title=title,
            viewer=viewer or (visit.principal if visit else ANONYMOUS),
            csrf=visit.csrf if visit else "",
            csrf_field=CSRF_FIELD,
            notice=visit.notice if visit else None,
            scripts=[Markup(text) for text in blocks.scripts],
            styles=[Markup(text) for text in blocks.styles],
            **values,
        )
    )


def page(
    template: str,
    *,
    title: str,
    viewer: Principal | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **values: Any,
) -> HTMLResponse:
    """A rendered page as a response with the policy, the safety headers and the visit cookie."""
    response = HTMLResponse(
        render(template, title=title, viewer=viewer, **values),
        status_code=status,
        headers={"Content-Security-Policy": policy(), **SAFETY_HEADERS, **(headers or {})},
    )
    visit = current_visit()
    if visit is not None and visit.new_visit:
        response.set_cookie(
            VISIT_COOKIE,
            visit.new_visit,
            path="/",
            httponly=True,
            samesite="strict",
            secure=visit.secure,
        )
    if visit is not None and visit.ended_session:
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
