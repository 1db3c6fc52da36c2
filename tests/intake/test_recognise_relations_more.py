"""Relationships stated around people, cities in lists and participation, on sentences written for
these tests in the four languages (invented people and bodies, real gazetteer cities)."""

from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Proposal, ProposedRelationship
from graphsvc.intake.recognise import KnownName, KnownNames, propose
from graphsvc.model.domain import GOVERNS, PARTICIPATES_IN, REPRESENTS


def _propose(text: str, language: str = "en", known: KnownNames | None = None) -> Proposal:
    return propose(
        Document(text=text, format="text", origin="test", language=language),
        known or KnownNames.empty(),
    )


def _name(proposal: Proposal, key: str) -> str:
    entity = proposal.entity(key)
    assert entity is not None, key
    return entity.name


def _links(proposal: Proposal, kind: str) -> list[tuple[str, str, ProposedRelationship]]:
    return [
        (_name(proposal, r.source), _name(proposal, r.target), r)
        for r in proposal.relationships
        if r.type == kind
    ]


def _represents(proposal: Proposal) -> dict[tuple[str, str], object]:
    return {(s, t): r.properties.get("role") for s, t, r in _links(proposal, REPRESENTS.type)}


def test_person_comma_role_of_institution_in_each_language() -> None:
    for language, text, person, body, role in [
        (
            "en",
            "Lena Marsh, Programme Director of the Coastal Towns Network, opened the day.",
            "Lena Marsh",
            "Coastal Towns Network",
            "Programme Director",
        ),
        (
            "fr",
            "Claire Vidal, directrice de la Fondation des Rives, a ouvert la journée.",
            "Claire Vidal",
            "Fondation des Rives",
            "directrice",
        ),
        (
            "es",
            "Tomás Iriarte, coordinador del Instituto de Costas, abrió la jornada.",
            "Tomás Iriarte",
            "Instituto de Costas",
            "coordinador",
        ),
        (
            "ca",
            "Núria Soler, presidenta de la Fundació del Litoral, va obrir la jornada.",
            "Núria Soler",
            "Fundació del Litoral",
            "presidenta",
        ),
    ]:
        assert _represents(_propose(text, language)) == {(person, body): role}, language


def test_role_of_institution_comma_person() -> None:
    proposal = _propose("The Secretary General of the Coastal Towns Network, Omar Haddad, spoke.")
    assert _represents(proposal) == {("Omar Haddad", "Coastal Towns Network"): "Secretary General"}
    titled = _propose("La directrice de la Fondation des Rives, Mme Claire Vidal, a parlé.", "fr")
    assert _represents(titled) == {("Claire Vidal", "Fondation des Rives"): "directrice"}


def test_person_with_institution_in_parentheses_or_after_from() -> None:
    for language, text in [
        ("en", "Lena Marsh (Coastal Towns Network) presented the results."),
        ("en", "Lena Marsh from the Coastal Towns Network presented the results."),
    ]:
        assert _represents(_propose(text, language)) == {
            ("Lena Marsh", "Coastal Towns Network"): None
        }, text
    for language, text, body in [
        (
            "fr",
            "Claire Vidal de la Fondation des Rives a présenté les résultats.",
            "Fondation des Rives",
        ),
        ("fr", "Claire Vidal du Réseau des Ports a présenté les résultats.", "Réseau des Ports"),
        (
            "es",
            "Tomás Iriarte del Instituto de Costas presentó los resultados.",
            "Instituto de Costas",
        ),
        (
            "ca",
            "Núria Soler de la Fundació del Litoral va presentar els resultats.",
            "Fundació del Litoral",
        ),
    ]:
        proposal = _propose(text, language)
        assert {s for s, t in _represents(proposal) if t == body}, text


def test_no_representation_without_a_role_or_a_tie() -> None:
    assert (
        _represents(_propose("With the support of the Coastal Towns Network, Lena Marsh spoke."))
        == {}
    )
    assert _represents(_propose("Lena Marsh thanked the Coastal Towns Network.")) == {}


