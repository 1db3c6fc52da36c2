"""Read seed YAML files, remembering the line every mapping starts on.

Validation errors must name the file and line of the offending entry, which plain `yaml.safe_load`
forgets; this loader keeps it. Timestamps stay strings, so that `2012-05-30` and `--05-30` reach
the partial-date parser alike instead of half of them becoming `datetime.date` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graphsvc.errors import SeedProblem


class LocatedDict(dict[str, Any]):
    """A YAML mapping that knows the (1-based) line it started on."""

    line: int = 0


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python."""


class _LocatingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that builds LocatedDicts and leaves timestamps as strings."""


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
                None, None, f"key {key!r} appears twice in one entry", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_LocatingLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_located_mapping
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
