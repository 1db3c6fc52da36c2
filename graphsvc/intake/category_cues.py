"""Words in a name that say what sort of thing it is, per kind and per language: data, not code.

"Municipality of Tunis" is a municipality, "Fondation des Rives" a foundation. Review proposes
the category these words give as a default for a new entity, marked as inferred; the curator
decides. Each table lists (words, category) pairs in order of precedence: the first whose words
stand in the name wins ("University Foundation" is a foundation only if "foundation" comes first).
Words are compared folded (`name_key`), as whole words. Every category must be in the model's
vocabulary for the kind; a test checks it.
"""

from __future__ import annotations

from graphsvc.model.domain import EVENT, INSTITUTION, PROGRAMME

CATEGORY_CUES: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    INSTITUTION.label: {
        "en": (
            ("municipality of", "municipality"),
            ("city of", "municipality"),
            ("city council", "municipality"),
            ("town council", "municipality"),
            ("municipality", "municipality"),
            ("foundation", "foundation"),
            ("development bank", "development-bank"),
            ("investment bank", "development-bank"),
            ("united nations", "multilateral-agency"),
            ("world bank", "development-bank"),
            ("ministry", "government"),
            ("government", "government"),
            ("university", "research-centre"),
            ("research centre", "research-centre"),
            ("research center", "research-centre"),
            ("institute", "research-centre"),
            ("federation of", "local-government-association"),
            ("association", "association"),
            ("network", "city-network"),
        ),
        "fr": (
            ("municipalite de", "municipality"),
            ("commune de", "municipality"),
            ("ville de", "municipality"),
            ("mairie de", "municipality"),
            ("municipalite", "municipality"),
            ("fondation", "foundation"),
            ("banque de developpement", "development-bank"),
            ("nations unies", "multilateral-agency"),
            ("ministere", "government"),
            ("gouvernement", "government"),
            ("universite", "research-centre"),
            ("institut", "research-centre"),
            ("federation nationale", "local-government-association"),
            ("association", "association"),
            ("reseau", "city-network"),
        ),
        "es": (
            ("ayuntamiento de", "municipality"),
            ("municipalidad de", "municipality"),
            ("ayuntamiento", "municipality"),
            ("fundacion", "foundation"),
            ("banco de desarrollo", "development-bank"),
            ("naciones unidas", "multilateral-agency"),
            ("ministerio", "government"),
            ("gobierno", "government"),
            ("universidad", "research-centre"),
            ("instituto", "research-centre"),
            ("federacion", "local-government-association"),
            ("asociacion", "association"),
            ("red de", "city-network"),
        ),
        "ca": (
            ("ajuntament de", "municipality"),
            ("ajuntament", "municipality"),
            ("fundacio", "foundation"),
            ("universitat", "research-centre"),
            ("associacio", "association"),
        ),
        "it": (
            ("comune di", "municipality"),
            ("fondazione", "foundation"),
            ("ministero", "government"),
            ("universita", "research-centre"),
            ("associazione", "association"),
        ),
        "de": (
            ("stadt", "municipality"),
            ("stiftung", "foundation"),
            ("ministerium", "government"),
            ("universitat", "research-centre"),
        ),
    },
    EVENT.label: {
        "en": (
            ("conference", "conference"),
            ("workshop", "workshop"),
            ("seminar", "seminar"),
            ("webinar", "webinar"),
            ("meeting", "meeting"),
        ),
        "fr": (
            ("conference", "conference"),
            ("atelier", "workshop"),
            ("seminaire", "seminar"),
            ("webinaire", "webinar"),
            ("reunion", "meeting"),
        ),
        "es": (
            ("conferencia", "conference"),
            ("taller", "workshop"),
            ("seminario", "seminar"),
            ("reunion", "meeting"),
        ),
    },
    PROGRAMME.label: {
        "en": (("programme", "programme"), ("program", "programme"), ("project", "project")),
        "fr": (("programme", "programme"), ("projet", "project")),
        "es": (("programa", "programme"), ("proyecto", "project")),
    },
}