def test_municipality_of_x_governs_the_city_also_when_the_graph_knows_the_municipality() -> None:
    for language, text in [
        ("en", "The Municipality of Sfax signed the agreement."),
        ("fr", "La Municipalité de Sousse a signé l'accord."),
        ("es", "El Ayuntamiento de Valencia firmó el acuerdo."),
        ("ca", "L'Ajuntament de Girona va signar l'acord."),
    ]:
        proposal = _propose(text, language)
        assert [(t, r.evidence.rule) for _, t, r in _links(proposal, GOVERNS.type)] == [
            (
                next(e.name for e in proposal.entities if e.label == "City"),
                f"{language}:municipality-of",
            )
        ], language
    known = KnownNames.build(
        [KnownName("sfax-municipality", "Institution", "Municipality of Sfax")]
    )
    proposal = _propose("The Municipality of Sfax signed the agreement.", known=known)
    assert [(r.source, t) for _, t, r in _links(proposal, GOVERNS.type)] == [
        ("sfax-municipality", "Sfax")
    ]


def test_mayor_represents_the_municipality_of_the_city() -> None:
    for language, text, person, role in [
        (
            "en",
            "The Municipality of Sfax hosted us. Amira Trabelsi, Mayor of Sfax, welcomed us.",
            "Amira Trabelsi",
            "Mayor",
        ),
        (
            "fr",
            "Le maire de Sousse, Karim Jaziri, a salué les invités de la Municipalité de Sousse.",
            "Karim Jaziri",
            "maire",
        ),
        (
            "es",
            "Rosa Lluch, alcaldesa de Valencia, recibió a la delegación. El Ayuntamiento de "
            "Valencia organizó la visita.",
            "Rosa Lluch",
            "alcaldesa",
        ),
        (
            "ca",
            "L'alcaldessa de Girona, Marta Vidal, va rebre la delegació de l'Ajuntament de Girona.",
            "Marta Vidal",
            "alcaldessa",
        ),
    ]:
        proposal = _propose(text, language)
        found = _represents(proposal)
        assert [
            (p, r)
            for (p, t), r in found.items()
            if t.lower().startswith(("municip", "ayunt", "ajunt"))
        ] == [(person, role)], language


def test_mayor_without_a_municipality_represents_nothing() -> None:
    proposal = _propose("Amira Trabelsi, Mayor of Sfax, welcomed the guests.")
    assert _represents(proposal) == {}
    assert "Amira Trabelsi" in {e.name for e in proposal.entities if e.label == "Person"}


def _cities(proposal: Proposal) -> set[str]:
    return {e.name for e in proposal.entities if e.label == "City"}


def test_small_cities_in_a_list_with_another_city() -> None:
    for language, text, expected in [
        (
            "en",
            "Delegates came from the cities of Lyon, Larache and Chefchaouen.",
            {"Lyon", "Larache", "Chefchaouen"},
        ),
        (
            "fr",
            "Des élus de Lyon, Larache et Chefchaouen ont voyagé.",
            {"Lyon", "Larache", "Chefchaouen"},
        ),
        (
            "es",
            "Llegaron delegados de Lyon, Larache y Chefchaouen.",
            {"Lyon", "Larache", "Chefchaouen"},
        ),
        (
            "ca",
            "Van arribar delegats de Lyon, Larache i Chefchaouen.",
            {"Lyon", "Larache", "Chefchaouen"},
        ),
    ]:
        assert expected <= _cities(_propose(text, language)), language


def test_a_list_without_any_city_cue_takes_no_small_city() -> None:
    assert _cities(_propose("Larache and Chefchaouen were words on the board.")) == set()


def test_everyone_listed_takes_part_also_after_the_event_sentence() -> None:
    text = (
        "A workshop on water was held in Lyon on 5 May 2021. The Coastal Towns Network, the "
        "Rives Foundation and the Municipality of Sfax took part."
    )
    proposal = _propose(text)
    actors = {s for s, _t, _r in _links(proposal, PARTICIPATES_IN.type)}
    assert {"Coastal Towns Network", "Rives Foundation", "Municipality of Sfax"} <= actors
    same = _propose(
        "The Coastal Towns Network, the Rives Foundation and the Municipality of Sfax took "
        "part in a workshop held in Lyon on 5 May 2021."
    )
    actors = {s for s, _t, _r in _links(same, PARTICIPATES_IN.type)}
    assert {"Coastal Towns Network", "Rives Foundation", "Municipality of Sfax"} <= actors
    assert "Lyon" not in actors
