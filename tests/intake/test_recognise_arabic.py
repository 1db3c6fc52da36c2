"""Arabic: the language is detected, its dates read, and every language has every table.

Mediterranean municipalities publish in Arabic as often as in French; before this, an Arabic text
was not recognised as any language and read with the English tables, which found nothing in it.
"""

import pytest

from graphsvc.intake.document import Document
from graphsvc.intake.read.language import STOP_WORDS, language_of
from graphsvc.intake.recognise import KnownName, KnownNames, propose
from graphsvc.intake.recognise.dates import find_dates
from graphsvc.intake.recognise.rules import RULES, rules_for
from graphsvc.model.domain import CITY, COUNTRY, EVENT, EVENT_CATEGORIES, MODEL
from graphsvc.model.types import LANGUAGES


def test_an_arabic_text_is_detected_as_arabic_even_when_short() -> None:
    assert language_of("عقد الاجتماع في المدينة بمشاركة رؤساء البلديات.") == "ar"
    assert language_of("The meeting (الاجتماع) was held in the city with the mayors.") == "en"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("عقد الاجتماع يوم 5 مايو 2019 في المدينة", "2019-05-05", None),  # Egypt, the Gulf
        ("انعقد اللقاء يوم 12 جوان 2017", "2017-06-12", None),  # the Maghreb
        ("من ٤ إلى ٥ تشرين الأول ٢٠١٨", "2018-10-04", "2018-10-05"),  # the Levant, Arabic-Indic
        ("يومي 25 و26 حزيران 2019م", "2019-06-25", "2019-06-26"),  # "م": of the common era
        ("في 3 أفريل", "--04-03", None),  # no year given, none invented
        ("خلال شهر أيلول", "--09", None),
    ],
)
def test_arabic_dates_in_each_calendars_month_names(text: str, start: str, end: str | None) -> None:
    found = find_dates(text, rules_for("ar"))
    assert [(d.start, d.end) for d in found] == [(start, end)]


def test_an_arabic_event_is_proposed_with_its_date() -> None:
    text = "نظمت البلدية ورشة عمل يومي ٤ و٥ تشرين الأول ٢٠١٨ حول التخطيط الحضري."
    document = Document(text=text, format="text", origin="test", language=language_of(text))
    proposal = propose(document, KnownNames.empty())
    events = [e for e in proposal.entities if e.label == EVENT.label]
    assert [(e.properties.get("category"), e.properties.get("start_date")) for e in events] == [
        ("workshop", "2018-10-04")
    ]


@pytest.mark.parametrize("language", sorted(RULES))
def test_every_language_has_every_table(language: str) -> None:
    """A language intake reads has its common words, months, events, places, heads and phrases."""
    rules = RULES[language]
    assert language in STOP_WORDS
    assert set(rules.months.values()) == set(range(1, 13))
    assert rules.events and set(rules.events.values()) <= set(EVENT_CATEGORIES)
    assert rules.place_cues and rules.range_words and rules.month_cues and rules.venues
    assert rules.municipality and rules.person_titles and rules.offices and rules.roles
    assert rules.references and rules.relatives and rules.city_nouns and rules.list_words
    assert rules.launches and rules.numbered_nouns and rules.quotes_for
    assert {head.label for head in rules.heads.values()} <= {k.label for k in MODEL.node_kinds}
    stated = {kind.type for kind in MODEL.relationship_kinds if kind.phrases}
    here = {kind.type for kind in MODEL.relationship_kinds if kind.phrases_in(language)}
    assert here == stated, f"{language} lacks phrases for {sorted(stated - here)}"


def test_every_language_of_the_model_has_rules_and_is_detected() -> None:
    assert set(STOP_WORDS) == set(RULES) == set(LANGUAGES)


