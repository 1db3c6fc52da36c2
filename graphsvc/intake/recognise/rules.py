"""The recogniser's words, one table per language: adding a language is adding a table here.

Arabic words are written as the text writes them and folded with `name_key` like the others
(hamza seats and short vowels dropped: "أكتوبر" and "اكتوبر" are one key). Arabic has no capital
letters and joins its article to the noun, so its table lists the definite forms ("المؤتمر")
beside the bare ones; the steps that read capitalised names find nothing in it, and names in
Arabic script come from the known names and the gazetteer.

Relationship phrases are not here: they belong to the domain model, beside each relationship kind
(`RelationshipKind.phrases_in`). This module holds what is about entities, events, places and
dates: titles before a person's name, heads of organisation and programme names, event cue words,
place cues and month names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphsvc.model.names import name_key


@dataclass(frozen=True)
class Head:
    """A word that makes a capitalised name an entity of one kind ("... Foundation")."""

    label: str
    category: str


@dataclass(frozen=True, eq=False)  # one table per language: compared and hashed by identity
class LanguageRules:
    """Everything the recogniser needs to know about one language, besides phrases."""

    language: str
    municipality: tuple[str, ...]
    """Words before a city's name that make the name its municipality ("Municipality of")."""
    person_titles: tuple[str, ...]
    """Titles before a person's name; one ending in "." needs its full stop ("M.")."""
    offices: tuple[str, ...]
    """Words before a city's name that name its mayor ("mayor of")."""
    connectors: tuple[str, ...]
    """Lower-case words allowed inside a capitalised name ("of", "de", "per")."""
    determiners: tuple[str, ...]
    """Capitalised words dropped from the start of a name ("The", "La")."""
    heads: dict[str, Head]
    """Folded head word -> what it makes of the name it starts or ends."""
    events: dict[str, str]
    """Folded cue word (or words) -> event category."""
    place_cues: tuple[str, ...]
    """Words before a place name ("in", "à")."""
    months: dict[str, int]
    """Folded month name -> month number."""
    range_words: tuple[str, ...]
    """Words between the two days of a range ("to", "au", "al")."""
    quotes_for: dict[str, str] = field(default_factory=dict)
    """Folded word before a quoted title -> the label it gets ("project" -> Programme)."""
    roles: tuple[str, ...] = ()
    """Folded beginnings of the words that make a role title ("director" for "Director General")."""
    affiliations: tuple[str, ...] = ()
    """Words between a person or role and an institution ("of", "from", "de la", "del")."""
    references: tuple[str, ...] = ()
    """Folded nouns that speak of the document's event without naming it ("the event"); event
    cue words and programme heads ("the workshop", "the project") refer back too."""
    list_words: tuple[str, ...] = ()
    """Words that may stand between the items of a list ("X, Y and the Z"): a phrase speaks of
    every item of the list after it, and of nothing after the list ends."""
    relatives: tuple[str, ...] = ()
    """Words opening a relative clause after a comma (", which"): a phrase's list of mentions
    stops there, since the clause says something else of them."""
    city_nouns: tuple[str, ...] = ()
    """Words before a list that make every name of it a city ("the cities of")."""
    indefinites: tuple[str, ...] = ()
    """Indefinite articles ("a", "une"): an event they introduce is new, and may be dated by
    the next sentence."""
    month_cues: tuple[str, ...] = ()
    """Words before a month named alone that make it a date ("in", "early", "fin")."""
    venues: tuple[str, ...] = ()
    """Words between an event's noun and the city it is held in ("workshop in Tunis")."""
    event_determiners: tuple[str, ...] = ()
    """Lower-case words that open an event's noun phrase ("a stakeholder workshop")."""
    municipality_after: tuple[str, ...] = ()
    """Words after a city's name that make the name its municipality ("Metropolitan
    Municipality", "City Council")."""
    launches: tuple[str, ...] = ()
    """Folded nouns that make the capitalised name after them (and "of") an event: its launch
    or opening ("Launch of the Regional Assembly", "Lancement du Réseau")."""
    numbered_nouns: tuple[str, ...] = ()
    """Folded capitalised nouns a number after which never makes a named edition of an event
    ("Phase II", "Article 5"), besides the months."""
    verb_first: bool = False
    """Whether a clause may open with its verb, subject after it ("نظمت بلدية طرابلس ورشة",
    organised the municipality of Tripoli a workshop): then a phrase with no mention before it
    in its clause takes the first mention after it as the one before."""
    modifiers_first: bool = True
    """Whether a noun's modifiers stand before it ("the Rome meeting"). Arabic puts them after
    ("اجتماع روما"): there a city just before an event's noun ends the clause before it."""


