"""Each entity's country and top-level programme, on the compact outline (`graphsvc.maps.outline`).

The same rules as the drawn maps' grouping (`graphsvc.maps.aggregate`), over integer arrays so a
million entities take seconds: a country is its own; a city takes the country it lies in; what is
based, meets or works in a city or country (then a person, through the institution it speaks for)
takes that one's, two steps deep. A programme or event belongs to the root of what frames it;
anything else to the programme it is most involved in (ties: the first by id). -1: none.
"""

from __future__ import annotations

import numpy as np

from graphsvc.maps.outline import Ints, Outline
from graphsvc.model import MODEL
from graphsvc.model.domain import CITY, COUNTRY

_IN_COUNTRY = MODEL.relationships_in("containment", targets=(COUNTRY.label,))
_THROUGH = (
    *MODEL.relationships_in("place", targets=(CITY.label, COUNTRY.label)),
    *MODEL.relationships_in("representation"),
)
_FRAMED_BY = MODEL.relationships_in("framing")
_INVOLVED = MODEL.relationships_in("involvement", "framing")


def country_of(outline: Outline) -> Ints:
    owner = np.full(outline.size, -1, dtype=np.int64)
    countries = np.flatnonzero(outline.kind_mask(COUNTRY.label))
    owner[countries] = countries
    within = outline.of_types(_IN_COUNTRY) & (owner[outline.source] < 0)
    _first_per_source(owner, outline.source[within], outline.target[within])
    through = outline.of_types(_THROUGH)
    for _ in range(2):  # institutions and events through their city, then people through those
        step = through & (owner[outline.source] < 0) & (owner[outline.target] >= 0)
        _first_per_source(owner, outline.source[step], owner[outline.target[step]])
    return owner


def programme_of(outline: Outline) -> Ints:
    parent = np.arange(outline.size, dtype=np.int64)
    framed = outline.of_types(_FRAMED_BY)
    parent[outline.source[framed]] = outline.target[framed]  # the last link wins, as in a dict
    owner = np.full(outline.size, -1, dtype=np.int64)
    for node in np.flatnonzero(outline.kind_mask(*MODEL.kinds_in("undertaking"))).tolist():
        seen = {node}
        root = node
        while int(parent[root]) not in seen:
            root = int(parent[root])
            seen.add(root)
        owner[node] = root
    involved = (
        outline.of_types(_INVOLVED) & (owner[outline.source] < 0) & (owner[outline.target] >= 0)
    )
    voters, voted = outline.source[involved], owner[outline.target[involved]]
    if len(voters):
        pairs, counts = np.unique(voters * outline.size + voted, return_counts=True)
        who, what = pairs // outline.size, pairs % outline.size
        order = np.lexsort((what, -counts, who))  # most votes first, then the first by id
        who, what = who[order], what[order]
        first = np.unique(who, return_index=True)[1]
        owner[who[first]] = what[first]
    return owner


def _first_per_source(owner: Ints, sources: Ints, values: Ints) -> None:
    """owner[s] = the value of s's first row, for each s among `sources` (rows in link order)."""
    if len(sources):
        unique, first = np.unique(sources, return_index=True)
        owner[unique] = values[first]
