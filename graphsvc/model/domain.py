"""graphsvc's domain model, declared once.

Everything that knows about kinds of things reads this module: seed validation, the Neo4j
constraints and indexes, `graphsvc stats`, the model tables of docs/model.md (checked by a test),
and later the GraphQL types and map styles. Add a kind or a relationship here and the rest follows.

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
    IatiRole,
    Meaning,
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
    label: str,
    plural: str,
    description: str,
    *own: Property,
    style: tuple[str, str],
    roles: tuple[str, ...],
    rdf: tuple[str, ...],
) -> NodeKind:
    colour, shape = style
    return NodeKind(
        label,
        plural,
        description,
        COMMON_NODE_PROPERTIES + own,
        colour,
        shape,
        roles=roles,
        rdf_types=rdf,
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
    roles=("actor",),
    rdf=("org:Organization", "schema:Organization"),
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
    roles=("place", "actor"),
    rdf=("schema:City",),
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
    roles=("place",),
    rdf=("schema:Country",),
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
    roles=("place",),
    rdf=("schema:Place",),
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
    roles=("undertaking",),
    rdf=("schema:Project",),
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
    roles=("undertaking",),
    rdf=("schema:Event",),
)
PERSON = _node(
    "Person",
    "people",
    "A named person who represents an institution.",
    style=("#D55E00", "triangleDown"),
    roles=("actor",),
    rdf=("schema:Person",),
)
THEME = _node(
    "Theme",
    "themes",
    "A pillar, topic or method of work, such as migration or subsidiarity.",
    _choice("category", THEME_CATEGORIES, "Whether a programme pillar, a topic or a method."),
    IATI_CODE,
    IATI_VOCABULARY,
    style=("#B8A800", "hexagon"),
    roles=("classification",),
    rdf=("skos:Concept",),
)
SOURCE = NodeKind(
    "Source",
    "sources",
    "A document that facts are taken from.",
    (
        *COMMON_NODE_PROPERTIES,
        Property(
            "title",
            PropertyType.STRING,
            "A title a person can read: the document's own headline, or the curators' when it "
            "has none.",
        ),
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
        Property(
            "url",
            PropertyType.STRING,
            "Where the document was read from, when online: an http or https address.",
            pattern=r"(?i)^https?://\S+$",
        ),
        Property("author", PropertyType.STRING, "Who wrote the document, when it says."),
        Property(
            "content_hash",
            PropertyType.STRING,
            "SHA-256 of the extracted text: the same document taken in twice is recognised.",
        ),
        _text(
            "text",
            "The document's extracted text, kept so that every fact taken from it can show its "
            "sentence by character offsets.",
        ),
    ),
    colour="#999999",
    roles=("provenance",),
    rdf_types=("schema:CreativeWork",),
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
    roles=("money",),
    rdf=("schema:MonetaryAmount",),
)

NODE_KINDS = (
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
)
"""Every node kind, in the order tables, schemas and maps list them."""


def _playing(role: str) -> tuple[str, ...]:
    """The labels of the kinds that declare `role`, in model order.

    The relationship kinds below name their ends by role, so a kind that takes on a role is
    joined by every relationship of that role, with no second list to update.
    """
    return tuple(kind.label for kind in NODE_KINDS if role in kind.roles)


ACTORS = _playing("actor")
UNDERTAKINGS = _playing("undertaking")
PLACES = _playing("place")
PERCENTAGE = Property(
    "percentage",
    PropertyType.FLOAT,
    "Share of the activity, in percent, as the publisher gives it.",
    minimum=0,
    maximum=100,
)

MEANINGS: tuple[Meaning, ...] = (
    Meaning("involvement", "An actor's part in a programme or event."),
    Meaning("financing", "Money given to an undertaking.", parent="involvement"),
    Meaning(
        "implementation",
        "Leading, carrying out, managing or partnering in a programme.",
        parent="involvement",
    ),
    Meaning("participation", "Organising or taking part in an event.", parent="involvement"),
    Meaning("network", "A standing tie between organisations."),
    Meaning("membership", "Belonging to a network, partnership or body.", parent="network"),
    Meaning("affiliation", "A tie to an organisation without membership.", parent="network"),
    Meaning("representation", "A person speaking for an organisation."),
    Meaning("framing", "An undertaking framed by a broader one (a project in a programme)."),
    Meaning("contribution", "An undertaking that helps or relates to another it is not part of."),
    Meaning("place", "A link to a place."),
    Meaning(
        "location",
        "Where something is based or happens.",
        parent="place",
        placement="beside",
    ),
    Meaning("governance", "A municipality and the city it governs.", parent="location"),
    Meaning("targeting", "A place an undertaking is aimed at.", parent="place"),
    Meaning("containment", "A place inside a larger one.", parent="place", placement="within"),
    Meaning("classification", "What an undertaking is about."),
    Meaning("accountability", "Who publishes an activity's data or answers for it (IATI roles)."),
    Meaning("money-flow", "A transaction's place on the money's path (IATI transactions)."),
)
"""The semantic groups of relationship kinds, broadest first within each family."""


def _rel(
    rel_type: str,
    names: tuple[str, str],
    description: str,
    ends: tuple[tuple[str, ...], tuple[str, ...]],
    *own: Property,
    meaning: str,
    rdf: tuple[str | None, str | None],
    collaborative: bool = True,
    iati: IatiRole | None = None,
    phrases: tuple[tuple[str, str], ...] = (),
) -> RelationshipKind:
    """A relationship kind: `rdf` is (the source's linked-data term, the target's inverse).

    `phrases` are (language, words) that state the relationship when they stand between two
    mentions of one sentence, for document intake. The ends' kinds give the direction ("the
    programme financed by the agency": only an Institution may fund a Programme); where the kinds
    allow both directions, the mention before the phrase is the source, so such phrases are
    written in the active voice ("part of", "member of").
    """
    return RelationshipKind(
        rel_type,
        description,
        ends[0],
        ends[1],
        COMMON_RELATIONSHIP_PROPERTIES + own,
        outgoing=names[0],
        incoming=names[1],
        collaborative=collaborative,
        meaning=meaning,
        rdf_term=rdf[0],
        rdf_inverse=rdf[1],
        iati_role=iati,
        phrases=phrases,
    )


FUNDS = _rel(
    "FUNDS",
    ("funds", "funded_by"),
    "Finances a programme or project (a programme may finance a sub-initiative).",
    (("Institution", "Programme"), ("Programme",)),
    Property("amount", PropertyType.FLOAT, "Amount financed.", minimum=0),
    Property("currency", PropertyType.STRING, "ISO 4217 code.", pattern=r"^[A-Z]{3}$"),
    _date("start_date", "Start of the funding period."),
    _date("end_date", "End of the funding period."),
    meaning="financing",
    rdf=(None, "schema:funder"),
    iati=IatiRole("1"),
    phrases=(
        ("en", "financed by"),
        ("en", "funded by"),
        ("fr", "financé par"),
        ("es", "financiado por"),
        ("ca", "finançat per"),
        ("en", "funds"),
        ("en", "financed"),
        ("en", "funded"),
        ("en", "financing"),
        ("fr", "finance"),
        ("fr", "a financé"),
        ("es", "financia"),
        ("es", "financió"),
        ("ca", "finança"),
        ("ca", "va finançar"),
        ("en", "with funding from"),
        ("en", "with the financial support of"),
        ("fr", "avec le soutien financier de"),
        ("fr", "financée par"),
        ("es", "financiada por"),
        ("es", "con el apoyo financiero de"),
        ("ca", "finançada per"),
        ("ca", "amb el suport financer de"),
        ("ar", "بتمويل من"),
        ("ar", "بتمويل"),
        ("ar", "يمول"),
        ("ar", "تمول"),
        ("ar", "موّل"),
        ("ar", "ممول من"),
        ("ar", "بدعم مالي من"),
    ),
)
LEADS = _rel(
    "LEADS",
    ("leads", "led_by"),
    "Leads a programme.",
    (("Institution",), ("Programme",)),
    meaning="implementation",
    rdf=("gs:leads", None),
    iati=IatiRole("2", imported=False),
    phrases=(
        ("en", "led by"),
        ("en", "leads"),
        ("en", "coordinated by"),
        ("en", "coordinates"),
        ("fr", "dirigé par"),
        ("fr", "piloté par"),
        ("fr", "coordonné par"),
        ("es", "liderado por"),
        ("es", "dirigido por"),
        ("es", "coordinado por"),
        ("ca", "liderat per"),
        ("ca", "coordinat per"),
        ("ar", "بقيادة"),
        ("ar", "يقود"),
        ("ar", "تقود"),
        ("ar", "بتنسيق من"),
        ("ar", "ينسق"),
        ("ar", "تنسق"),
    ),
)
IMPLEMENTS = _rel(
    "IMPLEMENTS",
    ("implements", "implemented_by"),
    "Carries out a programme or project.",
    (("Institution",), ("Programme",)),
    meaning="implementation",
    rdf=("gs:implements", None),
    iati=IatiRole("4"),
    phrases=(
        ("en", "implemented by"),
        ("en", "implements"),
        ("en", "carried out by"),
        ("en", "executed by"),
        ("fr", "mis en œuvre par"),
        ("fr", "mis en oeuvre par"),
        ("fr", "réalisé par"),
        ("es", "implementado por"),
        ("es", "ejecutado por"),
        ("ca", "implementat per"),
        ("ca", "executat per"),
        ("ar", "من تنفيذ"),
        ("ar", "ينفذه"),
        ("ar", "تنفذه"),
        ("ar", "ينفذ"),
        ("ar", "تنفذ"),
    ),
)
PARTNER_IN = _rel(
    "PARTNER_IN",
    ("partner_in", "partners"),
    "Takes part in a programme as a partner.",
    (ACTORS, ("Programme",)),
    ROLE,
    meaning="implementation",
    rdf=("gs:partnerIn", None),
    iati=IatiRole("4", imported=False),
    phrases=(
        ("en", "in partnership with"),
        ("en", "partner in"),
        ("en", "partners in"),
        ("en", "partner of"),
        ("fr", "en partenariat avec"),
        ("fr", "partenaire de"),
        ("es", "en colaboración con"),
        ("es", "socio de"),
        ("ca", "en col·laboració amb"),
        ("ca", "soci de"),
        ("en", "partners"),
        ("en", "together with"),
        ("en", "includes the cities of"),
        ("en", "involves"),
        ("fr", "partenaires"),
        ("fr", "associe"),
        ("fr", "comprend les villes de"),
        ("es", "socios"),
        ("es", "junto con"),
        ("es", "incluye las ciudades de"),
        ("ca", "socis"),
        ("ca", "juntament amb"),
        ("ca", "inclou les ciutats de"),
        ("ar", "بالشراكة مع"),
        ("ar", "بشراكة مع"),
        ("ar", "شريك في"),
        ("ar", "شركاء"),
        ("ar", "بالتعاون مع"),
        ("ar", "إلى جانب"),
    ),
)
MANAGES = _rel(
    "MANAGES",
    ("manages", "managed_by"),
    "Runs a programme as its secretariat, manager or steering body.",
    (("Institution",), ("Programme",)),
    ROLE,
    meaning="implementation",
    rdf=("gs:manages", None),
    iati=IatiRole("2", imported=False),
    phrases=(
        ("en", "managed by"),
        ("en", "manages"),
        ("en", "secretariat of"),
        ("fr", "géré par"),
        ("fr", "gère"),
        ("es", "gestionado por"),
        ("es", "gestiona"),
        ("ca", "gestionat per"),
        ("ca", "gestiona"),
        ("ar", "يدير"),
        ("ar", "تدير"),
        ("ar", "بإدارة"),
        ("ar", "تحت إدارة"),
    ),
)
MEMBER_OF = _rel(
    "MEMBER_OF",
    ("member_of", "members"),
    "Is a member of a network, partnership or body.",
    (("Institution", "City"), ("Institution",)),
    meaning="membership",
    rdf=("org:memberOf", None),
    phrases=(
        ("en", "member of"),
        ("en", "members of"),
        ("en", "joined"),
        ("fr", "membre de"),
        ("fr", "membres de"),
        ("es", "miembro de"),
        ("es", "miembros de"),
        ("ca", "membre de"),
        ("ca", "membres de"),
        ("ar", "عضو في"),
        ("ar", "أعضاء في"),
        ("ar", "عضو"),
        ("ar", "انضمت إلى"),
        ("ar", "انضم إلى"),
    ),
)
AFFILIATED_WITH = _rel(
    "AFFILIATED_WITH",
    ("affiliated_with", "affiliates"),
    "Is linked to another organisation without being a member.",
    (("Institution",), ("Institution",)),
    ROLE,
    meaning="affiliation",
    rdf=("gs:affiliatedWith", None),
    phrases=(
        ("en", "branch of"),
        ("en", "affiliated with"),
        ("en", "affiliated to"),
        ("fr", "antenne de"),
        ("fr", "affilié à"),
        ("es", "delegación de"),
        ("es", "afiliado a"),
        ("ca", "delegació de"),
        ("ca", "afiliat a"),
        ("ar", "فرع"),
        ("ar", "التابع"),
        ("ar", "التابعة"),
    ),
)
ORGANISES = _rel(
    "ORGANISES",
    ("organises", "organised_by"),
    "Organises or hosts an event.",
    (("Institution", "City"), ("Event",)),
    ROLE,
    meaning="participation",
    rdf=("schema:organizer", "schema:organizer"),
    phrases=(
        ("en", "organised by"),
        ("en", "organized by"),
        ("en", "hosted by"),
        ("en", "organises"),
        ("en", "organizes"),
        ("en", "organised"),
        ("en", "organized"),
        ("en", "hosts"),
        ("en", "hosted"),
        ("fr", "organisé par"),
        ("fr", "organisée par"),
        ("fr", "organise"),
        ("fr", "accueilli par"),
        ("es", "organizado por"),
        ("es", "organizada por"),
        ("es", "organiza"),
        ("es", "organizó"),
        ("ca", "organitzat per"),
        ("ca", "organitzada per"),
        ("ca", "organitza"),
        ("en", "co-organised by"),
        ("en", "co-organized by"),
        ("en", "convened by"),
        ("fr", "co-organisé par"),
        ("es", "coorganizado por"),
        ("ca", "coorganitzat per"),
        ("ar", "من تنظيم"),
        ("ar", "بتنظيم من"),
        ("ar", "بتنظيم"),
        ("ar", "نظمت"),
        ("ar", "نظم"),
        ("ar", "تنظم"),
        ("ar", "ينظم"),
        ("ar", "استضافت"),
        ("ar", "استضاف"),
        ("ar", "تستضيف"),
        ("ar", "يستضيف"),
    ),
)
PARTICIPATES_IN = _rel(
    "PARTICIPATES_IN",
    ("participates_in", "participants"),
    "Takes part in an event.",
    (ACTORS, ("Event",)),
    ROLE,
    _text("topic", "What the participant presented, when it presented something."),
    meaning="participation",
    rdf=("gs:participatesIn", "schema:attendee"),
    phrases=(
        ("en", "took part in"),
        ("en", "participated in"),
        ("en", "participate in"),
        ("en", "attended"),
        ("en", "attended by"),
        ("en", "with the participation of"),
        ("fr", "a participé à"),
        ("fr", "ont participé à"),
        ("fr", "participent à"),
        ("fr", "avec la participation de"),
        ("es", "participó en"),
        ("es", "participaron en"),
        ("es", "con la participación de"),
        ("ca", "va participar en"),
        ("ca", "van participar en"),
        ("ca", "amb la participació de"),
        ("en", "took part"),
        ("en", "participated"),
        ("en", "participants"),
        ("en", "attending"),
        ("en", "brought together"),
        ("fr", "ont participé"),
        ("fr", "a participé"),
        ("fr", "participants"),
        ("fr", "a réuni"),
        ("es", "participaron"),
        ("es", "participó"),
        ("es", "participantes"),
        ("es", "reunió"),
        ("ca", "van participar"),
        ("ca", "va participar"),
        ("ca", "participants"),
        ("ca", "va reunir"),
        ("en", "bring together"),
        ("en", "brings together"),
        ("en", "gathered"),
        ("en", "opened by"),
        ("en", "inaugurated by"),
        ("en", "presented"),
        ("fr", "réunit"),
        ("fr", "réunira"),
        ("fr", "inauguré par"),
        ("fr", "ont présenté"),
        ("es", "reúne"),
        ("es", "reunirá"),
        ("es", "inaugurado por"),
        ("es", "presentaron"),
        ("ca", "reuneix"),
        ("ca", "reunirà"),
        ("ca", "inaugurat per"),
        ("ca", "van presentar"),
        ("ar", "بمشاركة"),
        ("ar", "شارك في"),
        ("ar", "شاركت في"),
        ("ar", "شارك"),
        ("ar", "شاركت"),
        ("ar", "يشارك في"),
        ("ar", "تشارك في"),
        ("ar", "المشاركون"),
        ("ar", "بحضور"),
        ("ar", "حضر"),
        ("ar", "جمع"),
        ("ar", "يجمع"),
        ("ar", "افتتح"),
    ),
)
HELD_IN = _rel(
    "HELD_IN",
    ("held_in", "events_held"),
    "An event took place in a city.",
    (("Event",), ("City",)),
    meaning="location",
    rdf=("schema:location", None),
    phrases=(
        ("en", "held in"),
        ("en", "took place in"),
        ("en", "in"),
        ("fr", "tenu à"),
        ("fr", "tenue à"),
        ("fr", "s'est tenu à"),
        ("fr", "à"),
        ("es", "celebrado en"),
        ("es", "celebrada en"),
        ("es", "tuvo lugar en"),
        ("es", "en"),
        ("ca", "celebrat a"),
        ("ca", "celebrada a"),
        ("ca", "a"),
        ("ar", "عقد في"),
        ("ar", "عقدت في"),
        ("ar", "انعقد في"),
        ("ar", "انعقدت في"),
        ("ar", "أقيم في"),
        ("ar", "أقيمت في"),
        ("ar", "في"),
    ),
)
PART_OF = _rel(
    "PART_OF",
    ("part_of", "parts"),
    "An event or project is framed by a programme; a session by an event.",
    (UNDERTAKINGS, UNDERTAKINGS),
    meaning="framing",
    rdf=("schema:isPartOf", None),
    phrases=(
        ("en", "part of"),
        ("en", "within the framework of"),
        ("en", "in the framework of"),
        ("en", "under the"),
        ("fr", "dans le cadre du"),
        ("fr", "dans le cadre de"),
        ("fr", "fait partie de"),
        ("es", "en el marco del"),
        ("es", "en el marco de"),
        ("es", "forma parte de"),
        ("ca", "en el marc del"),
        ("ca", "en el marc de"),
        ("ca", "forma part de"),
        ("ar", "في إطار"),
        ("ar", "في اطار"),
        ("ar", "ضمن"),
        ("ar", "جزء من"),
    ),
)
SUPPORTS = _rel(
    "SUPPORTS",
    ("supports", "supported_by"),
    "An undertaking contributes to another without being part of it.",
    (("Programme", "Event"), ("Programme",)),
    meaning="contribution",
    rdf=("gs:supports", None),
    phrases=(
        ("en", "supports"),
        ("en", "contributes to"),
        ("en", "in support of"),
        ("fr", "soutient"),
        ("fr", "contribue à"),
        ("es", "apoya"),
        ("es", "contribuye a"),
        ("ca", "dona suport a"),
        ("ca", "contribueix a"),
        ("ar", "يدعم"),
        ("ar", "تدعم"),
        ("ar", "يساهم في"),
        ("ar", "تساهم في"),
    ),
)
IN_COUNTRY = _rel(
    "IN_COUNTRY",
    ("in_country", "cities"),
    "A city lies in a country.",
    (("City",), ("Country",)),
    meaning="containment",
    rdf=("schema:containedInPlace", None),
    collaborative=False,
)
IN_REGION = _rel(
    "IN_REGION",
    ("in_region", "region_members"),
    "A country or city lies in a region.",
    (("Country", "City"), ("Region",)),
    meaning="containment",
    rdf=("schema:containedInPlace", None),
    collaborative=False,
)
BASED_IN = _rel(
    "BASED_IN",
    ("based_in", "based_here"),
    "An institution is based in a city or country.",
    (("Institution",), ("City", "Country")),
    meaning="location",
    rdf=("schema:location", None),
    phrases=(
        ("en", "based in"),
        ("en", "headquartered in"),
        ("en", "from"),
        ("fr", "basé à"),
        ("fr", "basée à"),
        ("fr", "siège à"),
        ("es", "con sede en"),
        ("es", "ubicado en"),
        ("ca", "amb seu a"),
        ("ca", "ubicat a"),
        ("ar", "مقرها في"),
        ("ar", "مقره في"),
        ("ar", "ومقرها في"),
        ("ar", "من"),
    ),
)
GOVERNS = _rel(
    "GOVERNS",
    ("governs", "governed_by"),
    "A municipality governs a city.",
    (("Institution",), ("City",)),
    meaning="governance",
    rdf=("gs:governs", None),
    phrases=(
        ("en", "governs"),
        ("en", "municipality of"),
        ("fr", "municipalité de"),
        ("es", "ayuntamiento de"),
        ("ca", "ajuntament de"),
        ("ar", "تحكم"),
    ),
)
REPRESENTS = _rel(
    "REPRESENTS",
    ("represents", "representatives"),
    "A person speaks for an institution.",
    (("Person",), ("Institution",)),
    _text("role", "The person's role title, as the source gives it."),
    meaning="representation",
    rdf=("org:memberOf", None),
    phrases=(
        ("en", "representing"),
        ("en", "representative of"),
        ("en", "on behalf of"),
        ("en", "mayor of"),
        ("en", "president of"),
        ("fr", "représentant"),
        ("fr", "au nom de"),
        ("fr", "maire de"),
        ("fr", "président de"),
        ("es", "en representación de"),
        ("es", "alcalde de"),
        ("es", "alcaldesa de"),
        ("es", "presidente de"),
        ("ca", "en representació de"),
        ("ca", "alcalde de"),
        ("ca", "alcaldessa de"),
        ("ca", "president de"),
        ("ar", "ممثل"),
        ("ar", "ممثلة"),
        ("ar", "نيابة عن"),
        ("ar", "باسم"),
        ("ar", "رئيس بلدية"),
        ("ar", "رئيسة بلدية"),
        ("ar", "عمدة"),
    ),
)
ADDRESSES = _rel(
    "ADDRESSES",
    ("addresses", "addressed_by"),
    "A programme or event addresses a theme.",
    (UNDERTAKINGS, ("Theme",)),
    PERCENTAGE,
    meaning="classification",
    rdf=("schema:about", None),
    collaborative=False,
)
TARGETS = _rel(
    "TARGETS",
    ("targets", "targeted_by"),
    "A programme is aimed at a place.",
    (("Programme",), PLACES),
    PERCENTAGE,
    meaning="targeting",
    rdf=("gs:targets", None),
    phrases=(
        ("en", "targets"),
        ("en", "targeting"),
        ("en", "aimed at"),
        ("en", "in the cities of"),
        ("en", "in the city of"),
        ("en", "for the cities of"),
        ("fr", "cible"),
        ("fr", "destiné à"),
        ("fr", "dans les villes de"),
        ("fr", "dans la ville de"),
        ("es", "dirigido a"),
        ("es", "en las ciudades de"),
        ("es", "en la ciudad de"),
        ("ca", "adreçat a"),
        ("ca", "a les ciutats de"),
        ("ca", "a la ciutat de"),
        ("ar", "يستهدف"),
        ("ar", "تستهدف"),
        ("ar", "موجه إلى"),
        ("ar", "في مدن"),
        ("ar", "في مدينة"),
        ("ar", "لفائدة"),
    ),
)
REPORTS = _rel(
    "REPORTS",
    ("reports", "reported_by"),
    "An organisation publishes the IATI data of an activity.",
    (("Institution",), ("Programme",)),
    meaning="accountability",
    rdf=("gs:reports", None),
)
ACCOUNTABLE_FOR = _rel(
    "ACCOUNTABLE_FOR",
    ("accountable_for", "accountable"),
    "Is accountable for an activity (IATI participating-org role 2).",
    (("Institution",), ("Programme",)),
    meaning="accountability",
    rdf=("gs:accountableFor", None),
    iati=IatiRole("2"),
)
EXTENDS = _rel(
    "EXTENDS",
    ("extends", "extended_by"),
    "Manages a funder's money for an activity (IATI participating-org role 3).",
    (("Institution",), ("Programme",)),
    meaning="accountability",
    rdf=("gs:extends", None),
    iati=IatiRole("3"),
)
RELATED_TO = _rel(
    "RELATED_TO",
    ("related_to", "related_from"),
    "An activity names another as a sibling, co-funded or third-party activity.",
    (("Programme",), ("Programme",)),
    _choice(
        "relation", ("sibling", "co-funded", "third-party"), "How the publisher relates the two."
    ),
    meaning="contribution",
    rdf=("gs:relatedTo", None),
)
RECORDED_IN = _rel(
    "RECORDED_IN",
    ("recorded_in", "transactions"),
    "A transaction as reported in an activity's IATI data.",
    (("Transaction",), ("Programme",)),
    meaning="money-flow",
    rdf=("gs:recordedIn", None),
    collaborative=False,
)
PROVIDED_BY = _rel(
    "PROVIDED_BY",
    ("provided_by", "provided"),
    "The organisation the money comes from.",
    (("Transaction",), ("Institution",)),
    meaning="money-flow",
    rdf=("gs:providedBy", None),
    collaborative=False,
)
RECEIVED_BY = _rel(
    "RECEIVED_BY",
    ("received_by", "received"),
    "The organisation the money goes to.",
    (("Transaction",), ("Institution",)),
    meaning="money-flow",
    rdf=("gs:receivedBy", None),
    collaborative=False,
)
FROM_ACTIVITY = _rel(
    "FROM_ACTIVITY",
    ("from_activity", "outgoing_flows"),
    "The activity the money comes from (IATI provider-activity-id).",
    (("Transaction",), ("Programme",)),
    meaning="money-flow",
    rdf=("gs:fromActivity", None),
    collaborative=False,
)
TO_ACTIVITY = _rel(
    "TO_ACTIVITY",
    ("to_activity", "incoming_flows"),
    "The activity the money goes to (IATI receiver-activity-id).",
    (("Transaction",), ("Programme",)),
    meaning="money-flow",
    rdf=("gs:toActivity", None),
    collaborative=False,
)

RELATIONSHIP_KINDS: tuple[RelationshipKind, ...] = (
    FUNDS,
    LEADS,
    IMPLEMENTS,
    PARTNER_IN,
    MANAGES,
    MEMBER_OF,
    AFFILIATED_WITH,
    ORGANISES,
    PARTICIPATES_IN,
    HELD_IN,
    PART_OF,
    SUPPORTS,
    IN_COUNTRY,
    IN_REGION,
    BASED_IN,
    GOVERNS,
    REPRESENTS,
    ADDRESSES,
    TARGETS,
    REPORTS,
    ACCOUNTABLE_FOR,
    EXTENDS,
    RELATED_TO,
    RECORDED_IN,
    PROVIDED_BY,
    RECEIVED_BY,
    FROM_ACTIVITY,
    TO_ACTIVITY,
)
"""Every relationship kind, in the order tables and schemas list them. Code that needs one kind
imports its constant (`FUNDS.type`) rather than typing its name."""

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
    meanings=MEANINGS,
    node_kinds=NODE_KINDS,
    relationship_kinds=RELATIONSHIP_KINDS,
)