_INSTITUTION_HEADS_EN = {
    "municipality": Head("Institution", "municipality"),
    "delegation": Head("Institution", "government"),
    "embassy": Head("Institution", "government"),
    "organization": Head("Institution", "intergovernmental-body"),
    "organisation": Head("Institution", "intergovernmental-body"),
    "commission": Head("Institution", "governance-body"),
    "federation": Head("Institution", "local-government-association"),
    "office": Head("Institution", "public-sector"),
    "secretariat": Head("Institution", "governance-body"),
    "authority": Head("Institution", "public-sector"),
    "university": Head("Institution", "research-centre"),
    "chamber": Head("Institution", "association"),
    "fund": Head("Institution", "foundation"),
    "platform": Head("Institution", "partnership-platform"),
    "observatory": Head("Institution", "knowledge-centre"),
    "mechanism": Head("Institution", "partnership-platform"),
    "group": Head("Institution", "partnership-platform"),
    "force": Head("Institution", "partnership-platform"),
    "foundation": Head("Institution", "foundation"),
    "centre": Head("Institution", "research-centre"),
    "center": Head("Institution", "research-centre"),
    "agency": Head("Institution", "bilateral-cooperation-agency"),
    "network": Head("Institution", "city-network"),
    "alliance": Head("Institution", "partnership-platform"),
    "union": Head("Institution", "intergovernmental-body"),
    "council": Head("Institution", "governance-body"),
    "committee": Head("Institution", "governance-body"),
    "assembly": Head("Institution", "intergovernmental-body"),
    "association": Head("Institution", "association"),
    "institute": Head("Institution", "research-centre"),
    "bank": Head("Institution", "development-bank"),
    "ministry": Head("Institution", "government"),
    "programme": Head("Programme", "programme"),
    "program": Head("Programme", "programme"),
    "project": Head("Programme", "project"),
    "initiative": Head("Programme", "initiative"),
    "strategy": Head("Programme", "city-strategy"),
}
_HEADS_AR = {
    # Arabic puts the head first ("بلدية صفاقس", "مشروع مدينتنا"); folded keys
    name_key(word): Head(label, category)
    for word, label, category in (
        ("بلدية", "Institution", "municipality"),
        ("البلدية", "Institution", "municipality"),
        ("سفارة", "Institution", "government"),
        ("منظمة", "Institution", "intergovernmental-body"),
        ("هيئة", "Institution", "public-sector"),
        ("لجنة", "Institution", "governance-body"),
        ("اتحاد", "Institution", "local-government-association"),
        ("جامعة", "Institution", "research-centre"),
        ("غرفة", "Institution", "association"),
        ("صندوق", "Institution", "foundation"),
        ("منصة", "Institution", "partnership-platform"),
        ("مرصد", "Institution", "knowledge-centre"),
        ("مؤسسة", "Institution", "foundation"),
        ("مركز", "Institution", "research-centre"),
        ("وكالة", "Institution", "bilateral-cooperation-agency"),
        ("شبكة", "Institution", "city-network"),
        ("تحالف", "Institution", "partnership-platform"),
        ("مجلس", "Institution", "governance-body"),
        ("جمعية", "Institution", "association"),
        ("معهد", "Institution", "research-centre"),
        ("بنك", "Institution", "development-bank"),
        ("وزارة", "Institution", "government"),
        ("برنامج", "Programme", "programme"),
        ("مشروع", "Programme", "project"),
        ("مبادرة", "Programme", "initiative"),
        ("استراتيجية", "Programme", "city-strategy"),
    )
}
_HEADS_FR = {
    "municipalite": Head("Institution", "municipality"),
    "delegation": Head("Institution", "government"),
    "ambassade": Head("Institution", "government"),
    "organisation": Head("Institution", "intergovernmental-body"),
    "commission": Head("Institution", "governance-body"),
    "federation": Head("Institution", "local-government-association"),
    "bureau": Head("Institution", "public-sector"),
    "office": Head("Institution", "public-sector"),
    "secretariat": Head("Institution", "governance-body"),
    "autorite": Head("Institution", "public-sector"),
    "universite": Head("Institution", "research-centre"),
    "chambre": Head("Institution", "association"),
    "fonds": Head("Institution", "foundation"),
    "plateforme": Head("Institution", "partnership-platform"),
    "observatoire": Head("Institution", "knowledge-centre"),
    "departement": Head("Institution", "government"),
    "region": Head("Institution", "government"),
    "caisse": Head("Institution", "development-bank"),
    "communaute": Head("Institution", "public-sector"),
    "groupe": Head("Institution", "partnership-platform"),
    "fondation": Head("Institution", "foundation"),
    "centre": Head("Institution", "research-centre"),
    "agence": Head("Institution", "bilateral-cooperation-agency"),
    "reseau": Head("Institution", "city-network"),
    "alliance": Head("Institution", "partnership-platform"),
    "union": Head("Institution", "intergovernmental-body"),
    "conseil": Head("Institution", "governance-body"),
    "comite": Head("Institution", "governance-body"),
    "assemblee": Head("Institution", "intergovernmental-body"),
    "association": Head("Institution", "association"),
    "institut": Head("Institution", "research-centre"),
    "banque": Head("Institution", "development-bank"),
    "ministere": Head("Institution", "government"),
    "programme": Head("Programme", "programme"),
    "projet": Head("Programme", "project"),
    "initiative": Head("Programme", "initiative"),
}
_HEADS_ES = {
    "municipalidad": Head("Institution", "municipality"),
    "ayuntamiento": Head("Institution", "municipality"),
    "delegacion": Head("Institution", "government"),
    "embajada": Head("Institution", "government"),
    "organizacion": Head("Institution", "intergovernmental-body"),
    "comision": Head("Institution", "governance-body"),
    "federacion": Head("Institution", "local-government-association"),
    "oficina": Head("Institution", "public-sector"),
    "secretaria": Head("Institution", "governance-body"),
    "autoridad": Head("Institution", "public-sector"),
    "universidad": Head("Institution", "research-centre"),
    "camara": Head("Institution", "association"),
    "fondo": Head("Institution", "foundation"),
    "plataforma": Head("Institution", "partnership-platform"),
    "observatorio": Head("Institution", "knowledge-centre"),
    "diputacion": Head("Institution", "government"),
    "generalitat": Head("Institution", "government"),
    "area": Head("Institution", "public-sector"),
    "grupo": Head("Institution", "partnership-platform"),
    "fundacion": Head("Institution", "foundation"),
    "centro": Head("Institution", "research-centre"),
    "agencia": Head("Institution", "bilateral-cooperation-agency"),
    "red": Head("Institution", "city-network"),
    "alianza": Head("Institution", "partnership-platform"),
    "union": Head("Institution", "intergovernmental-body"),
    "consejo": Head("Institution", "governance-body"),
    "comite": Head("Institution", "governance-body"),
    "asamblea": Head("Institution", "intergovernmental-body"),
    "asociacion": Head("Institution", "association"),
    "instituto": Head("Institution", "research-centre"),
    "banco": Head("Institution", "development-bank"),
    "ministerio": Head("Institution", "government"),
    "programa": Head("Programme", "programme"),
    "proyecto": Head("Programme", "project"),
    "iniciativa": Head("Programme", "initiative"),
}
_HEADS_CA = {
    "ajuntament": Head("Institution", "municipality"),
    "delegacio": Head("Institution", "government"),
    "ambaixada": Head("Institution", "government"),
    "organitzacio": Head("Institution", "intergovernmental-body"),
    "comissio": Head("Institution", "governance-body"),
    "federacio": Head("Institution", "local-government-association"),
    "oficina": Head("Institution", "public-sector"),
    "secretaria": Head("Institution", "governance-body"),
    "autoritat": Head("Institution", "public-sector"),
    "universitat": Head("Institution", "research-centre"),
    "cambra": Head("Institution", "association"),
    "fons": Head("Institution", "foundation"),
    "plataforma": Head("Institution", "partnership-platform"),
    "observatori": Head("Institution", "knowledge-centre"),
    "diputacio": Head("Institution", "government"),
    "generalitat": Head("Institution", "government"),
    "area": Head("Institution", "public-sector"),
    "grup": Head("Institution", "partnership-platform"),
    "fundacio": Head("Institution", "foundation"),
    "centre": Head("Institution", "research-centre"),
    "agencia": Head("Institution", "bilateral-cooperation-agency"),
    "xarxa": Head("Institution", "city-network"),
    "alianca": Head("Institution", "partnership-platform"),
    "unio": Head("Institution", "intergovernmental-body"),
    "consell": Head("Institution", "governance-body"),
    "comite": Head("Institution", "governance-body"),
    "assemblea": Head("Institution", "intergovernmental-body"),
    "associacio": Head("Institution", "association"),
    "institut": Head("Institution", "research-centre"),
    "banc": Head("Institution", "development-bank"),
    "ministeri": Head("Institution", "government"),
    "programa": Head("Programme", "programme"),
    "projecte": Head("Programme", "project"),
    "iniciativa": Head("Programme", "initiative"),
}

