"""A map as one self-contained HTML page, and the Content-Security-Policy that fits it.

pyvis's templates are not used: they fetch Bootstrap and tom-select from CDNs and put titles,
headings and node ids into the page as HTML. This template inlines vis-network (from the pyvis
package, so no download happens) with graphsvc's own script and styles, keeps Jinja's
autoescaping on for every text, and passes the graph only as JSON in a non-executing
`application/json` block (Jinja's `tojson` escapes `<`, `>`, `&` and `'`, so no text can close it).

Every inline script and style block is hashed into the policy; no `unsafe-inline`, no
`unsafe-eval`. A file opened from disk carries the policy in a meta element; a served page gets it
as a header, with the directives a meta element cannot carry (`frame-ancestors`).
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

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S+")
PAGE_SCRIPTS = ("period.js", "path.js", "export.js", "map.js")
"""graphsvc's own scripts in the order they run: the parts register themselves, and map.js, last,
starts the page and hands each part what it shares."""


@dataclass(frozen=True)
class Assets:
    """The inline blocks every map page carries."""

    scripts: tuple[str, ...]
    styles: tuple[str, ...]


@cache
def policy(*, served: bool) -> str:
    """The CSP for every map page, hashed once per process.

    Every page has the same inline blocks, so the same hashes; hashing 0.7 MB of vis-network on
    each request would be wasted work.
    """
    blocks = assets()
    directives = [
        "default-src 'none'",
        "script-src " + " ".join(_hash(text) for text in blocks.scripts),
        "style-src " + " ".join(_hash(text) for text in blocks.styles),
        "img-src data: blob:",
        "base-uri 'none'",
        "form-action 'self'" if served else "form-action 'none'",
    ]
    if served:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


@cache
def assets() -> Assets:
    vis_js = _SOURCE_MAP.sub("", (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"))
    vis_css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    own = resources.files("graphsvc.maps") / "assets"
    page_js = tuple((own / name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS)
    map_css = (own / "map.css").read_text(encoding="utf-8")
    for text, closer in (
        (vis_js, "</script"),
        *((script, "</script") for script in page_js),
        (vis_css, "</style"),
        (map_css, "</style"),
    ):
        assert closer not in text.lower(), f"an inline asset contains {closer}"
    return Assets(scripts=(vis_js, *page_js), styles=(vis_css, map_css))


@cache
def _environment() -> Environment:
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
    blocks = assets()
    template = _environment().get_template("map.html")
    return template.render(
        data=data,
        meta_policy=None if served else policy(served=False),
        scripts=[Markup(text) for text in blocks.scripts],
        styles=[Markup(text) for text in blocks.styles],
        links=links or {},
        form=form,
    )


INDEX_STYLE = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}"
    "fieldset{margin:.6rem 0;border:1px solid #ccc;border-radius:6px}"
    "label{margin-right:1rem}input{font:inherit;padding:2px 6px}"
    "dt{font-weight:600;margin-top:.4rem}dd{margin-left:1rem}"
)


def index_page(
    examples: list[dict[str, str]],
    views: list[dict[str, Any]],
    parameters: tuple[tuple[str, str], ...],
) -> tuple[str, str]:
    """The `/maps` index and its CSP: no script at all, one hashed style block."""
    template = _environment().get_template("index.html")
    html = template.render(
        examples=examples, views=views, parameters=parameters, style=Markup(INDEX_STYLE)
    )
    policy = (
        f"default-src 'none'; style-src {_hash(INDEX_STYLE)}; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    return html, policy


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
