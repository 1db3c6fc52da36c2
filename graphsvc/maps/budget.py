"""How long a map may take to build, apart from the API's query timeout, and what is said past it.

A query timeout bounds one round trip; a map is several round trips plus layout and rendering in
Python, which no query timeout sees. `GRAPHSVC_MAP_BUDGET` (seconds, default 30) bounds the whole
build of a live map; past it the reader is told why and what to do instead of waiting for a
proxy's 502. Files (`graphsvc render`) have no budget: a command may take the time it needs.
"""

from __future__ import annotations

import os

from graphsvc.errors import ConfigError, GraphsvcError

BUDGET_VARIABLE = "GRAPHSVC_MAP_BUDGET"
DEFAULT_BUDGET_S = 30.0


class MapBudgetExceeded(GraphsvcError):
    """A live map took longer to build than its budget."""

    def __init__(self, budget_s: float, view: str) -> None:
        self.budget_s = budget_s
        self.view = view
        super().__init__(
            f"the {view} map was not drawn within its budget of {budget_s:g} s "
            f"({BUDGET_VARIABLE}): it has too many entities to draw one by one. Narrow it (a "
            "programme, country, funder or theme, fewer kinds, or a period), or, for the whole "
            "network, run `graphsvc maps refresh` so that the overview draws clusters."
        )


def map_budget_s() -> float:
    """The budget of a live map in seconds, from the environment."""
    written = os.environ.get(BUDGET_VARIABLE, "").strip()
    if not written:
        return DEFAULT_BUDGET_S
    try:
        budget = float(written)
    except ValueError:
        budget = 0.0
    if not budget > 0:
        raise ConfigError(f"{BUDGET_VARIABLE}={written!r}: give a number of seconds above 0")
    return budget
