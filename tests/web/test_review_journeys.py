"""The review queues walked in Debian's Chromium, as a coordinator would: take in a document from
a web server, accept its facts, see them through the API, undo; merge two duplicates, undo.

Every page is photographed at 1400 and 390 px wide (test artefacts, copied for people to look at
when GRAPHSVC_REVIEW_SHOTS names a folder). Journeys are timed and printed, never asserted.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import ARTIFACTS, HOSTILE, REPO, WatchedPage, watch
from served_app import ServedApps

from graphsvc.iati.importer import import_iati
from graphsvc.intake import review
from graphsvc.resolution.candidates import scan
from graphsvc.resolution.merge import pending
from graphsvc.service.intake_calls import warm_recogniser
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database
from graphsvc.web.duplicates import pair_url

LOCAL = ApiSettings(query_timeout_s=120, fetch_private=True)
"""Documents come from a server on loopback here, which only this setting lets the form read."""
SHOTS = os.environ.get("GRAPHSVC_REVIEW_SHOTS")
ACTIVITIES = REPO / "tests" / "data" / "iati" / "activities.xml"
ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Wren Foundation joins MC2CM | Cities News</title>
  <meta property="og:site_name" content="Cities News">
  <meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
</head>
<body>
  <article>
    <h1>Wren Foundation joins MC2CM</h1>
    <p>The European Union financed MC2CM again this year, confirming its support for the
    programme on migration in Mediterranean cities.</p>
    <p>The Wren Foundation also financed MC2CM, in partnership with the city of Tunis, which
    hosted a meeting of the partners.</p>
  </article>
</body>
</html>
"""


