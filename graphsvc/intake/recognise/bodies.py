"""International bodies that news about city cooperation names by their acronym or full name.

A short table, in the four languages: the acronyms alone ("EU", "UNDP") are too short and too
common to be read as a name by any other rule. Each body is proposed under its English name, with
the form the text uses as an alias. Acronyms match only as written (see `known.is_acronym`).
"""

from __future__ import annotations

from functools import lru_cache

from graphsvc.intake.recognise.known import KnownNames
from graphsvc.model.domain import INSTITUTION
from graphsvc.model.names import KnownName

BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("European Union", ("EU", "UE", "Union européenne", "Unión Europea", "Unió Europea")),
    ("European Commission", ("Commission européenne", "Comisión Europea", "Comissió Europea")),
    ("European Parliament", ("Parlement européen", "Parlamento Europeo", "Parlament Europeu")),
    ("European Investment Bank", ("EIB", "BEI", "Banque européenne d'investissement")),
    ("United Nations", ("UN", "ONU", "Nations unies", "Naciones Unidas", "Nacions Unides")),
    ("United Nations Development Programme", ("UNDP", "PNUD")),
    ("UN-Habitat", ("UN Habitat", "ONU-Habitat")),
    ("UNESCO", ()),
    ("UNICEF", ()),
    ("UNHCR", ("HCR", "ACNUR", "United Nations High Commissioner for Refugees")),
    (
        "International Organization for Migration",
        ("IOM", "OIM", "Organisation internationale pour les migrations"),
    ),
    ("World Health Organization", ("WHO", "OMS")),
    ("World Bank", ("Banque mondiale", "Banco Mundial", "Banc Mundial")),
    ("Organisation for Economic Co-operation and Development", ("OECD", "OCDE")),
    ("United States Agency for International Development", ("USAID",)),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit", ("GIZ",)),
    ("Agence Française de Développement", ("AFD",)),
    ("Spanish Agency for International Development Cooperation", ("AECID",)),
    (
        "Union for the Mediterranean",
        (
            "UfM",
            "UpM",
            "Union pour la Méditerranée",
            "Unión por el Mediterráneo",
            "Unió per la Mediterrània",
        ),
    ),
    (
        "United Cities and Local Governments",
        (
            "UCLG",
            "CGLU",
            "Cités et Gouvernements Locaux Unis",
            "Ciudades y Gobiernos Locales Unidos",
            "Ciutats i Governs Locals Units",
        ),
    ),
    ("Council of Europe", ("Conseil de l'Europe", "Consejo de Europa", "Consell d'Europa")),
    (
        "Committee of the Regions",
        ("CoR", "Comité des régions", "Comité de las Regiones", "Comitè de les Regions"),
    ),
    ("League of Arab States", ("Arab League", "Ligue arabe", "Liga Árabe")),
    ("African Union", ("AU", "Union africaine", "Unión Africana")),
    ("Cities Alliance", ()),
    ("ICLEI", ("Local Governments for Sustainability",)),
)


@lru_cache(maxsize=1)
def automaton() -> KnownNames:
    """The table as an automaton of known names (ids `body:` + English name)."""
    return KnownNames.build(
        KnownName(f"body:{name}", INSTITUTION.label, name, aliases) for name, aliases in BODIES
    )
