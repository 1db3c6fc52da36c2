"""Find institutions that may be the same: normalised fuzzy names within the same country.

Resolution order (the first two happen during an import, see `graphsvc.iati.mapping`):
1. exact external identifier (`org_ref` on a curated institution);
2. the curated alias table: a curated institution's name and aliases (acronyms included);
3. here: a normalised fuzzy match (accents, case and punctuation folded; rapidfuzz's token-sort
   ratio) between institutions whose countries agree (or one has none), proposed as a candidate
   pair for a person to accept or reject. Pairs already decided are never proposed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from graphsvc.model.identifiers import IMPORTED_ORGANISATION
from graphsvc.model.names import name_key
from graphsvc.store import duplicates
from graphsvc.store.database import Database

THRESHOLD = 88.0
IMPORTED = IMPORTED_ORGANISATION
"""How the id of an institution an import made begins: curators did not make it."""
COMMON_WORD = 50
"""A word shared by more institutions than this (ministry, partner) does not make them
comparable: only pairs sharing a rarer word are scored, which keeps a scan near-linear."""
_STOP_WORDS = {
    "the",
    "of",
    "and",
    "for",
    "de",
    "la",
    "le",
    "les",
    "des",
    "du",
    "et",
    "del",
    "y",
    "en",
    "und",
    "fur",
    "di",
    "da",
}
_INTERNATIONAL = {"XM", "XI", "XA", "XB", "XR", "XT"}


@dataclass(frozen=True)
class Institution:
    """What resolution compares: names, aliases, country, and whether curators made it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    curated: bool


def country_of_ref(ref: str | None) -> str | None:
    """The country an organisation identifier's registration agency belongs to (GB-CHC -> GB)."""
    if not ref or len(ref) < 3 or ref[2] != "-":
        return None
    prefix = ref[:2].upper()
    return None if prefix in _INTERNATIONAL or not prefix.isalpha() else prefix


def institutions(database: Database) -> list[Institution]:
    rows = duplicates.institutions_to_compare(database)
    return [
        Institution(
            row["id"],
            row["name"],
            tuple(row["aliases"]),
            row["country"] or country_of_ref(row["ref"]),
            not row["id"].startswith(IMPORTED),
        )
        for row in rows
    ]


def similarity(left: Institution, right: Institution) -> tuple[float, str]:
    """The best score over every pair of their names and aliases, and why."""
    left_keys = {name_key(n) for n in (left.name, *left.aliases)} - {""}
    right_keys = {name_key(n) for n in (right.name, *right.aliases)} - {""}
    if left_keys & right_keys:
        return 100.0, "same name or alias"
    best = max((fuzz.token_sort_ratio(a, b) for a in left_keys for b in right_keys), default=0.0)
    return float(best), f"names {best:.0f}% alike"


def _keys(institution: Institution) -> set[str]:
    return {name_key(n) for n in (institution.name, *institution.aliases)} - {""}


def _words(keys: set[str]) -> set[str]:
    return {
        w
        for key in keys
        for w in key.split()
        if w not in _STOP_WORDS and not w.isdigit() and (len(w) >= 3 or len(keys) == 1)
    }


def _numbers(keys: set[str]) -> set[str]:
    return {w for key in keys for w in key.split() if w.isdigit()}


def _comparable(found: list[Institution]) -> set[tuple[int, int]]:
    """Index pairs that share a word no more common than COMMON_WORD (blocking)."""
    buckets: dict[str, list[int]] = {}
    for index, institution in enumerate(found):
        for word in _words(_keys(institution)):
            buckets.setdefault(word, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) <= COMMON_WORD:
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs


def candidate_pairs(
    found: list[Institution], threshold: float = THRESHOLD
) -> list[tuple[Institution, Institution, float, str]]:
    """Pairs that may be one institution.

    At least one side is imported, their countries are compatible, and their names carry the
    same numbers ("Partner 12" is not "Partner 123").
    """
    pairs = []
    for a, b in sorted(_comparable(found)):
        left, right = found[a], found[b]
        if left.curated and right.curated:
            continue  # curators already decided these are distinct
        if left.country and right.country and left.country != right.country:
            continue
        if _numbers(_keys(left)) != _numbers(_keys(right)):
            continue
        score, reason = similarity(left, right)
        if score >= threshold:
            pairs.append((left, right, score, reason))
    return pairs


def scan(database: Database, threshold: float = THRESHOLD) -> int:
    """Store new candidate pairs for review; pairs with a decision are skipped. Returns how many."""
    known = duplicates.known_pairs(database)
    rows = []
    for left, right, score, reason in candidate_pairs(institutions(database), threshold):
        pair = "|".join(sorted((left.id, right.id)))
        if pair not in known:
            rows.append(
                {"pair": pair, "left": left.id, "right": right.id, "score": score, "reason": reason}
            )
    duplicates.queue_pairs(database, rows)
    return len(rows)
