"""Scoring intake: an unnamed event is found by its category and date, or its category and city."""

from graphsvc.intake.document import Document
from graphsvc.intake.evaluate import GoldDocument, GoldEntity, score
from graphsvc.intake.proposal import Evidence, Proposal, ProposedEntity, ProposedRelationship, Span
from graphsvc.model.domain import HELD_IN, ORGANISES

TEXT = "The Harbour Network held a workshop in Lyon on 3 April. A meeting took place in Porto."
EVIDENCE = Evidence(Span(0, 10), Span(0, 10), "test", 0.5)

GOLD = GoldDocument(
    "en",
    (
        GoldEntity("Institution", "Harbour Network"),
        GoldEntity("City", "Lyon"),
        GoldEntity("City", "Porto"),
        GoldEntity("Event", "Harbour workshop on ports", start_date="--04-03", category="workshop"),
        GoldEntity("Event", "Porto partners meeting", category="meeting"),
    ),
    (
        (ORGANISES.type, "Harbour Network", "Harbour workshop on ports"),
        (HELD_IN.type, "Harbour workshop on ports", "Lyon"),
        (HELD_IN.type, "Porto partners meeting", "Porto"),
    ),
)


def _entity(key: str, label: str, name: str, **properties: object) -> ProposedEntity:
    return ProposedEntity(key, label, name, (EVIDENCE,), properties=dict(properties))


def _link(type_: str, source: str, target: str) -> ProposedRelationship:
    return ProposedRelationship(type_, source, target, EVIDENCE)


def _proposal(*entities: ProposedEntity, links: tuple[ProposedRelationship, ...] = ()) -> Proposal:
    document = Document(text=TEXT, format="text", origin="test", language="en")
    return Proposal(document, entities, links)


COMMON = (
    _entity("net", "Institution", "Harbour Network"),
    _entity("lyon", "City", "Lyon"),
    _entity("porto", "City", "Porto"),
)


def test_an_event_with_another_name_is_found_by_category_and_start_date() -> None:
    workshop = _entity("w", "Event", "Workshop in Lyon", category="workshop", start_date="--04-03")
    result = score(
        _proposal(
            *COMMON,
            workshop,
            links=(_link(ORGANISES.type, "net", "w"), _link(HELD_IN.type, "w", "lyon")),
        ),
        GOLD,
    )
    assert result.entities["Event"].found == 1
    assert (result.relationships.found, result.relationships.proposed) == (2, 2)
    assert result.dates.found == 1


def test_an_undated_event_is_found_by_category_and_the_city_it_was_held_in() -> None:
    meeting = _entity("m", "Event", "Meeting in Porto", category="meeting")
    result = score(_proposal(*COMMON, meeting, links=(_link(HELD_IN.type, "m", "porto"),)), GOLD)
    assert result.entities["Event"].found == 1
    assert result.relationships.found == 1


def test_another_category_or_date_or_city_is_not_the_gold_event() -> None:
    wrong = (
        _entity("a", "Event", "Seminar in Lyon", category="seminar", start_date="--04-03"),
        _entity("b", "Event", "Workshop of May", category="workshop", start_date="--05-03"),
        _entity("c", "Event", "Meeting in Lyon", category="meeting"),
    )
    result = score(_proposal(*COMMON, *wrong, links=(_link(HELD_IN.type, "c", "lyon"),)), GOLD)
    assert result.entities["Event"].found == 0
    assert result.entities["Event"].proposed == 3


def test_a_gold_event_is_taken_once() -> None:
    twice = (
        _entity("a", "Event", "Workshop", category="workshop", start_date="--04-03"),
        _entity("b", "Event", "Workshop again", category="workshop", start_date="--04-03"),
    )
    result = score(_proposal(*COMMON, *twice), GOLD)
    assert result.entities["Event"].found == 1
