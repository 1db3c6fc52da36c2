"""`graphsvc serve` stops when told to, even while a request is recognising a long text.

The server `graphsvc serve` runs (`StoppingServer`) is served on loopback in a thread; a client
submits 95 KB of text, and once its recognition is under way the server is told to exit as
SIGTERM tells it. The recognition stops at its next check: the request answers that nothing was
written, the server thread ends, and no proposal was stored.
"""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

import httpx
import pytest
import uvicorn
from served_app import TEST_INSTANCE, free_port
from served_process import serve_process

from graphsvc.cli.serve import StoppingServer
from graphsvc.config import Settings
from graphsvc.intake import review
from graphsvc.intake.budget import RUNNING
from graphsvc.server import create_app
from graphsvc.service.intake_calls import warm_recogniser
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database

SUBMIT = "mutation($text: String!) { submitDocument(text: $text) { proposal { id } } }"
SENTENCE = "The Wren Foundation financed MC2CM with the city of Tunis on 5 May 2024. "


def submitting(port: int, editor: str, kilobytes: int, answer: dict[str, Any]) -> threading.Thread:
    """A client thread submitting `kilobytes` of text; `answer` gets the response's JSON."""

    def submit() -> None:
        text = SENTENCE * (kilobytes * 1_000 // len(SENTENCE))
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            answer.update(
                client.post(
                    "/graphql",
                    json={"query": SUBMIT, "variables": {"text": text}},
                    headers={"authorization": f"Bearer {editor}"},
                ).json()
            )

    client = threading.Thread(target=submit)
    client.start()
    return client


def test_a_stop_ends_the_recognition_under_way(empty_db: Database, settings: Settings) -> None:
    warm_recogniser()
    editor = create_key(empty_db, "stopping editor", "editor")[1]
    port = free_port()
    app = create_app(settings, ApiSettings(query_timeout_s=600), TEST_INSTANCE)
    server = StoppingServer(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    serving = threading.Thread(target=server.run)
    serving.start()
    while not server.started:
        assert serving.is_alive(), "the server did not start"
        time.sleep(0.02)
    answer: dict[str, Any] = {}
    client = submitting(port, editor, 95, answer)
    while not RUNNING and client.is_alive():
        time.sleep(0.01)  # until the recognition has begun
    try:
        server.handle_exit(signal.SIGTERM, None)
        client.join()
        serving.join()
    finally:
        RUNNING.resume()  # this process serves other tests' apps after this one stopped
    (error,) = answer["errors"]
    assert "the server is stopping" in error["message"], error
    assert "nothing was written" in error["message"]
    assert review.list_proposals(empty_db) == []


@pytest.mark.slow
def test_every_worker_stops_the_recognition_under_way(
    empty_db: Database, settings: Settings
) -> None:
    """`graphsvc serve --workers 2`: uvicorn's own server runs in each worker process, and the
    app's start-up chains its stop signals, so SIGTERM still ends a long recognition at once."""
    warm_recogniser()
    editor = create_key(empty_db, "stopping editor", "editor")[1]
    port = free_port()
    environment = {
        "GRAPHSVC_GRAPHIQL": "off",
        "GRAPHSVC_MAX_BODY_BYTES": "2000000",
        "GRAPHSVC_QUERY_TIMEOUT": "600",
        "GRAPHSVC_INTAKE_BUDGET": "600",
    }
    answer: dict[str, Any] = {}
    with serve_process(port, environment, "--workers", "2") as process:
        client = submitting(port, editor, 1_000, answer)
        # A megabyte takes tens of seconds to recognise; the stop comes while it is under way
        # (a recognition finished first would store a proposal, and the test would fail).
        client.join(timeout=3)
        assert client.is_alive(), f"answered before the stop: {answer}"
        process.send_signal(signal.SIGTERM)
        client.join()
        process.wait()
    assert "errors" in answer, answer
    (error,) = answer["errors"]
    assert "the server is stopping" in error["message"], error
    assert review.list_proposals(empty_db) == []
