"""`graphsvc intake`: review through the command line, and the export that `load` accepts."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
    back = runner.invoke(cli, [*TEST, "intake", "reconsider", proposal.id, "--fact", "6"])
    assert back.exit_code == 0 and "Reconsidering facts 6 of" in back.output
    again = runner.invoke(cli, [*TEST, "intake", "reconsider", proposal.id, "--fact", "6"])
    assert again.exit_code == 1 and "only a rejected fact can be reconsidered" in again.output
    runner.invoke(cli, [*TEST, "intake", "reject", proposal.id])
    unrejected = runner.invoke(cli, [*TEST, "intake", "undo", proposal.id])
    assert "Undone the rejection" in unrejected.output
    assert review.show(empty_db, proposal.id).status == "pending"
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


NEWS_PAGE = """<!doctype html><html lang="en"><head><title>Cities meet in Sfax</title>
<script>document.write("tracking")</script></head><body><nav>Home | About | Contact</nav>
<article><h1>Cities meet in Sfax</h1>
<p>The European Union financed MC2CM again this year, its partners said on Monday.</p>
<p>MedCities and the Municipality of Sfax organised a workshop on migration in Sfax on
14 March 2024. Representatives of twelve cities took part in the workshop, which looked at how
local governments welcome newcomers and how they share what works.</p>
</article><footer>Copyright the publisher</footer></body></html>"""


class NewsHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = NEWS_PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def news_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/cities-meet-in-sfax"
    server.shutdown()
    server.server_close()


def test_a_news_page_becomes_facts_a_curator_accepts(
    runner: CliRunner, seeded: LoadResult, empty_db: Database, news_url: str
) -> None:
    read = runner.invoke(cli, [*TEST, "intake", news_url])
    assert read.exit_code == 0, read.output
    proposal_id = read.output.split()[0]
    shown = runner.invoke(cli, [*TEST, "intake", "show", proposal_id])
    assert shown.exit_code == 0, shown.output
    assert "= european-union" in shown.output and "= medcities" in shown.output
    assert "tracking" not in shown.output and "Home | About" not in shown.output
    assert "»financed«" in shown.output
    again = runner.invoke(cli, [*TEST, "intake", news_url])
    assert again.exit_code == 0 and proposal_id not in again.output.split()[0]
    assert "taken in before, as proposal " + proposal_id in again.output
    assert again.output.count(news_url) == 1
    accepted = runner.invoke(
        cli, [*TEST, "intake", "accept", proposal_id, "--min-confidence", "0.85"]
    )
    assert accepted.exit_code == 0, accepted.output
    rows = empty_db.read(
        "MATCH (s:Source {url: $url})<-[:SUPPORTED_BY]-(n) RETURN s.title AS title, "
        "s.text AS text, collect(n.id) AS supported",
        url=news_url,
    )
    assert rows and rows[0]["title"] == "Cities meet in Sfax"
    assert "financed MC2CM" in rows[0]["text"] and "tracking" not in rows[0]["text"]
    assert "european-union" in rows[0]["supported"]


def test_an_unreadable_target_is_named_and_nothing_is_queued(
    runner: CliRunner, empty_db: Database, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(cli, [*TEST, "intake", str(empty)])
    assert result.exit_code == 1
    assert "empty.txt: is empty" in result.output and "Traceback" not in result.output
    assert "No proposals." in runner.invoke(cli, [*TEST, "intake", "list"]).output
