"""Stream IATI activity files: one `Activity` at a time, in flat memory whatever the file size.

lxml's iterparse hands over each `<iati-activity>` when it ends; the element is read into plain
dataclasses and then cleared, so a file of hundreds of megabytes never sits in memory whole.
Entities are not resolved and the network is never touched while parsing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from graphsvc.errors import IatiFileError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Org:
    """An organisation as an element names it (reporting, participating, provider, receiver)."""

    ref: str | None
    type: str | None
    name: str | None
    activity_id: str | None = None


@dataclass(frozen=True)
class Participant:
    """A participating-org and its role."""

    org: Org
    role: str | None
    """The role as written (a code, or a 1.x word)."""


@dataclass(frozen=True)
class Share:
    """A place or sector with the share of the activity the publisher gives it."""

    code: str | None
    vocabulary: str | None
    percentage: str | None
    name: str | None


@dataclass(frozen=True)
class Location:
    """A location element: name, coordinates when given, GeoNames id when given."""

    name: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: str | None


@dataclass(frozen=True)
class TransactionData:
    """One transaction element, values as written."""

    type: str | None
    date: str | None
    value: str | None
    currency: str | None
    value_date: str | None
    provider: Org | None
    receiver: Org | None
    description: str | None


@dataclass
class Activity:
    """One iati-activity as written, before any mapping."""

    line: int
    identifier: str | None
    version: str | None
    default_currency: str | None
    last_updated: str | None
    reporting_org: Org | None
    title: str | None
    description: str | None
    status_code: str | None
    status_text: str | None
    dates: dict[str, str] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    countries: list[Share] = field(default_factory=list)
    regions: list[Share] = field(default_factory=list)
    sectors: list[Share] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    transactions: list[TransactionData] = field(default_factory=list)
    related: list[tuple[str | None, str | None]] = field(default_factory=list)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    collapsed = " ".join(text.split())
    return collapsed or None


def narrative(element: etree._Element | None) -> str | None:
    """The human text of an element: its English narrative, its first one, or (1.x) its text."""
    if element is None:
        return None
    narratives = element.findall("narrative")
    if narratives:
        english = [n for n in narratives if (n.get(XML_LANG) or "en").lower().startswith("en")]
        return _clean((english or narratives)[0].text)
    return _clean(element.text)


def _org(element: etree._Element | None, activity_attribute: str | None = None) -> Org | None:
    if element is None:
        return None
    activity_id = _clean(element.get(activity_attribute)) if activity_attribute else None
    return Org(
        _clean(element.get("ref")), _clean(element.get("type")), narrative(element), activity_id
    )


def _share(element: etree._Element) -> Share:
    return Share(
        _clean(element.get("code")),
        _clean(element.get("vocabulary")),
        _clean(element.get("percentage")),
        narrative(element),
    )


def _location(element: etree._Element) -> Location:
    latitude = longitude = None
    pos = element.findtext("point/pos")
    if pos:
        parts = pos.split()
        if len(parts) == 2:
            try:
                latitude, longitude = float(parts[0]), float(parts[1])
            except ValueError:
                latitude = longitude = None
    geonames = next(
        (
            _clean(loc.get("code"))
            for loc in element.findall("location-id")
            if (loc.get("vocabulary") or "").strip() == "G1"
        ),
        None,
    )
    return Location(narrative(element.find("name")), latitude, longitude, geonames)


def _transaction(element: etree._Element, default_currency: str | None) -> TransactionData:
    kind = element.find("transaction-type")
    value = element.find("value")
    date = element.find("transaction-date")
    return TransactionData(
        type=_clean(kind.get("code")) if kind is not None else None,
        date=_clean(date.get("iso-date")) if date is not None else None,
        value=_clean(value.text) if value is not None else None,
        currency=(_clean(value.get("currency")) if value is not None else None) or default_currency,
        value_date=_clean(value.get("value-date")) if value is not None else None,
        provider=_org(element.find("provider-org"), "provider-activity-id"),
        receiver=_org(element.find("receiver-org"), "receiver-activity-id"),
        description=narrative(element.find("description")),
    )


def read_activity(element: etree._Element) -> Activity:
    """An `<iati-activity>` element as an Activity (nothing is checked here)."""
    currency = _clean(element.get("default-currency"))
    status = element.find("activity-status")
    activity = Activity(
        line=int(getattr(element, "sourceline", 0) or 0),
        identifier=_clean(element.findtext("iati-identifier")),
        version=_clean(element.get("version")),
        default_currency=currency,
        last_updated=_clean(element.get("last-updated-datetime")),
        reporting_org=_org(element.find("reporting-org")),
        title=narrative(element.find("title")),
        description=narrative(element.find("description")),
        status_code=_clean(status.get("code")) if status is not None else None,
        status_text=_clean(status.text) if status is not None else None,
    )
    for date in element.findall("activity-date"):
        kind, iso = _clean(date.get("type")), _clean(date.get("iso-date"))
        if kind and iso:
            activity.dates[kind] = iso
    for org in element.findall("participating-org"):
        parsed = _org(org, "activity-id")
        assert parsed is not None
        activity.participants.append(Participant(parsed, _clean(org.get("role"))))
    activity.countries = [_share(e) for e in element.findall("recipient-country")]
    activity.regions = [_share(e) for e in element.findall("recipient-region")]
    activity.sectors = [_share(e) for e in element.findall("sector")]
    activity.locations = [_location(e) for e in element.findall("location")]
    activity.transactions = [_transaction(e, currency) for e in element.findall("transaction")]
    activity.related = [
        (_clean(e.get("type")), _clean(e.get("ref"))) for e in element.findall("related-activity")
    ]
    return activity


def iter_activities(path: Path) -> Iterator[Activity]:
    """Every activity in the file, in order; IatiFileError if the file is not well-formed XML.

    Entities are never resolved (no XXE, no billion laughs) and nothing is fetched.
    """
    try:
        events = etree.iterparse(
            str(path),
            events=("end",),
            tag="iati-activity",
            resolve_entities=False,
            no_network=True,
            huge_tree=True,
            load_dtd=False,
        )
        for _, element in events:
            yield read_activity(element)
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise IatiFileError(
            f"{path.name}:{line}: not well-formed XML ({exc.msg}); nothing was imported from it"
        ) from None
    except OSError as exc:
        raise IatiFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
