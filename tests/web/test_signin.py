"""Signing in with an API key: signed HttpOnly SameSite=Strict sessions, CSRF on every form."""

from __future__ import annotations

import httpx
import pytest
from served_app import ServedApps
from web_support import signed_in, token

from graphsvc.service.keys import create_key, revoke_key
from graphsvc.store.database import Database


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> str:
    return served_apps.get().url


@pytest.fixture(scope="module")
def keys(seeded_once: Database) -> dict[str, str]:
    return {role: create_key(seeded_once, f"web {role}", role)[1] for role in ("editor", "reader")}


def test_signing_in_sets_a_strict_http_only_session_and_goes_back(
    served: str, keys: dict[str, str]
) -> None:
    with httpx.Client(base_url=served, timeout=30) as client:
        form = client.get("/signin", params={"next": "/search?q=tunis"}).text
        response = client.post(
            "/signin", data={"csrf": token(form), "key": keys["editor"], "next": "/search?q=tunis"}
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/search?q=tunis"
        cookie = response.headers["set-cookie"]
        assert cookie.startswith("graphsvc_session=")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=28800" in cookie
        assert keys["editor"] not in cookie and keys["editor"].split("_", 2)[2] not in cookie
        home = client.get("/").text
        assert "web editor" in home and 'action="/signout"' in home


def test_a_wrong_key_is_a_message_beside_the_field(served: str) -> None:
    with httpx.Client(base_url=served, timeout=30) as client:
        form = client.get("/signin").text
        bad = client.post(
            "/signin", data={"csrf": token(form), "key": "gsk_0123456789ab_" + "x" * 30}
        )
        assert bad.status_code == 401
        assert "That key is unknown or revoked" in bad.text
        assert 'aria-invalid="true"' in bad.text
        empty = client.post("/signin", data={"csrf": token(form), "key": ""})
        assert empty.status_code == 401 and "Paste your API key" in empty.text


def test_sign_in_refuses_a_form_without_its_token(served: str, keys: dict[str, str]) -> None:
    with httpx.Client(base_url=served, timeout=30) as client:
        client.get("/signin")
        missing = client.post("/signin", data={"key": keys["editor"]})
        assert missing.status_code == 403
        assert "security token is missing or out of date" in missing.text
        assert "graphsvc_session" not in missing.headers.get("set-cookie", "")
    with httpx.Client(base_url=served, timeout=30) as other:
        # A token from another visit does not fit this one.
        with httpx.Client(base_url=served, timeout=30) as victim:
            stolen = token(victim.get("/signin").text)
        other.get("/signin")
        refused = other.post("/signin", data={"csrf": stolen, "key": keys["editor"]})
        assert refused.status_code == 403


def test_next_never_leads_to_another_site(served: str, keys: dict[str, str]) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        with httpx.Client(base_url=served, timeout=30) as client:
            form = client.get("/signin", params={"next": target}).text
            response = client.post(
                "/signin", data={"csrf": token(form), "key": keys["reader"], "next": target}
            )
            assert response.headers["location"] == "/"


def test_a_forged_or_revoked_session_reads_as_anonymous(
    served: str, keys: dict[str, str], seeded_once: Database
) -> None:
    with signed_in(served, keys["reader"]) as client:
        check_sessions(served, client, seeded_once)


def check_sessions(served: str, client: httpx.Client, seeded_once: Database) -> None:
    assert "web reader" in client.get("/").text
    session = client.cookies["graphsvc_session"]
    payload, signature = session.split(".")
    with httpx.Client(base_url=served, timeout=30) as forger:
        forger.cookies.set("graphsvc_session", payload + "x." + signature)
        page = forger.get("/")
        assert "web reader" not in page.text and 'href="/signin"' in page.text
    _, token_of_revoked = create_key(seeded_once, "web short-lived", "reader")
    with signed_in(served, token_of_revoked) as short:
        assert "web short-lived" in short.get("/").text
        assert revoke_key(seeded_once, token_of_revoked.split("_")[1])
        after = short.get("/")
        assert "web short-lived" not in after.text
        assert 'graphsvc_session=""' in after.headers.get("set-cookie", "")
    # Another key's revocation leaves this session alone.
    assert "web reader" in client.get("/").text


def test_signing_out_needs_the_token_and_ends_the_session(
    served: str, keys: dict[str, str]
) -> None:
    with signed_in(served, keys["editor"]) as client:
        page = client.get("/").text
        assert client.post("/signout", data={"csrf": ""}).status_code == 403
        copied = client.cookies["graphsvc_session"]
        response = client.post("/signout", data={"csrf": token(page)})
        assert response.status_code == 303
        assert "web editor" not in client.get("/").text
    # The cookie, replayed after sign-out, is no one's: the server ended the session.
    with httpx.Client(base_url=served, timeout=30) as replay:
        replay.cookies.set("graphsvc_session", copied)
        home = replay.get("/")
        assert "web editor" not in home.text and 'href="/signin"' in home.text
        refused = replay.post("/signout", data={"csrf": token(page)})
        assert refused.status_code == 403
    # Another session of the same key goes on.
    with signed_in(served, keys["editor"]) as other:
        assert "web editor" in other.get("/").text


def test_forms_are_bounded_before_they_are_read(served: str) -> None:
    with httpx.Client(base_url=served, timeout=30) as client:
        client.get("/signin")
        big = client.post("/signin", data={"key": "x" * 200_000})
        assert big.status_code == 400 and "larger than" in big.text
        json_body = client.post("/signin", json={"key": "x"})
        assert json_body.status_code == 400 and "x-www-form-urlencoded" in json_body.text
