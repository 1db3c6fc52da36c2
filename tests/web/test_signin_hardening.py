"""Failed sign-ins are limited and logged; cookies are Secure behind an HTTPS proxy.

Before, a client could try 45 keys a second without a trace or a limit, and the visit cookie
never got Secure.
"""

from __future__ import annotations

import logging

import httpx
import pytest
from served_app import serve
from web_support import token

from graphsvc.config import Settings
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database

ATTEMPTS = 3


def test_failed_sign_ins_are_logged_and_then_refused(
    empty_db: Database, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    right = create_key(empty_db, "limited editor", "editor")[1]
    wrong = "gsk_0123456789ab_" + "x" * 30
    api_settings = ApiSettings(sign_in_attempts=ATTEMPTS)
    # Two servers, as two replicas: the count lives in the database, not in either.
    with serve(settings, api_settings) as one, serve(settings, api_settings) as two:
        with caplog.at_level(logging.WARNING, logger="graphsvc.web.signin"):
            for attempt in range(ATTEMPTS):
                with httpx.Client(base_url=(one, two)[attempt % 2].url, timeout=60) as client:
                    form = token(client.get("/signin").text)
                    failed = client.post("/signin", data={"csrf": form, "key": wrong})
                    assert failed.status_code == 401
            assert caplog.text.count("failed sign-in from 127.0.0.1") == ATTEMPTS
            with httpx.Client(base_url=two.url, timeout=60) as client:
                form = token(client.get("/signin").text)
                refused = client.post("/signin", data={"csrf": form, "key": right})
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "900"
        assert "Too many failed sign-ins" in refused.text
        assert "graphsvc_session" not in refused.headers.get("set-cookie", "")


def test_cookies_are_secure_behind_an_https_proxy(
    seeded_once: Database, settings: Settings
) -> None:
    """The visit cookie was never Secure; now both cookies are over HTTPS, here as a trusted
    proxy on loopback reports it (uvicorn believes X-Forwarded-Proto from 127.0.0.1 only)."""
    key = create_key(seeded_once, "proxied editor", "editor")[1]
    with serve(settings) as app:
        with httpx.Client(base_url=app.url, timeout=60) as plain:
            assert "Secure" not in plain.get("/signin").headers["set-cookie"]
        proxied = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"}
        with httpx.Client(base_url=app.url, timeout=60, headers=proxied) as client:
            first = client.get("/signin")
            assert first.headers["set-cookie"].startswith("graphsvc_visit=")
            assert "Secure" in first.headers["set-cookie"]
            form = token(first.text)
            client.cookies.set("graphsvc_visit", first.cookies["graphsvc_visit"])
            signed = client.post("/signin", data={"csrf": form, "key": key})
            assert signed.status_code == 303
            assert "Secure" in signed.headers["set-cookie"]
