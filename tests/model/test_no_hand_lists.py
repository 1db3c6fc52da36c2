"""No relationship type is typed by hand outside the model: code asks the model what links mean.

Scans every string literal in the package (docstrings aside) for a relationship type name as a
whole word. Cypher that needs a type interpolates it from the model (`FUNDS.type`,
`either(MODEL.relationships_in("place"))`), so a new relationship kind declared with its meaning
reaches every query, map and export without another list to update.
"""

import ast
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from graphsvc.model import MODEL, PROVENANCE_TYPE

PACKAGE = Path(__file__).resolve().parents[2] / "graphsvc"
TYPE_NAME = re.compile(r"\b(" + "|".join((*MODEL.relationship_types, PROVENANCE_TYPE)) + r")\b")


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


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def test_relationship_types_are_typed_only_in_the_model() -> None:
    offending = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {match.group(0)}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if PACKAGE / "model" not in path.parents
        for line, text in _literals(path)
        for match in TYPE_NAME.finditer(text)
    ]
    assert not offending, "relationship types typed by hand:\n" + "\n".join(offending)


def test_the_scan_sees_cypher_in_f_strings() -> None:
    sample = 'QUERY = f"MATCH (a)-[:FUNDS]->(b:{label})"\n'
    tree = ast.parse(sample)
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(TYPE_NAME.search(str(text)) for text in texts)