def _arabic(text: str, known: KnownNames) -> list[tuple[str, tuple[str, ...], str | None]]:
    proposal = propose(Document(text=text, format="text", origin="test", language="ar"), known)
    return [
        (e.name, e.matches, e.properties.get("geonames_id"))
        for e in proposal.entities
        if e.label == CITY.label
    ]


def test_cities_in_arabic_script_come_from_the_gazetteers_arabic_names() -> None:
    assert _arabic("عقد اللقاء في بيروت بحضور وفد من مرسيليا.", KnownNames.empty()) == [
        ("Beirut", (), "276781"),
        ("Marseille", (), "2995469"),
    ]


def test_a_name_after_a_joined_proclitic_is_found() -> None:
    """ "بتونس" is "in Tunis", "وصفاقس" "and Sfax": the letters before the name are not a word."""
    known = KnownNames.build(
        [KnownName("tunis", CITY.label, "Tunis", ("تونس",)), KnownName("sfax", CITY.label, "Sfax")]
    )
    found = _arabic("وقّع الطرفان الاتفاقية بتونس بحضور ممثلين من صفاقس.", known)
    assert [(name, matches) for name, matches, _ in found] == [
        ("Tunis", ("tunis",)),
        ("Sfax", ("sfax",)),
    ]


def test_a_known_city_is_found_under_its_arabic_name_without_an_arabic_alias() -> None:
    known = KnownNames.build([KnownName("bcn", CITY.label, "Barcelona")])
    assert _arabic("انعقد المنتدى في برشلونة.", known) == [("Barcelona", ("bcn",), "3128760")]


def test_countries_in_arabic_and_a_country_name_is_not_a_foreign_town() -> None:
    """ "لبنان" is Lebanon (GeoNames also gives it to a town in the United States)."""
    known = KnownNames.build([KnownName("lebanon", COUNTRY.label, "Lebanon")])
    text = "عقد الاجتماع في لبنان بمشاركة وفود من المغرب وإسبانيا."  # "and Spain"
    proposal = propose(Document(text=text, format="text", origin="test", language="ar"), known)
    assert sorted((e.label, e.name, e.matches) for e in proposal.entities) == [
        (COUNTRY.label, "Lebanon", ("lebanon",)),
        (COUNTRY.label, "Morocco", ()),
        (COUNTRY.label, "Spain", ()),
    ]


def test_an_arabic_municipality_governs_its_city_and_the_event_is_where_the_text_says() -> None:
    """ "بلدية طرابلس" is the Municipality of Tripoli; the workshop is in Beirut, not Tripoli.

    Arabic puts a noun's modifiers after it, so the city just before "ورشة عمل" is not the
    workshop's place, as "Tripoli" is in "the Tripoli workshop".
    """
    text = "نظمت بلدية طرابلس ورشة عمل في بيروت."
    proposal = propose(
        Document(text=text, format="text", origin="test", language="ar"), KnownNames.empty()
    )
    names = {e.key: e.name for e in proposal.entities}
    links = {(r.type, names[r.source], names[r.target]) for r in proposal.relationships}
    assert ("GOVERNS", "بلدية طرابلس", "Tripoli") in links
    assert ("HELD_IN", "ورشة عمل في بيروت", "Beirut") in links
    assert not any(t == "HELD_IN" and b == "Tripoli" for t, _, b in links)
    # the verb opens the clause, its subject follows it: the municipality organised the workshop
    assert ("ORGANISES", "بلدية طرابلس", "ورشة عمل في بيروت") in links


def test_people_named_after_an_arabic_title() -> None:
    text = (
        "وقال السيد محمد العربي إن البلدية ستشارك، بحضور الدكتورة سلمى بن علي والسيد رئيس البلدية."
    )
    proposal = propose(
        Document(text=text, format="text", origin="test", language="ar"), KnownNames.empty()
    )
    people = [e.name for e in proposal.entities if e.label == "Person"]
    assert people == ["محمد العربي", "سلمى بن علي"]  # "رئيس البلدية" is an office, not a name
