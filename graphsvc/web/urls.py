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
