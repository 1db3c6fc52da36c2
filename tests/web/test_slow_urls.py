"""Slow URLs given to the intake form neither starve the maps nor run without end.

A loopback server sends its answer's head one byte every 0.25 s. Before, fetching shared
asyncio's default executor with map building (six threads on this machine) and httpx's
per-read timeouts never tripped on a drip: eight such URLs left `/maps/ego` waiting for a
thread, and each form waited as long as the server dripped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from served_app import ServedApp, serve
from web_support import signed_in, token

from graphsvc.config import Settings
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database

SLOW_URLS = 8
DEADLINE_S = 2


class Dripping(BaseHTTPRequestHandler):
    """Answers with a head that never ends, a byte at a time (for at most 40 s)."""

    def do_GET(self) -> None:
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(160):
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.25)
        except OSError:
            pass  # the reader gave up: as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def dripping() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Dripping)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(seeded_once: Database, settings: Settings) -> Iterator[ServedApp]:
    api_settings = ApiSettings(fetch_private=True, fetch_deadline_s=DEADLINE_S, query_timeout_s=120)
    with serve(settings, api_settings) as app:
        yield app


def test_dripping_urls_leave_the_maps_alone_and_end_at_their_deadline(
    served: ServedApp, dripping: str, seeded_once: Database
) -> None:
    key = create_key(seeded_once, "slow url editor", "editor")[1]
    with signed_in(served.url, key) as client:
        client.timeout = httpx.Timeout(120)
        form = token(client.get("/review/proposals/new").text)

        def submit(number: int) -> httpx.Response:
            return client.post(
                "/review/proposals/new",
                data={"csrf": form, "fetch": f"{dripping}/slow/{number}"},
            )

        with ThreadPoolExecutor(SLOW_URLS) as clients:
            answers = [clients.submit(submit, n) for n in range(SLOW_URLS)]
            time.sleep(0.5)  # the fetches are under way
            with httpx.Client(base_url=served.url, timeout=120) as reader:
                map_page = reader.get("/maps/ego", params={"id": "tunis"})
            assert map_page.status_code == 200, map_page.text[:300]
            replies = [answer.result() for answer in answers]
    for reply in replies:
        assert reply.status_code in (400, 503), reply.status_code
        expected = (
            f"took longer than {DEADLINE_S} s in all"
            if reply.status_code == 400
            else ("being fetched already")
        )
        assert expected in reply.text
    assert sum(reply.status_code == 400 for reply in replies) >= 4
