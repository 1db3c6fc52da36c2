"""The data-model tables of docs/model.md, printed from the model so that the two never disagree.

`graphsvc model` prints them; a test fails when the copy in docs/model.md (between the
`<!-- model:start -->` and `<!-- model:end -->` markers) differs from what this module produces.
"""

from __future__ import annotations

from graphsvc.model.domain import (
    COMMON_NODE_PROPERTIES,
    COMMON_RELATIONSHIP_PROPERTIES,
    PROVENANCE_TYPE,
)
from graphsvc.model.types import DomainModel, Property, PropertyType

START_MARKER = "<!-- model:start -->"
END_MARKER = "<!-- model:end -->"


def _describe(prop: Property) -> str:
    text = f"`{prop.name}`"
    if prop.type is PropertyType.CHOICE:
        text += f" ({' / '.join(prop.choices)})"
    elif prop.type is not PropertyType.STRING:
        text += f" ({prop.type.value})"
    return text + ("*" if prop.required else "")


def _own(props: tuple[Property, ...], common: tuple[Property, ...]) -> str:
    common_names = {p.name for p in common}
    own = [_describe(p) for p in props if p.name not in common_names]
    return ", ".join(own) or "-"


def model_markdown(model: DomainModel) -> str:
    """Markdown tables of every node kind and relationship kind."""
    common_nodes = ", ".join(_describe(p) for p in COMMON_NODE_PROPERTIES)
    common_rels = ", ".join(_describe(p) for p in COMMON_RELATIONSHIP_PROPERTIES)
    lines = [
        f"Every node has {common_nodes}, and (but Sources) `sources`*, written to Neo4j as "
        f"`{PROVENANCE_TYPE}` links to Source nodes. Every relationship has {common_rels}. "
        "`*` marks a required property.",
        "",
        "| kind | what it is | plays | its own properties |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{kind.label}` | {kind.description} | {', '.join(kind.roles)} | "
        f"{_own(kind.properties, COMMON_NODE_PROPERTIES)} |"
        for kind in model.node_kinds
    ]
    lines += [
        "",
        "| relationship | from | to | what it means | meaning | its own properties |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| `{rel.type}` | {', '.join(rel.sources)} | {', '.join(rel.targets)} | "
        f"{rel.description} | {' < '.join(model.meanings_of(rel.type))} | "
        f"{_own(rel.properties, COMMON_RELATIONSHIP_PROPERTIES)} |"
        for rel in model.relationship_kinds
    ]
    lines += [
        "",
        "Meanings group the relationship kinds (`a < b`: every `a` is also a `b`); code asks the "
        'model for them (`MODEL.relationships_in("place")`) instead of listing types.',
        "",
        "| meaning | part of | what it groups | relationships |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{meaning.name}` | {meaning.parent or '-'} | {meaning.description} | "
        f"{', '.join(model.relationships_in(meaning.name)) or '-'} |"
        for meaning in model.meanings
    ]
    return "\n".join(lines)


def documented_section(page: str) -> str | None:
    """The copy of the tables in a page (docs/model.md), or None when the markers are missing."""
    if START_MARKER not in page or END_MARKER not in page:
        return None
    return page.split(START_MARKER, 1)[1].split(END_MARKER, 1)[0].strip()
