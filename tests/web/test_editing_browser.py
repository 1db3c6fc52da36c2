"""Editing in Debian's Chromium, as a coordinator does it: journeys timed, every page shot.

The journeys: edit a date and find it in the API (GraphQL over HTTP) and in the history; create
an institution, link it to a programme with the suggest-as-you-type field, then delete it after a
confirmation that names what goes with it. No console errors, hostile names stay text, and each
page added for editing is saved as a screenshot at 1400 and 390 px wide.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import ARTIFACTS, HOSTILE, WatchedPage, watch
from served_app import ServedApps
from web_support import sign_in_browser

from graphsvc.service.keys import create_key
from graphsvc.store.database import Database

SHOTS = os.environ.get("GRAPHSVC_EDIT_SHOTS")
"""A folder to copy the screenshots to for people to look at; unset, they stay in ARTIFACTS only
(a test writes nowhere else unless asked)."""
NOT_FOUND_LOAD = "Failed to load resource: the server responded with a status of 404"
BAD_REQUEST_LOAD = "Failed to load resource: the server responded with a status of 400"
"""The entity page a change redirects to is another area's (`/entity/{id}`); until it is served,
landing there is a 404, which Chromium reports in the console. Nothing else may be."""


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> str:
    return served_apps.get().url


@pytest.fixture(scope="module")
def keys(seeded_once: Database) -> dict[str, str]:
    return {
        role: create_key(seeded_once, f"browser {role}", role)[1] for role in ("editor", "reader")
    }


@pytest.fixture
def editor_page(browser: Any, served: str, keys: dict[str, str]) -> Iterator[WatchedPage]:
    watched = watch(browser, allowed_prefixes=(served, "data:"))
    sign_in_browser(watched.page, served, keys["editor"])
    yield watched
    watched.page.context.close()
    errors = [error for error in watched.errors if NOT_FOUND_LOAD not in error]
    assert errors == [] and watched.outside_requests == [] and watched.dialogs == []


def expect_one_bad_request(watched: WatchedPage) -> None:
    """A form sent back with problems is a 400, which Chromium notes in the console: expected."""
    unexpected = [error for error in watched.errors if NOT_FOUND_LOAD not in error]
    assert unexpected == [f"{BAD_REQUEST_LOAD} (Bad Request)"]
    watched.errors.clear()


def shoot(watched: WatchedPage, name: str) -> None:
    """Save the whole page at 1400 and at 390 px wide (copied to GRAPHSVC_EDIT_SHOTS if set)."""
    page = watched.page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in (1400, 390):
        page.set_viewport_size({"width": width, "height": 900})
        path = ARTIFACTS / f"webedit-{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(SHOTS) / path.name)
    page.set_viewport_size({"width": 1400, "height": 900})


@pytest.mark.slow  # full-page screenshots
def test_edit_a_date_in_the_browser_and_see_it_in_the_api(
    editor_page: WatchedPage, served: str, keys: dict[str, str]
) -> None:
    page = editor_page.page
    started = time.perf_counter()
    page.goto(f"{served}/entity/jwp-rome-meeting-2012/edit")
    assert page.input_value("#f-start_date") == "2012-09-07"
    shoot(editor_page, "edit")
    page.fill("#f-start_date", "2012-13")
    page.click("form.edit button[type=submit]")
    assert page.get_attribute("#f-start_date", "aria-invalid") == "true"
    assert page.input_value("#f-start_date") == "2012-13"
    assert "Month 13 is not between 1 and 12." in page.inner_text("#f-start_date-problem")
    expect_one_bad_request(editor_page)
    shoot(editor_page, "edit-problem")
    page.fill("#f-start_date", "2012-09")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(f"{served}/entity/jwp-rome-meeting-2012?done=saved")
    in_browser = time.perf_counter() - started
    query = '{ entity(slug: "jwp-rome-meeting-2012") { ... on Event { startDate { text } } } }'
    answer = httpx.post(
        f"{served}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {keys['reader']}"},
        timeout=30,
    ).json()
    assert answer["data"]["entity"]["startDate"]["text"] == "2012-09"
    page.goto(f"{served}/entity/jwp-rome-meeting-2012/history")
    latest = page.locator("ol.history > li").first
    text = latest.inner_text()
    assert "browser editor" in text and "changed" in text
    assert "Start date" in text and "September 2012 (2012-09)" in text
    shoot(editor_page, "history")
    print(
        f"\njourney edit-a-date: {in_browser:.2f} s in the browser, "
        f"{time.perf_counter() - started:.2f} s with the API check and the history"
    )


@pytest.mark.slow  # full-page screenshots
def test_create_link_and_delete_with_what_goes(editor_page: WatchedPage, served: str) -> None:
    page = editor_page.page
    started = time.perf_counter()
    page.goto(f"{served}/new")
    shoot(editor_page, "new-kinds")
    page.click("text=Institution")
    page.fill("#f-id", "webedit-agency")
    page.fill("#f-name", "Webedit Agency")
    page.fill("#f-aliases", "WEA\nWeb Edit Agency")
    page.select_option("#f-category", "ngo")
    page.fill("#f-sources", "jwp-multilevel-approach")
    shoot(editor_page, "new-form")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(f"{served}/entity/webedit-agency?done=created")
    created = time.perf_counter()

    page.goto(f"{served}/entity/webedit-agency/links/new")
    page.select_option("#link-relationship", "out:PARTNER_IN")
    page.click("form.step button[type=submit]")
    # Sent as typed, a name that names no programme is answered with the closest ones.
    page.fill("#link-other", "Tunisia")
    page.keyboard.press("Escape")
    page.click("form.edit[method=post] button[type=submit]")
    assert "No Programme is called “Tunisia”" in page.inner_text("#link-other-problem")
    assert page.get_attribute("#link-other", "aria-invalid") == "true"
    assert "Tunisia Country Project" in page.inner_text("fieldset.choices")
    expect_one_bad_request(editor_page)
    shoot(editor_page, "link-which-one")
    # With suggest.js, typing offers the names and the keyboard picks one (the field gets its id).
    page.fill("#link-other", "tunisia coun")
    page.wait_for_selector("ul.suggestions li")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("#link-other") == "tunisia-country-project"
    page.fill("#link-role", "technical partner")
    page.fill("#link-sources", "jwp-multilevel-approach")
    shoot(editor_page, "link-form")
    page.click("form.edit[method=post] button[type=submit]")
    page.wait_for_url(f"{served}/entity/webedit-agency?done=linked")
    linked = time.perf_counter()

    page.goto(f"{served}/entity/webedit-agency/links/new")
    row = page.locator("table.links tbody tr")
    assert row.count() == 1
    assert "Tunisia Country Project" in row.inner_text() and "technical partner" in row.inner_text()
    shoot(editor_page, "links")
    page.click("table.links a:has-text('Remove')")
    assert "Webedit Agency partner in Tunisia Country Project" in page.inner_text("main")
    shoot(editor_page, "unlink-confirm")
    page.go_back()

    page.goto(f"{served}/entity/webedit-agency/delete")
    main = page.inner_text("main")
    assert "and with it 1 link" in main and "“partner in”: 1 link" in main
    shoot(editor_page, "delete-confirm")
    page.click("button.danger")
    page.wait_for_url(f"{served}/?done=deleted")
    assert "Deleted, with its links." in page.inner_text("main")
    assert "browser editor deleted" in page.inner_text("main")
    page.goto(f"{served}/entity/webedit-agency/history")
    whats = page.locator("ol.history > li").all_inner_texts()
    assert len(whats) == 3
    assert "browser editor deleted it" in whats[0]
    assert "added the link “partner in” with tunisia-country-project" in whats[1]
    assert "Role\ntechnical partner" in whats[1]
    assert "browser editor created it" in whats[2] and "WEA, Web Edit Agency" in whats[2]
    done = time.perf_counter()
    print(
        f"\njourney create-link-delete: create {created - started:.2f} s, link "
        f"{linked - created:.2f} s, look/confirm/delete/history {done - linked:.2f} s, "
        f"in all {done - started:.2f} s"
    )


def test_hostile_names_stay_text_in_the_browser(editor_page: WatchedPage, served: str) -> None:
    page = editor_page.page
    page.goto(f"{served}/new/Person")
    page.fill("#f-id", "webedit-hostile")
    page.fill("#f-name", HOSTILE)
    page.fill("#f-sources", "jwp-multilevel-approach")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(f"{served}/entity/webedit-hostile?done=created")
    for path in ("edit", "history", "links/new", "delete"):
        page.goto(f"{served}/entity/webedit-hostile/{path}")
        assert page.evaluate("() => window.__xss") is None, path
        assert HOSTILE in page.inner_text("main"), path


@pytest.mark.slow  # full-page screenshots
def test_a_reader_sees_no_edit_link_and_is_refused(
    browser: Any, served: str, keys: dict[str, str]
) -> None:
    watched = watch(browser, allowed_prefixes=(served, "data:"))
    page = watched.page
    sign_in_browser(page, served, keys["reader"])
    page.goto(f"{served}/entity/jwp-tunis-meeting-2012/history")
    assert page.locator("main a:has-text('Edit')").count() == 0
    response = page.goto(f"{served}/entity/jwp-tunis-meeting-2012/edit")
    assert response is not None and response.status == 403
    assert "reader key" in page.inner_text("main")
    shoot(watched, "reader-refused")
    watched.page.context.close()
