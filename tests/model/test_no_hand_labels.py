"""No node kind is typed by hand outside the model: Cypher and code ask the model for labels.

Labels are also English words (a Source, an Event, a Programme), so prose may say them; what the
scan refuses is a label where it acts as one: in Cypher's label position (`(p:Programme)`,
`n:City`, `|Event`), quoted inside a statement (`'Source'`), or as a whole string literal
(`kind == "Event"`, `Head("Institution", ...)`). Code names a kind through its constant
(`PROGRAMME.label`) or by role (`MODEL.kinds_in("place")`), so a kind given a role is found by
every query, map and page that asks for that role.
"""

from __future__ import annotations

import re

from literals import PACKAGE, package_literals

from graphsvc.intake.recognise.rules import RULES
from graphsvc.model import ENTITY_LABEL, FUNDER_LABEL, MODEL

LABELS = (*MODEL.labels, FUNDER_LABEL, ENTITY_LABEL)
_NAMES = "|".join(LABELS)
AS_LABEL = re.compile(rf"[:|&!]`?({_NAMES})\b`?|'({_NAMES})'")
"""A label in Cypher's label position, or quoted as a Cypher string."""

EXCEPTIONS: dict[str, str] = {
    "intake/recognise/rules.py": "the recogniser's word tables, one per language: data to be "
    "read from files, whose labels a test checks against the model instead "
    "(test_the_recognisers_tables_name_only_the_models_kinds)",
}
"""Modules allowed to write labels, each with the reason; everything else asks the model."""


def _offending() -> list[str]:
    found = []
    for path, line, text in package_literals():
        where = path.relative_to(PACKAGE).as_posix()
        if PACKAGE / "model" in path.parents or where in EXCEPTIONS:
            continue
        names = [m.group(1) or m.group(2) for m in AS_LABEL.finditer(text)]
        if text.strip() in LABELS:
            names.append(text.strip())
        found += [f"graphsvc/{where}:{line}: {name}" for name in names]
    return found


def test_labels_are_typed_only_in_the_model() -> None:
    offending = _offending()
    assert not offending, "node labels typed by hand:\n" + "\n".join(offending)


def test_the_exceptions_exist() -> None:
    for where in EXCEPTIONS:
        assert (PACKAGE / where).is_file(), where


def test_the_scan_sees_labels_in_cypher_and_comparisons() -> None:
    for sample in (
        "MATCH (p:Programme)",
        "WHERE NOT n:City AND n:`Country`",
        "MATCH (n:Programme|Event)",
        "{label: 'Source', node: n}",
    ):
        assert AS_LABEL.search(sample), sample
    for prose in ("The Source documents that support it.", "The activity (a Programme)."):
        assert not AS_LABEL.search(prose), prose


def test_the_recognisers_tables_name_only_the_models_kinds() -> None:
    for language, rules in RULES.items():
        named = {head.label for head in rules.heads.values()} | set(rules.quotes_for.values())
        assert named <= set(MODEL.labels), (language, sorted(named - set(MODEL.labels)))
