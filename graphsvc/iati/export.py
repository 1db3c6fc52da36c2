"""`graphsvc export iati`: the graph's programmes as IATI v2.03 activity XML, checked by the XSD.

Imported activities are written back with what the graph holds of them (identifier, reporting
and participating organisations with their roles, status, dates, places with percentages,
sectors, transactions with provider and receiver organisations and activities, related
activities), so that importing the export gives the same graph. Curated programmes get the
identifier `<publisher ref>-<slug>`. The standard requires a status and a dated start: a curated
programme without a known year is left out and reported; one without a status is written as
implementation (2), or closed (4) once its end date has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from graphsvc.errors import ConfigError
from graphsvc.iati.schemas import ACTIVITY_SCHEMA
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import (
    ACCOUNTABLE_FOR,
    ACTIVITY_STATUSES,
    CITY,
    COUNTRY,
    PART_OF,
    REGION,
    TRANSACTION_TYPES,
)
from graphsvc.store.database import Database
from graphsvc.store.iati_activities import programmes_to_export


@dataclass
class ExportReport:
    """How many activities were written, which programmes were left out and why."""

    written: int = 0
    left_out: list[str] = field(default_factory=list)
    validated: bool = False


def _narrative(
    parent: etree._Element, tag: str, text: str | None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    if text:
        etree.SubElement(element, "narrative").text = text
    return element


def _iso(stored: Any, *, end: bool = False) -> str | None:
    """A stored partial date as a full xsd:date (first or last day of what is known)."""
    if not isinstance(stored, str):
        return None
    date = PartialDate.parse(stored)
    if date.year is None:
        return None
    month = date.month or (12 if end else 1)
    day = date.day or (31 if end and month == 12 else 1)
    if end and date.day is None and month != 12:
        day = (dt.date(date.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return f"{date.year:04d}-{month:02d}-{day:02d}"


def _org(parent: etree._Element, tag: str, org: dict[str, Any] | None, **attributes: str) -> None:
    if not org:
        return
    _narrative(
        parent,
        tag,
        org.get("name"),
        ref=org.get("org_ref") or "",
        type=org.get("org_type") or "",
        **attributes,
    )


def _activity(
    row: dict[str, Any], publisher: tuple[str, str], today: dt.date, report: ExportReport
) -> etree._Element | None:
    programme = row["programme"]
    identifier = programme.get("iati_identifier") or f"{publisher[0]}-{programme['id']}"
    start, end = _iso(programme.get("start_date")), _iso(programme.get("end_date"), end=True)
    if start is None:
        report.left_out.append(
            f"{programme['id']}: no start date with a year (IATI requires a dated activity)"
        )
        return None
    activity = etree.Element("iati-activity")
    if programme.get("last_updated"):
        activity.set("last-updated-datetime", programme["last_updated"])
    etree.SubElement(activity, "iati-identifier").text = identifier
    reporter = row["reporter"] or {"org_ref": publisher[0], "org_type": "90", "name": publisher[1]}
    _narrative(
        activity,
        "reporting-org",
        reporter.get("name"),
        ref=reporter.get("org_ref") or publisher[0],
        type=reporter.get("org_type") or "90",
    )
    _narrative(activity, "title", programme["name"])
    if programme.get("description"):
        _narrative(activity, "description", programme["description"], type="1")
    participants = list(row["participants"])
    if not participants:
        participants = [{"type": ACCOUNTABLE_FOR.type, "org": reporter}]
    for participant in participants:
        _org(activity, "participating-org", participant["org"], role=_role(participant["type"]))
    status = programme.get("status")
    if status is None:
        ended = end is not None and dt.date.fromisoformat(end) < today
        status = "closed" if ended else "implementation"
    etree.SubElement(activity, "activity-status", code=str(ACTIVITY_STATUSES.index(status) + 1))
    etree.SubElement(activity, "activity-date", {"iso-date": start, "type": "2"})
    if end:
        etree.SubElement(activity, "activity-date", {"iso-date": end, "type": "4"})
    _places(activity, row["places"])
    for sector in row["sectors"]:
        theme = sector["theme"]
        attributes = {"code": theme["code"], "vocabulary": theme.get("vocabulary") or "1"}
        if sector["percentage"] is not None:
            attributes["percentage"] = f"{sector['percentage']:g}"
        _narrative(activity, "sector", theme["name"], **attributes)
    for item in row["transactions"]:
        _transaction(activity, item)
    for related in row["related"]:
        if related["type"] == PART_OF.type:
            kind = "1" if related["outgoing"] else "2"
        else:
            kind = {"sibling": "3", "co-funded": "4", "third-party": "5"}[related["relation"]]
        etree.SubElement(activity, "related-activity", ref=related["ref"], type=kind)
    report.written += 1
    return activity


def _role(rel_type: str) -> str:
    """The participating-org role code of a link to a programme, as the model declares it."""
    code = MODEL.iati_role_code(rel_type)
    if code is None:
        raise ConfigError(f"{rel_type} has no IATI participating-org role in the model")
    return code


def _places(activity: etree._Element, places: list[dict[str, Any]]) -> None:
    def percentage(item: dict[str, Any]) -> dict[str, str]:
        value = item["percentage"]
        return {"percentage": f"{value:g}"} if value is not None else {}

    for item in places:
        if COUNTRY.label in item["labels"]:
            _narrative(
                activity,
                "recipient-country",
                item["place"]["name"],
                code=item["place"]["iso_code"],
                **percentage(item),
            )
    for item in places:
        place = item["place"]
        if REGION.label in item["labels"] and place.get("code"):
            _narrative(
                activity,
                "recipient-region",
                place["name"],
                code=place["code"],
                vocabulary=place.get("vocabulary") or "1",
                **percentage(item),
            )
    for item in places:
        place = item["place"]
        if CITY.label not in item["labels"]:
            continue
        location = etree.SubElement(activity, "location")
        if place.get("geonames_id"):
            etree.SubElement(location, "location-id", vocabulary="G1", code=place["geonames_id"])
        _narrative(location, "name", place["name"])
        point = etree.SubElement(
            location, "point", srsName="http://www.opengis.net/def/crs/EPSG/0/4326"
        )
        etree.SubElement(point, "pos").text = f"{place['latitude']} {place['longitude']}"


def _transaction(activity: etree._Element, item: dict[str, Any]) -> None:
    stored = item["transaction"]
    element = etree.SubElement(activity, "transaction")
    code = str(TRANSACTION_TYPES.index(stored["transaction_type"]) + 1)
    etree.SubElement(element, "transaction-type", code=code)
    date = _iso(stored.get("transaction_date")) or _iso(stored.get("value_date")) or "1900-01-01"
    etree.SubElement(element, "transaction-date", {"iso-date": date})
    value = etree.SubElement(
        element,
        "value",
        {"currency": stored["currency"], "value-date": _iso(stored.get("value_date")) or date},
    )
    value.text = f"{stored['value']:.2f}".rstrip("0").rstrip(".")
    if stored.get("description"):
        _narrative(element, "description", stored["description"])
    for tag, org, activity_key, attribute in (
        ("provider-org", item["provider"], "provider_activity", "provider-activity-id"),
        ("receiver-org", item["receiver"], "receiver_activity", "receiver-activity-id"),
    ):
        extra = {attribute: item[activity_key]} if item[activity_key] else {}
        if org:
            _org(element, tag, org, **extra)
        elif extra:
            etree.SubElement(element, tag, extra)


def schema_for(xsd: Path) -> etree.XMLSchema:
    """The v2.03 activity schema, loaded without network access (its imports are local)."""
    if not xsd.is_file():
        raise ConfigError(
            f"the IATI schema is not at {xsd}; pass --xsd with the path of "
            f"iati-activities-schema.xsd (v2.03), or leave it out for {ACTIVITY_SCHEMA.name} "
            "as shipped with graphsvc"
        )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(xsd), parser))


def export_iati(
    database: Database, output: Path, *, publisher: tuple[str, str], xsd: Path | None
) -> ExportReport:
    """Write every programme that IATI can hold to `output`; validate when `xsd` is given.

    The file is written only if it validates: a failure names the first errors and leaves any
    previous export in place.
    """
    report = ExportReport()
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element("iati-activities", {"version": "2.03", "generated-datetime": generated})
    today = dt.date.today()
    for row in programmes_to_export(database):
        activity = _activity(row, publisher, today, report)
        if activity is not None:
            root.append(activity)
    document = etree.ElementTree(root)
    if xsd is not None:
        schema = schema_for(xsd)
        if not schema.validate(document):
            errors = "; ".join(str(schema.error_log).splitlines()[:5])
            raise ConfigError(
                f"the export does not validate against {xsd.name}, so it was not written: {errors}"
            )
        report.validated = True
    temporary = output.with_suffix(output.suffix + ".partial")
    document.write(str(temporary), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    temporary.replace(output)
    return report
