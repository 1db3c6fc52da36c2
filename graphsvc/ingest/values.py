"""Check and convert one raw YAML value against a model property.

Kept apart from entry-level validation so that the GraphQL mutations (a later issue) can apply the
same rules, with the same messages, to values that never came from a file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import reprlib
from typing import Any

from graphsvc.model.dates import PartialDate
from graphsvc.model.types import Property, PropertyType


def convert_value(prop: Property, raw: Any) -> Any:
    """The typed value for `raw`, or ValueError with a message that says what was expected."""
    value = _convert_type(prop, raw)
    if prop.pattern is not None and not re.match(prop.pattern, value):
        raise ValueError(f"{shown(value)} does not have the expected form ({prop.description})")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if prop.minimum is not None and value < prop.minimum:
            raise ValueError(f"{value} is below the minimum {prop.minimum:g}")
        if prop.maximum is not None and value > prop.maximum:
            raise ValueError(f"{value} is above the maximum {prop.maximum:g}")
    return value


def suggestion(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean X?)' when one of `choices` is close to `word`, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _convert_type(prop: Property, raw: Any) -> Any:
    kind = prop.type
    if kind in (PropertyType.STRING, PropertyType.TEXT):
        if not isinstance(raw, str) or not raw.strip():
            raise ValueError(f"expected non-empty text, got {_shown(raw)}")
        return raw.strip()
    if kind is PropertyType.INTEGER:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValueError(f"expected a whole number, got {_shown(raw)}")
        return raw
    if kind is PropertyType.FLOAT:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueError(f"expected a number, got {_shown(raw)}")
        return float(raw)
    if kind is PropertyType.BOOLEAN:
        if not isinstance(raw, bool):
            raise ValueError(f"expected true or false, got {_shown(raw)}")
        return raw
    if kind is PropertyType.STRING_LIST:
        return _string_list(raw)
    if kind is PropertyType.PARTIAL_DATE:
        if not isinstance(raw, str | int | dt.date) or len(shown(raw)) >= SHOWN_LENGTH:
            raise ValueError(f"expected a date such as 2012-05-30 or --05-30, got {_shown(raw)}")
        return PartialDate.parse(raw)
    if kind is PropertyType.CHOICE:
        if not isinstance(raw, str) or raw not in prop.choices:
            hint = suggestion(raw, prop.choices) if isinstance(raw, str) else ""
            raise ValueError(f"{_shown(raw)} is not one of: {', '.join(prop.choices)}{hint}")
        return raw
    raise AssertionError(f"unhandled property type {kind}")  # pragma: no cover


def _string_list(raw: Any) -> list[str]:
    if not isinstance(raw, list):
        raise ValueError(f"expected a list such as [a, b], got {_shown(raw)}")
    items: list[str] = []
    for item in raw:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"every item must be non-empty text; {_shown(item)} is not")
        if item.strip() in items:
            raise ValueError(f"{shown(item)} is listed twice")
        items.append(item.strip())
    return items


SHOWN_LENGTH = 80
"""The most characters of a value a problem message shows."""


class _ShortRepr(reprlib.Repr):
    """reprlib's bounded repr, which also bounds the loader's own mapping type.

    reprlib only abridges the built-in types it knows by name; anything else (a LocatedDict)
    would get the full built-in repr, whose cost grows with everything the value holds.
    """

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxlist = self.maxtuple = self.maxset = self.maxdict = 4
        self.maxstring = self.maxother = SHOWN_LENGTH

    def repr_LocatedDict(self, x: dict[Any, Any], level: int) -> str:  # noqa: N802 (reprlib's naming)
        return self.repr_dict(x, level)


_SHORT_REPR = _ShortRepr()


def shown(value: Any) -> str:
    """`repr(value)` cut to at most SHOWN_LENGTH characters, in time bounded whatever it holds."""
    text = _SHORT_REPR.repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "..."


def cut(text: str) -> str:
    """Text as it is, or its first characters with "..." when longer than SHOWN_LENGTH."""
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "..."


def _shown(raw: Any) -> str:
    return f"{type(raw).__name__} {shown(raw)}" if raw is not None else "nothing"
