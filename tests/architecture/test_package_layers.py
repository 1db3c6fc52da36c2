"""The parts of graphsvc form layers: each imports only from the layers below, never in a cycle.

Data flows one way (model -> store -> the stages that read and write it -> the service layer ->
the edges that serve it -> the composition root -> the CLI), and an import against that flow is
how a package starts to need one above it: the api <-> web <-> maps and store -> intake -> ingest
cycles of the past each began with one such line. The imports are read from the source with `ast`
(every `import`, at module level or inside a function), so the test needs nothing running.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "graphsvc"

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "errors", "config", "urls", "pins"}),
    frozenset({"model", "managed"}),
    frozenset({"store", "neo4j_server", "nlp"}),
    frozenset({"ingest", "export", "resolution", "iati", "intake", "maps"}),
    frozenset({"service"}),
    frozenset({"api", "web"}),
    frozenset({"server"}),
    frozenset({"cli"}),
)
"""Each part of graphsvc (a subpackage, or a top-level module) by layer, lowest first."""

INDEPENDENT = frozenset({frozenset({"api", "web"})})
"""Parts of one layer that must not import each other at all: GraphQL and the pages are siblings
over the service layer."""


def _part(module: str) -> str | None:
    """The part of graphsvc a dotted module name belongs to (None outside graphsvc)."""
    names = module.split(".")
    if names[0] != "graphsvc" or len(names) < 2:
        return None
    return names[1]


def _imports(package: Path = PACKAGE) -> dict[tuple[str, str], list[str]]:
    """(importing part, imported part) -> the places that import across them."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent)
        here = _part(".".join(relative.with_suffix("").parts))
        assert here is not None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
                if node.module == "graphsvc":
                    targets = [
                        f"graphsvc.{alias.name}"
                        for alias in node.names
                        if (package / alias.name).is_dir()
                        or (package / f"{alias.name}.py").exists()
                    ]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                there = _part(target)
                if there is not None and there != here:
                    found[(here, there)].append(f"{relative}:{node.lineno} imports {target}")
    return found


def _layer(part: str) -> int:
    for number, members in enumerate(LAYERS):
        if part in members:
            return number
    raise AssertionError(
        f"graphsvc.{part} is in no layer: add it to LAYERS in {Path(__file__).name}"
    )


def test_every_part_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    parts -= {"__init__", "__pycache__"}
    for part in sorted(parts):
        if (PACKAGE / part).is_dir() or part.endswith(".py") or (PACKAGE / f"{part}.py").exists():
            _layer(part.removesuffix(".py"))


def test_no_part_imports_a_layer_above_it() -> None:
    upward = [
        place
        for (here, there), places in _imports().items()
        if _layer(there) > _layer(here)
        for place in places
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_independent_parts_do_not_import_each_other() -> None:
    crossing = [
        place
        for (here, there), places in _imports().items()
        if frozenset({here, there}) in INDEPENDENT
        for place in places
    ]
    assert not crossing, "siblings importing each other:\n" + "\n".join(crossing)


def test_parts_import_each_other_in_no_cycle() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for here, there in _imports():
        edges[here].add(there)
    visiting: list[str] = []
    done: set[str] = set()

    def visit(part: str) -> None:
        if part in done:
            return
        if part in visiting:
            cycle = [*visiting[visiting.index(part) :], part]
            raise AssertionError("package cycle: " + " -> ".join(cycle))
        visiting.append(part)
        for there in sorted(edges[part]):
            visit(there)
        visiting.pop()
        done.add(part)

    for part in sorted(edges):
        visit(part)


def test_the_walk_finds_imports_inside_functions(tmp_path: Path) -> None:
    """A lazy import counts like any other (the maps' upward import of old was one)."""
    package = tmp_path / "graphsvc"
    (package / "maps").mkdir(parents=True)
    (package / "maps" / "abridged.py").write_text(
        "def link():\n    from graphsvc.web.urls import list_url\n    return list_url\n"
    )
    (package / "errors.py").write_text("from graphsvc import maps, version_text\n")
    found = _imports(package)
    assert found == {
        ("maps", "web"): ["graphsvc/maps/abridged.py:2 imports graphsvc.web.urls"],
        ("errors", "maps"): ["graphsvc/errors.py:1 imports graphsvc.maps"],
    }
