"""Names a document defines with an acronym in brackets, found again wherever the acronym recurs.

"The Regional Water Observatory (RWO) ... RWO published ..." names one organisation twice; the
second time only by its acronym, which no other rule can read as a name. Each "Name (ACRONYM)"
whose acronym could abbreviate the name becomes an entity of the document, and its later bare
acronyms are found by the same automaton as the graph's known names.
"""

from __future__ import annotations

import re

from graphsvc.intake.recognise.known import KnownName, KnownNames
from graphsvc.intake.recognise.rules import RULES, LanguageRules
from graphsvc.model.names import name_key

_ACRONYM = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z0-9&\-]{1,11})\)")


def defined(text: str, rules: LanguageRules, names: re.Pattern[str]) -> KnownNames:
    """The document's own "Name (ACR)" definitions, as known names under ids `doc:` + name."""
    heads = {**RULES["en"].heads, **rules.heads}
    found: dict[str, KnownName] = {}
    for match in names.finditer(text):
        bracket = _ACRONYM.match(text, match.end())
        if bracket is None:
            continue
        name = _strip_determiner(match.group(0), rules)
        acronym = bracket.group("a")
        words = name_key(name).split()
        if len(words) < 2 or not _abbreviates(acronym, name):
            continue
        head = heads.get(words[-1]) or heads.get(words[0])
        label = head.label if head is not None else "Institution"
        found.setdefault(name, KnownName(f"doc:{name}", label, name, (acronym,)))
    return KnownNames.build(found.values())


def _strip_determiner(name: str, rules: LanguageRules) -> str:
    for determiner in rules.determiners:
        if name.startswith(determiner + " "):
            return name[len(determiner) + 1 :]
    return name


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's capitals start words of the name, in order (in any language)."""
    initials = [w[0].upper() for w in re.findall(r"[\w’']+", name) if w[0].isalpha()]
    letters = [c for c in acronym if c.isupper()]
    if not letters or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        try:
            position = initials.index(letter, position) + 1
        except ValueError:
            return False
    return True
