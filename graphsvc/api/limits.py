"""What a request may ask for, measured on the parsed query before any database work.

Depth, aliases and a cost estimate: each field that returns objects costs one per time it would
be resolved (scalars are free: they are read from data already fetched), and a field's `first`
argument multiplies what is nested under it, so `first: 100` three levels deep
costs a million and is refused while the same query with `first: 10` passes. Lists without `first`
(sources, evidence, trace steps) count as LIST_FANOUT items. Introspection is exempt: its size is
bounded by the schema's, not by the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_interface_type,
    is_object_type,
)

from graphsvc.api.errors import ApiError, ErrorCode, bad_input
from graphsvc.api.settings import Limits

LIST_FANOUT = 5
"""What a list without `first` is assumed to hold when estimating cost."""


@dataclass
class Measure:
    """The size of one operation, as far as the limits care."""

    depth: int = 0
    aliases: int = 0
    cost: int = 0


def check_limits(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict[str, Any],
    limits: Limits,
) -> Measure:
    """Measure `operation` and raise QUERY_TOO_COMPLEX (or BAD_USER_INPUT for `first`) if needed."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    root = schema.get_root_type(operation.operation)
    assert root is not None
    walker = _Walker(schema, fragments, variables, limits)
    walker.walk(operation.selection_set, root, depth=1, multiplier=1)
    measure = walker.measure
    problems = []
    if measure.depth > limits.max_depth:
        problems.append(f"it nests {measure.depth} levels deep (at most {limits.max_depth})")
    if measure.aliases > limits.max_aliases:
        problems.append(f"it uses {measure.aliases} aliases (at most {limits.max_aliases})")
    if measure.cost > limits.max_cost:
        problems.append(
            f"its estimated cost is {measure.cost} (at most {limits.max_cost}); "
            "ask for fewer items with `first` or nest less"
        )
    if problems:
        raise ApiError(
            ErrorCode.QUERY_TOO_COMPLEX,
            "the query was refused before running: " + "; ".join(problems),
            depth=measure.depth,
            aliases=measure.aliases,
            cost=measure.cost,
        )
    return measure


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: dict[str, Any],
        limits: Limits,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        self.measure = Measure()

    def walk(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        depth: int,
        multiplier: int,
        seen: frozenset[str] = frozenset(),
    ) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                self._field(selection, parent, depth, multiplier, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    self._type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                self.walk(selection.selection_set, condition, depth, multiplier, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue
                self.walk(
                    fragment.selection_set,
                    self._type(fragment.type_condition.name.value),
                    depth,
                    multiplier,
                    seen | {name},
                )

    def _type(self, name: str) -> Any:
        return self.schema.get_type(name)

    def _field(
        self, node: FieldNode, parent: Any, depth: int, multiplier: int, seen: frozenset[str]
    ) -> None:
        name = node.name.value
        if name.startswith("__"):
            return
        if node.alias is not None:
            self.measure.aliases += 1
        if not (is_object_type(parent) or is_interface_type(parent)):
            return
        definition = parent.fields.get(name)
        if definition is None:
            return
        self.measure.depth = max(self.measure.depth, depth)
        if node.selection_set is not None:
            self.measure.cost += multiplier
        factor = 1
        if "first" in definition.args:
            factor = self._first(node, definition.args["first"].default_value)
        elif _is_list(definition.type) and not parent.name.endswith("Connection"):
            factor = LIST_FANOUT
        self.walk(
            node.selection_set,
            get_named_type(definition.type),
            depth + 1,
            multiplier * factor,
            seen,
        )

    def _first(self, node: FieldNode, default: Any) -> int:
        value: Any = None
        for argument in node.arguments or ():
            if argument.name.value != "first":
                continue
            if isinstance(argument.value, IntValueNode):
                value = int(argument.value.value)
            elif isinstance(argument.value, VariableNode):
                value = self.variables.get(argument.value.name.value)
        if value is None:
            value = default if isinstance(default, int) else self.limits.default_page_size
        if not isinstance(value, int) or value < 0 or value > self.limits.max_page_size:
            raise bad_input(
                f"`first` must be between 0 and {self.limits.max_page_size}; "
                f"got {value!r} on `{node.name.value}`"
            )
        return max(value, 1)


def _is_list(graphql_type: Any) -> bool:
    while isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)
