"""Seed files built to exhaust the loader: alias bombs are refused, shown values stay short."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphsvc.cli.app import cli
from graphsvc.errors import SeedError
from graphsvc.ingest.loader import read_graph
from graphsvc.ingest.values import SHOWN_LENGTH, shown
from graphsvc.ingest.yaml_reader import ALIAS_EXPANSION_LIMIT
from graphsvc.model import MODEL

SOURCES = """\
Source:
  - {id: doc-a, name: Document A, file: a.txt, category: news-article}
"""


def billion_laughs(levels: int = 9) -> str:
    """The classic: each anchor repeats the one before nine times (9**9 values in under 1 KB)."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        uses = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{uses}]")
    lines.append("Institution:")
    lines.append(f"  - {{id: bomb, name: Bomb, category: ngo, aliases: *lol{levels - 1},")
    lines.append("     sources: [a.txt]}")
    return "\n".join(lines) + "\n"


def problems_for(folder: Path, text: str) -> list[str]:
    (folder / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (folder / "data.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        read_graph(folder, MODEL)
    return [str(problem) for problem in raised.value.problems]


def test_billion_laughs_is_refused_with_file_and_line(tmp_path: Path) -> None:
    bomb = billion_laughs()
    assert len(bomb.encode()) < 1024
    problems = problems_for(tmp_path, bomb)
    assert len(problems) == 1
    (problem,) = problems
    assert problem.startswith("data.yaml:") or "/data.yaml:" in problem
    line = int(problem.split("data.yaml:")[1].split(":")[0])
    assert 2 <= line <= 9  # the first anchor whose repetitions cross the bound
    assert f"more than {ALIAS_EXPANSION_LIMIT:,} values" in problem


def test_billion_laughs_through_the_command(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(billion_laughs(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["load", "--dry-run", str(tmp_path)])
    assert result.exit_code == 1
    assert "uses aliases that stand for more than" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_a_few_aliases_are_still_fine(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "data.yaml").write_text(
        "Institution:\n"
        "  - {id: one, name: One, category: ngo, sources: &cited [a.txt]}\n"
        "  - {id: two, name: Two, category: ngo, sources: *cited}\n",
        encoding="utf-8",
    )
    data = read_graph(tmp_path, MODEL)
    assert [node.sources for node in data.nodes if node.label == "Institution"] == [
        ("doc-a",),
        ("doc-a",),
    ]


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    problems = problems_for(
        tmp_path,
        "Institution:\n"
        "  - &me {id: me, name: Me, category: ngo, aliases: [*me], sources: [a.txt]}\n",
    )
    assert any("data.yaml:2" in p and "refers to a node containing it" in p for p in problems)


def test_shown_values_are_cut_whatever_they_hold(tmp_path: Path) -> None:
    """Below the alias bound a value may still be large: messages show its beginning only."""
    nested = "n0: &n0 [" + ", ".join(["x" * 50] * 9) + "]\n"
    for level in range(1, 3):
        nested += f"n{level}: &n{level} [" + ", ".join([f"*n{level - 1}"] * 9) + "]\n"
    long_word = "y" * 100_000
    problems = problems_for(
        tmp_path,
        nested
        + "Institution:\n"
        + f"  - {{id: big, name: *n2, category: {long_word}, aliases: [*n2],\n"
        + f"     description: *n2, note: [{long_word}], sources: [a.txt, {long_word}]}}\n"
        + "relationships:\n"
        + f"  - {{type: *n2, from: {long_word}, to: [*n2], sources: [a.txt]}}\n"
        + "Event:\n"
        + f"  - {{id: e, name: E, category: webinar, start_date: {long_word}, sources: [a.txt]}}\n"
        + "  - *n2\n",
    )
    assert len(problems) >= 8
    for problem in problems:  # the file path, the model's list of choices, and cut values
        assert len(problem) < 1000, problem[:300]
        assert "y" * SHOWN_LENGTH not in problem and problem.count("x" * 50) <= 1, problem[:300]


def test_shown_is_bounded_for_shared_structures() -> None:
    value: list[object] = ["lol"] * 10
    for _ in range(30):  # 10**30 leaves if expanded
        value = [value] * 10
    assert len(shown(value)) <= SHOWN_LENGTH
    assert shown("short") == "'short'"
    assert "..." in shown("z" * 1000) and len(shown("z" * 1000)) <= SHOWN_LENGTH
