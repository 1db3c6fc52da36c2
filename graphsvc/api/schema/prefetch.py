"""Nested fields folded into their parent's statement: what to fetch, read from the selection.

A client asking for an institution's programmes and each programme's partners would otherwise
cost one round trip per level (the node, then a DataLoader batch per relationship field and
level). Instead the resolver that fetches a node reads what the client selected under it and
asks the store for the node with its `sources` and its relationship fields, to any depth, in one
statement (`graphsvc.store.entities.NodePlan`). The built objects carry what was fetched
(`Prefetched`), and the nested resolvers answer from it without a round trip; a field the plan
did not cover (or a node built elsewhere) still goes through its DataLoader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from strawberry.types.nodes import SelectedField

from graphsvc.api.schema.naming import camel
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE
from graphsvc.model.types import RelationshipKind
from graphsvc.store.entities import LinkPlan, NodePlan

LinkKey = tuple[str, bool, int]
"""(relationship type, outgoing?, limit): one relationship field as fetched."""


@dataclass
class Prefetched:
    """What a folded statement fetched with one node, for its nested resolvers."""

    sources: tuple[list[Any], NodePlan] | None = None
    """The Source rows and the plan they were fetched with."""
    links: dict[LinkKey, tuple[list[Any], NodePlan]] = field(default_factory=dict)
    """Per field: its link rows and the plan their far ends were fetched with."""


def prefetched(row: dict[str, Any], plan: NodePlan) -> Prefetched | None:
    """What `row` (a node row fetched with `plan`) carries for the nested resolvers."""
    if not plan.nested:
        return None
    links = {
        (link.rel_type, link.outgoing, link.limit): (rows, link.end)
        for link, rows in zip(plan.links, row.get("links", ()), strict=True)
    }
    sources = (row["sources"], plan.sources) if plan.sources is not None else None
    return Prefetched(sources=sources, links=links)


@cache
def _properties(label: str) -> dict[str, set[str]]:
    """GraphQL field name -> the stored properties its value is made of, for a `label` node."""
    kind = MODEL.node_kind(label)
    assert kind is not None, label
    found = {camel(p.name): {p.name} for p in kind.properties if p.name != "id"}
    if label == SOURCE.label:
        found["title"] = {"title", "name"}  # a Source without a title shows its name
    return found


@cache
def _link_fields(label: str) -> dict[str, tuple[RelationshipKind, bool]]:
    """GraphQL field name -> (relationship kind, outgoing?) for a `label` node's link fields."""
    return {camel(name): (rel, outgoing) for name, rel, outgoing in MODEL.links(label)}


def _fields(
    selections: Iterable[Any], labels: frozenset[str]
) -> Iterator[tuple[Any, frozenset[str]]]:
    """The selected fields with the labels they apply to, fragments (named or inline) expanded."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection, labels
            continue
        condition = selection.type_condition
        narrowed = labels & {condition} if condition in MODEL.labels else labels
        if narrowed:
            yield from _fields(selection.selections, narrowed)


PageSize = Callable[[int | None], int]
_SOURCE = frozenset({SOURCE.label})


def _plain(selections: Iterable[Any]) -> Iterator[SelectedField]:
    """The selected fields of a type that is not a node kind (an edge), fragments expanded."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _plain(selection.selections)


def node_plan(selections: Iterable[Any], labels: Iterable[str], page_size: PageSize) -> NodePlan:
    """What to fetch with a node of one of `labels` for the fields selected under it.

    `page_size` turns a relationship field's `first` into its limit (the request's default when
    absent). Fields under a fragment on another kind are left out; the same field asked twice
    (under aliases) is fetched once with everything both ask for under it.
    """
    sources: list[Any] | None = None
    links: dict[LinkKey, list[Any]] = {}
    ends: dict[LinkKey, frozenset[str]] = {}
    properties = {"id"}
    for selected, applies in _fields(selections, frozenset(labels)):
        if selected.name == "sources":
            sources = [*(sources or ()), selected.selections]
            continue
        for label in sorted(applies):
            properties |= _properties(label).get(selected.name, set())
            found = _link_fields(label).get(selected.name)
            if found is None:
                continue
            rel, outgoing = found
            key = (rel.type, outgoing, int(page_size(selected.arguments.get("first"))))
            links.setdefault(key, []).extend(
                edge_field.selections
                for edge_field in _plain(selected.selections)
                if edge_field.name == "node"
            )
            ends[key] = frozenset(rel.targets if outgoing else rel.sources)
    plans = tuple(
        LinkPlan(rel_type, outgoing, limit, _merged(selections, ends[key], page_size))
        for key, selections in sorted(links.items())
        for rel_type, outgoing, limit in (key,)
    )
    source_plan = None if sources is None else _merged(sources, _SOURCE, page_size)
    return NodePlan(properties=tuple(sorted(properties)), sources=source_plan, links=plans)


def end_plan(
    selections: Iterable[Any], rel: RelationshipKind, outgoing: bool, page_size: PageSize
) -> NodePlan:
    """What to fetch with each far end of a relationship field, from what is selected in it."""
    nodes = [f.selections for f in _plain(selections) if f.name == "node"]
    return _merged(nodes, frozenset(rel.targets if outgoing else rel.sources), page_size)


def _merged(selections: list[Any], labels: frozenset[str], page_size: PageSize) -> NodePlan:
    return node_plan([s for group in selections for s in group], labels, page_size)
