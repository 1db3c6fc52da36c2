"""Signing in to the web application from a test, as a person does: the form, its token, a key.

Imported by name (`from web_support import ...`), like `browser_support`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx


def token(page: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the form carries no CSRF token"
    return found.group(1)


@contextmanager
def signed_in(url: str, key: str, target: str = "/") -> Iterator[httpx.Client]:
    """A client signed in with `key` through the sign-in form."""
    with httpx.Client(base_url=url, timeout=30) as client:
        form = client.get("/signin", params={"next": target}).text
        response = client.post("/signin", data={"csrf": token(form), "key": key, "next": target})
        assert response.status_code == 303, response.text
        yield client


def sign_in_browser(page: Any, url: str, key: str, target: str = "/") -> None:
    """Sign a Playwright page in with `key` through the sign-in form, then go to `target`."""
    page.goto(f"{url}/signin?next={target}")
    page.fill("#signin-key", key)
    page.click("form.signin button[type=submit]")
    page.wait_for_url(f"{url}{target}")
