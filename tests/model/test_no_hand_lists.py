"""No relationship type is typed by hand outside the model: code asks the model what links mean.

Scans every string literal in the package (docstrings aside) for a relationship type name as a
whole word. Cypher that needs a type interpolates it from the model (`FUNDS.type`,
`either(MODEL.relationships_in("place"))`), so a new relationship kind declared with its meaning
reaches every query, map and export without another list to update.
"""

import ast
import re

from literals import PACKAGE, package_literals

from graphsvc.model import MODEL, PROVENANCE_TYPE

TYPE_NAME = re.compile(r"\b(" + "|".join((*MODEL.relationship_types, PROVENANCE_TYPE)) + r")\b")


def test_relationship_types_are_typed_only_in_the_model() -> None:
    offending = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {match.group(0)}"
        for path, line, text in package_literals()
        if PACKAGE / "model" not in path.parents
        for match in TYPE_NAME.finditer(text)
    ]
    assert not offending, "relationship types typed by hand:\n" + "\n".join(offending)


def test_the_scan_sees_cypher_in_f_strings() -> None:
    sample = 'QUERY = f"MATCH (a)-[:FUNDS]->(b:{label})"\n'
    tree = ast.parse(sample)
    texts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
    assert any(TYPE_NAME.search(str(text)) for text in texts)
