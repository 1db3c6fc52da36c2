"""How is this connected to …: the shortest chains of collaboration from an entity's page.

The answer is the API's `connection` (`graphsvc.store.collaboration.paths`, every collaborative
relationship kind, up to `DEFAULT_HOPS` links), shown as steps a person reads: each step names
the next entity, the relationship in the model's reader words, and the Sources behind it. The
other end is typed as a name, so it is resolved as the API resolves every name argument
(`graphsvc.store.references.resolve`), with the closest names when it names nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphsvc import urls
from graphsvc.maps.naming import Choice, suggest
from graphsvc.model import MODEL
from graphsvc.store import collaboration, references
from graphsvc.store.async_database import Read
from graphsvc.web.facts import Entry, Fact, entry, fact, reader_words

PATHS_SHOWN = 3
"""How many of the shortest chains (all of one length) the page lists."""
_LONGEST_ASKED = 200
"""A name longer than this is no name; it is answered as one without asking the database."""


@dataclass(frozen=True)
class Step:
    """One link of a chain, written as stored: "Tunis takes part in the webinar"."""

    subject: Entry
    words: str
    object: Entry
    fact: Fact
    """The link read towards the entity reached (its role, dates and sources)."""


@dataclass
class Connection:
    """What the form asked and what it found; empty when nothing was asked."""

    asked: str = ""
    target: str = ""
    target_href: str = ""
    paths: list[list[Step]] = field(default_factory=list)
    problem: str = ""
    choices: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200


async def connection_of(read: Read, row: dict[str, Any], asked: str) -> Connection:
    """The shortest chains from the entity `row` to the entity the text `asked` names."""
    asked = asked.strip()
    found = Connection(asked=asked)
    if not asked:
        return found
    if len(asked) > _LONGEST_ASKED:
        found.problem = (
            f"That is {len(asked)} characters long; a name has at most {_LONGEST_ASKED}."
        )
        found.status = 400
        return found
    (named,) = await references.resolve(read, [asked])
    if len(named) != 1:
        choices: tuple[Choice, ...] = () if named else await suggest(read, asked)
        found.problem = (
            f"“{asked}” names {len(named)} entities; pick one:"
            if named
            else f"Nothing in the graph is called “{asked}”."
            + (" Did you mean:" if choices else "")
        )
        shown = [(r["node"]["id"], r["node"]["name"], r["label"]) for r in named] or [
            (c.id, c.name, c.where()) for c in choices
        ]
        found.choices = [{"id": i, "name": n, "where": w} for i, n, w in shown]
        return found
    target = named[0]
    start_id, target_id = str(row["node"]["id"]), str(target["node"]["id"])
    found.target = str(target["node"]["name"])
    found.target_href = urls.entity_url(target_id)
    if start_id == target_id:
        found.problem = "That is this entity itself."
        return found
    rows = await collaboration.paths(
        read,
        start_id,
        target_id,
        collaboration.DEFAULT_HOPS,
        list(MODEL.collaboration_types),
        PATHS_SHOWN,
    )
    found.paths = [_steps(start_id, path) for path in rows]
    if not found.paths:
        found.problem = (
            f"No chain of at most {collaboration.DEFAULT_HOPS} links of collaboration joins "
            "them in the graph."
        )
    return found


def _steps(start_id: str, path: dict[str, Any]) -> list[Step]:
    """A path's links in order, each read from the entity the chain has reached."""
    steps = []
    here = start_id
    for node, link in zip(path["nodes"][1:], path["links"], strict=True):
        forward = str(link["from"]["node"]["id"]) == here
        rel_type = str(link["type"])
        steps.append(
            Step(
                entry(link["from"]),
                reader_words(rel_type, True),
                entry(link["to"]),
                fact(rel_type, forward, link, node),
            )
        )
        here = str(node["node"]["id"])
    return steps
