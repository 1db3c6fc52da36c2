"""The recogniser on texts written for these tests: names, rules, places, dates, phrases."""

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.recognise import KnownName, KnownNames, propose
from graphsvc.intake.recognise.dates import find_dates
from graphsvc.intake.recognise.folding import fold
from graphsvc.intake.recognise.rules import RULES
from graphsvc.intake.recognise.sentences import split_sentences
from graphsvc.model.domain import FUNDS

KNOWN = KnownNames.build(
    [
        KnownName("cmi", "Institution", "Centre for Mediterranean Integration", ("CMI",)),
        KnownName("medcities", "Institution", "MedCités", ("MedCities",)),
        KnownName("valencia-city", "City", "Valencia"),
        KnownName("valencia-port", "Institution", "Valencia"),
    ]
)


def _propose(text: str, language: str = "en", published: str | None = None) -> Proposal:
    return propose(
        Document(text=text, format="text", origin="test", language=language, published=published),
        KNOWN,
    )


def test_known_names_fold_accents_and_point_at_the_words() -> None:
    text = "The network MEDCITES met the Centre for Mediterranean Integration."
    proposal = _propose(text)
    medcities = proposal.entity("medcities")
    assert medcities is not None and medcities.evidence[0].mention.of(text) == "MEDCITES"
    cmi = proposal.entity("cmi")
    assert cmi is not None
    assert cmi.evidence[0].mention.of(text) == "Centre for Mediterranean Integration"


def test_short_acronyms_match_only_as_written() -> None:
    assert _propose("The CMI board met.").entity("cmi") is not None
    assert _propose("The cmi board met.").entity("cmi") is None
    assert _propose("The Cmi board met.").entity("cmi") is None


def test_word_boundaries() -> None:
    assert KNOWN.find("MedCitiesX", fold("MedCitiesX")) == []


def test_an_ambiguous_name_keeps_every_candidate() -> None:
    proposal = _propose("Delegates travelled to Valencia.")
    (entity,) = [e for e in proposal.entities if len(e.matches) > 1]
    assert set(entity.matches) == {"valencia-city", "valencia-port"}


def test_rule_families_in_four_languages() -> None:
    cases = [
        ("en", "The Municipality of Sousse signed it.", "Institution", "Municipality of Sousse"),
        ("fr", "La Municipalité de Bizerte a signé.", "Institution", "Municipalité de Bizerte"),
        ("es", "El Ayuntamiento de Málaga firmó.", "Institution", "Ayuntamiento de Málaga"),
        ("ca", "L'Ajuntament de Girona va signar.", "Institution", "Ajuntament de Girona"),
        ("en", "We thank Ms. Jane Doe for her time.", "Person", "Jane Doe"),
        ("fr", "Nous remercions M. Paul Martin de sa venue.", "Person", "Paul Martin"),
        ("es", "Habló la Sra. Ana Pérez Gil ayer.", "Person", "Ana Pérez Gil"),
        (
            "en",
            "The Blue Harbour Foundation gave a talk.",
            "Institution",
            "Blue Harbour Foundation",
        ),
        ("fr", "La Fondation Rivage Bleu a parlé.", "Institution", "Fondation Rivage Bleu"),
        ("ca", "La Xarxa de Ciutats Verdes va parlar.", "Institution", "Xarxa de Ciutats Verdes"),
        ("en", "They launched the project “Green Squares” today.", "Programme", "Green Squares"),
    ]
    for language, text, label, name in cases:
        names = {(e.label, e.name) for e in _propose(text, language).entities}
        assert (label, name) in names, (language, text, names)


def test_cities_come_with_country_coordinates_and_geonames_id() -> None:
    for language, text in [
        ("fr", "La délégation est arrivée à Tétouan."),
        ("es", "La delegación llegó a Tetuán."),
        ("en", "The delegation arrived in Tetouan."),
    ]:
        (city,) = [e for e in _propose(text, language).entities if e.label == "City"]
        assert city.properties["geonames_id"] == "2528910"
        assert city.properties["country_code"] == "MA"
        assert 35 < city.properties["latitude"] < 36


def test_dates_and_ranges_in_four_languages() -> None:
    cases = [
        ("en", "It opened on May 5th.", "--05-05", None),
        ("en", "It ran from 22 to 26 March 2016.", "2016-03-22", "2016-03-26"),
        ("en", "Sessions from 17-18 October.", "--10-17", "--10-18"),
        ("fr", "Ils se réunissent les 4 et 5 octobre.", "--10-04", "--10-05"),
        ("es", "Fue el 26 de noviembre de 2019.", "2019-11-26", None),
        ("ca", "Va ser el 3 de març.", "--03-03", None),
    ]
    for language, text, start, end in cases:
        (date,) = find_dates(text, RULES[language])
        assert (date.start, date.end) == (start, end), text


def test_no_year_is_invented_from_the_publication_date() -> None:
    proposal = _propose("A workshop was held in Marseille on 12 June.", published="2021-06-20")
    (event,) = [e for e in proposal.entities if e.label == "Event"]
    assert event.properties["start_date"] == "--06-12"
    assert event.note is not None and "2021-06-20" in event.note


def test_phrases_in_each_language_give_relationships_in_the_model_direction() -> None:
    cases = [
        ("en", "The Green Squares Project is financed by the Blue Harbour Foundation."),
        ("fr", "Le Projet Places Vertes est financé par la Fondation Rivage Bleu."),
        ("es", "El Proyecto Plazas Verdes está financiado por la Fundación Puerto Azul."),
        ("ca", "El Projecte Places Verdes és finançat per la Fundació Port Blau."),
    ]
    for language, text in cases:
        proposal = _propose(text, language)
        (link,) = proposal.relationships
        source, target = proposal.entity(link.source), proposal.entity(link.target)
        assert source is not None and target is not None
        assert (link.type, source.label, target.label) == (FUNDS.type, "Institution", "Programme")
        assert link.evidence.mention.of(text).split()[0] in {
            "financed",
            "financé",
            "financiado",
            "finançat",
        }


def test_sentences_keep_offsets_and_titles_do_not_split() -> None:
    text = "Mr. Smith met M. Dupont and Sr. García. Then they left!  A new one?"
    sentences = [s.of(text) for s in split_sentences(text)]
    assert sentences == ["Mr. Smith met M. Dupont and Sr. García.", "Then they left!", "A new one?"]