_MONTHS_EN = "january february march april may june july august september october november december"
_MONTHS_FR = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
_MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
_MONTHS_CA = "gener febrer marc abril maig juny juliol agost setembre octubre novembre desembre"
_MONTHS_AR = (
    # the Gregorian names as Egypt and the Gulf write them, then the Maghreb's (from French),
    # then the Levant's (Syriac); each line gives January to December, variants after a "/"
    "يناير فبراير مارس أبريل/ابريل/إبريل مايو يونيو/يونيه يوليو/يوليه أغسطس/اغسطس سبتمبر "
    "أكتوبر نوفمبر ديسمبر",
    "جانفي فيفري مارس أفريل ماي جوان جويلية/جويليه أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
)


def _months(names: list[str] | str) -> dict[str, int]:
    words = names.split() if isinstance(names, str) else names
    return {word: number for number, word in enumerate(words, start=1)}


def _calendars(lines: tuple[str, ...]) -> dict[str, int]:
    """Month name -> number, from lines of twelve names ("/" between variants, "_" a space).

    Each name is there folded and as written: the date patterns match the written form (the
    folded "اكتوبر" would miss "أكتوبر" in the text), the lookup folds what they matched.
    """
    months: dict[str, int] = {}
    for line in lines:
        for number, variants in enumerate(line.split(), start=1):
            for variant in variants.split("/"):
                written = variant.replace("_", " ")
                months[name_key(written)] = months[written] = number
    return months


