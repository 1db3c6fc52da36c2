"""Pieces of Cypher built from the domain model, never from what a user typed.

Cypher cannot take a label or a relationship type as a parameter, so statements interpolate them;
these helpers take them only from the model (`MODEL.relationships_in(...)`, a kind's constant), and
check them, so that a typo fails at import time instead of silently matching nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphsvc.model import MODEL


def either(rel_types: Iterable[str]) -> str:
    """`A|B|C`, for a relationship pattern `-[:A|B|C]->`, from the model's types."""
    chosen = tuple(rel_types)
    unknown = [t for t in chosen if t not in MODEL.relationship_types]
    if not chosen or unknown:
        raise ValueError(f"not relationship types of the model: {unknown or 'none given'}")
    return "|".join(chosen)