class Article(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = ARTICLE.encode()
        self.send_response(200 if self.path == "/wren.html" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def documents() -> Iterator[str]:
    """A web server on loopback serving the article, in a thread of the test process."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> str:
    warm_recogniser()  # the served app runs in this process: read the gazetteer once, first
    return served_apps.get(LOCAL).url


@pytest.fixture(scope="module")
def editor(seeded_once: Database) -> str:
    return create_key(seeded_once, "Amira (editor)", "editor")[1]


def opened(browser: Any, served: str, key: str, width: int) -> WatchedPage:
    """A page of the site in a window `width` px wide, signed in with `key`."""
    watched = watch(browser, (served,), (width, 900 if width > 600 else 844))
    page = watched.page
    page.goto(f"{served}/signin")
    page.fill("#signin-key", key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{served}/")
    return watched


def shoot(watched: WatchedPage, name: str) -> Path:
    """A full-page screenshot kept as a test artefact (and copied where people look at it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    watched.page.screenshot(path=str(path), full_page=True)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / path.name)
    return path


def wait_done(page: Any, code: str) -> None:
    """Wait for the redirect after a decision, to the page confirming `code`."""
    page.wait_for_load_state()
    problem = page.locator("#problem, .message")
    assert problem.count() == 0, problem.first.inner_text()
    page.wait_for_url(lambda url: url.endswith(f"?done={code}"), timeout=120_000)


def graphql_entity(served: str, entity_id: str) -> Any:
    answer = httpx.post(
        f"{served}/graphql",
        json={
            "query": "query($id: String!) { entity(slug: $id) { name } }",
            "variables": {"id": entity_id},
        },
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]["entity"]


def clean(watched: WatchedPage) -> None:
    assert watched.errors == [] and watched.outside_requests == [] and watched.dialogs == []
    assert watched.page.evaluate("() => window.__xss") is None


@pytest.mark.slow  # full-page screenshots
def test_take_in_review_accept_and_undo_a_document(
    browser: Any, served: str, documents: str, editor: str, seeded_once: Database
) -> None:
    started = time.perf_counter()
    watched = opened(browser, served, editor, 1400)
    page = watched.page
    page.goto(f"{served}/review")
    page.get_by_role("link", name="Take in a document").click()
    page.fill("#intake-fetch", f"{documents}/wren.html")
    page.get_by_role("button", name="Take it in").click()
    page.wait_for_url(f"{served}/review/proposals/p-*", timeout=300_000)
    assert "taken in" in page.locator("#done").inner_text()
    proposal_id = page.url.split("/")[-1].split("?")[0]
    assert page.locator("h1").inner_text() == "Wren Foundation joins MC2CM"
    assert "Cities News" in page.locator(".byline").inner_text()
    assert page.locator("mark", has_text="European Union").count() >= 1

    # The suggestions of the maps work in a fact's entity field.
    entity_facts = page.locator("li.fact:has(input[data-suggest*=Institution])")
    entity_facts.first.locator("summary").click()
    field = entity_facts.first.locator("input[name=entity]")
    field.fill("Europ")
    page.locator("ul.suggestions li", has_text="European Union").first.wait_for()
    field.press("Escape")
    entity_facts.first.locator("summary").click()

    page.get_by_role("button", name="Accept the ticked facts").click()
    wait_done(page, "accepted")
    assert "Accepted" in page.locator("#done").inner_text()
    receipt = review.show(seeded_once, proposal_id).receipt
    assert receipt is not None
    entities = [node for node in receipt.created_nodes if node != receipt.source_id]
    assert entities, receipt
    for created in entities:
        assert graphql_entity(served, created) is not None
    # Each accepted fact is on its entity's page, and its source names the sentence it came from.
    review_page = page.url
    wren = next(node for node in entities if "wren" in node)
    page.goto(f"{served}/entity/{wren}")
    assert page.locator("h1").inner_text() == "Wren Foundation"
    page.locator("a.source", has_text="Wren Foundation joins MC2CM").first.click()
    page.wait_for_url(f"{served}/source/**")
    assert page.locator("mark", has_text="The Wren Foundation also financed MC2CM").count() == 1
    shoot(watched, "review-accepted-source")
    page.goto(review_page)
    page.get_by_role("button", name="Undo the acceptance").click()
    wait_done(page, "undone")
    for created in entities:
        assert graphql_entity(served, created) is None
    print(f"\njourney (a), take in, accept, check, undo: {time.perf_counter() - started:.1f} s")
    clean(watched)

    trail = seeded_once.read(
        "MATCH (a:AuditEntry {target: $id}) RETURN a.operation AS operation, a.actor AS actor "
        "ORDER BY a.at, a.sequence",
        id=proposal_id,
    )
    assert [(r["operation"], r["actor"]) for r in trail] == [
        (operation, "Amira (editor)")
        for operation in ("submitDocument", "acceptProposal", "undoProposal")
    ]

    for width in (1400, 390):
        at = watched if width == 1400 else opened(browser, served, editor, width)
        for name, path in [
            ("review", "/review"),
            ("proposals", "/review/proposals?status=all"),
            ("proposal", f"/review/proposals/{proposal_id}"),
            ("intake", "/review/proposals/new"),
        ]:
            at.page.goto(f"{served}{path}")
            shoot(at, f"review-{name}-{width}")
        clean(at)


def test_hostile_text_in_a_pasted_document_stays_text(
    browser: Any, served: str, editor: str
) -> None:
    watched = opened(browser, served, editor, 1400)
    page = watched.page
    page.goto(f"{served}/review/proposals/new")
    page.fill("#intake-text", f"The European Union financed MC2CM. {HOSTILE} Tunis hosted it.")
    page.fill("#intake-title", HOSTILE)
    page.fill("#intake-publisher", HOSTILE)
    page.get_by_role("button", name="Take it in").click()
    page.wait_for_url(f"{served}/review/proposals/p-*", timeout=300_000)
    assert page.locator("h1").inner_text() == HOSTILE
    assert HOSTILE in page.locator(".document-text").inner_text()
    page.goto(f"{served}/review/proposals")
    assert page.get_by_role("link", name=HOSTILE).count() == 1
    clean(watched)


@pytest.mark.slow  # full-page screenshots
def test_merge_two_duplicates_and_undo(
    browser: Any, served: str, editor: str, seeded_once: Database
) -> None:
    import_iati(seeded_once, [ACTIVITIES], progress=lambda _: None)
    scan(seeded_once)
    row = next(
        r
        for r in pending(seeded_once)
        if {r["left_name"], r["right_name"]}
        == {"World Health Organisation", "World Health Organization"}
    )
    ids = {row["left"], row["right"]}
    started = time.perf_counter()
    watched = opened(browser, served, editor, 1400)
    page = watched.page
    page.goto(f"{served}/review")
    page.get_by_role("link", name="possible duplicates").click()
    page.locator(f'a[href="{pair_url(row["left"], row["right"])}"]').click()
    assert page.locator(".record").count() == 2
    shoot(watched, "review-duplicate-1400")
    page.get_by_role("button", name="Merge: they are the same").click()
    wait_done(page, "merged")
    assert "Merged" in page.locator("#done").inner_text()
    left = seeded_once.read(
        "MATCH (i:Institution) WHERE i.id IN $ids RETURN i.id AS id", ids=list(ids)
    )
    assert len(left) == 1
    shoot(watched, "review-duplicate-merged-1400")
    page.get_by_role("button", name="Undo the merge").click()
    wait_done(page, "unmerged")
    back = seeded_once.read(
        "MATCH (i:Institution) WHERE i.id IN $ids RETURN i.id AS id", ids=list(ids)
    )
    assert len(back) == 2
    print(f"\njourney (b), merge two duplicates, undo: {time.perf_counter() - started:.1f} s")
    clean(watched)
    trail = seeded_once.read(
        "MATCH (a:AuditEntry) WHERE a.operation IN ['mergeDuplicates', 'undoMerge'] "
        "RETURN a.operation AS operation, a.actor AS actor ORDER BY a.at, a.sequence"
    )
    assert [(r["operation"], r["actor"]) for r in trail] == [
        ("mergeDuplicates", "Amira (editor)"),
        ("undoMerge", "Amira (editor)"),
    ]
    pair = page.url.split("?")[0]
    for width in (1400, 390):
        at = watched if width == 1400 else opened(browser, served, editor, width)
        for name, path in [("duplicates", f"{served}/review/duplicates"), ("duplicate", pair)]:
            at.page.goto(path)
            shoot(at, f"review-{name}-{width}")
        clean(at)
