"""A map as one self-contained HTML page, and the Content-Security-Policy that fits it.

pyvis's templates are not used: they fetch Bootstrap and tom-select from CDNs and put titles,
headings and node ids into the page as HTML. This template inlines vis-network (from the pyvis
package, so no download happens) with graphsvc's own script and styles, keeps Jinja's
autoescaping on for every text, and passes the graph only as JSON in a non-executing
`application/json` block (Jinja's `tojson` escapes `<`, `>`, `&` and `'`, so no text can close it).

Every inline script and style block is hashed into the policy; no `unsafe-inline`, no
`unsafe-eval`. A file opened from disk carries the policy in a meta element; a served page gets it
as a header, with the directives a meta element cannot carry (`frame-ancestors`).

A served page also has a "View settings" form whose entity fields suggest names as one types, as
the `/maps` index does (`suggest.js` and `suggest.css`), so its policy lets it fetch from its own
site (`connect-src 'self'`). A file has no server to ask and no form: none of that is in it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from graphsvc.pins import checked

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S+")
PAGE_SCRIPTS = ("period.js", "path.js", "export.js", "map.js")
"""graphsvc's own scripts in the order they run: the parts register themselves, and map.js, last,
starts the page and hands each part what it shares."""
SERVED_SCRIPTS = ("suggest.js",)
SERVED_STYLES = ("suggest.css",)
"""What only a served page carries: the settings form's name suggestions."""


@dataclass(frozen=True)
class Assets:
    """The inline blocks a map page carries."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]


@cache
def policy(*, served: bool) -> str:
    """The CSP for every map page, hashed once per process.

    Every page has the same inline blocks, so the same hashes; hashing 0.7 MB of vis-network on
    each request would be wasted work.
    """
    blocks = assets(served=served)
    directives = [
        "default-src 'none'",
        "script-src " + " ".join(csp_hash(text) for text in blocks.scripts),
        "style-src " + " ".join(csp_hash(text) for text in blocks.styles),
        "img-src data: blob:",
        *(["connect-src 'self'"] if served else []),
        "base-uri 'none'",
        "form-action 'self'" if served else "form-action 'none'",
    ]
    if served:
        # Only this site may frame a map: an entity's page embeds its ego map.
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)


def _pinned(name: str) -> str:
    """A vis-network file from pyvis, refused unless it has its recorded sha256."""
    text = checked(name, (VIS_DIR / name).read_bytes()).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text() reads it


@cache
def assets(*, served: bool) -> Assets:
    """vis-network and graphsvc's own blocks; a served page's with the suggestions after them."""
    vis_js = _SOURCE_MAP.sub("", _pinned("vis-network.min.js"))
    vis_css = _pinned("vis-network.css")
    own = resources.files("graphsvc.maps") / "assets"
    script_names = PAGE_SCRIPTS + (SERVED_SCRIPTS if served else ())
    style_names = ("map.css",) + (SERVED_STYLES if served else ())
    page_js = tuple((own / name).read_text(encoding="utf-8") for name in script_names)
    page_css = tuple((own / name).read_text(encoding="utf-8") for name in style_names)
    for text, closer in (
        (vis_js, "</script"),
        *((script, "</script") for script in page_js),
        (vis_css, "</style"),
        *((style, "</style") for style in page_css),
    ):
        assert closer not in text.lower(), f"an inline asset contains {closer}"
    return Assets(scripts=(vis_js, *page_js), styles=(vis_css, *page_css))


@cache
def templates() -> Environment:
    """The maps' Jinja templates (autoescape on), shared by the map page and the notice pages."""
    return Environment(
        loader=PackageLoader("graphsvc.maps", "assets"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def render_page(
    data: dict[str, Any],
    *,
    served: bool,
    links: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
) -> str:
    """The page for `data` (a `payload`).

    A served page also gets `links` (same-site URLs: its permalink, the index) and a `form` that
    asks the server for the same view with other parameters; a file has no server to ask.
    """
    blocks = assets(served=served)
    template = templates().get_template("map.html")
    return template.render(
        data=data,
        meta_policy=None if served else policy(served=False),
        scripts=[Markup(text) for text in blocks.scripts],
        styles=[Markup(text) for text in blocks.styles],
        links=links or {},
        form=form,
    )


def csp_hash(text: str) -> str:
    """`text`'s source expression for a Content-Security-Policy: its inline block is allowed."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
