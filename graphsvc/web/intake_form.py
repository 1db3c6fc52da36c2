"""Taking in a document from a page: a pasted text (title, publisher, date, link) or a URL.

A pasted text becomes a document exactly as the API's `submitDocument` makes one (its checks
and messages), then recognition and `review.submit` run as the API runs them. A URL is read by
intake's own reader through `graphsvc.web.outbound`, which refuses hosts on loopback or a private
network unless `GRAPHSVC_FETCH_PRIVATE=allow`. Either way the submission lands in the audit trail
as the API's does, written by the transaction that stores the proposal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.datastructures import MultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.headline import headline
from graphsvc.intake.read.limits import DEFAULT_LIMITS
from graphsvc.model.dates import PartialDate
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input
from graphsvc.service.intake_calls import audit_note, call_review, recogniser_ready
from graphsvc.service.intake_submissions import (
    intake_budget,
    recognise_and_submit,
    submitted_document,
)
from graphsvc.web.deciding import answerable, done
from graphsvc.web.forms import editor_form
from graphsvc.web.handling import context_of
from graphsvc.web.outbound import FETCH_POOL
from graphsvc.web.page import page
from graphsvc.web.proposals import QUEUE, proposal_url
from graphsvc.web.viewer import reader

NEW = f"{QUEUE}/new"
FIELDS = ("text", "title", "publisher", "published_on", "url", "fetch")
MAX_PUBLISHER = 200


async def intake_page(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    return _form(viewer, {})


def _form(
    viewer: Principal,
    values: dict[str, str],
    problem: str | None = None,
    earlier: str | None = None,
    status: int = 200,
) -> Response:
    return page(
        "intake.html",
        title="Take in a document",
        viewer=viewer,
        section="review",
        status=status,
        values={name: values.get(name, "") for name in FIELDS},
        problem=problem,
        earlier=proposal_url(earlier) if earlier and earlier.startswith("p-") else None,
    )


async def take_in(request: Request) -> Response:
    context = context_of(request)
    principal, form = await editor_form(request, context)
    values = {name: str(form.get(name, "")) for name in FIELDS}
    try:
        documents = await _documents(context, form)
        await _recogniser_read(context)
        context.principal = principal
        first = None
        for document in documents:
            note = audit_note(context, "submitDocument", "", _audit_arguments(document))
            submitted = await call_review(
                context,
                recognise_and_submit,
                document,
                note,
                field="text",
                budget=intake_budget(context),
            )
            first = first or submitted.proposal.id
    except ApiError as error:
        if not answerable(error):
            raise
        status = 409 if error.code == ErrorCode.CONFLICT else 400
        earlier = error.extensions.get("earlier")
        return _form(principal, values, error.message, str(earlier or ""), status)
    assert first is not None
    return done(proposal_url(first) if len(documents) == 1 else QUEUE, "submitted")


async def _recogniser_read(context: RequestContext) -> None:
    """Wait for the recogniser's first reading of its gazetteer, however long it takes.

    The API answers 503 and its client tries again; a person's pasted text must not be bounced
    (it came back only through the browser's Back): the form waits, once per server process.
    """
    while True:
        try:
            return await recogniser_ready(context)
        except ApiError as error:
            if error.code != ErrorCode.UNAVAILABLE:
                raise


async def _documents(context: RequestContext, form: MultiDict) -> list[Document]:
    """The pasted text as one document, or the documents at the URL (a feed gives several)."""
    text = str(form.get("text", ""))
    fetch = str(form.get("fetch", "")).strip()
    title = str(form.get("title", "")).strip() or None
    url = str(form.get("url", "")).strip() or None
    published = str(form.get("published_on", "")).strip() or None
    publisher = str(form.get("publisher", "")).strip()[:MAX_PUBLISHER] or None
    if published is not None:
        try:
            PartialDate.parse(published)
        except ValueError as error:
            raise bad_input(f"The publication date: {error}") from None
    if text.strip() and fetch:
        raise bad_input("Paste a text or give a URL to read, not both.")
    if fetch:
        try:
            limits = replace(DEFAULT_LIMITS, total_timeout=context.settings.fetch_deadline_s)
            read = await FETCH_POOL.read(fetch, context.settings.fetch_private, limits)
        except UnreadableDocuments as error:
            raise bad_input(str(error)) from None
        return [_overlaid(d, title, publisher, published) for d in read]
    if not text.strip():
        raise bad_input("Paste the document's text, or give a URL to read it from.")
    document = submitted_document(text, title or headline(text), url, None, published)
    return [replace(document, publisher=publisher)]


def _overlaid(
    document: Document, title: str | None, publisher: str | None, published: str | None
) -> Document:
    """A fetched document with what the person typed taking precedence over what was read."""
    return replace(
        document,
        title=title or document.title,
        publisher=publisher or document.publisher,
        published=published or document.published,
    )


def _audit_arguments(document: Document) -> dict[str, Any]:
    return {
        "title": document.title,
        "url": document.url,
        "publisher": document.publisher,
        "publishedOn": document.published,
        "content_hash": document.content_hash,
        "characters": len(document.text),
    }


routes = [
    Route(NEW, intake_page, methods=["GET"]),
    Route(NEW, take_in, methods=["POST"]),
]
