"""graphsvc's domain model, declared once.

Everything that knows about kinds of things reads this module: seed validation, the Neo4j
constraints and indexes, `graphsvc stats`, the README's model table (checked by a test), and later
the GraphQL types and map styles. Add a kind or a relationship here and the rest follows.

Conventions:
- Every node has `id` (a lower-case slug, unique across the whole graph), `name` (as written,
  accents kept), `aliases` (other spellings and acronyms), an optional `description` in our own
  words, and `sources`: the Source documents that support it. Every relationship has `sources` too.
- `uncertain: true` with a `note` marks a fact the documents only suggest; nothing is invented.
- Dates are partial dates (year, month and day each optional) because the documents often give a
  day and month without a year; a range is a `start_date` with an `end_date`.
"""

from __future__ import annotations

from graphsvc.model.types import (
    DomainModel,
    NodeKind,
    Property,
    PropertyType,
    RelationshipKind,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

INSTITUTION_CATEGORIES = (
    "municipality",
    "city-network",
    "local-government-association",
    "multilateral-agency",
    "bilateral-cooperation-agency",
    "development-bank",
    "intergovernmental-body",
    "partnership-platform",
    "governance-body",
    "ngo",
    "association",
    "foundation",
    "research-centre",
    "knowledge-centre",
    "government",
    "public-sector",
    "private-sector",
    "other",
)
PROGRAMME_CATEGORIES = (
    "programme",
    "project",
    "initiative",
    "country-project",
    "city-strategy",
    "activity",
)
ACTIVITY_STATUSES = (
    "pipeline",
    "implementation",
    "finalisation",
    "closed",
    "cancelled",
    "suspended",
)
"""IATI activity status codes 1 to 6, in order."""
TRANSACTION_TYPES = (
    "incoming-funds",
    "outgoing-commitment",
    "disbursement",
    "expenditure",
    "interest-payment",
    "loan-repayment",
    "reimbursement",
    "purchase-of-equity",
    "sale-of-equity",
    "credit-guarantee",
    "incoming-commitment",
    "outgoing-pledge",
    "incoming-pledge",
)
"""IATI transaction type codes 1 to 13, in order."""
EVENT_CATEGORIES = (
    "meeting",
    "webinar",
    "workshop",
    "seminar",
    "conference",
    "awareness-session",
    "series",
)
THEME_CATEGORIES = ("pillar", "topic", "method")
REGION_CATEGORIES = ("world-region", "sea-basin")
SOURCE_CATEGORIES = ("news-article", "reference", "iati-file")


def _text(name: str, description: str, *, required: bool = False) -> Property:
    return Property(name, PropertyType.TEXT, description, required=required)


def _choice(name: str, choices: tuple[str, ...], description: str) -> Property:
    return Property(name, PropertyType.CHOICE, description, required=True, choices=choices)


def _date(name: str, description: str) -> Property:
    return Property(name, PropertyType.PARTIAL_DATE, description)


COMMON_NODE_PROPERTIES: tuple[Property, ...] = (
    Property(
        "id",
        PropertyType.STRING,
        "Stable human-readable slug, unique in the graph.",
        required=True,
        pattern=SLUG_PATTERN,
    ),
    Property("name", PropertyType.STRING, "The name as written, accents kept.", required=True),
    Property("aliases", PropertyType.STRING_LIST, "Other spellings, translations and acronyms."),
    _text("description", "What this is, in the curators' own words."),
    Property("uncertain", PropertyType.BOOLEAN, "True when the sources only suggest this entry."),
    _text("note", "Why an entry is uncertain, or what a reader should know about its evidence."),
)
"""Properties every node kind has, ahead of its own."""

SOURCES_PROPERTY = Property(
    "sources",
    PropertyType.STRING_LIST,
    "The Source documents (file name or source id) that support this fact.",
    required=True,
)

COMMON_RELATIONSHIP_PROPERTIES: tuple[Property, ...] = (
    SOURCES_PROPERTY,
    Property("uncertain", PropertyType.BOOLEAN, "True when the sources only suggest this link."),
    _text("note", "What a reader should know about this link's evidence."),
)
"""Properties every relationship kind has, ahead of its own."""

ROLE = _text("role", "The part played, in a few words (e.g. 'presenter', 'joint secretariat').")


# Map styles (`style=(colour, shape)`): the Okabe-Ito colour-blind-safe palette, and a shape per
# kind, so that kinds stay apart in greyscale prints and for readers who confuse colours.
def _node(
    label: str, plural: str, description: str, *own: Property, style: tuple[str, str]
) -> NodeKind:
    colour, shape = style
    return NodeKind(label, plural, description, COMMON_NODE_PROPERTIES + own, colour, shape)


def _rel(
    rel_type: str,
    names: tuple[str, str],
    description: str,
    sources: tuple[str, ...],
    targets: tuple[str, ...],
    *own: Property,
    collaborative: bool = True,
) -> RelationshipKind:
    return RelationshipKind(
        rel_type,
        description,
        sources,
        targets,
        COMMON_RELATIONSHIP_PROPERTIES + own,
        outgoing=names[0],
        incoming=names[1],
        collaborative=collaborative,
    )


INSTITUTION = _node(
    "Institution",
    "institutions",
    "An organisation: municipality, city network, agency, NGO, foundation, governance body ...",
    _choice("category", INSTITUTION_CATEGORIES, "What sort of organisation it is."),
    Property(
        "org_ref",
        PropertyType.STRING,
        "Organisation identifier in IATI / org-id.guide form, e.g. XM-DAC-41114.",
        pattern=r"^\S+$",
    ),
    Property(
        "org_type",
        PropertyType.STRING,
        "IATI OrganisationType code, e.g. 40.",
        pattern=r"^[0-9]{2}$",
    ),
    style=("#0072B2", "dot"),
)
CITY = _node(
    "City",
    "cities",
    "A city, town or municipality as a place.",
    Property(
        "latitude",
        PropertyType.FLOAT,
        "WGS84 latitude of the centre.",
        required=True,
        minimum=-90,
        maximum=90,
    ),
    Property(
        "longitude",
        PropertyType.FLOAT,
        "WGS84 longitude of the centre.",
        required=True,
        minimum=-180,
        maximum=180,
    ),
    Property("geonames_id", PropertyType.STRING, "GeoNames id, where known.", pattern=r"^[0-9]+$"),
    Property("wikidata_id", PropertyType.STRING, "Wikidata id, where known.", pattern=r"^Q[0-9]+$"),
    style=("#E69F00", "square"),
)
COUNTRY = _node(
    "Country",
    "countries",
    "A sovereign country.",
    Property(
        "iso_code",
        PropertyType.STRING,
        "ISO 3166-1 alpha-2 code.",
        required=True,
        pattern=r"^[A-Z]{2}$",
    ),
    style=("#56B4E9", "diamond"),
)
IATI_CODE = Property("code", PropertyType.STRING, "Its code in an IATI vocabulary, when imported.")
IATI_VOCABULARY = Property(
    "vocabulary", PropertyType.STRING, "The IATI vocabulary of `code` (1 = OECD DAC)."
)
REGION = _node(
    "Region",
    "regions",
    "A region spanning several countries, such as MENA.",
    _choice("category", REGION_CATEGORIES, "What sort of region it is."),
    IATI_CODE,
    IATI_VOCABULARY,
    style=("#2F7F9F", "diamond"),
)
PROGRAMME = _node(
    "Programme",
    "programmes",
    "A programme, project, initiative or city strategy; nested through PART_OF.",
    _choice("category", PROGRAMME_CATEGORIES, "What sort of undertaking it is."),
    _date("start_date", "When it started, as precisely as known."),
    _date("end_date", "When it ended, as precisely as known."),
    Property(
        "iati_identifier",
        PropertyType.STRING,
        "The activity's iati-identifier, for programmes imported from IATI.",
    ),
    Property("status", PropertyType.CHOICE, "IATI activity status.", choices=ACTIVITY_STATUSES),
    Property(
        "last_updated",
        PropertyType.STRING,
        "When the publisher last updated the activity (IATI last-updated-datetime).",
    ),
    style=("#009E73", "triangle"),
)
EVENT = _node(
    "Event",
    "events",
    "A meeting, webinar, workshop, seminar or conference.",
    _choice("category", EVENT_CATEGORIES, "What sort of event it is."),
    _date("start_date", "When it took place (or began), as precisely as known."),
    _date("end_date", "When a multi-day event ended."),
    Property(
        "participants_at_least",
        PropertyType.INTEGER,
        "A lower bound on attendance, when the source gives one.",
        minimum=0,
    ),
    style=("#CC79A7", "star"),
)
PERSON = _node(
    "Person",
    "people",
    "A named person who represents an institution.",
    style=("#D55E00", "triangleDown"),
)
THEME = _node(
    "Theme",
    "themes",
    "A pillar, topic or method of work, such as migration or subsidiarity.",
    _choice("category", THEME_CATEGORIES, "Whether a programme pillar, a topic or a method."),
    IATI_CODE,
    IATI_VOCABULARY,
    style=("#B8A800", "hexagon"),
)
SOURCE = NodeKind(
    "Source",
    "sources",
    "A document that facts are taken from.",
    (
        *COMMON_NODE_PROPERTIES,
        Property("file", PropertyType.STRING, "The document's file name in shared/seeds/."),
        _choice("category", SOURCE_CATEGORIES, "What sort of document it is."),
        Property(
            "language",
            PropertyType.STRING,
            "ISO 639-1 code of the text's language.",
            pattern=r"^[a-z]{2}$",
        ),
        _date("published", "When the document was published, as precisely as known."),
        Property(
            "publisher",
            PropertyType.STRING,
            "For an IATI file: the reporting organisation's identifier.",
        ),
        Property(
            "last_updated",
            PropertyType.STRING,
            "For an IATI file: the newest last-updated-datetime of its activities.",
        ),
    ),
    colour="#999999",
    shape="square",
)
TRANSACTION = _node(
    "Transaction",
    "transactions",
    "Money moving as an IATI activity reports it: a commitment, disbursement, expenditure or "
    "incoming funds, with its value, currency and date.",
    _choice("transaction_type", TRANSACTION_TYPES, "What kind of money flow it is."),
    Property("value", PropertyType.FLOAT, "The amount.", required=True),
    Property(
        "currency", PropertyType.STRING, "ISO 4217 code.", required=True, pattern=r"^[A-Z]{3}$"
    ),
    _date("value_date", "The date the value is given at (for currency conversion)."),
    _date("transaction_date", "When the money moved, or was committed."),
    Property(
        "mirror_of",
        PropertyType.STRING,
        "The id of the Transaction, reported by the other side, that records the same "
        "money; totals count the money once, through that one.",
        pattern=SLUG_PATTERN,
    ),
    style=("#444444", "dot"),
)

ACTORS = ("Institution", "City", "Person")
UNDERTAKINGS = ("Programme", "Event")
PLACES = ("City", "Country", "Region")
PERCENTAGE = Property(
    "percentage",
    PropertyType.FLOAT,
    "Share of the activity, in percent, as the publisher gives it.",
    minimum=0,
    maximum=100,
)

RELATIONSHIP_KINDS: tuple[RelationshipKind, ...] = (
    _rel(
        "FUNDS",
        ("funds", "funded_by"),
        "Finances a programme or project (a programme may finance a sub-initiative).",
        ("Institution", "Programme"),
        ("Programme",),
        Property("amount", PropertyType.FLOAT, "Amount financed.", minimum=0),
        Property("currency", PropertyType.STRING, "ISO 4217 code.", pattern=r"^[A-Z]{3}$"),
        _date("start_date", "Start of the funding period."),
        _date("end_date", "End of the funding period."),
    ),
    _rel("LEADS", ("leads", "led_by"), "Leads a programme.", ("Institution",), ("Programme",)),
    _rel(
        "IMPLEMENTS",
        ("implements", "implemented_by"),
        "Carries out a programme or project.",
        ("Institution",),
        ("Programme",),
    ),
    _rel(
        "PARTNER_IN",
        ("partner_in", "partners"),
        "Takes part in a programme as a partner.",
        ACTORS,
        ("Programme",),
        ROLE,
    ),
    _rel(
        "MANAGES",
        ("manages", "managed_by"),
        "Runs a programme as its secretariat, manager or steering body.",
        ("Institution",),
        ("Programme",),
        ROLE,
    ),
    _rel(
        "MEMBER_OF",
        ("member_of", "members"),
        "Is a member of a network, partnership or body.",
        ("Institution", "City"),
        ("Institution",),
    ),
    _rel(
        "AFFILIATED_WITH",
        ("affiliated_with", "affiliates"),
        "Is linked to another organisation without being a member.",
        ("Institution",),
        ("Institution",),
        ROLE,
    ),
    _rel(
        "ORGANISES",
        ("organises", "organised_by"),
        "Organises or hosts an event.",
        ("Institution", "City"),
        ("Event",),
        ROLE,
    ),
    _rel(
        "PARTICIPATES_IN",
        ("participates_in", "participants"),
        "Takes part in an event.",
        ACTORS,
        ("Event",),
        ROLE,
        _text("topic", "What the participant presented, when it presented something."),
    ),
    _rel(
        "HELD_IN",
        ("held_in", "events_held"),
        "An event took place in a city.",
        ("Event",),
        ("City",),
    ),
    _rel(
        "PART_OF",
        ("part_of", "parts"),
        "An event or project is framed by a programme; a session by an event.",
        UNDERTAKINGS,
        UNDERTAKINGS,
    ),
    _rel(
        "SUPPORTS",
        ("supports", "supported_by"),
        "An undertaking contributes to another without being part of it.",
        ("Programme", "Event"),
        ("Programme",),
    ),
    _rel(
        "IN_COUNTRY",
        ("in_country", "cities"),
        "A city lies in a country.",
        ("City",),
        ("Country",),
        collaborative=False,
    ),
    _rel(
        "IN_REGION",
        ("in_region", "region_members"),
        "A country or city lies in a region.",
        ("Country", "City"),
        ("Region",),
        collaborative=False,
    ),
    _rel(
        "BASED_IN",
        ("based_in", "based_here"),
        "An institution is based in a city or country.",
        ("Institution",),
        ("City", "Country"),
    ),
    _rel(
        "GOVERNS",
        ("governs", "governed_by"),
        "A municipality governs a city.",
        ("Institution",),
        ("City",),
    ),
    _rel(
        "REPRESENTS",
        ("represents", "representatives"),
        "A person speaks for an institution.",
        ("Person",),
        ("Institution",),
        _text("role", "The person's role title, as the source gives it."),
    ),
    _rel(
        "ADDRESSES",
        ("addresses", "addressed_by"),
        "A programme or event addresses a theme.",
        UNDERTAKINGS,
        ("Theme",),
        PERCENTAGE,
        collaborative=False,
    ),
    _rel(
        "TARGETS",
        ("targets", "targeted_by"),
        "A programme is aimed at a place.",
        ("Programme",),
        PLACES,
        PERCENTAGE,
    ),
    _rel(
        "REPORTS",
        ("reports", "reported_by"),
        "An organisation publishes the IATI data of an activity.",
        ("Institution",),
        ("Programme",),
    ),
    _rel(
        "ACCOUNTABLE_FOR",
        ("accountable_for", "accountable"),
        "Is accountable for an activity (IATI participating-org role 2).",
        ("Institution",),
        ("Programme",),
    ),
    _rel(
        "EXTENDS",
        ("extends", "extended_by"),
        "Manages a funder's money for an activity (IATI participating-org role 3).",
        ("Institution",),
        ("Programme",),
    ),
    _rel(
        "RELATED_TO",
        ("related_to", "related_from"),
        "An activity names another as a sibling, co-funded or third-party activity.",
        ("Programme",),
        ("Programme",),
        _choice(
            "relation",
            ("sibling", "co-funded", "third-party"),
            "How the publisher relates the two.",
        ),
    ),
    _rel(
        "RECORDED_IN",
        ("recorded_in", "transactions"),
        "A transaction as reported in an activity's IATI data.",
        ("Transaction",),
        ("Programme",),
        collaborative=False,
    ),
    _rel(
        "PROVIDED_BY",
        ("provided_by", "provided"),
        "The organisation the money comes from.",
        ("Transaction",),
        ("Institution",),
        collaborative=False,
    ),
    _rel(
        "RECEIVED_BY",
        ("received_by", "received"),
        "The organisation the money goes to.",
        ("Transaction",),
        ("Institution",),
        collaborative=False,
    ),
    _rel(
        "FROM_ACTIVITY",
        ("from_activity", "outgoing_flows"),
        "The activity the money comes from (IATI provider-activity-id).",
        ("Transaction",),
        ("Programme",),
        collaborative=False,
    ),
    _rel(
        "TO_ACTIVITY",
        ("to_activity", "incoming_flows"),
        "The activity the money goes to (IATI receiver-activity-id).",
        ("Transaction",),
        ("Programme",),
        collaborative=False,
    ),
)

PROVENANCE_TYPE = "SUPPORTED_BY"
"""Links every node to the Source documents that support it. Written by the loader from each
entry's `sources`; relationships carry the same information as their `sources` property, because a
Neo4j relationship cannot point at a node."""

FUNDER_LABEL = "Funder"
"""Extra label the loader keeps on every Institution that FUNDS something."""

ENTITY_LABEL = "Entity"
"""Label on every node graphsvc writes: one uniqueness constraint on `id` across all kinds, and one
full-text index over every name and alias."""

MODEL = DomainModel(
    node_kinds=(
        INSTITUTION,
        CITY,
        COUNTRY,
        REGION,
        PROGRAMME,
        EVENT,
        PERSON,
        THEME,
        SOURCE,
        TRANSACTION,
    ),
    relationship_kinds=RELATIONSHIP_KINDS,
)
