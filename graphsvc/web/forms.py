"""Reading a posted form: bounded before it is read, refused without its CSRF token.

Every POST handler of the web application reads its form here and nowhere else, so none can
forget the token check (a test posts to every route without one). Only URL-encoded forms are
taken: the pages post nothing else.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.datastructures import MultiDict
from starlette.requests import Request

from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import ApiError, ErrorCode
from graphsvc.web.session import CSRF_FIELD, secret_of, valid_csrf
from graphsvc.web.viewer import editor, visit_of

MAX_FORM_FIELDS = 500
_URLENCODED = "application/x-www-form-urlencoded"


async def posted_form(request: Request, context: RequestContext) -> MultiDict:
    """The request's form, after its size, type and CSRF token have been checked."""
    limit = context.settings.limits.max_body_bytes
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != _URLENCODED:
        raise ApiError(ErrorCode.BAD_USER_INPUT, f"a form here is sent as {_URLENCODED}")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(ErrorCode.BAD_USER_INPUT, f"the form is larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise ApiError(ErrorCode.BAD_USER_INPUT, f"the form is larger than {limit} bytes")
    try:
        fields = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_FORM_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise ApiError(ErrorCode.BAD_USER_INPUT, f"the form cannot be read: {error}") from None
    form = MultiDict(fields)
    visit = await visit_of(request, context)
    if visit.binding is not None and not valid_csrf(
        await secret_of(request), visit.binding, form.get(CSRF_FIELD)
    ):
        raise ApiError(
            ErrorCode.FORBIDDEN,
            "This form's security token is missing or out of date (it lasts as long as your "
            "sign-in). Go back, reload the page and send it again.",
        )
    return form


async def editor_form(request: Request, context: RequestContext) -> tuple[Principal, MultiDict]:
    """An editor's posted form: the token checked and the viewer's editor key required."""
    form = await posted_form(request, context)
    return await editor(request, context), form
