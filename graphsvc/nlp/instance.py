"""Start, stop and inspect one locally managed Stanford CoreNLP server (an "instance").

The twin of `graphsvc.neo4j_server.instance`: an instance is a directory under
`$GRAPHSVC_STATE_DIR/nlp/<name>` holding its metadata, logs, process id and a generated password.
CoreNLP's server cannot be told to listen on loopback only (it binds every interface), so every
instance is protected by HTTP basic auth with a password made at its first start (mode 600), and
the client sends it; `/live` and `/ready` stay open for health checks.

Loading a language's models takes a minute or more, so a start is only done when every configured
language has analysed one short sentence: the first real document then meets a warm pipeline.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.errors import JavaError, NlpError, NlpSetupError
from graphsvc.managed.process import (
    ManagedProcess,
    log_tail,
    process_alive,
)
from graphsvc.neo4j_server.java import find_java, java_major_version
from graphsvc.nlp.client import NlpClient, NlpEndpoint
from graphsvc.nlp.distribution import ensure_distribution
from graphsvc.nlp.languages import LANGUAGES

Reporter = Callable[[str], None]
START_TIMEOUT_S = 600.0
"""Loading four languages' models on a busy 2-core machine took up to ... (see README)."""
STOP_TIMEOUT_S = 30.0
USERNAME = "graphsvc"
_MAIN_CLASS = "edu.stanford.nlp.pipeline.StanfordCoreNLPServer"
_WARM_UP = {
    "en": "The City Council of Tunis hosted a workshop in May 2021.",
    "fr": "La Ville de Tunis a accueilli un atelier en mai 2021.",
    "es": "El Ayuntamiento de Túnez organizó un taller en mayo de 2021.",
    "ar": "نظمت بلدية تونس ورشة عمل في ماي 2021.",
}
"""One sentence per language, analysed at start so that its models are loaded before use."""


@dataclass(frozen=True)
class NlpStatus:
    """What `graphsvc nlp status` reports."""

    name: str
    home: Path
    version: str
    url: str
    pid: int | None
    answering: bool
    languages: tuple[str, ...]
    detail: str

    def describe(self) -> str:
        """Human-readable lines for the CLI."""
        state = "running" if self.pid else "stopped"
        if self.pid and not self.answering:
            state = "running, but it does not answer yet"
        return "\n".join(
            [
                f"instance:  {self.name}",
                f"state:     {state}" + (f" (pid {self.pid})" if self.pid else ""),
                f"version:   Stanford CoreNLP {self.version}",
                f"url:       {self.url}",
                f"languages: {', '.join(self.languages)}",
                f"home:      {self.home}",
                f"detail:    {self.detail}",
            ]
        )


