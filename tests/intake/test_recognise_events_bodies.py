"""Events once per document, their dates and places; municipal bodies; who took part.

Sentences written for these tests, in the four languages where a rule applies to each.
"""

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal, ProposedEntity
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.intake.recognise.dates import find_dates
from graphsvc.intake.recognise.rules import rules_for
from graphsvc.model.domain import GOVERNS, HELD_IN, PARTICIPATES_IN, REPRESENTS


def _propose(text: str, language: str = "en", published: str | None = None) -> Proposal:
    document = Document(
        text=text, format="text", origin="test", language=language, published=published
    )
    return propose(document, KnownNames.empty())


def _events(proposal: Proposal) -> list[ProposedEntity]:
    return [e for e in proposal.entities if e.label == "Event"]


def _named(proposal: Proposal, key: str) -> str:
    return next(e.name for e in proposal.entities if e.key == key)


def _links(proposal: Proposal, type_: str) -> set[tuple[str, str]]:
    return {
        (_named(proposal, r.source), _named(proposal, r.target))
        for r in proposal.relationships
        if r.type == type_
    }


def test_a_municipal_body_named_after_or_before_its_city_governs_it() -> None:
    cases = [
        ("en", "Officials of Ravenna Municipality and Konya Metropolitan Municipality met.", 2),
        ("en", "The Special Delegation of Gabès and Valletta City Council signed.", 2),
        ("fr", "La Mairie de Nantes et la Délégation spéciale de Sousse ont signé.", 2),
        ("es", "El Ayuntamiento de Zaragoza y la Municipalidad de Rosario firmaron.", 2),
        ("ca", "L'Ajuntament de Girona i l'Ajuntament de Manresa van signar.", 2),
    ]
    for language, text, count in cases:
        proposal = _propose(text, language)
        governs = _links(proposal, GOVERNS.type)
        assert len(governs) == count, (language, governs)
        bodies = {e.name for e in proposal.entities if e.label == "Institution"}
        assert {body for body, _ in governs} <= bodies
    governed = dict(_links(_propose(cases[0][1]), GOVERNS.type))
    assert governed == {
        "Ravenna Municipality": "Ravenna",
        "Konya Metropolitan Municipality": "Konya",
    }


def test_a_city_too_small_for_the_gazetteer_is_still_governed_by_its_body() -> None:
    proposal = _propose("Delegates of Zorvanek Municipality attended.")
    assert _links(proposal, GOVERNS.type) == {("Zorvanek Municipality", "Zorvanek")}
    city = next(e for e in proposal.entities if e.label == "City")
    assert "geonames_id" not in city.properties


def test_a_municipal_name_stops_at_a_coordination() -> None:
    proposal = _propose("The City of Lyon and Mercy Corps agreed.")
    assert _links(proposal, GOVERNS.type) == {("City of Lyon", "Lyon")}


def test_a_heading_label_is_never_a_programme() -> None:
    text = "Project News: cities meet\n\nRiver Towns Update\n\nThe Blue Coast Project started."
    names = {e.name for e in _propose(text).entities if e.label == "Programme"}
    assert names == {"Blue Coast Project"}


def test_one_event_per_document_when_later_mentions_agree() -> None:
    cases = [
        (
            "en",
            "On 3 May the network hosted a regional workshop. The workshop was opened by the "
            "director. The outcomes of the workshop in Lyon were shared.",
        ),
        (
            "fr",
            "Le 3 mai, le réseau a organisé un atelier. L'atelier à Lyon a été ouvert par la "
            "directrice.",
        ),
        ("es", "El 3 de mayo la red organizó un taller. El taller en Lyon fue un éxito."),
        ("ca", "El 3 de maig la xarxa va organitzar un taller. El taller a Lyon va ser útil."),
    ]
    for language, text in cases:
        proposal = _propose(text, language)
        events = _events(proposal)
        assert len(events) == 1, (language, [e.name for e in events])
        assert events[0].properties["start_date"] == "--05-03"
        assert _links(proposal, HELD_IN.type) == {(events[0].name, "Lyon")}, language


def test_events_that_disagree_on_date_or_place_stay_apart() -> None:
    text = (
        "The meeting in Lyon took place on 4 June. The meeting in Porto took place on 9 July. "
        "A plural such as the meetings makes no event."
    )
    events = _events(_propose(text))
    assert sorted(e.properties["start_date"] for e in events) == ["--06-04", "--07-09"]