_EVENTS_EN = {
    "meeting": "meeting",
    "webinar": "webinar",
    "workshop": "workshop",
    "seminar": "seminar",
    "conference": "conference",
    "congress": "conference",
    "forum": "conference",
    "summit": "conference",
    "awareness session": "awareness-session",
    "session": "meeting",
    "training": "workshop",
    "kick off": "meeting",
    "kickoff": "meeting",
}
_EVENTS_AR = {
    # bare and definite forms: the article is joined to the noun
    name_key(word): category
    for category, words in (
        ("meeting", "اجتماع الاجتماع لقاء اللقاء جلسة الجلسة زيارة الزيارة"),
        ("webinar", "ندوة_افتراضية الندوة_الافتراضية ندوة_عبر_الإنترنت"),
        ("workshop", "ورشة_عمل ورشة الورشة دورة_تدريبية الدورة_التدريبية"),
        ("seminar", "ندوة الندوة حلقة_دراسية"),
        ("conference", "مؤتمر المؤتمر منتدى المنتدى ملتقى الملتقى قمة القمة"),
        ("awareness-session", "حملة_توعية جلسة_توعية"),
    )
    for word in (w.replace("_", " ") for w in words.split())
}
_EVENTS_FR = {
    "reunion": "meeting",
    "webinaire": "webinar",
    "atelier": "workshop",
    "seminaire": "seminar",
    "conference": "conference",
    "congres": "conference",
    "forum": "conference",
    "sommet": "conference",
    "rencontre": "meeting",
    "session de sensibilisation": "awareness-session",
    "formation": "workshop",
}
_EVENTS_ES = {
    "reunion": "meeting",
    "webinario": "webinar",
    "seminario web": "webinar",
    "taller": "workshop",
    "seminario": "seminar",
    "conferencia": "conference",
    "congreso": "conference",
    "foro": "conference",
    "cumbre": "conference",
    "encuentro": "meeting",
    "jornada": "seminar",
    "formacion": "workshop",
}
_EVENTS_CA = {
    "reunio": "meeting",
    "webinari": "webinar",
    "webinar": "webinar",
    "taller": "workshop",
    "seminari": "seminar",
    "conferencia": "conference",
    "congres": "conference",
    "forum": "conference",
    "cimera": "conference",
    "trobada": "meeting",
    "jornada": "seminar",
    "formacio": "workshop",
}