class NlpInstance(ManagedProcess):
    """One CoreNLP server that graphsvc fetches, runs on this machine and health-checks."""

    label = "language engine"
    program = "CoreNLP"
    pid_name = "corenlp.pid"
    start_timeout_s = START_TIMEOUT_S
    start_poll_s = 0.3
    start_report_every_s = 15.0
    stop_timeout_s = STOP_TIMEOUT_S
    stop_poll_s = 0.2
    listen_host = "0.0.0.0"  # CoreNLP binds every interface

    def __init__(self, settings: Settings, name: str = "default", port: int | None = None) -> None:
        super().__init__(settings.state_dir / "nlp" / name, name)
        self.settings = settings
        self._requested_port = port

    # -- layout -------------------------------------------------------------------------------
    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "corenlp.log"

    @property
    def port(self) -> int:
        """The requested port, else the one this instance was created with, else the default."""
        if self._requested_port is not None:
            return self._requested_port
        stored = self._metadata().get("port")
        return stored if isinstance(stored, int) else self.settings.nlp_port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        return self.url

    def endpoint(self) -> NlpEndpoint:
        """The address and credentials of this instance; it must have been started once."""
        if not self.password_file.is_file():
            raise NlpSetupError(
                f"the managed language engine {self.name!r} has not been set up yet: run "
                f"`graphsvc nlp start` first (or set GRAPHSVC_NLP_URL to use another server)"
            )
        password = self.password_file.read_text(encoding="utf-8").strip()
        return NlpEndpoint(self.url, USERNAME, password)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this instance was started with, else those the settings ask for."""
        stored = self._metadata().get("languages")
        if isinstance(stored, list) and all(isinstance(code, str) for code in stored):
            return tuple(stored)
        return self.settings.nlp_languages

    def client(self) -> NlpClient:
        """A client for this instance, with the settings' timeout and size limit."""
        return NlpClient(self.endpoint(), self.settings, self.languages)

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self, say: Reporter = print) -> NlpStatus:
        """Start the server if it is not running and wait until every language is warm.

        Two starts at once (scripts/test's background start and the test fixture, `graphsvc up`
        and a person) take turns on a lock file: the second finds the first's server and waits
        for it to warm instead of fetching into the same cache or fighting for the port.
        """
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / "start.lock", "w", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            pid = self.running_pid()
            if pid is None:
                pid = self._spawn(say)
            else:
                say(f"Language engine {self.name!r} is already running (pid {pid}).")
        self._wait_until_warm(pid, say)
        say(f"The language engine is up on {self.url}.")
        return self.status()

    def _spawn(self, say: Reporter) -> int:
        """Fetch what is missing, check the port, and start the server process; its pid."""
        java = _checked_java()
        languages = self.settings.nlp_languages
        dist = ensure_distribution(
            self.settings.cache_dir, self.settings.nlp_version, languages, say
        )
        self._check_port_free(self.port)
        for sub in ("logs", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self._write_metadata()
        password = self._ensure_password()
        say(
            f"Starting Stanford CoreNLP {self.settings.nlp_version} ({self.name!r}) on {self.url} "
            f"with {self.settings.nlp_heap} of heap for {', '.join(languages)} ..."
        )
        command = [
            str(java),
            f"-Xmx{self.settings.nlp_heap}",
            "-XX:+ExitOnOutOfMemoryError",
            f"-Dgraphsvc.nlp.home={self.home}",  # names this instance in its command line
            "-cp",
            f"{dist / 'lib'}/*",
            _MAIN_CLASS,
            "-port",
            str(self.port),
            "-timeout",
            str(int(self.settings.nlp_timeout_s * 1000)),
            "-threads",
            "2",
            "-maxCharLength",
            str(self.settings.nlp_max_chars),
            "-quiet",
            "true",
            "-username",
            USERNAME,
            "-password",
            password,
        ]
        return self._launch(command, dict(os.environ), self.log_file)

    def status(self) -> NlpStatus:
        """Where the instance is, which version, whether it runs and whether it answers."""
        pid = self.running_pid()
        answering, detail = False, "not running"
        if pid is not None:
            try:
                self.client().check_live()
                answering, detail = True, "answers"
            except NlpError as exc:
                detail = str(exc)
        version = str(self._metadata().get("version") or self.settings.nlp_version)
        return NlpStatus(
            self.name, self.home, version, self.url, pid, answering, self.languages, detail
        )

    # -- helpers ------------------------------------------------------------------------------
    def _write_metadata(self) -> None:
        self._store_metadata(
            {
                "port": self.port,
                "version": self.settings.nlp_version,
                "languages": list(self.settings.nlp_languages),
                "heap": self.settings.nlp_heap,
            }
        )

    def _ensure_password(self) -> str:
        if self.password_file.is_file():
            return self.password_file.read_text(encoding="utf-8").strip()
        password = secrets.token_urlsafe(24)
        self._store_password(password)
        return password

    def _port_in_use(self, port: int, exc: OSError) -> NlpSetupError:
        return NlpSetupError(
            f"port {port} is already in use by another program ({exc.strerror}). "
            f"Stop that program, or choose another port with `graphsvc nlp start --port "
            f"N` (or GRAPHSVC_NLP_PORT)."
        )

    def _wait_until_warm(self, pid: int, say: Reporter) -> None:
        """Wait for the HTTP port, then analyse one sentence per language to load its models."""
        client = self.client()
        self._wait_until_answering(pid, client.check_live, NlpError, NlpSetupError, say)
        for language in self.languages:
            begun = time.monotonic()
            try:
                client.analyse(_WARM_UP[language], language, timeout_s=START_TIMEOUT_S)
            except NlpError as exc:
                if not process_alive(pid):
                    raise NlpSetupError(
                        f"CoreNLP exited while loading the {LANGUAGES[language].name} models "
                        f"(too small a heap? GRAPHSVC_NLP_HEAP={self.settings.nlp_heap}). "
                        f"Last log lines:\n{self._log_tail()}"
                    ) from exc
                raise NlpSetupError(
                    f"CoreNLP could not analyse a {LANGUAGES[language].name} sentence at start-up "
                    f"({exc}). Last log lines:\n{self._log_tail()}"
                ) from exc
            say(f"  {LANGUAGES[language].name} models loaded ({time.monotonic() - begun:.0f} s)")

    def _log_tail(self, count: int = 15) -> str:
        return "\n".join(log_tail(self.log_file, count)) or "(no log output)"


def _checked_java() -> Path:
    """The java executable, if it runs CoreNLP 4.5 (Java 8 or newer); the project uses 17."""
    try:
        java = find_java()
        major = java_major_version(java)
    except JavaError as exc:
        raise NlpSetupError(f"{exc} (Stanford CoreNLP needs Java 8 or newer)") from exc
    if major < 8:
        raise NlpSetupError(f"{java} is Java {major}; Stanford CoreNLP needs Java 8 or newer.")
    return java
