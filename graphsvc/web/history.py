"""An entity's history: who changed what and when, from the audit trail.

Every change through the API or these pages leaves an audit entry in the change's own transaction
(`graphsvc.service.audit`); this page lists the ones about one entity (its own changes and its
links'), newest first, in words: when, the key's name, what was done, and the values given.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.model import MODEL
from graphsvc.model.wording import human_date, human_moment
from graphsvc.service import writes
from graphsvc.service.errors import not_found
from graphsvc.store import audit
from graphsvc.web.fields import label_of
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

ENTRIES_SHOWN = 200
_DATE_FIELDS = {"start_date", "end_date", "published", "value_date", "transaction_date"}
_LINK_ENDS = {"type", "from", "to"}


async def history(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    slug = request.path_params["id"]
    stored = await writes.stored_node(context, slug)
    shown = viewer.can_see_audit  # who changed what is the audit trail's: editors only
    entries = await audit.entries_about(context.read, slug, ENTRIES_SHOWN) if shown else []
    if stored is None and not entries and shown:
        raise not_found(f"No entity has the id “{slug}”, and none ever had.")
    name = str(stored["properties"].get("name") or slug) if stored else slug
    return page(
        "history.html",
        title=f"History of {name}",
        name=name,
        exists=stored is not None,
        entity_href=urls.entity_url(slug),
        edit_href=urls.edit_url(slug) if stored and viewer.can_write else None,
        entries=[described(slug, entry) for entry in entries],
        audit_shown=shown,
        sign_in=f"/signin?{urlencode({'next': request.url.path})}",
        limit=ENTRIES_SHOWN,
    )


def described(slug: str, entry: dict[str, Any]) -> dict[str, Any]:
    """An audit entry as the history lists it: when, who, what in words, and the values."""
    operation = str(entry["operation"])
    values = _arguments(entry.get("arguments"))
    what, other = _what(slug, operation, str(entry.get("target") or ""))
    shown = {k: v for k, v in values.items() if k not in _LINK_ENDS and k != "slug"}
    if what == "changed":
        what = "changed " + ", ".join(label_of(name).lower() for name in sorted(shown))
    return {
        "when": human_moment(entry["at"]),
        "actor": entry.get("actor") or "someone",
        "what": what,
        "other": other,
        "changed": [_value(name, value, operation) for name, value in sorted(shown.items())],
    }


def _what(slug: str, operation: str, target: str) -> tuple[str, dict[str, str] | None]:
    """The operation in words, and the entity at the link's other end (with its page)."""
    if operation in ("link", "unlink") and " -> " in target:
        rel_type, _, ends = target.partition(" ")
        source, _, destination = ends.partition(" -> ")
        kind = MODEL.relationship_kind(rel_type)
        outgoing = source == slug
        words = kind.reads[0 if outgoing else 1] if kind else rel_type
        other = destination if outgoing else source
        verb = "added the link" if operation == "link" else "removed the link"
        return f"{verb} “{words}”", {"id": other, "href": urls.entity_url(other)}
    if operation == "deleteEntity":
        return "deleted it", None
    for prefix, words in (
        ("create", "created it"),
        ("update", "changed"),
        ("upsert", "replaced it whole"),
    ):
        label = operation.removeprefix(prefix)
        if label != operation and label in MODEL.labels:
            return words, None
    return operation, None


def _arguments(text: object) -> dict[str, Any]:
    try:
        values = json.loads(str(text)) if text else {}
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _value(name: str, value: Any, operation: str) -> dict[str, str]:
    """One changed field: its label and the value given ("removed" for a cleared one)."""
    if value is None:
        shown = "removed"
    elif isinstance(value, list):
        shown = ", ".join(str(item) for item in value) or "none"
    elif isinstance(value, bool):
        shown = "yes" if value else "no"
    elif name in _DATE_FIELDS:
        shown = f"{human_date(value)} ({value})" if human_date(value) != str(value) else str(value)
    else:
        shown = str(value)
    if len(shown) > 300:
        shown = shown[:299] + "…"
    return {"label": label_of(name), "value": shown}


routes = [Route("/entity/{id}/history", history, methods=["GET"])]
