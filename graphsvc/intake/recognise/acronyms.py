"""Names a document defines with an acronym in brackets, found again wherever the acronym recurs.

"The Regional Water Observatory (RWO) ... RWO published ..." names one organisation twice; the
second time only by its acronym, which no other rule can read as a name. A bare acronym the
document repeats, and a coined word with a capital inside it standing alone ("MedCities"), name
a body too. Each "Name (ACRONYM)"
whose acronym could abbreviate the name becomes an entity of the document, and its later bare
acronyms are found by the same automaton as the graph's known names.
"""

from __future__ import annotations

import re

from graphsvc.intake.recognise import countries, places
from graphsvc.intake.recognise.known import KnownNames
from graphsvc.intake.recognise.rules import RULES, LanguageRules
from graphsvc.model.domain import INSTITUTION, PROGRAMME
from graphsvc.model.names import KnownName, name_key

_ACRONYM = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z0-9&\-]{1,11})\)")


def defined(text: str, rules: LanguageRules, names: re.Pattern[str]) -> KnownNames:
    """The document's own "Name (ACR)" definitions, as known names under ids `doc:` + name."""
    heads = {**RULES["en"].heads, **rules.heads}
    found: dict[str, KnownName] = {}
    programmes = [w for w, h in heads.items() if h.label == PROGRAMME.label]
    trailing = re.compile(rf"\s+(?:{'|'.join(map(re.escape, programmes))})(?=\s*\()", re.I)
    for match in names.finditer(text):
        end = match.end()
        head_after = trailing.match(text, end)  # "the Blue Coast Towns project (BCT)"
        if head_after is not None:
            end = head_after.end()
        bracket = _ACRONYM.match(text, end)
        if bracket is None:
            continue
        name = _strip_determiner(text[match.start() : end], rules)
        acronym = bracket.group("a")
        words = name_key(name).split()
        if len(words) < 2 or not _abbreviates(acronym, name):
            continue
        head = heads.get(words[-1]) or heads.get(words[0])
        label = head.label if head is not None else INSTITUTION.label
        found.setdefault(name, KnownName(f"doc:{name}", label, name, (acronym,)))
    defined_ = {a for k in found.values() for a in k.aliases}
    for acronym in _recurring(text) - defined_:
        found.setdefault(acronym, KnownName(f"doc:{acronym}", INSTITUTION.label, acronym))
    for word in _coined(text) - defined_:  # "MedCities"
        found.setdefault(word, KnownName(f"doc:{word}", INSTITUTION.label, word))
    return KnownNames.build(found.values())


RECURRING = 2
"""How often a bare acronym must recur for the document to be taken as naming a body by it."""
_CAMEL = re.compile(r"(?<![\w\-])[A-Z][a-zà-ÿ]+[A-Z][a-zà-ÿ]{2,}(?![\w\-])")
"""A word with a capital inside it is a coined name, which bodies and networks often take."""
_BARE = re.compile(r"(?<![\w\-])[A-Z]{3,8}(?![\w\-])")


def _coined(text: str) -> set[str]:
    """Coined words standing alone: not a surname after a first name, nor part of a longer name."""
    found = set()
    for match in _CAMEL.finditer(text):
        before = re.search(r"(\S+)\s+$", text[max(0, match.start() - 30) : match.start()])
        after = re.match(r"\s+(\S+)", text[match.end() : match.end() + 30])
        if (before and before.group(1)[0].isupper() and not before.group(1).endswith(".")) or (
            after and after.group(1)[0].isupper()
        ):
            continue
        word = match.group()
        if countries.lookup(word) is None and places.lookup(word) is None:
            found.add(word)
    return found


def _recurring(text: str) -> set[str]:
    """Acronyms no bracket defines but the document names a body by, again and again ("AMB").

    Countries, cities and shouting (a line in capitals) are left out.
    """
    counts: dict[str, int] = {}
    for line in text.splitlines():
        if sum(c.isupper() for c in line) > len(line) / 2:
            continue
        for match in _BARE.finditer(line):
            counts[match.group()] = counts.get(match.group(), 0) + 1
    return {
        acronym
        for acronym, count in counts.items()
        if count >= RECURRING
        and countries.lookup(acronym) is None
        and places.lookup(acronym) is None
    }


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
