"""Seed validation, without a database: every kind of mistake is named with file, line and field."""

from pathlib import Path

import pytest

from graphsvc.errors import SeedError
from graphsvc.ingest.loader import read_graph
from graphsvc.model import MODEL

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

SOURCES = """\
Source:
  - {id: doc-a, name: Document A, file: a.txt, category: news-article}
"""
TUNIS = """\
City:
  - {id: tunis, name: Tunis, latitude: 36.8, longitude: 10.18, sources: [a.txt]}
"""


def problems_for(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        read_graph(tmp_path, MODEL)
    return [str(problem) for problem in raised.value.problems]


def test_the_repository_seeds_are_valid() -> None:
    data = read_graph(SEEDS, MODEL)
    assert len(data.nodes) > 90
    assert all(node.sources for node in data.nodes if node.label != "Source")
    assert all(rel.sources for rel in data.relationships)


def test_valid_entries_load_with_typed_values(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(
        TUNIS
        + """\
Event:
  - {id: webinar, name: Webinar, category: webinar, start_date: --05-05, sources: [doc-a]}
relationships:
  - {type: HELD_IN, from: webinar, to: tunis, sources: [a.txt]}
""",
        encoding="utf-8",
    )
    data = read_graph(tmp_path, MODEL)
    webinar = data.node("webinar")
    assert webinar is not None
    assert webinar.properties["start_date"].isoformat() == "--05-05"
    assert webinar.sources == ("doc-a",)  # cited by id and by file name alike
    assert data.relationships[0].sources == ("doc-a",)


def test_unknown_kind_is_named_with_a_suggestion(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, "Instituton:\n  - {id: x, name: X}\n")
    assert any(
        "unknown kind 'Instituton'" in p and "did you mean 'Institution'" in p for p in problems
    )


def test_unknown_property_and_wrong_type(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        """\
City:
  - id: tunis
    name: Tunis
    latitude: north
    longitude: 10.18
    population: 600000
    sources: [a.txt]
""",
    )
    assert (
        "data.yaml:2, entry 'tunis', field 'latitude': expected a number, got str 'north'"
        in "\n".join(problems)
    )
    assert any("field 'population': is not a property of this kind" in p for p in problems)


def test_missing_required_values_and_bad_choice(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        """\
Institution:
  - {id: medcities, name: MedCities, category: city-netwrk, sources: [a.txt]}
  - {id: cmi, category: ngo, sources: [a.txt]}
  - {id: no-sources, name: Nobody, category: ngo}
""",
    )
    text = "\n".join(problems)
    assert "data.yaml:2, entry 'medcities', field 'category'" in text
    assert "did you mean 'city-network'" in text
    assert "data.yaml:3, entry 'cmi', field 'name': is required but missing" in text
    assert "data.yaml:4, entry 'no-sources', field 'sources': is required" in text


def test_bad_slug_and_out_of_range_coordinates(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        """\
City:
  - {id: Tunis City, name: Tunis, latitude: 136.8, longitude: 10.18, sources: [a.txt]}
""",
    )
    text = "\n".join(problems)
    assert "field 'id'" in text
    assert "136.8 is above the maximum 90" in text


def test_duplicate_ids_across_kinds(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        TUNIS
        + """\
Institution:
  - {id: tunis, name: Municipality of Tunis, category: municipality, sources: [a.txt]}
""",
    )
    assert any(
        "data.yaml:4, entry 'tunis', field 'id': is already used by a City at " in p
        and p.endswith("data.yaml:2; ids are unique across kinds")
        for p in problems
    )


def test_relationship_to_missing_id_and_disallowed_kinds(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        TUNIS
        + """\
relationships:
  - {type: IN_COUNTRY, from: tunis, to: tunsia, sources: [a.txt]}
  - {type: FUNDS, from: tunis, to: tunis, sources: [a.txt]}
  - {type: FINANCES, from: tunis, to: tunis, sources: [a.txt]}
""",
    )
    text = "\n".join(problems)
    assert (
        "data.yaml:4, entry 'IN_COUNTRY tunis -> tunsia', field 'to': no node has id "
        "'tunsia'" in text
    )
    assert "FUNDS cannot link a City to a City" in text
    assert "'FINANCES' is not a relationship type" in text


def test_malformed_dates_and_reversed_ranges(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        """\
Event:
  - {id: a, name: A, category: meeting, start_date: 30 May 2012, sources: [a.txt]}
  - {id: b, name: B, category: series, start_date: 2016-03-26, end_date: 2016-03-22,
     sources: [a.txt]}
""",
    )
    text = "\n".join(problems)
    assert "data.yaml:2, entry 'a', field 'start_date': '30 May 2012' is not a date" in text
    assert "data.yaml:3, entry 'b', field 'end_date': 2016-03-22 is before start_date" in text


def test_citations_must_name_a_declared_source(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, TUNIS.replace("[a.txt]", "[b.txt]"))
    assert any("cites 'b.txt', which is not a declared Source" in p for p in problems)


def test_duplicate_relationship_is_reported(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        TUNIS
        + """\
Country:
  - {id: tunisia, name: Tunisia, iso_code: TN, sources: [a.txt]}
relationships:
  - {type: IN_COUNTRY, from: tunis, to: tunisia, sources: [a.txt]}
  - {type: IN_COUNTRY, from: tunis, to: tunisia, sources: [doc-a]}
""",
    )
    assert any(
        "data.yaml:7, entry 'IN_COUNTRY tunis -> tunisia'" in p
        and "is declared twice (first at " in p
        and "data.yaml:6)" in p
        for p in problems
    )


def test_yaml_syntax_errors_carry_their_line(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, "City:\n  - {id: tunis, name: [unclosed\n")
    assert any("data.yaml:3: is not valid YAML" in p for p in problems)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        """\
City:
  - {id: a, name: A, latitude: x, longitude: 1, sources: [a.txt]}
  - {id: b, name: B, latitude: 1, longitude: y, sources: [a.txt]}
relationships:
  - {type: IN_COUNTRY, from: a, to: nowhere, sources: [a.txt]}
""",
    )
    assert len(problems) == 3


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="no such file or directory"):
        read_graph(tmp_path / "absent", MODEL)
