"""Who is looking at a page, whether they may, and the form token their page carries.

A page's viewer is, in order: the holder of an `Authorization: Bearer` API key (scripts and
tests), the signed-in holder of a valid session cookie (`graphsvc.web.session`), or anonymous.
A revoked or unknown key reads as anonymous in a cookie (the session simply ends) and is refused
in a header, as the API refuses it.

`reader` and `editor` are what handlers call first; they also remember, for this request only,
the viewer and the CSRF token, so that `graphsvc.web.page.page` can put the token into every
form and set the visit cookie that binds it when the visitor has none. The request's task owns
that memory (a context variable), so nothing outlives the request or leaks into another.
"""

from __future__ import annotations

import secrets
from contextvars import ContextVar
from dataclasses import dataclass, replace

from starlette.requests import Request

from graphsvc.service.context import ANONYMOUS, Principal, RequestContext
from graphsvc.service.errors import ApiError, ErrorCode
from graphsvc.service.keys import authenticate
from graphsvc.store import api_keys
from graphsvc.web.notices import notice_for
from graphsvc.web.session import (
    SESSION_COOKIE,
    VISIT_COOKIE,
    csrf_token,
    read_session,
    secret_of,
)


@dataclass(frozen=True)
class Visit:
    """One request's viewer and what its forms need."""

    principal: Principal
    csrf: str
    """The token this viewer's forms carry."""
    binding: str | None
    """What the token is bound to (a session's nonce, a visit id); None for a key in a header,
    which a browser never sends by itself and so needs no token."""
    new_visit: str | None = None
    """A visit id to set as a cookie on the response (first page of an anonymous visitor)."""
    ended_session: bool = False
    """The request carried a session cookie that no longer holds: clear it."""
    notice: str | None = None
    """The confirmation of a change this page follows (`graphsvc.web.notices`)."""
    secure: bool = False
    """The page was asked for over HTTPS (directly, or through a trusted proxy's
    X-Forwarded-Proto): its cookies get `Secure`."""


_current: ContextVar[Visit | None] = ContextVar("graphsvc_web_visit", default=None)


def current_visit() -> Visit | None:
    """The visit `reader`/`editor` found for the request being answered, if they ran."""
    return _current.get()


async def visit_of(request: Request, context: RequestContext) -> Visit:
    """Find (once per request) who is looking and the token their forms carry."""
    found: Visit | None = getattr(request.state, "visit", None)
    if found is not None:
        return found
    secret = await secret_of(request)
    header = request.headers.get("authorization")
    if header:
        principal = await authenticate(context.read, header)
        found = Visit(principal, "", None)
    else:
        found = await _from_cookies(request, context, secret)
    found = replace(
        found,
        notice=notice_for(request.query_params.get("done")),
        secure=request.url.scheme == "https",
    )
    request.state.visit = found
    _current.set(found)
    return found


async def _from_cookies(request: Request, context: RequestContext, secret: bytes) -> Visit:
    cookie = request.cookies.get(SESSION_COOKIE)
    session = read_session(secret, cookie)
    if session is not None:
        stored = await api_keys.session_key(context.read, session.key_id, session.nonce)
        if stored and not stored["revoked_at"] and not stored["ended"]:
            principal = Principal(session.key_id, str(stored["name"]), str(stored["role"]))
            return Visit(principal, csrf_token(secret, session.nonce), session.nonce)
    visit = request.cookies.get(VISIT_COOKIE)
    fresh = None
    if not visit or len(visit) > 64:
        visit = fresh = secrets.token_urlsafe(24)
    return Visit(
        ANONYMOUS, csrf_token(secret, visit), visit, fresh, ended_session=cookie is not None
    )


async def viewer(request: Request, context: RequestContext) -> Principal:
    """The principal of this request's page."""
    return (await visit_of(request, context)).principal


async def reader(request: Request, context: RequestContext) -> Principal:
    """The viewer, refused when reads need a key and the viewer has none."""
    principal = await viewer(request, context)
    if context.settings.read_access == "key" and not principal.can_read:
        raise ApiError(
            ErrorCode.UNAUTHENTICATED, "This site needs a key to read: sign in with your API key."
        )
    return principal


async def editor(request: Request, context: RequestContext) -> Principal:
    """The viewer, refused unless they hold an editor key: a reader key browses, never edits."""
    principal = await viewer(request, context)
    if principal.role is None:
        raise ApiError(ErrorCode.UNAUTHENTICATED, "Sign in with an editor key to change the graph.")
    if not principal.can_write:
        raise ApiError(
            ErrorCode.FORBIDDEN,
            f"Signed in as {principal.name} with a reader key: reading only. Changes need an "
            "editor key.",
        )
    return principal