def test_an_event_takes_the_nearest_date_or_the_next_sentences() -> None:
    text = (
        "After the report of 2 March 2015, a seminar was held on 14-15 April 2016. "
        "A webinar on water was announced. It will take place on 6 October."
    )
    events = {e.properties["category"]: e for e in _events(_propose(text))}
    assert events["seminar"].properties["start_date"] == "2016-04-14"
    assert events["seminar"].properties["end_date"] == "2016-04-15"
    assert events["webinar"].properties["start_date"] == "--10-06"


def test_an_event_is_named_by_its_noun_phrase_and_venue() -> None:
    for language, text, name in [
        (
            "en",
            "On 2 May the city hosted a stakeholder workshop in Lyon.",
            "Stakeholder workshop in Lyon",
        ),
        ("en", "The Porto meeting took place on 2 May.", "Porto meeting"),
        (
            "fr",
            "La conférence annuelle de Villes Unies a eu lieu le 4 octobre.",
            "Conférence annuelle de Villes Unies",
        ),
        (
            "es",
            "El taller anual de Ciudades Unidas fue el 4 de octubre.",
            "Taller anual de Ciudades Unidas",
        ),
        ("ca", "El seminari en Lleida es va fer el 4 d'octubre.", "Seminari en Lleida"),
    ]:
        assert {e.name for e in _events(_propose(text, language))} == {name}, language


def test_a_cue_word_before_a_quoted_title_gives_it_category_and_date() -> None:
    text = 'The network hosted the webinar "Water for Towns". The webinar was held on May 5th.'
    (event,) = _events(_propose(text))
    assert event.name == "Water for Towns"
    assert event.properties["category"] == "webinar"
    assert event.properties["start_date"] == "--05-05"


def test_no_year_is_invented_but_the_publication_year_is_noted() -> None:
    (event,) = _events(_propose("The forum took place on 12 June.", published="2019-06-20"))
    assert event.properties["start_date"] == "--06-12"
    assert event.note is not None and "2019-06-20" in event.note


def test_a_month_alone_after_a_cue_is_a_partial_date_in_each_language() -> None:
    for language, text in [
        ("en", "at the beginning of December"),
        ("fr", "début décembre"),
        ("es", "a principios de diciembre"),
        ("ca", "a principis de desembre"),
    ]:
        dates = find_dates(text, rules_for(language))
        assert [(d.start, d.end, d.year_given) for d in dates] == [("--12", None, False)]
    assert find_dates("a December to remember", rules_for("en")) == []


def test_ranges_in_each_language() -> None:
    cases = [
        ("en", "on April 11-13", ("--04-11", "--04-13")),
        ("en", "on 11-13 April 2023", ("2023-04-11", "2023-04-13")),
        ("fr", "du 3 au 5 mai", ("--05-03", "--05-05")),
        ("es", "del 3 al 5 de mayo", ("--05-03", "--05-05")),
        ("ca", "dels dies 3 i 4 de maig", ("--05-03", "--05-04")),
        ("ca", "el 12 d’abril", ("--04-12", None)),
    ]
    for language, text, expected in cases:
        (date,) = find_dates(text, rules_for(language))
        assert (date.start, date.end) == expected, (language, text)


def test_participants_are_the_actors_listed_next_to_the_phrase() -> None:
    cases = [
        (
            "en",
            "The Harbour Network, which Ms. Ada Vell chairs, noted that the workshop on 3 May "
            "was attended by the mayors of Lyon and Porto.",
            {"Lyon", "Porto"},
        ),
        (
            "fr",
            "Le Réseau Bleu et la Fondation Verte ont participé à l'atelier du 3 mai, selon "
            "Mme Ada Vell.",
            {"Réseau Bleu", "Fondation Verte"},
        ),
        (
            "es",
            "La Red Azul y la Fundación Verde participaron en el taller del 3 de mayo, según "
            "la Sra. Ada Vell.",
            {"Red Azul", "Fundación Verde"},
        ),
        (
            "ca",
            "La Xarxa Blava i la Fundació Verda van participar en el taller del 3 de maig, "
            "segons la Sra. Ada Vell.",
            {"Xarxa Blava", "Fundació Verda"},
        ),
    ]
    for language, text, expected in cases:
        proposal = _propose(text, language)
        actors = {actor for actor, _ in _links(proposal, PARTICIPATES_IN.type)}
        assert actors == expected, (language, actors)


