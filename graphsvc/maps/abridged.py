"""Local maps bounded by what they draw: the most connected neighbours, and boxes for the rest.

An ego or funder map of a hub (a funder of thousands of programmes, a network of thousands of
members) used to hold every neighbour: at 50,000 entities the biggest hub's ego map took 23 s and
19 MB. Here each step counts what it would reach per group (neighbour kind, relationship type,
direction) in Cypher; when a step would pass `DRAWN_LIMIT`, each group keeps its most connected
members (ranked by degree in Cypher, `graphsvc.store.map_hubs`) and one `Summary` box stands for
the rest with their count, linking to the web app's list of them where a list filter names the
centre. A step that fits is drawn whole, so a small map is the same as before.

A neighbour linked in two ways belongs to two groups; each group counts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.model import MODEL
from graphsvc.model.domain import COUNTRY, FUNDS, PART_OF, PROGRAMME, THEME
from graphsvc.store import map_hubs
from graphsvc.store.async_database import Read
from graphsvc.urls import list_url

DRAWN_LIMIT = 250
"""How many entities a local view draws at most, besides its summary boxes. A reader can take in
a few hundred labelled nodes; a browser's physics settles them in a second or two (the layout's
PHYSICS_LIMIT is 300); and the page stays well under a megabyte."""
GROUP_FLOOR = 8
"""The fewest members any group keeps when a step is abridged and the room allows, so a small
group beside a huge one is still seen."""
FIRST_STEPS_SHARE = 0.6
"""The share of the room left that a step takes when another step follows it, so that the
second step of an ego map draws something too."""
FUNDED_LIMIT = 120
"""How many financed undertakings a funder map draws at most: the largest stated amounts, then
the most connected. The rest of DRAWN_LIMIT is left to who took part in them and where."""

_LIST_FILTERS = {COUNTRY.label: "country", PROGRAMME.label: "programme", THEME.label: "theme"}
"""Centres whose kind a list filter names (graphsvc.web.lists): the box links to that list."""


@dataclass(frozen=True)
class Summary:
    """One box on a map for the neighbours of a group that are not drawn."""

    id: str
    anchor: str
    """The drawn entity the box hangs from (the view's centre)."""
    type: str
    outward: bool
    """The link from the anchor to the box runs the relationship's way."""
    count: int
    label: str
    about: str
    href: str | None


@dataclass
class Centre:
    """The entity a view is about: boxes hang from it and name it (read once, when needed)."""

    id: str
    kind: str
    _name: str | None = None

    async def name(self, read: Read) -> str:
        if self._name is None:
            self._name = await map_hubs.entity_name(read, self.id)
        return self._name


@dataclass
class Abridged:
    """What a bounded step or view chose: the ids to draw, and boxes for what it left out."""

    ids: set[str]
    summaries: list[Summary] = field(default_factory=list)
    edges: set[tuple[str, str, str]] = field(default_factory=set)
    hubs: set[str] = field(default_factory=set)
    """The drawn entities that are hubs (reached, never walked through)."""


def _shares(totals: list[int], room: int) -> list[int]:
    """How many members each group keeps: all when they fit in `room`, else fair shares.

    Small groups keep all they have; the room left is split evenly among the bigger ones, each
    keeping at least GROUP_FLOOR while the room allows it. The shares never add up past `room`.
    """
    if sum(totals) <= room:
        return list(totals)
    floor = min(GROUP_FLOOR, room // max(len(totals), 1))
    shares = [0] * len(totals)
    left = room
    order = sorted(range(len(totals)), key=lambda i: totals[i])
    for place, i in enumerate(order):
        even = left // (len(totals) - place)
        shares[i] = min(totals[i], max(floor, even), left)
        left -= shares[i]
    return shares


def _plural(kind: str, count: int) -> str:
    found = MODEL.node_kind(kind)
    if found is None:
        return kind
    return found.label.lower() if count == 1 else found.plural


def _href(centre: str, centre_kind: str, kind: str, rel_type: str, outward: bool) -> str | None:
    """The list page of `kind` filtered to the centre, when a list filter names it."""
    if rel_type == FUNDS.type and outward:
        return list_url(kind, funder=centre)
    name = _LIST_FILTERS.get(centre_kind)
    return list_url(kind, **{name: centre}) if name else None


async def bounded_reach(
    read: Read,
    start: set[str],
    hops: int,
    types: Iterable[str],
    hubs: Iterable[str],
    centre: Centre,
    *,
    seen: set[str] | None = None,
    first_step: int = 1,
) -> Abridged:
    """Breadth-first from `start` as `select._reach`, each step bounded by DRAWN_LIMIT.

    The next step starts only from what was drawn; boxes hang from `centre`.
    `seen` (besides `start`) is drawn already and never counted again.
    """
    types, hubs = tuple(types), tuple(hubs)
    seen = set(start) | (seen or set())
    frontier = set(start)
    summaries: list[Summary] = []
    found_hubs: set[str] = set()
    for step in range(first_step, first_step + hops):
        if not frontier:
            break
        room = max(DRAWN_LIMIT - len(seen), 0)
        if step < first_step + hops - 1:
            room = round(room * FIRST_STEPS_SHARE)
        groups = await map_hubs.step_groups(
            read, frontier, types, MAP_KINDS, hubs, seen, max(room, GROUP_FLOOR)
        )
        reached: dict[str, bool] = {}
        for group, share in zip(groups, _shares([g.total for g in groups], room), strict=True):
            kept = dict(list(group.kept.items())[:share])
            reached.update(kept)
            if group.total > len(kept):
                summaries.append(
                    _summary(
                        centre,
                        await centre.name(read),
                        group.kind,
                        group.type,
                        group.outward,
                        step,
                        group.total - len(kept),
                        at_least=group.at_least,
                    )
                )
        frontier = {i for i, hub in reached.items() if i not in seen and not hub}
        found_hubs |= {i for i, hub in reached.items() if hub}
        seen |= set(reached)
    return Abridged(seen, summaries, hubs=found_hubs)


def _summary(
    centre: Centre,
    centre_name: str,
    kind: str,
    rel_type: str,
    outward: bool,
    step: int,
    hidden: int,
    words: str | None = None,
    *,
    at_least: bool = False,
) -> Summary:
    """The box for `hidden` neighbours of `kind` reached at `step` over `rel_type`.

    `at_least`: the step stopped looking before it had seen them all, so `hidden` is a floor.
    """
    relationship = MODEL.relationship_kind(rel_type)
    reads = relationship.reads if relationship else (rel_type.lower(), rel_type.lower())
    verb = reads[1] if outward else reads[0]
    plural = _plural(kind, hidden)
    how = f"{verb} {centre_name}" if step == 1 else f"{verb} what {centre_name} is linked to"
    href = _href(centre.id, centre.kind, kind, rel_type, outward) if step == 1 else None
    shown = f"{hidden:,}+" if at_least else f"{hidden:,}"
    looked = (
        f" It stopped counting at {map_hubs.WALK_LIMIT:,} links, shared by where it started."
        if at_least
        else ""
    )
    about = (
        f"{shown} more {plural} that {how}, not drawn: the map shows the most connected."
        + looked
        + (f" {words}" if words else "")
        + (" Double-click for their list." if href else "")
    )
    return Summary(
        id=f"more:{step}:{kind}:{rel_type}:{'out' if outward else 'in'}",
        anchor=centre.id,
        type=rel_type,
        outward=outward,
        count=hidden,
        label=f"{shown} more {plural}",
        about=about,
        href=href,
    )


async def bounded_funder(read: Read, funder: str, kind: str) -> Abridged:
    """A funder's trace (`graphsvc.store.funding`) bounded by what its map draws.

    At most FUNDED_LIMIT financed undertakings, then who takes part in them and where they
    happen within DRAWN_LIMIT, and a box for each group left out (the undertakings' box with
    the funder's stated amounts to them). The trace's links among what is drawn are in `edges`.
    """
    centre = Centre(funder, kind)
    financed = await map_hubs.financed_undertakings(read, funder, FUNDED_LIMIT)
    summaries: list[Summary] = []
    if financed.total > len(financed.kept):
        words = (
            f"The funder's stated amounts to them come to {financed.hidden_amount:,.0f}."
            if financed.hidden_amount
            else None
        )
        hidden = financed.total - len(financed.kept)
        summaries.append(
            _summary(
                centre, await centre.name(read), PROGRAMME.label, FUNDS.type, True, 1, hidden, words
            )
        )
    around = await bounded_reach(
        read,
        set(financed.kept),
        1,
        map_hubs.TRACE_TYPES,
        (),
        centre,
        seen={funder},
        first_step=2,
    )
    ids = around.ids | {funder}
    edges = await map_hubs.trace_edges(read, funder, financed.kept, ids, (FUNDS.type, PART_OF.type))
    return Abridged(ids, summaries + around.summaries, edges)
