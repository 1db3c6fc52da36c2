"""The real Starlette app served by uvicorn on loopback, for tests that speak HTTP to it.

The server runs in a thread of the test process (no daemon to leak), against the Neo4j test
instance. Shared by the API tests and the web application's tests: `ServedApps` (the session's
`served_apps` fixture) keeps one server per ApiSettings for the whole run, since an app keeps
nothing of the graph between requests (the web session's signing secret aside, which stays valid
for that app); `serve` starts one of a test's own (another replica, a proxy, an env setting read
at start).
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from graphsvc.config import Settings
from graphsvc.server import create_app
from graphsvc.service.settings import ApiSettings

TEST_INSTANCE = "test"


class ServedApp:
    """An ASGI app served by uvicorn in a background thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServedApp:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(settings: Settings, api_settings: ApiSettings | None = None) -> ServedApp:
    return ServedApp(create_app(settings, api_settings or ApiSettings(), TEST_INSTANCE))


class ServedApps:
    """One served app per ApiSettings, started when first asked for, stopped by `close`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.apps: dict[ApiSettings, ServedApp] = {}

    def get(self, api_settings: ApiSettings | None = None) -> ServedApp:
        wanted = api_settings or ApiSettings()
        if wanted not in self.apps:
            self.apps[wanted] = serve(self.settings, wanted).__enter__()
        return self.apps[wanted]

    def close(self) -> None:
        for app in self.apps.values():
            app.__exit__(None, None, None)
        self.apps.clear()
