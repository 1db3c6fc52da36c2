"""What a request may ask for, measured on the parsed query before it is validated or run.

Fields, aliases, depth and a cost estimate. Every field counts, `__typename` and introspection
included, as often as it would be resolved: a fragment spread twice counts twice. Each field that
returns objects costs one per time it would be resolved (scalars are free: they are read from data
already fetched), and a field's `first` argument multiplies what is nested under it, so
`first: 100` three levels deep costs a million and is refused while the same query with
`first: 10` passes. Lists without `first` (sources, evidence, trace steps) count as LIST_FANOUT
items; introspection lists count as what the schema really holds (all its types, and per type
the schema's average number of fields, arguments, enum values ...), so the estimate for the
standard introspection query is its real size.

The measure is taken before validation because validation itself costs time that grows with the
square of repeated fields (the rule that checks that fields of one name can be merged): a query
must first be small enough to validate. It is linear in the document: each fragment is measured
once and its measure reused, scaled, at every spread, so fragments that spread each other twice
per level cost nothing extra to refuse. `first` is read from literals, the variables sent, and
the operation's variable defaults.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
    is_union_type,
    value_from_ast_untyped,
)
from graphql.type.introspection import (
    SchemaMetaFieldDef,
    TypeMetaFieldDef,
    TypeNameMetaFieldDef,
)

from graphsvc.service.errors import ApiError, ErrorCode, bad_input
from graphsvc.service.settings import Limits

LIST_FANOUT = 5
"""What a list without `first` is assumed to hold when estimating cost."""

MAX_REPEATS = 10
"""How often one response name may be selected on one type in one selection set. Validation
compares every pair of such fields, so 430 copies of one field cost seconds; nobody needs more
than a few (the same field in a fragment and beside it)."""


@dataclass
class Measure:
    """The size of one operation (or one fragment, per unit of multiplier), as the limits see it."""

    depth: int = 0
    aliases: int = 0
    fields: int = 0
    cost: float = 0.0
    introspection: bool = False
    """Whether it asks for `__schema` or `__type` (which anonymous callers may be refused)."""

    def add(self, other: Measure, depth: int, multiplier: float) -> None:
        """Add `other`, measured at depth 0 with multiplier 1, as found at `depth`."""
        if other.depth:
            self.depth = max(self.depth, depth + other.depth)
        self.aliases += other.aliases
        self.fields += other.fields
        self.cost += multiplier * other.cost
        self.introspection = self.introspection or other.introspection


@dataclass
class _Fragment:
    measure: Measure = field(default_factory=Measure)
    names: Counter[tuple[str, str]] = field(default_factory=Counter)
    """The (type, response name) pairs the fragment adds to the selection set it is spread in."""


def check_limits(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict[str, Any],
    limits: Limits,
) -> Measure:
    """Measure `operation` and raise QUERY_TOO_COMPLEX (or BAD_USER_INPUT for `first`) if needed."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        raise bad_input(f"this service has no {operation.operation.value} operations")
    walker = _Walker(schema, document, _variable_values(operation, variables), limits)
    measure = Measure()
    walker.walk(operation.selection_set, root, measure, depth=1, multiplier=1)
    _refuse_if_too_large(measure, limits)
    return measure


def _variable_values(
    operation: OperationDefinitionNode, variables: dict[str, Any]
) -> dict[str, Any]:
    """The variables sent, completed with the operation's defaults for those not sent."""
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name in variables:
            values[name] = variables[name]
        elif definition.default_value is not None:
            values[name] = value_from_ast_untyped(definition.default_value)
    return values


def _refuse_if_too_large(measure: Measure, limits: Limits) -> None:
    problems = []
    if measure.fields > limits.max_fields:
        problems.append(
            f"it selects {measure.fields} fields, counting each fragment spread "
            f"(at most {limits.max_fields})"
        )
    if measure.depth > limits.max_depth:
        problems.append(f"it nests {measure.depth} levels deep (at most {limits.max_depth})")
    if measure.aliases > limits.max_aliases:
        problems.append(f"it uses {measure.aliases} aliases (at most {limits.max_aliases})")
    cost = round(measure.cost)
    if cost > limits.max_cost:
        problems.append(
            f"its estimated cost is {cost} (at most {limits.max_cost}); "
            "ask for fewer items with `first` or nest less"
        )
    if problems:
        raise ApiError(
            ErrorCode.QUERY_TOO_COMPLEX,
            "the query was refused before running: " + "; ".join(problems),
            depth=measure.depth,
            aliases=measure.aliases,
            fields=measure.fields,
            cost=cost,
        )