RULES: dict[str, LanguageRules] = {
    "en": LanguageRules(
        "en",
        launches=("launch", "launching", "opening", "kick off", "inauguration"),
        numbered_nouns=(
            "phase",
            "article",
            "annex",
            "chapter",
            "section",
            "part",
            "goal",
            "title",
            "page",
            "level",
            "stage",
            "room",
            "volume",
            "no",
            "number",
            "step",
            "lot",
            "axis",
            "pillar",
            "priority",
            "package",
            "tier",
            "class",
            "type",
            "grade",
            "world war",
        ),
        municipality=(
            "Metropolitan Municipality of",
            "Municipality of",
            "City Council of",
            "City of",
            "Special Delegation of",
            "Town Hall of",
        ),
        municipality_after=(
            "Metropolitan Municipality",
            "Municipality",
            "City Council",
            "City Hall",
            "Town Hall",
            "Municipal Council",
        ),
        person_titles=("Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Prof.", "Professor"),
        offices=("mayor of", "Mayor of", "deputy mayor of", "Deputy Mayor of"),
        connectors=("of", "for", "the", "and", "on", "in", "de", "du", "des", "la", "el", "del"),
        determiners=("The", "A", "An", "This", "That", "Its", "Their", "Our"),
        heads=_INSTITUTION_HEADS_EN,
        events=_EVENTS_EN,
        place_cues=("in", "at", "from", "to", "of", "visited", "near"),
        months=_months(_MONTHS_EN),
        range_words=("to", "-", "–", "and", "until", "through"),
        quotes_for={
            "project": "Programme",
            "programme": "Programme",
            "program": "Programme",
            "initiative": "Programme",
            "entitled": "Event",
            "titled": "Event",
            "called": "Programme",
            "named": "Programme",
        },
        roles=(
            "mayor",
            "deputy",
            "president",
            "vice",
            "director",
            "head",
            "secretary",
            "coordinator",
            "minister",
            "ambassador",
            "councillor",
            "representative",
            "officer",
            "manager",
            "chair",
            "advis",
            "expert",
            "governor",
            "spokes",
            "chief",
            "executive",
            "founder",
            "member",
            "delegate",
        ),
        affiliations=("of", "at", "from", "for", "with"),
        references=("event",),
        relatives=("which", "who", "whose", "where", "that"),
        venues=("in", "at"),
        indefinites=("a", "an"),
        city_nouns=("cities of", "the cities", "towns of", "the towns", "municipalities of"),
        month_cues=(
            "in",
            "early",
            "mid",
            "mid-",
            "late",
            "beginning of",
            "end of",
            "middle of",
            "start of",
        ),
        event_determiners=("the", "a", "an", "this", "that", "its", "their", "our", "his", "her"),
        list_words=("and", "or", "as well as", "the", "&"),
    ),
    "fr": LanguageRules(
        "fr",
        launches=("lancement", "ouverture", "inauguration", "coup d'envoi"),
        numbered_nouns=(
            "phase",
            "article",
            "annexe",
            "chapitre",
            "section",
            "partie",
            "objectif",
            "titre",
            "page",
            "niveau",
            "etape",
            "salle",
            "volume",
            "no",
            "numero",
            "lot",
            "axe",
            "pilier",
            "priorite",
            "type",
            "classe",
        ),
        municipality=(
            "Municipalité de",
            "Municipalité d'",
            "Mairie de",
            "Mairie d'",
            "Ville de",
            "Ville d'",
            "Commune de",
            "Commune d'",
            "Délégation spéciale de",
            "Conseil municipal de",
        ),
        person_titles=("M.", "Mme", "Mme.", "Mlle", "Dr", "Dr.", "Pr", "Pr."),
        offices=("maire de", "Maire de", "maire d'", "Maire d'", "président de"),
        connectors=("de", "du", "des", "la", "le", "les", "pour", "et", "d'", "l'", "sur", "en"),
        determiners=("Le", "La", "Les", "L'", "Un", "Une", "Ce", "Cette"),
        heads=_HEADS_FR,
        events=_EVENTS_FR,
        place_cues=("à", "a", "en", "au", "de", "depuis", "vers"),
        months=_months(_MONTHS_FR),
        range_words=("au", "et", "-", "–", "à", "jusqu'au"),
        quotes_for={
            "projet": "Programme",
            "programme": "Programme",
            "intitule": "Event",
            "initiative": "Programme",
        },
        roles=(
            "maire",
            "adjoint",
            "president",
            "vice",
            "directeur",
            "directrice",
            "secretaire",
            "coordinateur",
            "coordinatrice",
            "ministre",
            "ambassad",
            "conseill",
            "chef",
            "responsable",
            "charge",
            "delegu",
            "representant",
            "fondateur",
            "fondatrice",
            "membre",
            "expert",
            "gouverneur",
            "porte",
            "elu",
        ),
        affiliations=("de la", "de l'", "du", "des", "de", "d'", "à la", "au", "auprès de"),
        references=("evenement", "manifestation"),
        relatives=("qui", "dont", "lequel", "laquelle", "ou"),
        venues=("à", "a", "en"),
        indefinites=("un", "une"),
        city_nouns=("villes de", "villes d'", "les villes", "communes de", "communes d'"),
        month_cues=("en", "début", "mi-", "fin", "courant", "au mois de", "au début du mois de"),
        list_words=("et", "ou", "ainsi que", "la", "le", "les", "l'"),
    ),
    "es": LanguageRules(
        "es",
        launches=("lanzamiento", "apertura", "inauguracion", "puesta en marcha"),
        numbered_nouns=(
            "fase",
            "articulo",
            "anexo",
            "capitulo",
            "seccion",
            "parte",
            "objetivo",
            "titulo",
            "pagina",
            "nivel",
            "etapa",
            "sala",
            "volumen",
            "no",
            "numero",
            "lote",
            "eje",
            "pilar",
            "prioridad",
            "tipo",
            "clase",
        ),
        municipality=(
            "Ayuntamiento de",
            "Municipalidad de",
            "Municipio de",
            "Alcaldía de",
            "Concejo de",
        ),
        person_titles=("Sr.", "Sra.", "Sr", "Sra", "Dr.", "Dra.", "D.", "Dña.", "Don", "Doña"),
        offices=("alcalde de", "alcaldesa de", "Alcalde de", "Alcaldesa de"),
        connectors=("de", "del", "la", "las", "los", "el", "para", "y", "en", "sobre"),
        determiners=("El", "La", "Los", "Las", "Un", "Una", "Este", "Esta"),
        heads=_HEADS_ES,
        events=_EVENTS_ES,
        place_cues=("en", "a", "de", "desde", "hacia"),
        months=_months(_MONTHS_ES),
        range_words=("al", "a", "y", "-", "–", "hasta el"),
        quotes_for={
            "proyecto": "Programme",
            "programa": "Programme",
            "titulado": "Event",
            "iniciativa": "Programme",
        },
        roles=(
            "alcald",
            "teniente",
            "president",
            "vice",
            "director",
            "secretario",
            "coordinador",
            "ministr",
            "embajador",
            "concejal",
            "jefe",
            "jefa",
            "responsable",
            "tecnic",
            "delegad",
            "representante",
            "fundador",
            "miembro",
            "expert",
            "gerente",
            "portavoz",
            "gobernador",
        ),
        affiliations=("de la", "del", "de los", "de las", "de", "en la", "en el"),
        references=("evento", "acto"),
        relatives=("que", "quien", "quienes", "cuyo", "cuya", "donde", "el cual", "la cual"),
        venues=("en",),
        indefinites=("un", "una"),
        city_nouns=("ciudades de", "las ciudades", "municipios de", "los municipios"),
        month_cues=(
            "en",
            "a principios de",
            "a mediados de",
            "a finales de",
            "principios de",
            "finales de",
            "el mes de",
        ),
        list_words=("y", "e", "o", "así como", "el", "la", "los", "las"),
    ),
    "ca": LanguageRules(
        "ca",
        launches=("llancament", "obertura", "inauguracio", "posada en marxa"),
        numbered_nouns=(
            "fase",
            "article",
            "annex",
            "capitol",
            "seccio",
            "part",
            "objectiu",
            "titol",
            "pagina",
            "nivell",
            "etapa",
            "sala",
            "volum",
            "no",
            "numero",
            "lot",
            "eix",
            "pilar",
            "prioritat",
            "tipus",
            "classe",
        ),
        municipality=("Ajuntament de", "Ajuntament d'", "Municipi de", "Municipi d'"),
        person_titles=("Sr.", "Sra.", "Sr", "Sra", "Dr.", "Dra."),
        offices=(
            "alcalde de",
            "alcaldessa de",
            "Alcalde de",
            "Alcaldessa de",
            "alcalde d'",
            "alcaldessa d'",
        ),
        connectors=("de", "del", "la", "les", "els", "el", "per", "i", "d'", "l'", "en", "sobre"),
        determiners=("El", "La", "Els", "Les", "L'", "Un", "Una", "Aquest", "Aquesta"),
        heads=_HEADS_CA,
        events=_EVENTS_CA,
        place_cues=("a", "en", "de", "des de", "cap a"),
        months=_months(_MONTHS_CA),
        range_words=("al", "i", "-", "–", "fins al"),
        quotes_for={
            "projecte": "Programme",
            "programa": "Programme",
            "titulat": "Event",
            "iniciativa": "Programme",
        },
        roles=(
            "alcald",
            "tinent",
            "president",
            "vice",
            "director",
            "secretari",
            "coordinador",
            "ministr",
            "ambaixador",
            "regidor",
            "responsable",
            "tecnic",
            "delegat",
            "representant",
            "fundador",
            "membre",
            "expert",
            "gerent",
            "portaveu",
            "conseller",
            "consellera",
        ),
        affiliations=("de la", "de l'", "del", "dels", "de", "d'", "a la", "a l'", "al"),
        references=("esdeveniment", "acte"),
        relatives=("que", "qui", "on", "el qual", "la qual"),
        venues=("a", "en"),
        indefinites=("un", "una"),
        city_nouns=("ciutats de", "ciutats d'", "les ciutats", "municipis de", "municipis d'"),
        month_cues=(
            "al",
            "el mes de",
            "a principis de",
            "a mitjan",
            "a finals de",
            "a finals d'",
            "a principis d'",
            "el mes d'",
        ),
        list_words=("i", "o", "així com", "el", "la", "els", "les", "l'"),
    ),
}


