"""What every page handler starts from, and how a page answers an error.

A page's reads go through a `RequestContext`, as a GraphQL request's do, so they count among its
round trips and are bounded by the API's query timeout.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import Response

from graphsvc.service.context import RequestContext
from graphsvc.service.errors import describe
from graphsvc.web.page import page


def context_of(request: Request) -> RequestContext:
    """A fresh context for one page: the app's database and API settings, nothing kept."""
    return RequestContext(request.app.state.database, request.app.state.api_settings)


def web_error_response(request: Request, error: Exception) -> Response:
    """A page saying what went wrong, with the status `graphsvc.service.errors.describe` gives.

    Never a stack trace: an unexpected error gets a reference the server log explains.
    """
    described = describe(error, request.url.path)
    return page(
        "error.html",
        title=_TITLES.get(described.status, "Something went wrong"),
        status=described.status,
        headers=described.headers,
        message=described.message,
        sign_in=f"/signin?{urlencode({'next': back_to(request)})}"
        if described.status in (401, 403)
        else None,
    )


def back_to(request: Request) -> str:
    """The page to return to after signing in again: the one the visitor was on.

    A page they read is its own address. A form they sent (an expired sign-in refuses its token)
    was sent from a page, which its same-origin Referer names; the form's own address takes POST
    only, and a browser sent there after signing in would get "Method Not Allowed".
    """
    if request.method in ("GET", "HEAD"):
        return request.url.path
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        return referer.path
    return "/"


_TITLES = {
    400: "That request cannot be answered",
    401: "Sign in first",
    403: "Not allowed",
    404: "Not found",
    409: "Changed meanwhile",
    503: "Not available just now",
}
