"""The review queues' index at `/review`, and every review route gathered for `routes.py`.

Two queues wait for a person: facts proposed from documents (`graphsvc.web.proposals`) and
institutions that may be one (`graphsvc.web.duplicates`). The index says how many wait in each,
with the same counts as the home page.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from graphsvc.store import duplicates as duplicates_store
from graphsvc.store import proposals as proposals_store
from graphsvc.web import duplicates, intake_form, proposal_decisions, proposals
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

INDEX = "/review"


async def review_index(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    return page(
        "review.html",
        title="Review",
        viewer=viewer,
        section="review",
        proposals=await proposals_store.proposal_count(context.read, "pending"),
        duplicates=await duplicates_store.pending_count(context.read),
        new=intake_form.NEW,
    )


routes: list[BaseRoute] = [
    Route(INDEX, review_index, methods=["GET"]),
    *intake_form.routes,  # before `/review/proposals/{proposal_id}`, which would take "new"
    *proposals.routes,
    *proposal_decisions.routes,
    *duplicates.routes,
]
