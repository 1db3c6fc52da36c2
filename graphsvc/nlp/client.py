"""Ask a Stanford CoreNLP server to analyse a text: the one module that talks to the engine.

Every failure of the conversation becomes one of graphsvc's NlpError kinds here (httpx's errors
never leave this module). Limits are checked before anything is sent: an empty text, a language
the engine does not run here, and a text longer than GRAPHSVC_NLP_MAX_CHARS are refused at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from graphsvc.config import Settings
from graphsvc.errors import NlpBadAnswer, NlpRequestRefused, NlpUnavailable
from graphsvc.nlp.analysis import Analysis
from graphsvc.nlp.languages import LANGUAGES

_MARGIN_S = 5.0
"""The client waits this much longer than the server's own timeout, so the server says first."""


@dataclass(frozen=True)
class NlpEndpoint:
    """Where a CoreNLP server answers, and the basic-auth credentials it wants (if any)."""

    url: str
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str) -> NlpEndpoint:
        """An endpoint from GRAPHSVC_NLP_URL; credentials may be given as http://user:pass@host."""
        parts = urlsplit(url)
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        bare = urlunsplit((parts.scheme, netloc, parts.path, "", "")).rstrip("/")
        return cls(bare, parts.username, parts.password)


class NlpClient:
    """Analyses texts with one CoreNLP server."""

    def __init__(
        self, endpoint: NlpEndpoint, settings: Settings, languages: tuple[str, ...] | None = None
    ) -> None:
        self.endpoint = endpoint
        self.languages = settings.nlp_languages if languages is None else languages
        """What this engine runs: a managed instance's own, else GRAPHSVC_NLP_LANGUAGES."""
        self.max_chars = settings.nlp_max_chars
        self.timeout_s = settings.nlp_timeout_s
        self.engine = f"Stanford CoreNLP {settings.nlp_version}"
        self._auth = (
            httpx.BasicAuth(endpoint.username, endpoint.password or "")
            if endpoint.username
            else None
        )

    def check_live(self) -> None:
        """Return when the server answers its liveness check; NlpUnavailable otherwise."""
        self._send("GET", "/live", timeout_s=5.0)

    def analyse(self, text: str, language: str, *, timeout_s: float | None = None) -> Analysis:
        """The analysis of `text` in `language` (ISO 639-1: en, fr, es, ar)."""
        data = self.analyse_raw(text, language, timeout_s=timeout_s)
        return Analysis.from_corenlp(data, text, language, self.engine)

    def analyse_raw(
        self, text: str, language: str, *, timeout_s: float | None = None
    ) -> dict[str, Any]:
        """The engine's own JSON for `text`: what stored analyses keep, and `analyse` reads."""
        self.check_request(text, language)
        profile = LANGUAGES[language]
        properties = {"annotators": profile.annotators, "outputFormat": "json"}
        response = self._send(
            "POST",
            "/",
            params={
                "properties": json.dumps(properties),
                "pipelineLanguage": profile.pipeline_language,
            },
            content=text.encode("utf-8"),
            timeout_s=timeout_s or self.timeout_s,
        )
        try:
            data = response.json()
        except ValueError as exc:
            raise NlpBadAnswer(
                f"the language engine at {self.endpoint.url} answered with something other than "
                f"JSON: {response.text[:200]!r}"
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
            raise NlpBadAnswer(
                f"the language engine at {self.endpoint.url} answered without sentences"
            )
        return data

    def check_request(self, text: str, language: str) -> None:
        """Refuse, before any work, what the engine would refuse or cut short."""
        if language not in LANGUAGES:
            raise NlpRequestRefused(
                f"no language engine for {language!r}: graphsvc analyses "
                f"{', '.join(sorted(LANGUAGES))}"
            )
        if language not in self.languages:
            raise NlpRequestRefused(
                f"the language engine here runs {', '.join(self.languages)}, not "
                f"{LANGUAGES[language].name}: add {language} to GRAPHSVC_NLP_LANGUAGES and "
                f"restart it (`graphsvc nlp stop`, `graphsvc nlp start`)"
            )
        if not text.strip():
            raise NlpRequestRefused("the text is empty: there is nothing to analyse")
        length = len(text.encode("utf-16-le")) // 2  # what CoreNLP counts (Java chars)
        if length > self.max_chars:
            raise NlpRequestRefused(
                f"the text has {length:,} characters; the language engine takes at most "
                f"{self.max_chars:,} at once (GRAPHSVC_NLP_MAX_CHARS): split the document"
            )

    def _send(
        self,
        method: str,
        path: str,
        *,
        timeout_s: float,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
    ) -> httpx.Response:
        url = self.endpoint.url + path
        try:
            response = httpx.request(
                method,
                url,
                params=params,
                content=content,
                auth=self._auth,
                timeout=httpx.Timeout(timeout_s + _MARGIN_S, connect=5.0),
                headers={"Content-Type": "text/plain; charset=utf-8"},
            )
        except httpx.ConnectError as exc:
            raise NlpUnavailable(
                f"no language engine answers at {self.endpoint.url}: start it with `graphsvc nlp "
                f"start`, or check GRAPHSVC_NLP_URL"
            ) from exc
        except httpx.TimeoutException as exc:
            raise NlpUnavailable(
                f"the language engine at {self.endpoint.url} did not answer within "
                f"{timeout_s:.0f} s (GRAPHSVC_NLP_TIMEOUT); try a shorter text or later"
            ) from exc
        except httpx.HTTPError as exc:
            raise NlpUnavailable(
                f"the language engine at {self.endpoint.url} broke off its answer ({exc}); "
                f"`graphsvc nlp status` says whether it still runs"
            ) from exc
        if response.status_code == 401:
            raise NlpUnavailable(
                f"the language engine at {self.endpoint.url} refused graphsvc's credentials: "
                f"restart the managed engine, or put user:password in GRAPHSVC_NLP_URL"
            )
        if response.status_code != 200:
            detail = response.text.strip()[:300]
            if "timed out" in detail.lower():
                raise NlpUnavailable(
                    f"the language engine gave up after its timeout ({self.timeout_s:.0f} s, "
                    f"GRAPHSVC_NLP_TIMEOUT): {detail}"
                )
            raise NlpBadAnswer(
                f"the language engine at {self.endpoint.url} answered {response.status_code}: "
                f"{detail or '(no message)'}"
            )
        return response