class _Walker:
    """Walks an operation once, each fragment once; `visits` counts the selections it looked at."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: dict[str, Any],
        limits: Limits,
    ) -> None:
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = variables
        self.limits = limits
        self.fanouts = introspection_fanouts(schema)
        self.done: dict[str, _Fragment] = {}
        self.visits = 0

    def walk(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        into: Measure,
        depth: int,
        multiplier: float,
    ) -> Counter[tuple[str, str]]:
        """Add the selections' measure to `into`; return the (type, response name) they select.

        Fields selected on different types (`... on City { name } ... on Event { name }`) are
        not repeats: only one of them applies to any one object.
        """
        names: Counter[tuple[str, str]] = Counter()
        if selection_set is None:
            return names
        spread: set[str] = set()
        for selection in selection_set.selections:
            self.visits += 1
            if isinstance(selection, FieldNode):
                names[(getattr(parent, "name", ""), (selection.alias or selection.name).value)] += 1
                self._field(selection, parent, into, depth, multiplier)
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                names += self.walk(selection.selection_set, condition, into, depth, multiplier)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self._fragment(selection.name.value)
                into.add(fragment.measure, depth - 1, multiplier)
                if selection.name.value not in spread:  # execution merges repeated spreads
                    spread.add(selection.name.value)
                    names += fragment.names
        repeated = [(name, count) for name, count in names.items() if count > MAX_REPEATS]
        if repeated:
            (_, name), count = repeated[0]
            raise ApiError(
                ErrorCode.QUERY_TOO_COMPLEX,
                f"the query was refused before running: it selects `{name}` {count} times in "
                f"one selection set (at most {MAX_REPEATS}); select it once, or give each copy "
                "an alias",
            )
        return names

    def _fragment(self, name: str) -> _Fragment:
        """The fragment's measure per unit of multiplier, from depth 0, computed once."""
        found = self.done.get(name)
        if found is not None:
            return found
        fragment = _Fragment()
        self.done[name] = fragment  # a cycle (refused by validation later) meets an empty one
        definition = self.fragments.get(name)
        if definition is not None:
            condition = self.schema.get_type(definition.type_condition.name.value)
            fragment.names = self.walk(
                definition.selection_set, condition, fragment.measure, depth=1, multiplier=1
            )
        return fragment

    def _field(
        self, node: FieldNode, parent: Any, into: Measure, depth: int, multiplier: float
    ) -> None:
        into.fields += 1
        if not getattr(parent, "name", "").startswith("__"):  # introspection: bounded by cost
            into.depth = max(into.depth, depth)
        if node.alias is not None:
            into.aliases += 1
        definition = self._definition(node.name.value, parent)
        if definition is None:
            return  # validation will name the unknown field
        if node.name.value in ("__schema", "__type"):
            into.introspection = True
        if node.selection_set is not None:
            into.cost += multiplier
        factor: float = 1
        if "first" in definition.args:
            factor = self._first(node, definition.args["first"].default_value)
        elif (parent.name, node.name.value) in self.fanouts:
            factor = self.fanouts[(parent.name, node.name.value)]
        elif _is_list(definition.type) and not parent.name.endswith("Connection"):
            factor = LIST_FANOUT
        self.walk(
            node.selection_set,
            get_named_type(definition.type),
            into,
            depth + 1,
            multiplier * factor,
        )

    def _definition(self, name: str, parent: Any) -> GraphQLField | None:
        if name == "__typename":
            return TypeNameMetaFieldDef
        if name in ("__schema", "__type"):
            if parent is not self.schema.get_root_type(OperationType.QUERY):
                return None
            return SchemaMetaFieldDef if name == "__schema" else TypeMetaFieldDef
        if not (is_object_type(parent) or is_interface_type(parent)):
            return None
        found: GraphQLField | None = parent.fields.get(name)
        return found

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
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < 0
            or value > self.limits.max_page_size
        ):
            raise bad_input(
                f"`first` must be between 0 and {self.limits.max_page_size}; "
                f"got {value!r} on `{node.name.value}`"
            )
        return max(value, 1)


@cache
def introspection_fanouts(schema: GraphQLSchema) -> dict[tuple[str, str], float]:
    """How many items each introspection list holds, on average, in this schema.

    `types` holds every type; `fields` under it the average per type, so that `types { fields }`
    multiplies out to the schema's total number of fields, and so on down.
    """
    types = list(schema.type_map.values())
    with_fields = [t for t in types if is_object_type(t) or is_interface_type(t)]
    fields = [f for t in with_fields for f in t.fields.values()]
    directives = list(schema.directives)
    count = max(len(types), 1)
    return {
        ("__Schema", "types"): len(types),
        ("__Schema", "directives"): len(directives),
        ("__Type", "fields"): len(fields) / count,
        ("__Type", "inputFields"): sum(len(t.fields) for t in types if is_input_object_type(t))
        / count,
        ("__Type", "enumValues"): sum(len(t.values) for t in types if is_enum_type(t)) / count,
        ("__Type", "interfaces"): sum(len(t.interfaces) for t in with_fields) / count,
        ("__Type", "possibleTypes"): sum(
            len(schema.get_possible_types(t))
            for t in types
            if is_interface_type(t) or is_union_type(t)
        )
        / count,
        ("__Field", "args"): sum(len(f.args) for f in fields) / max(len(fields), 1),
        ("__Directive", "args"): sum(len(d.args) for d in directives) / max(len(directives), 1),
    }


def _is_list(graphql_type: Any) -> bool:
    while isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)
