"""`graphsvc intake`: review through the command line, and the export that `load` accepts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_support import wren_proposal

from graphsvc.cli.app import cli
from graphsvc.ingest.loader import LoadResult
from graphsvc.intake import review
from graphsvc.model.domain import FUNDS
from graphsvc.store.database import Database

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEST = ["--instance", "test"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_show_gives_each_fact_its_sentence(
    runner: CliRunner, seeded: LoadResult, empty_db: Database
) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    listed = runner.invoke(cli, [*TEST, "intake", "list"])
    assert listed.exit_code == 0, listed.output
    assert proposal.id in listed.output and "pending" in listed.output
    shown = runner.invoke(cli, [*TEST, "intake", "show", proposal.id])
    assert shown.exit_code == 0, shown.output
    assert "1. [pending] Institution 'European Union' = european-union" in shown.output
    assert "known-name, confidence 0.95" in shown.output
    assert "The »European Union« financed MC2CM again this year." in shown.output
    assert "new wren-foundation  category=foundation" in shown.output
    assert f"4. [pending] {FUNDS.type}: 'European Union' -> 'MC2CM'" in shown.output
    assert "The Wren Foundation also »financed« MC2CM" in shown.output


def test_accept_undo_reject_edit_from_the_command_line(
    runner: CliRunner, seeded: LoadResult, empty_db: Database
) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    stats_before = runner.invoke(cli, [*TEST, "stats", "--json"]).output
    edited = runner.invoke(
        cli, [*TEST, "intake", "edit", proposal.id, "--fact", "3", "--kind", "X"]
    )
    assert edited.exit_code == 1 and "'X' is not a kind of entity" in edited.output
    accepted = runner.invoke(cli, [*TEST, "intake", "accept", proposal.id, "--fact", "5"])
    assert accepted.exit_code == 0, accepted.output
    assert "created 2 nodes" in accepted.output
    assert runner.invoke(cli, [*TEST, "stats", "--json"]).output != stats_before
    twice = runner.invoke(cli, [*TEST, "intake", "accept", proposal.id])
    assert twice.exit_code == 1 and "already accepted" in twice.output
    assert "Traceback" not in twice.output
    undone = runner.invoke(cli, [*TEST, "intake", "undo", proposal.id])
    assert undone.exit_code == 0, undone.output
    assert runner.invoke(cli, [*TEST, "stats", "--json"]).output == stats_before
    rejected = runner.invoke(cli, [*TEST, "intake", "reject", proposal.id, "--fact", "6"])
    assert rejected.exit_code == 0 and "(now pending)" in rejected.output
    missing = runner.invoke(cli, [*TEST, "intake", "show", "p-nothing"])
    assert missing.exit_code == 1 and "no proposal has id 'p-nothing'" in missing.output


def test_export_passes_the_loaders_dry_run_beside_the_seeds(
    runner: CliRunner, seeded: LoadResult, empty_db: Database, tmp_path: Path
) -> None:
    proposal = review.submit(empty_db, wren_proposal()).proposal
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    exported = folder / "intake.yaml"
    result = runner.invoke(cli, [*TEST, "intake", "export", proposal.id, "-o", str(exported)])
    assert result.exit_code == 0, result.output
    text = exported.read_text(encoding="utf-8")
    assert "wren-foundation" in text
    assert f"Already in the graph, left out: {FUNDS.type} european-union -> mc2cm" in text
    dry = runner.invoke(cli, ["load", "--dry-run", str(folder)])
    assert dry.exit_code == 0, dry.output
    assert "are valid" in dry.output


def test_targets_say_reading_is_not_available(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["intake", "https://news.example/feed.xml"])
    assert result.exit_code == 1
    assert "reading documents is not available in this build" in result.output
