"""Signing in with an API key, and out.

The key is checked exactly as the API checks it (`graphsvc.service.keys.authenticate`), then
forgotten: the browser keeps only a signed session naming the key's id (`graphsvc.web.session`).
A reader key signs in to browse (useful when `GRAPHSVC_READ_ACCESS=key`); only an editor key
may change anything. After signing in the browser goes back where it was, but only to an address
on this site.
"""

from __future__ import annotations

import logging
import time

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from graphsvc.service.errors import ApiError
from graphsvc.service.keys import authenticate
from graphsvc.store.api_keys import end_session
from graphsvc.store.sign_in_failures import recent_failures, record_failure
from graphsvc.web.forms import posted_form
from graphsvc.web.handling import context_of
from graphsvc.web.page import SAFETY_HEADERS, page
from graphsvc.web.session import (
    SESSION_COOKIE,
    read_session,
    secret_of,
    session_cookie,
    set_cookie,
)
from graphsvc.web.viewer import visit_of

log = logging.getLogger("graphsvc.web.signin")

SIGN_IN = "/signin"
SIGN_OUT = "/signout"
MAX_KEY_CHARACTERS = 200
FAILURE_WINDOW_S = 15 * 60
"""Failed sign-ins are counted over this window, per client address, in Neo4j."""


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target if len(target) <= 2000 and "\n" not in target else "/"


async def sign_in_form(request: Request) -> Response:
    context = context_of(request)
    await visit_of(request, context)
    return page(
        "signin.html",
        title="Sign in",
        next=safe_next(request.query_params.get("next")),
        problem=None,
        hours=context.settings.session_hours,
    )


async def sign_in(request: Request) -> Response:
    context = context_of(request)
    form = await posted_form(request, context)
    target = safe_next(form.get("next"))
    key = str(form.get("key", "")).strip()
    settings = context.settings
    client = request.client.host if request.client else "unknown"
    now = time.time()
    since = now - FAILURE_WINDOW_S
    # Checked before the key is: past the limit, not even the right key signs in from there.
    if await recent_failures(context.read, client, since) >= settings.sign_in_attempts:
        log.warning("sign-in refused: too many failures from %s", client)
        return page(
            "signin.html",
            title="Sign in",
            status=429,
            headers={"Retry-After": str(FAILURE_WINDOW_S)},
            next=target,
            problem=f"Too many failed sign-ins from your address: try again in "
            f"{FAILURE_WINDOW_S // 60} minutes.",
            hours=settings.session_hours,
        )
    problem = None
    if not key:
        problem = "Paste your API key (it starts with gsk_)."
    elif len(key) > MAX_KEY_CHARACTERS:
        problem = f"That is {len(key)} characters; an API key has fewer than {MAX_KEY_CHARACTERS}."
    else:
        try:
            principal = await authenticate(context.read, f"Bearer {key}")
        except ApiError:
            problem = (
                "That key is unknown or revoked. Check you copied all of it; "
                "`graphsvc keys list` shows which keys exist."
            )
    if problem is not None:
        log.warning("failed sign-in from %s", client)
        await record_failure(request.app.state.database, client, now, since)
        return page(
            "signin.html",
            title="Sign in",
            status=401,
            next=target,
            problem=problem,
            hours=context.settings.session_hours,
        )
    assert principal.key_id is not None
    response = RedirectResponse(target, status_code=303, headers=SAFETY_HEADERS)
    cookie = session_cookie(await secret_of(request), principal.key_id, settings.session_hours)
    set_cookie(response, request, SESSION_COOKIE, cookie, settings.session_hours)
    return response


async def sign_out(request: Request) -> Response:
    """End the session on the server too: its cookie, replayed later, reads as anonymous."""
    context = context_of(request)
    await posted_form(request, context)
    session = read_session(await secret_of(request), request.cookies.get(SESSION_COOKIE))
    if session is not None:
        await end_session(
            request.app.state.database,
            session.key_id,
            session.nonce,
            session.expires,
            int(time.time()),
        )
    response = RedirectResponse("/", status_code=303, headers=SAFETY_HEADERS)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


routes = [
    Route(SIGN_IN, sign_in_form, methods=["GET"]),
    Route(SIGN_IN, sign_in, methods=["POST"]),
    Route(SIGN_OUT, sign_out, methods=["POST"]),
]