RULES["ar"] = LanguageRules(
    "ar",
    modifiers_first=False,
    verb_first=True,
    launches=tuple(name_key(w) for w in ("إطلاق", "اطلاق", "افتتاح", "تدشين", "انطلاق")),
    numbered_nouns=tuple(
        name_key(w) for w in ("المرحلة", "المادة", "الفصل", "الجزء", "الهدف", "الصفحة", "رقم")
    ),
    municipality=("بلدية", "مجلس بلدية", "أمانة"),
    person_titles=("السيد", "السيدة", "الدكتور", "الدكتورة", "د.", "المهندس", "الأستاذ"),
    offices=("رئيس بلدية", "رئيسة بلدية", "عمدة", "محافظ"),
    connectors=("و", "في", "ل"),
    determiners=(),
    heads=_HEADS_AR,
    events=_EVENTS_AR,
    place_cues=("في", "ب", "إلى", "الى", "من", "مدينة"),
    months=_calendars(_MONTHS_AR),
    range_words=("إلى", "الى", "و", "-", "–", "حتى", "لغاية"),
    quotes_for={
        name_key("مشروع"): "Programme",
        name_key("برنامج"): "Programme",
        name_key("بعنوان"): "Event",
        name_key("مبادرة"): "Programme",
    },
    roles=tuple(
        name_key(w)
        for w in (
            "رئيس",
            "رئيسة",
            "نائب",
            "مدير",
            "مديرة",
            "الأمين",
            "أمين",
            "منسق",
            "منسقة",
            "وزير",
            "وزيرة",
            "سفير",
            "مستشار",
            "ممثل",
            "عضو",
            "خبير",
            "محافظ",
            "عمدة",
        )
    ),
    affiliations=("في", "ل", "لدى"),
    references=tuple(name_key(w) for w in ("الحدث", "الفعالية", "النشاط")),
    relatives=("الذي", "التي", "الذين", "حيث"),
    venues=("في",),
    indefinites=(),
    city_nouns=("مدن", "المدن", "بلديات", "البلديات"),
    month_cues=("في", "خلال", "مطلع", "أوائل", "منتصف", "أواخر", "نهاية", "شهر"),
    list_words=("و",),
)


def rules_for(language: str | None) -> LanguageRules:
    """The table for `language`; English when unknown."""
    return RULES.get(language or "en", RULES["en"])
