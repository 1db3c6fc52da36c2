"""Every route of the web application, gathered from the modules that answer them.

Each area keeps its own `routes` list beside its handlers; this is the one place that joins them,
so `graphsvc.server` mounts the whole application with one call.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from graphsvc.web import (
    deleting,
    editing,
    entity,
    history,
    home,
    linking,
    lists,
    review,
    signin,
    source,
)


def web_routes() -> list[BaseRoute]:
    """The routes of every page, in the order Starlette tries them."""
    return [
        *home.routes,
        *signin.routes,
        *editing.routes,
        *linking.routes,
        *deleting.routes,
        *history.routes,
        *entity.routes,
        *source.routes,
        *lists.routes,
        *review.routes,
    ]


def is_web_path(path: str) -> bool:
    """Whether an error on `path` should be answered with a page (not GraphQL's JSON)."""
    return not path.startswith(("/graphql", "/graphiql", "/maps", "/healthz", "/readyz"))
