"""How long a map may take to build, apart from the API's query timeout, and what is said past it.

A query timeout bounds one round trip; a map is several round trips plus layout and rendering in
Python, which no query timeout sees. `GRAPHSVC_MAP_BUDGET` (seconds, default 30) bounds the whole
build of a live map; past it the reader is told why and what to do instead of waiting for a
proxy's 502. Files (`graphsvc render`) have no budget: a command may take the time it needs.
"""

from __future__ import annotations

import os

from graphsvc.errors import ConfigError

BUDGET_VARIABLE = "GRAPHSVC_MAP_BUDGET"
DEFAULT_BUDGET_S = 30.0


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
