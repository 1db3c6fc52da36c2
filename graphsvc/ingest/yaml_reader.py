"""Read seed YAML files, remembering the line every mapping starts on.

Validation errors must name the file and line of the offending entry, which plain `yaml.safe_load`
forgets; this loader keeps it. Timestamps stay strings, so that `2012-05-30` and `--05-30` reach
the partial-date parser alike instead of half of them becoming `datetime.date` objects.

Aliases are bounded before anything is built: nine levels of anchors that each repeat the one
below ("billion laughs") fit in 1 KB and stand for a billion values, which any code that walks
or prints them (a problem message) would expand. Seeds need aliases for a repeated list of
sources at most, so a file whose aliases stand for more than `ALIAS_EXPANSION_LIMIT` values is
refused, with its line, before it is constructed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graphsvc.errors import SeedProblem
from graphsvc.ingest.values import shown


class LocatedDict(dict[str, Any]):
    """A YAML mapping that knows the (1-based) line it started on."""

    line: int = 0


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python."""


ALIAS_EXPANSION_LIMIT = 10_000
"""How many values a file's aliases may stand for in all (each use counts what it repeats)."""


class AliasBombError(Exception):
    """A file's aliases expand beyond the bound, or an alias refers to the node holding it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _LocatingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that builds LocatedDicts, leaves timestamps as strings and bounds aliases."""

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        check_aliases(node)
        return self.construct_document(node)


_LocatingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_located_mapping(loader: _LocatingLoader, node: yaml.MappingNode) -> LocatedDict:
    mapping = LocatedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {shown(key)} appears twice in one entry", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_LocatingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_located_mapping
)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value


def check_aliases(root: yaml.Node, limit: int = ALIAS_EXPANSION_LIMIT) -> None:
    """Raise AliasBombError when the composed document's aliases stand for over `limit` values.

    The composer gives every use of an alias the anchored node itself, so a node met again is an
    alias use. Each node's expanded size is computed once (iteratively, in document order); the
    uses add up, and the collection holding the use that crosses the bound is the line reported.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = {id(root)}
    stack: list[tuple[yaml.Node, Iterator[yaml.Node], list[int]]] = [(root, _children(root), [1])]
    repeated = 0
    while stack:
        node, children, total = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            open_nodes.discard(id(node))
            sizes[id(node)] = total[0]
            if stack:
                stack[-1][2][0] += total[0]
            continue
        if id(child) in open_nodes:
            raise AliasBombError(
                node.start_mark.line + 1, "has an alias that refers to a node containing it"
            )
        size = sizes.get(id(child))
        if size is None:
            open_nodes.add(id(child))
            stack.append((child, _children(child), [1]))
            continue
        repeated += size
        total[0] += size
        if repeated > limit:
            raise AliasBombError(
                node.start_mark.line + 1,
                f"uses aliases that stand for more than {limit:,} values in all; write the "
                "values out instead of repeating anchors",
            )


@dataclass(frozen=True)
class SeedDocument:
    """One parsed seed file: its name as shown in messages, and its top-level mapping."""

    name: str
    content: LocatedDict


def seed_files(path: Path) -> list[Path]:
    """The YAML files a load of `path` reads: the file itself, or every *.yaml/*.yml below it."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def read_seed_documents(path: Path) -> tuple[list[SeedDocument], list[SeedProblem]]:
    """Parse every seed file under `path`; syntax errors come back as problems, not exceptions."""
    documents: list[SeedDocument] = []
    problems: list[SeedProblem] = []
    if not path.exists():
        return [], [SeedProblem(str(path), None, None, None, "no such file or directory")]
    files = seed_files(path)
    if not files:
        problems.append(SeedProblem(str(path), None, None, None, "contains no .yaml files"))
    for file in files:
        name = _display_name(file)
        try:
            content = yaml.load(file.read_text(encoding="utf-8"), Loader=_LocatingLoader)
        except AliasBombError as exc:
            problems.append(SeedProblem(name, exc.line, None, None, exc.message))
            continue
        except RecursionError:
            problems.append(SeedProblem(name, None, None, None, "is nested too deeply"))
            continue
        except UnicodeDecodeError as exc:
            problems.append(
                SeedProblem(name, None, None, None, f"is not UTF-8 text ({exc.reason})")
            )
            continue
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            problems.append(
                SeedProblem(name, line, None, None, f"is not valid YAML: {exc.problem}")
            )
            continue
        if content is None:
            content = LocatedDict()
        if not isinstance(content, LocatedDict):
            problems.append(
                SeedProblem(
                    name,
                    1,
                    None,
                    None,
                    "must be a mapping from node kinds (and 'relationships') to lists of entries",
                )
            )
            continue
        documents.append(SeedDocument(name, content))
    return documents, problems


def _display_name(file: Path) -> str:
    """The file's path relative to the working directory when it lies below it."""
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)
