"""Helpers for tests that drive a real browser or mix Playwright with asyncio.

Imported by name (`from browser_support import ...`): pyproject's pytest `pythonpath` puts
`tests/support/` on sys.path (and mypy_path names it, so mypy sees the same module).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[2]
HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
"""Markup that runs script wherever a page treats text as HTML."""
ARTIFACTS = Path(os.environ.get("GRAPHSVC_TEST_ARTIFACTS", REPO / "build" / "test-artifacts"))
"""Screenshots and other files a test leaves for people to look at."""
CHROMIUM = os.environ.get("GRAPHSVC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium keeps calling home, which a closed network
refuses noisily; --no-sandbox because CI runs as root."""

T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion in a thread of its own.

    Playwright's sync API keeps an event loop running in the test thread, where asyncio.run()
    refuses to start; a separate thread has no loop.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@dataclass
class WatchedPage:
    """A page whose console errors, uncaught exceptions, dialogs and outside requests are kept."""

    page: Any
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def wait_ready(self, timeout_ms: int = 60_000) -> None:
        # A function, not a string: a string predicate is eval'd, which the map's CSP forbids.
        self.page.wait_for_function(
            "() => window.graphsvcMap && window.graphsvcMap.state.ready", timeout=timeout_ms
        )

    def wait_focused(self, node_id: str, timeout_ms: int = 60_000) -> None:
        """Wait until the map's zoom onto `node_id` (a search's focus, animated) has ended.

        vis-network advances an animation per frame drawn, not per millisecond, so on a large
        page in a busy headless Chromium its 400 ms take seconds: wait for where it ends.
        """
        self.page.wait_for_function(
            """(id) => {
                const net = graphsvcMap.network;
                const at = net.getPositions([id])[id];
                const centre = net.getViewPosition();
                return Math.abs(net.getScale() - 1.4) < 0.01
                    && Math.abs(centre.x - at.x) < 2 && Math.abs(centre.y - at.y) < 2;
            }""",
            arg=node_id,
            timeout=timeout_ms,
        )

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path


def watch(
    browser: Any,
    allowed_prefixes: tuple[str, ...] = ("file:", "data:", "blob:"),
    viewport: tuple[int, int] = (1400, 900),
    *,
    bypass_csp: bool = False,
) -> WatchedPage:
    """A new page that refuses every request outside `allowed_prefixes`, and records it."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        accept_downloads=True,
        bypass_csp=bypass_csp,
    )
    page = context.new_page()
    watched = WatchedPage(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(allowed_prefixes):
            route.continue_()
        else:
            watched.outside_requests.append(url)
            route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: (
            watched.errors.append(message.text) if message.type in ("error", "warning") else None
        ),
    )
    page.on("pageerror", lambda error: watched.errors.append(f"uncaught: {error}"))

    def dialog(box: Any) -> None:
        watched.dialogs.append(box.message)
        box.dismiss()

    page.on("dialog", dialog)
    return watched
