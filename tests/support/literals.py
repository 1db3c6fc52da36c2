"""The string literals of graphsvc's own code, docstrings aside: what the guard tests scan for
names that only the model (or one declaring module) may write."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "graphsvc"


def _docstrings(tree: ast.Module) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # an attribute docstring: a bare string right after an assignment
        for block in (getattr(node, "body", None), getattr(node, "orelse", None)):
            if isinstance(block, list):
                for first, second in pairwise(block):
                    if (
                        isinstance(first, ast.Assign | ast.AnnAssign)
                        and isinstance(second, ast.Expr)
                        and isinstance(second.value, ast.Constant)
                    ):
                        found.add(id(second.value))
    return found


def literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal in `path` that is not a docstring; the pieces of an
    f-string come one by one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def package_literals() -> Iterator[tuple[Path, int, str]]:
    """(path, line, text) of every such literal in the package, modules in name order."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in literals(path):
            yield path, line, text
