"""Form fields made from the model's declared properties, and a posted form read back as an entry.

One field per property, in the model's order, labelled with its name and described with its
description, so a new property appears in the edit forms without touching them. A form's text is
turned into the seed-style entry the loader's validation takes (`graphsvc.ingest.validate`); text
that is not a number is passed on as text, so the message beside the field is the loader's own
("expected a number, got 'ten'") and what the person typed is shown again, never lost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import MultiDict

from graphsvc.errors import SeedError
from graphsvc.model.dates import PartialDate
from graphsvc.model.types import Property, PropertyType

DATE_HINT = (
    "A year (2012), a month (2012-05), a day (2012-05-30), or a day in no given year (--05-30)."
)
LINES_HINT = "One per line."
_TEXT_TYPE = re.compile(r"(^|\s)str (?=')")

_WIDGETS = {
    PropertyType.STRING: "text",
    PropertyType.TEXT: "textarea",
    PropertyType.INTEGER: "number",
    PropertyType.FLOAT: "number",
    PropertyType.BOOLEAN: "checkbox",
    PropertyType.STRING_LIST: "lines",
    PropertyType.PARTIAL_DATE: "date",
    PropertyType.CHOICE: "choice",
}


@dataclass(frozen=True)
class Field:
    """One form field as a template draws it."""

    name: str
    label: str
    widget: str
    """text, textarea, number, checkbox, lines, date or choice."""
    value: str
    description: str
    hint: str
    required: bool
    choices: tuple[str, ...]
    problem: str | None
    inputmode: str | None


def label_of(name: str) -> str:
    """A property's name as a form labels it: `start_date` is "Start date"."""
    return name.replace("_", " ").capitalize()


def fields_for(
    properties: Iterable[Property],
    texts: Mapping[str, str],
    problems: Mapping[str, str],
    skip: Iterable[str] = (),
) -> list[Field]:
    """The fields of `properties` (those in `skip` left out) showing `texts` and `problems`."""
    left_out = set(skip)
    return [
        Field(
            name=prop.name,
            label=label_of(prop.name),
            widget=_WIDGETS[prop.type],
            value=texts.get(prop.name, ""),
            description=prop.description,
            hint=DATE_HINT
            if prop.type is PropertyType.PARTIAL_DATE
            else LINES_HINT
            if prop.type is PropertyType.STRING_LIST
            else "",
            required=prop.required,
            choices=prop.choices,
            problem=_worded(prop.name, problems.get(prop.name)),
            inputmode="numeric"
            if prop.type is PropertyType.INTEGER
            else "decimal"
            if prop.type is PropertyType.FLOAT
            else None,
        )
        for prop in properties
        if prop.name not in left_out
    ]


def _worded(name: str, message: str | None) -> str | None:
    """The loader's "is required but missing" as a sentence about the field."""
    if not message:
        return None
    if message.startswith("is "):
        message = f"{label_of(name)} {message}"
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def text_of(prop: Property, value: Any) -> str:
    """A stored value as its field shows it."""
    if value is None:
        return ""
    if prop.type is PropertyType.STRING_LIST and isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    if prop.type is PropertyType.BOOLEAN:
        return "yes" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, PartialDate):
        return value.isoformat()
    return str(value)


def texts_of(properties: Iterable[Property], stored: Mapping[str, Any]) -> dict[str, str]:
    """The texts a form shows for a stored entry."""
    return {prop.name: text_of(prop, stored.get(prop.name)) for prop in properties}


def posted_texts(properties: Iterable[Property], form: MultiDict) -> dict[str, str]:
    """What the person typed in each field, exactly (to show again beside a problem)."""
    texts = {}
    for prop in properties:
        raw = form.get(prop.name)
        if prop.type is PropertyType.BOOLEAN:
            texts[prop.name] = "yes" if raw else ""
        else:
            texts[prop.name] = str(raw or "").replace("\r\n", "\n")
    return texts


def value_of(prop: Property, text: str) -> Any:
    """A field's text as an entry value; None for an empty field (the property is absent)."""
    if prop.type is PropertyType.BOOLEAN:
        return True if text else None
    if prop.type is PropertyType.STRING_LIST:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return lines or None
    text = text.strip()
    if not text:
        return None
    if prop.type is PropertyType.INTEGER:
        return int(text) if _is_integer(text) else text
    if prop.type is PropertyType.FLOAT:
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            return text
        return number if math.isfinite(number) else text
    return text


def _is_integer(text: str) -> bool:
    return text.lstrip("+-").isdigit() and len(text) < 19


def entry_of(properties: Iterable[Property], texts: Mapping[str, str]) -> dict[str, Any]:
    """The seed-style entry that `texts` make (empty fields left out)."""
    entry: dict[str, Any] = {}
    for prop in properties:
        value = value_of(prop, texts.get(prop.name, ""))
        if value is not None:
            entry[prop.name] = value
    return entry


def problems_of(error: SeedError, renamed: Mapping[str, str] | None = None) -> dict[str, str]:
    """The loader's problems by the field they concern ("" for the form as a whole)."""
    found: dict[str, str] = {}
    for problem in error.problems:
        field = (renamed or {}).get(problem.field or "", problem.field or "")
        # A form's every value is text: "got str 'ten'" reads as "got 'ten'" here.
        message = _TEXT_TYPE.sub(r"\1", problem.message)
        found[field] = f"{found[field]} {message}" if field in found else message
    return found
