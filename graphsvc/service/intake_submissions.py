"""Intake's use cases that the GraphQL API and the pages share, each written once.

A text given by a client (a mutation's argument, the intake form) checked into a document before
any work; its recognition and submission within the document's budget (a text taken in before is
refused first, by its hash); an edit checked against the fact it changes, with messages that name
the argument; and the keyset cursors of the proposals' list. They raise `ApiError`s for the
client, which both edges show in their own way.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake import review
from graphsvc.intake.budget import Budget
from graphsvc.intake.document import Document
from graphsvc.intake.facts import EntityFact, RelationshipFact, ReviewedProposal
from graphsvc.intake.read.limits import DEFAULT_LIMITS, size_text
from graphsvc.intake.read.text import read_text
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.model.dates import PartialDate
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import bad_input
from graphsvc.store.audit import AuditNote
from graphsvc.store.database import Database
from graphsvc.store.known_names import known_names

MAX_TEXT_BYTES = DEFAULT_LIMITS.max_bytes
"""The largest text `submitDocument` takes (UTF-8), the reader's cap for a file or a page; the
request body limit (GRAPHSVC_MAX_BODY_BYTES) applies before it."""
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_CURSOR_TAG = "proposals"


def proposals_cursor(status: str | None, submitted: str, proposal_id: str) -> str:
    payload = json.dumps([_CURSOR_TAG, status, submitted, proposal_id])
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def proposals_after(after: str | None, status: str | None) -> tuple[str, str] | None:
    """The (submitted, id) a cursor continues after; refused unless `proposals_cursor` wrote it."""
    if after is None:
        return None
    refused = bad_input(
        f"`after: {after[:80]!a}` is not a cursor of the `proposals` list; pass an "
        "`endCursor` or edge `cursor` unchanged",
        field="after",
    )
    try:
        raw = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4))
        tag, cursor_status, submitted, proposal_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, RecursionError):
        raise refused from None
    texts = (submitted, proposal_id)
    if tag != _CURSOR_TAG or not all(isinstance(t, str) for t in texts):
        raise refused
    if any("\ud800" <= c <= "\udfff" for t in texts for c in t):
        raise refused
    if cursor_status != status:
        raise bad_input(
            "`after` is a cursor from the list with another `status`; keep it while paging",
            field="after",
        )
    return submitted, proposal_id


def submitted_document(
    text: str, title: str | None, url: str | None, language: str | None, published_on: str | None
) -> Document:
    """The submitted text as a plain-text document, every argument checked before any work."""
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_input(
            "`text` holds a character that is not valid Unicode", field="text"
        ) from None
    if len(body) > MAX_TEXT_BYTES:
        raise bad_input(
            f"`text` is too large ({size_text(len(body))}, more than the "
            f"{size_text(MAX_TEXT_BYTES)} a document may have)",
            field="text",
        )
    if url is not None:
        try:
            parts = urlsplit(url)
        except ValueError:  # `http://[::1`
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise bad_input(f"`url` {url[:80]!r} is not an http(s) URL", field="url")
    if language is not None and not _LANGUAGE.match(language):
        raise bad_input(
            f"`language` {language[:20]!r} is not an ISO 639-1 code such as `en` or `fr`",
            field="language",
        )
    if published_on is not None:
        try:
            PartialDate.parse(published_on)
        except ValueError as error:
            raise bad_input(f"`publishedOn`: {error}", field="publishedOn") from None
    origin = url or (f"text {title!r}" if title else "text submitted through the API")
    try:
        document = read_text(origin, body, url=url)
    except UnreadableDocuments as error:
        raise bad_input(str(error), field="text") from None
    return replace(
        document,
        title=title,
        language=language or document.language,
        published=published_on,
    )


def recognise_and_submit(
    database: Database,
    document: Document,
    audit: AuditNote | None = None,
    budget: Budget | None = None,
) -> review.Submitted:
    """Recognise `document` within `budget` and queue its proposal with `audit`, or nothing.

    A text taken in before is refused first, by its content hash, before recognition spends
    seconds on it.
    """
    budget = budget or Budget.unlimited()
    review.refuse_if_seen(database, document)
    budget.check("reading the names the graph knows")
    proposal = propose(document, KnownNames.build(known_names(database)), budget)
    budget.check(f"recognising {document.origin}")
    return review.submit(database, proposal, audit)


def intake_budget(context: RequestContext) -> Budget:
    """A new budget for one document's work (GRAPHSVC_INTAKE_BUDGET)."""
    return Budget(context.settings.intake_budget_s)


def checked_edit(
    database: Database,
    proposal_id: str,
    fact: int,
    changes: dict[str, Any],
    audit: AuditNote | None = None,
) -> ReviewedProposal:
    """`review.edit`, after checking that each change fits the fact (messages name arguments)."""
    target = review.show(database, proposal_id).fact(fact)
    if target is None:
        raise bad_input(f"proposal {proposal_id} has no fact {fact}", field="fact")
    for name in ("entity", "kind"):
        if changes.get(name) is not None and not isinstance(target, EntityFact):
            raise bad_input(f"fact {fact} is a relationship: `{name}` changes entities", field=name)
    if changes.get("rel_type") is not None and not isinstance(target, RelationshipFact):
        raise bad_input(f"fact {fact} is an entity: `type` changes relationships", field="type")
    return review.edit(database, proposal_id, fact, **changes, audit=audit)
