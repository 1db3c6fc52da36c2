"""GraphiQL, served from this process with no CDN: the browser loads nothing from elsewhere.

The page's scripts (React, ReactDOM, GraphiQL) are npm packages, fetched once with `npm pack` from
the npm registry into graphsvc's cache (`graphsvc serve` does it when they are missing) and served
under `/graphiql/`. The page has a strict Content-Security-Policy: scripts only from this origin,
no inline script.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from graphsvc.pins import AssetMismatch, checked

ASSETS: dict[str, tuple[str, str]] = {
    "react.production.min.js": ("react@18.3.1", "umd/react.production.min.js"),
    "react-dom.production.min.js": ("react-dom@18.3.1", "umd/react-dom.production.min.js"),
    "graphiql.min.js": ("graphiql@3.8.3", "graphiql.min.js"),
    "graphiql.min.css": ("graphiql@3.8.3", "graphiql.min.css"),
}
"""File served -> (npm package@version, path inside the package); sha256 in `graphsvc.pins`."""

_INIT = """\
const root = ReactDOM.createRoot(document.getElementById("graphiql"));
root.render(React.createElement(GraphiQL, {
  fetcher: GraphiQL.createFetcher({ url: window.location.pathname }),
  defaultQuery: "# Who works with MedCities, and through what?\\n" +
    "{\\n  partners(of: \\"medcities\\", first: 5) {\\n    partner { name __typename }\\n" +
    "    evidence { via context { name } }\\n  }\\n}\\n",
}));
"""

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>graphsvc GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.min.css">
<style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL ...</div>
<script src="/graphiql/react.production.min.js"></script>
<script src="/graphiql/react-dom.production.min.js"></script>
<script src="/graphiql/graphiql.min.js"></script>
<script src="/graphiql/init.js"></script>
</body>
</html>
"""

_MISSING = """<!doctype html><html lang="en">
<head><meta charset="utf-8"><title>graphsvc</title></head>
<body><h1>GraphiQL is not installed</h1><p>Its scripts come from the npm registry and are cached
locally; run <code>graphsvc serve</code> on a machine with npm once, or POST GraphQL queries to
this URL.</p></body></html>"""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'"
)
"""Inline styles are allowed (GraphiQL sets element styles); inline scripts are not."""


def assets_present(directory: Path) -> bool:
    return all((directory / name).is_file() for name in ASSETS)


def _cached_and_pinned(directory: Path) -> bool:
    """Every asset is cached with its recorded sha256 (`graphsvc.pins`); a wrong one is removed."""
    complete = True
    for name in ASSETS:
        path = directory / name
        if not path.is_file():
            complete = False
            continue
        try:
            checked(name, path.read_bytes())
        except AssetMismatch:
            path.unlink()
            complete = False
    return complete


def fetch_assets(directory: Path, say: Callable[[str], None]) -> bool:
    """Fetch the GraphiQL scripts with `npm pack` into `directory`; False when npm is missing.

    Each file is checked against its recorded sha256 before it is written, and the cached ones
    again at each start: a file that differs is never served.
    """
    if _cached_and_pinned(directory):
        return True
    npm = shutil.which("npm")
    if npm is None:
        say(
            "npm is not installed, so GraphiQL's scripts cannot be fetched; the API works "
            "without it."
        )
        return False
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for package in sorted({package for package, _ in ASSETS.values()}):
            say(f"Fetching {package} from the npm registry for GraphiQL ...")
            completed = subprocess.run(
                [npm, "pack", package, "--pack-destination", scratch, "--silent"],
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            if completed.returncode != 0:
                say(f"npm pack {package} failed: {completed.stderr.strip()[-300:]}")
                return False
        bodies: dict[str, bytes] = {}
        for name, (package, inner) in ASSETS.items():
            stem, version = package.rsplit("@", 1)
            tarball = Path(scratch) / f"{stem}-{version}.tgz"
            with tarfile.open(tarball) as archive:
                member = archive.extractfile(f"package/{inner}")
                assert member is not None
                try:
                    bodies[name] = checked(name, member.read())
                except AssetMismatch as error:
                    say(f"GraphiQL is off: {error}")
                    return False
        for name, body in bodies.items():
            (directory / name).write_bytes(body)
    return True


def graphiql_page(directory: Path) -> Response:
    if not assets_present(directory):
        return HTMLResponse(_MISSING, status_code=503)
    return HTMLResponse(_PAGE, headers={"Content-Security-Policy": CSP})


def graphiql_asset(directory: Path, request: Request) -> Response:
    name = request.path_params["name"]
    if name == "init.js":
        return Response(
            _INIT, media_type="text/javascript", headers={"Cache-Control": "public, max-age=3600"}
        )
    if name not in ASSETS or not (directory / name).is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return FileResponse(
        directory / name, media_type=media, headers={"Cache-Control": "public, max-age=86400"}
    )


def wants_html(request: Request) -> bool:
    """A browser opening /graphql (no query in the URL) gets GraphiQL rather than an error."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params
