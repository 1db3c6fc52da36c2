"""What every edit page checks first: an editor is looking, and the entity exists.

An anonymous visitor asking for an edit form is sent to sign in (and back afterwards); a reader
key gets 403 from `graphsvc.web.viewer.editor`, as every POST does through
`graphsvc.web.forms.editor_form`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graphsvc.service import writes
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import not_found
from graphsvc.web.page import SAFETY_HEADERS
from graphsvc.web.viewer import editor, viewer


async def editor_or_sign_in(request: Request, context: RequestContext) -> Principal | Response:
    """The editor looking at an edit form, or the way to the sign-in page for an anonymous one."""
    if (await viewer(request, context)).role is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(
            f"/signin?{urlencode({'next': target})}", status_code=303, headers=SAFETY_HEADERS
        )
    return await editor(request, context)


async def entity_or_404(context: RequestContext, slug: str) -> dict[str, Any]:
    """`{label, properties, sources}` of the stored entity `slug`, or NOT_FOUND."""
    stored = await writes.stored_node(context, slug)
    if stored is None:
        raise not_found(f"No entity has the id “{slug}”. It may have been deleted.")
    return stored


def redirect(url: str) -> Response:
    """See other: the Get of Post/Redirect/Get."""
    return RedirectResponse(url, status_code=303, headers=SAFETY_HEADERS)
