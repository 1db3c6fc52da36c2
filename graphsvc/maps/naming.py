"""Names in a map's address: `/maps/funder?id=European Union` means the map of `european-union`.

A live map's entity parameters (`Parameter.names`) take an id, a name or an alias. Each is
resolved by the API's own rule (`graphsvc.store.references.resolve`: an existing id wins, then the
folded name and aliases), so a map and a GraphQL query never disagree on what a text names. A
text that names nothing raises `NameNotFound` with the closest names from the API's search; one
that names several entities raises `NameAmbiguous` with each of them. Both carry `Choice`s that
the edge turns into "did you mean" links.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from graphsvc.errors import MapError
from graphsvc.maps.parameters import PARAMETERS, is_iso_code, named_kinds
from graphsvc.maps.request import ViewRequest
from graphsvc.model import MODEL
from graphsvc.model.names import name_key
from graphsvc.store import entities, references
from graphsvc.store.async_database import Read
from graphsvc.store.whereabouts import countries_of

SUGGESTIONS = 8
"""How many names a suggestion list or a "did you mean" page offers."""


@dataclass(frozen=True)
class Choice:
    """An entity offered for a text: enough to tell namesakes apart (kind, countries, alias)."""

    id: str
    name: str
    kind: str
    countries: tuple[str, ...]
    alias: str | None
    """The alias the text matched, when it matched an alias rather than the name."""

    def where(self) -> str:
        """The kind and countries, as a suggestion's second line shows them."""
        shown = ", ".join(self.countries[:2])
        more = f" +{len(self.countries) - 2}" if len(self.countries) > 2 else ""
        return f"{self.kind} · {shown}{more}" if shown else self.kind

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": ", ".join(self.countries),
            "alias": self.alias,
        }


class NameProblem(MapError):
    """A text in an entity parameter that does not name exactly one entity."""

    status = 400

    def __init__(
        self, parameter: str, text: str, choices: tuple[Choice, ...], message: str
    ) -> None:
        self.parameter = parameter
        self.text = text
        self.choices = choices
        listed = "; ".join(f"{c.id} ({c.name}, {c.where()})" for c in choices)
        super().__init__(
            f"parameter {parameter!r}: {message}" + (f"; did you mean: {listed}" if listed else "")
        )


class NameNotFound(NameProblem):
    """No entity has this id, name or alias; the choices are the closest names found."""

    status = 404

    def __init__(
        self, parameter: str, text: str, kinds: tuple[str, ...], choices: tuple[Choice, ...]
    ) -> None:
        what = f"no {' or '.join(kinds)}" if kinds else "no entity"
        super().__init__(
            parameter, text, choices, f"{what} with id {text!r}, nor with that name or alias"
        )


class NameAmbiguous(NameProblem):
    """Several entities share this name or alias; the choices are all of them.

    Answered with 300 Multiple Choices: the request is well formed and the name is real, so it is
    no client error (4xx), and it is not a map (200); the server offers several answers and the
    reader picks one, which is what 300 says.
    """

    status = 300

    def __init__(self, parameter: str, text: str, choices: tuple[Choice, ...]) -> None:
        super().__init__(parameter, text, choices, f"{text!r} names {len(choices)} entities")


async def resolve_names(read: Read, request: ViewRequest) -> ViewRequest:
    """`request` with every entity parameter's text replaced by the id it names.

    One round trip per distinct kind filter (usually one), and none of the search's unless a
    text names nothing or several entities.
    """
    asked: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for parameter in PARAMETERS:
        text = getattr(request, parameter.name)
        if parameter.names is None or not text:
            continue
        if parameter.name == "country" and is_iso_code(text):
            continue
        asked.setdefault(named_kinds(request.view, parameter), []).append((parameter.name, text))
    ids: dict[str, str] = {}
    for kinds, pairs in asked.items():
        texts = [text for _, text in pairs]
        found = await references.resolve(read, texts, kinds or None)
        for (parameter_name, text), rows in zip(pairs, found, strict=True):
            if len(rows) == 1:
                ids[parameter_name] = str(rows[0]["node"]["id"])
            elif rows:
                raise NameAmbiguous(parameter_name, text, await _choices(read, text, rows))
            else:
                closest = await suggest(read, text, kinds)
                raise NameNotFound(parameter_name, text, kinds, closest)
    return replace(request, **ids)  # type: ignore[arg-type]


async def suggest(
    read: Read, text: str, kinds: tuple[str, ...] = (), limit: int = SUGGESTIONS
) -> tuple[Choice, ...]:
    """The names closest to `text`, best first, by the API's own `search` (none for no words).

    A form field shows `SUGGESTIONS`; the web application's search page asks for more.
    """
    key = name_key(text)
    if not key:
        return ()
    labels = list(kinds) if kinds else list(MODEL.labels)
    rows = await entities.search(read, key, labels, limit)
    return await _choices(read, text, [row["row"] for row in rows])


async def _choices(read: Read, text: str, rows: list[dict[str, Any]]) -> tuple[Choice, ...]:
    """Node rows as choices, with their countries (one round trip for all)."""
    slugs = [str(row["node"]["id"]) for row in rows]
    countries = await countries_of(read, slugs)
    return tuple(
        Choice(
            id=slug,
            name=str(row["node"]["name"]),
            kind=str(row["label"]),
            countries=tuple(countries.get(slug, ())),
            alias=_matched_alias(text, row["node"]),
        )
        for slug, row in zip(slugs, rows, strict=True)
    )


def _matched_alias(text: str, node: dict[str, Any]) -> str | None:
    """The alias `text` reads as, to show why a name was suggested.

    One it spells out (EU), or, when the name does not start the same way, one that does.
    """
    key = name_key(text)
    name = name_key(str(node.get("name", "")))
    if not key or name == key:
        return None
    aliases = [str(alias) for alias in node.get("aliases") or ()]
    folded = [name_key(alias) for alias in aliases]
    for alias, alias_key in zip(aliases, folded, strict=True):
        if alias_key == key:
            return alias
    if name.startswith(key):
        return None
    first = key.split()[0]
    for alias, alias_key in zip(aliases, folded, strict=True):
        if alias_key.startswith(key) or any(w.startswith(first) for w in alias_key.split()):
            return alias
    return None
