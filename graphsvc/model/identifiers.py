"""Stable graph ids for IATI things, and the normal form identifiers are compared in.

IATI identifiers (`XI-IATI-EC_DEVCO-2007/191-971`) are not slugs. A node's id is a readable slug
of the identifier plus six hex digits of a hash of its normal form, so two identifiers that slug
alike (`A/1` and `A-1`) still get different ids, and the same identifier always gets the same id:
re-importing a file touches the same nodes.
"""

from __future__ import annotations

import hashlib
import re

_NON_SLUG = re.compile(r"[^a-z0-9]+")
IMPORTED_ORGANISATION = "org-"
"""How the id of an organisation an import made begins (curated ids never do)."""
IMPORTED_COUNTRY = "country-"
"""How the id of a country an import made begins."""


def normalise(identifier: str) -> str:
    """Whitespace removed, upper case: how publishers' references to one another are matched."""
    return "".join(identifier.split()).upper()


def slug_id(prefix: str, identifier: str) -> str:
    """`prefix-<readable part>-<hash>`, a valid model id for any identifier."""
    readable = _NON_SLUG.sub("-", identifier.lower()).strip("-")[:60].strip("-")
    digest = hashlib.sha1(normalise(identifier).encode()).hexdigest()[:6]
    return f"{prefix}-{readable}-{digest}" if readable else f"{prefix}-{digest}"


def activity_id(identifier: str) -> str:
    return slug_id("iati", identifier)


def organisation_id(ref: str | None, name: str | None) -> str:
    """By the organisation identifier when there is one, else by the name as given."""
    if ref:
        return slug_id(IMPORTED_ORGANISATION.rstrip("-"), ref)
    if not name:
        raise ValueError("an organisation needs a ref or a name")
    return slug_id(f"{IMPORTED_ORGANISATION}named", " ".join(name.split()).lower())


def plain_slug(text: str) -> str:
    return _NON_SLUG.sub("-", text.lower()).strip("-") or "x"
