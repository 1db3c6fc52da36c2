"""Role titles before a name: "Director of the Harbour Network" is a person's role, not a name.

A role is a few words one of which begins like a role title of the language (`LanguageRules.roles`,
with English's, since English titles appear in every language's news), followed by the words that
tie it to an institution (`LanguageRules.affiliations`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphsvc.intake.recognise.rules import RULES, LanguageRules
from graphsvc.model.names import name_key

DETERMINER = r"(?:the\s+|la\s+|le\s+|les\s+|el\s+|los\s+|las\s+|els\s+|l'|l’)?"
ROLE_WORDS = r"[\w’'\-]+(?:\s+[\w’'\-]+){0,5}?"


@lru_cache(maxsize=8)
def affiliation(rules: LanguageRules) -> str:
    """A pattern for the words between a role or person and an institution ("of the", "del")."""
    words = {*rules.affiliations, *RULES["en"].affiliations}
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(
        re.escape(w) if w.endswith(("'", "’")) else re.escape(w) + r"\s+" for w in ordered
    )
    return rf"(?:{alternatives})"


def stems(rules: LanguageRules) -> tuple[str, ...]:
    return (*rules.roles, *RULES["en"].roles)


def is_role(words: str, rules: LanguageRules) -> bool:
    folded = name_key(words).split()
    return 0 < len(folded) <= 6 and any(w.startswith(stems(rules)) for w in folded)


def role_prefix(name: str, rules: LanguageRules) -> int:
    """How many characters of `name` are a leading role title and its tie ("Director of the ")."""
    match = re.match(rf"({ROLE_WORDS})\s+{affiliation(rules)}{DETERMINER}", name)
    if match is None or not is_role(match.group(1), rules):
        return 0
    return match.end()
