"""Signing in to the served web pages and posting their forms, for the review pages' tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def token(page: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page's forms carry no CSRF token"
    return found.group(1)


def revision(page: str) -> str:
    """The proposal revision a proposal page's forms carry."""
    found = re.search(r'name="revision" value="(\d+)"', page)
    assert found, "the page's forms carry no revision"
    return found.group(1)


@contextmanager
def signed_in(url: str, key: str) -> Iterator[httpx.Client]:
    """A client signed in to the pages at `url` with an API key."""
    with httpx.Client(base_url=url, timeout=300) as client:
        form = client.get("/signin").text
        response = client.post("/signin", data={"csrf": token(form), "key": key, "next": "/"})
        assert response.status_code == 303, response.text
        yield client
