"""The client's limits and failures: refused before sending, or a clear error, never half read.

The engine's side is played by small HTTP servers on loopback that answer the way a broken or
absent engine does (nothing listening, a dropped connection, a 500, text that is not JSON, an
analysis of only part of the text); what is tested is graphsvc's client, which talks to them
over real HTTP exactly as it talks to CoreNLP.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graphsvc.config import Settings
from graphsvc.errors import ConfigError, NlpBadAnswer, NlpRequestRefused, NlpUnavailable
from graphsvc.nlp import NlpClient, NlpEndpoint

ANALYSES = Path(__file__).resolve().parent / "analyses"
Reply = Callable[[BaseHTTPRequestHandler], None]


class FakeEngine:
    """An HTTP server on a free loopback port whose every POST is answered by `reply`."""

    def __init__(self, reply: Reply) -> None:
        self.requests: list[bytes] = []
        engine = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                engine.requests.append(self.rfile.read(length))
                reply(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeEngine:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def client(self, **env: str) -> NlpClient:
        settings = Settings.from_env(env)
        return NlpClient(NlpEndpoint(f"http://127.0.0.1:{self.server.server_port}"), settings)


def answer(status: int, body: bytes) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


def hang_up(handler: BaseHTTPRequestHandler) -> None:
    handler.close_connection = True
    handler.connection.close()


def stored(name: str) -> dict[str, object]:
    record = json.loads((ANALYSES / name).read_text(encoding="utf-8"))
    assert isinstance(record, dict)
    return record


@pytest.fixture
def engine_that(request: pytest.FixtureRequest) -> Iterator[Callable[[Reply], FakeEngine]]:
    engines: list[FakeEngine] = []

    def start(reply: Reply) -> FakeEngine:
        engines.append(FakeEngine(reply).__enter__())
        return engines[-1]

    yield start
    for engine in engines:
        engine.__exit__()


def test_no_engine_listening_says_how_to_start_one() -> None:
    with FakeEngine(hang_up) as engine:
        client = engine.client()
    with pytest.raises(NlpUnavailable, match=r"no language engine answers at .*graphsvc nlp start"):
        client.analyse("The City of Sfax hosted a workshop.", "en")


def test_an_engine_hanging_up_mid_answer_is_unavailable(
    engine_that: Callable[[Reply], FakeEngine],
) -> None:
    client = engine_that(hang_up).client()
    with pytest.raises(NlpUnavailable, match="broke off its answer"):
        client.analyse("The City of Sfax hosted a workshop.", "en")


def test_an_engine_timing_out_is_unavailable(engine_that: Callable[[Reply], FakeEngine]) -> None:
    client = engine_that(
        answer(500, b"CoreNLP request timed out. Your document may be too long.")
    ).client()
    with pytest.raises(NlpUnavailable, match="gave up after its timeout"):
        client.analyse("The City of Sfax hosted a workshop.", "en")


def test_an_answer_that_is_not_json_is_a_bad_answer(
    engine_that: Callable[[Reply], FakeEngine],
) -> None:
    client = engine_that(answer(200, b"<html>proxy error</html>")).client()
    with pytest.raises(NlpBadAnswer, match="something other than JSON"):
        client.analyse("The City of Sfax hosted a workshop.", "en")


def test_an_analysis_of_part_of_the_text_is_refused(
    engine_that: Callable[[Reply], FakeEngine],
) -> None:
    """The engine's real answer for a text, sent back for that text with a sentence added."""
    record = stored("workshop.en.json")
    body = json.dumps(record["corenlp"]).encode()
    client = engine_that(answer(200, body)).client()
    longer = str(record["text"]) + " The mayors signed a declaration."
    with pytest.raises(NlpBadAnswer, match="analysed only the first"):
        client.analyse(longer, "en")


def test_an_analysis_of_another_text_is_refused(engine_that: Callable[[Reply], FakeEngine]) -> None:
    record = stored("workshop.en.json")
    body = json.dumps(record["corenlp"]).encode()
    client = engine_that(answer(200, body)).client()
    other = str(record["text"]).replace("Sousse", "Tunis!")
    with pytest.raises(NlpBadAnswer, match="is not an analysis of this text"):
        client.analyse(other, "en")


@pytest.mark.parametrize(
    ("text", "language", "env", "message"),
    [
        ("   \n", "en", {}, "the text is empty"),
        ("x" * 101, "en", {"GRAPHSVC_NLP_MAX_CHARS": "100"}, r"101 characters; .* at most 100"),
        ("🌍" * 60, "en", {"GRAPHSVC_NLP_MAX_CHARS": "100"}, r"120 characters"),
        ("Hallo Welt.", "de", {}, "no language engine for 'de'"),
        ("La Ville de Sfax.", "fr", {"GRAPHSVC_NLP_LANGUAGES": "en"}, "runs en, not French"),
    ],
    ids=["empty", "too long", "too long in UTF-16", "unknown language", "language not run"],
)
def test_limits_are_checked_before_anything_is_sent(
    engine_that: Callable[[Reply], FakeEngine],
    text: str,
    language: str,
    env: dict[str, str],
    message: str,
) -> None:
    engine = engine_that(answer(200, b"{}"))
    with pytest.raises(NlpRequestRefused, match=message):
        engine.client(**env).analyse(text, language)
    assert engine.requests == []


def test_credentials_in_the_url_are_sent_as_basic_auth() -> None:
    endpoint = NlpEndpoint.from_url("http://graphsvc:s3cret@127.0.0.1:9000/")
    assert endpoint == NlpEndpoint("http://127.0.0.1:9000", "graphsvc", "s3cret")


def test_bad_engine_settings_name_the_variable() -> None:
    with pytest.raises(ConfigError, match="GRAPHSVC_NLP_URL='localhost:9000'"):
        Settings.from_env({"GRAPHSVC_NLP_URL": "localhost:9000"})
    with pytest.raises(
        ConfigError, match=r"GRAPHSVC_NLP_LANGUAGES='en,de'.*de has no CoreNLP models"
    ):
        Settings.from_env({"GRAPHSVC_NLP_LANGUAGES": "en,de"})
    with pytest.raises(ConfigError, match="GRAPHSVC_NLP_HEAP='lots'"):
        Settings.from_env({"GRAPHSVC_NLP_HEAP": "lots"})
    assert Settings.from_env({"GRAPHSVC_NLP_LANGUAGES": " FR,en "}).nlp_languages == ("en", "fr")
