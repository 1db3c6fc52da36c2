"""The web application's addresses, in one place so that every page links the same way.

An entity's page is its id under `/entity/`; ids are slugs (`european-union`), so they need no
escaping beyond what `quote` does for a stray character.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

HOME = "/"
SEARCH = "/search"
ENTITY = "/entity/{entity_id:path}"
SOURCE = "/source/{source_id:path}"
LISTS = "/list"
LIST = "/list/{kind}"


def entity_url(entity_id: str) -> str:
    """The page of the entity with this id."""
    return f"/entity/{quote(entity_id, safe='')}"


def source_url(source_id: str) -> str:
    """The page of the source document with this id."""
    return f"/source/{quote(source_id, safe='')}"


def ego_map_url(entity_id: str) -> str:
    """The maps' ego map of the entity, one step out (embedded on its page)."""
    return f"/maps/ego?{urlencode({'id': entity_id, 'hops': '1'})}"


def list_url(kind: str, **filters: str) -> str:
    """The list of one kind's entities, with filters when given."""
    query = urlencode({name: value for name, value in filters.items() if value})
    return f"/list/{quote(kind, safe='')}" + (f"?{query}" if query else "")


def search_url(text: str) -> str:
    """The search results for `text` (a GET form's address, so a search is a link)."""
    return f"{SEARCH}?{urlencode({'q': text})}"


NEW = "/new"


def new_url(kind: str) -> str:
    """The form that creates an entity of `kind`."""
    return f"{NEW}/{quote(kind, safe='')}"


def edit_url(entity_id: str) -> str:
    """The form that edits the entity's properties."""
    return f"{entity_url(entity_id)}/edit"


def history_url(entity_id: str) -> str:
    """Who changed the entity, what and when."""
    return f"{entity_url(entity_id)}/history"


def delete_url(entity_id: str) -> str:
    """The confirmation page of the entity's deletion."""
    return f"{entity_url(entity_id)}/delete"


def links_url(entity_id: str, relationship: str = "") -> str:
    """The entity's links, with the form that adds one (of `relationship`, `out:TYPE`/`in:TYPE`)."""
    query = f"?{urlencode({'relationship': relationship})}" if relationship else ""
    return f"{entity_url(entity_id)}/links/new{query}"


def unlink_url(entity_id: str, rel_type: str, source: str, target: str) -> str:
    """The confirmation page of removing one link, seen from the entity `entity_id`."""
    query = urlencode({"type": rel_type, "from": source, "to": target})
    return f"{entity_url(entity_id)}/links/remove?{query}"


def done_url(url: str, done: str) -> str:
    """`url` with the confirmation `done` (a key of `graphsvc.web.notices.NOTICES`)."""
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'done': done})}"
