"""The command line, driven through click's runner against the real test instance."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphsvc.cli.app import cli
from graphsvc.ingest.loader import LoadResult
from graphsvc.store.database import Database

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
UNSET_PASSWORD: dict[str, str | None] = {"NEO4J_URI": "bolt://localhost:1", "NEO4J_PASSWORD": None}


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_every_command_has_help(runner: CliRunner) -> None:
    commands = list(all_commands(cli))
    assert ("neo4j", "start") in commands and ("load",) in commands and ("stats",) in commands
    for path in [(), *commands]:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output and len(result.output.splitlines()) > 3, path


def test_dry_run_validates_without_a_database(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["load", "--dry-run", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "are valid (dry run: nothing written)" in result.output


def test_bad_seed_file_names_file_line_and_field(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("City:\n  - {id: x, name: X, latitude: north, longitude: 1}\n", encoding="utf-8")
    result = runner.invoke(cli, ["load", "--dry-run", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml:2, entry 'x', field 'latitude': expected a number" in result.output
    assert "Traceback" not in result.output


def test_bad_configuration_is_reported_cleanly(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats"], env={"NEO4J_URI": "http://localhost:7474"})
    assert result.exit_code == 1
    assert "NEO4J_URI='http://localhost:7474' has scheme 'http'" in result.output


def test_model_prints_every_kind(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["model"])
    assert result.exit_code == 0
    assert "| `Institution` |" in result.output and "| `FUNDS` |" in result.output


@pytest.mark.neo4j
def test_load_stats_and_search(runner: CliRunner, empty_db: Database) -> None:
    args = ["--instance", "test"]
    first = runner.invoke(cli, [*args, "load", str(SEEDS)])
    assert first.exit_code == 0, first.output
    assert "Loaded" in first.output and "created" in first.output
    second = runner.invoke(cli, [*args, "load", str(SEEDS)])
    total = next(line for line in second.output.splitlines() if line.startswith("total"))
    assert total.split()[1:3] == ["0", "0"], total  # nothing created, nothing updated

    stats_a = runner.invoke(cli, [*args, "stats", "--json"])
    stats_b = runner.invoke(cli, [*args, "stats", "--json"])
    assert stats_a.exit_code == 0
    assert stats_a.output == stats_b.output
    counts = json.loads(stats_a.output)
    assert counts["nodes"]["Institution"] == 20 and counts["nodes"]["Funder"] == 2

    search = runner.invoke(cli, [*args, "search", "Malaga"])
    assert search.output.splitlines()[0].split()[:3] == ["=", "City", "malaga"]


@pytest.mark.neo4j
def test_neo4j_status_and_env(runner: CliRunner, seeded: LoadResult) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the managed server is not in use when NEO4J_URI is set")
    status = runner.invoke(cli, ["--instance", "test", "neo4j", "status"])
    assert status.exit_code == 0, status.output
    assert "answers as Neo4j 5.26" in status.output
    env = runner.invoke(cli, ["--instance", "test", "neo4j", "env"])
    lines = env.output.splitlines()
    assert lines[0].startswith("export NEO4J_URI=bolt://127.0.0.1:")
    assert [line.split("=")[0] for line in lines] == [
        "export NEO4J_URI",
        "export NEO4J_USERNAME",
        "export NEO4J_PASSWORD",
        "export NEO4J_DATABASE",
    ]


def test_neo4j_commands_refuse_when_an_external_server_is_configured(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["neo4j", "start"], env={"NEO4J_URI": "bolt://db.example:7687", "NEO4J_PASSWORD": "x"}
    )
    assert result.exit_code == 1
    assert "manages none of its own" in result.output


@pytest.mark.neo4j
def test_up_serves_the_seeded_graph(runner: CliRunner, empty_db: Database) -> None:
    """README command 1, pointed at the test instance: server up, seeds loaded, counts shown."""
    result = runner.invoke(cli, ["--instance", "test", "up", "--seeds", str(SEEDS), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Loaded 106 nodes and 185 relationships" in result.output
    lines = result.output.splitlines()
    assert "  Institution            20" in lines
    assert "  SUPPORTED_BY          127" in lines


def test_keys_create_list_revoke(runner: CliRunner, empty_db: Database) -> None:
    created = runner.invoke(
        cli, ["--instance", "test", "keys", "create", "ci robot", "--role", "editor"]
    )
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("gsk_")
    listed = runner.invoke(cli, ["--instance", "test", "keys", "list"])
    assert "ci robot" in listed.output and "editor" in listed.output
    assert token not in listed.output
    key_id = token.split("_")[1]
    assert runner.invoke(cli, ["--instance", "test", "keys", "revoke", key_id]).exit_code == 0
    again = runner.invoke(cli, ["--instance", "test", "keys", "revoke", key_id])
    assert again.exit_code != 0 and "no active key" in again.output


def test_every_command_reports_graphsvc_errors_through_the_root_group(runner: CliRunner) -> None:
    """Errors are converted once, in the root group, for commands and subgroups alike."""
    # A command's own GraphsvcError (ConfigError: a URI without a password) is a message.
    result = runner.invoke(cli, ["stats"], env=UNSET_PASSWORD)
    assert result.exit_code == 1
    assert "Error: NEO4J_URI is set but NEO4J_PASSWORD is not" in result.output
    nested = runner.invoke(cli, ["keys", "list"], env=UNSET_PASSWORD)
    assert nested.exit_code == 1 and "NEO4J_PASSWORD is not" in nested.output


@pytest.mark.neo4j
def test_render_path_with_equal_ends_says_so(runner: CliRunner, seeded: LoadResult) -> None:
    result = runner.invoke(
        cli, ["--instance", "test", "render", "path", "--id", "medcities", "--to", "medcities"]
    )
    assert result.exit_code != 0
    assert "a path needs two different ends" in result.output
    assert "Neo." not in result.output and "Traceback" not in result.output