def test_the_head_of_an_apposition_takes_part_not_the_body_it_names() -> None:
    text = (
        "On 3 May a seminar gathered cities. Ms. Ada Vell, Director of the Blue Coast "
        "Foundation in the Municipality of Porto, presented."
    )
    actors = {a for a, _ in _links(_propose(text), PARTICIPATES_IN.type)}
    assert actors == {"Ada Vell"}


def test_a_recurring_bare_acronym_names_a_body_in_each_language() -> None:
    for language, text in [
        ("en", "The QTR met in May. Later QTR said it would return."),
        ("fr", "Le QTR s'est réuni. Ensuite le QTR a publié un rapport."),
        ("es", "El QTR se reunió. Después el QTR publicó un informe."),
        ("ca", "El QTR es va reunir. Després el QTR va publicar un informe."),
    ]:
        names = {e.name for e in _propose(text, language).entities if e.label == "Institution"}
        assert names == {"QTR"}, language
    assert _propose("The QTR met once.").entities == ()
    shouting = _propose("QTR AND ZPX MEET\n\nNothing else.")
    assert shouting.entities == ()


def test_a_lower_case_programme_word_before_an_acronym_ends_the_name() -> None:
    text = "Lyon joined the Blue Coast Towns project (BCTP). BCTP is funded by the city."
    programme = next(e for e in _propose(text).entities if e.label == "Programme")
    assert programme.name == "Blue Coast Towns project"
    assert programme.properties["aliases"] == ["BCTP"]


def test_a_role_of_a_body_with_its_acronym_then_the_person() -> None:
    for language, text in [
        ("en", "The secretary of the Blue Coast Network (BCN), Omar Tali, spoke."),
        ("fr", "Le secrétaire du Réseau Bleu (RB), Omar Tali, a parlé."),
        ("es", "El secretario de la Red Azul (RA), Omar Tali, habló."),
        ("ca", "El secretari de la Xarxa Blava (XB), Omar Tali, va parlar."),
    ]:
        proposal = _propose(text, language)
        represents = _links(proposal, REPRESENTS.type)
        assert {person for person, _ in represents} == {"Omar Tali"}, (language, represents)


def test_a_coined_word_standing_alone_names_a_body_in_each_language() -> None:
    for language, text in [
        ("en", "The network SeaTowns met in spring."),
        ("fr", "Le réseau SeaTowns s'est réuni."),
        ("es", "La red SeaTowns se reunió."),
        ("ca", "La xarxa SeaTowns es va reunir."),
    ]:
        names = {e.name for e in _propose(text, language).entities if e.label == "Institution"}
        assert names == {"SeaTowns"}, language
    people = _propose("Ms. Anna LeBlanc spoke of the SeaTowns Observatory.")
    assert {e.name for e in people.entities if e.label == "Institution"} == {"SeaTowns Observatory"}


def test_a_city_keeps_the_form_the_text_gives_as_an_alias() -> None:
    for language, text, written in [
        ("en", "The forum met in Marseilles.", "Marseilles"),
        ("fr", "Le forum s'est tenu à Beyrouth.", "Beyrouth"),
        ("es", "El foro se celebró en Estambul.", "Estambul"),
        ("ca", "El fòrum es va fer a Atenes.", "Atenes"),
    ]:
        city = next(e for e in _propose(text, language).entities if e.label == "City")
        assert city.properties["aliases"] == [written], language


def test_every_name_of_a_list_of_cities_is_a_city_in_each_language() -> None:
    for language, text in [
        ("en", "The plan covers the cities of Zorvanek, Lyon and Quillabad."),
        ("fr", "Le plan couvre les villes de Zorvanek, Lyon et Quillabad."),
        ("es", "El plan cubre las ciudades de Zorvanek, Lyon y Quillabad."),
        ("ca", "El pla cobreix les ciutats de Zorvanek, Lyon i Quillabad."),
    ]:
        cities = {e.name for e in _propose(text, language).entities if e.label == "City"}
        assert cities == {"Zorvanek", "Lyon", "Quillabad"}, language
    plain = _propose("Zorvanek, Quillabad and Brindle met.")
    assert not any(e.label == "City" for e in plain.entities)
