"""The map forms in Debian's headless Chromium: names suggested as one types, picked by keyboard.

Served by the real app over real HTTP against the seeded Neo4j test instance; the page runs under
its own Content-Security-Policy (a violation would be logged as an error), and no request may
leave the server. Screenshots of the open suggestions and of a "did you mean" page are left in
the test artifacts at a desktop and a phone size.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from browser_support import HOSTILE, REPO, WatchedPage, watch
from maps_support import build

from graphsvc.config import Settings
from graphsvc.maps.catalogue import SUGGEST_PATH
from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

SIZES = ((1400, 900), (390, 844))


def _api_conftest() -> Any:
    """tests/api/conftest.py, which serves the app (imported by path: the name is shared)."""
    path = Path(__file__).resolve().parents[1] / "api" / "conftest.py"
    spec = importlib.util.spec_from_file_location("api_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def url(seeded_once: Database, settings: Settings) -> Iterator[str]:
    with _api_conftest().serve(settings) as app:
        yield str(app.url)


def _open(browser: Any, address: str, size: tuple[int, int] = SIZES[0]) -> WatchedPage:
    page = watch(browser, allowed_prefixes=(address.split("/maps")[0],), viewport=size)
    page.page.goto(address)
    return page


def test_typing_a_name_suggests_it_and_the_keyboard_picks_it(browser: Any, url: str) -> None:
    page = _open(browser, f"{url}/maps")
    field = page.page.locator('form[action="/maps/ego"] input[name="id"]')
    field.click()
    field.press_sequentially("medcit")
    options = page.page.locator('form[action="/maps/ego"] [role="option"]')
    options.first.wait_for()
    assert options.first.locator(".name").inner_text() == "MedCities"
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    field.press("Enter")
    assert field.input_value() == "medcities"
    assert page.page.evaluate("document.activeElement.name") == "id"  # focus kept
    assert field.get_attribute("aria-expanded") == "false"
    assert "MedCities" in page.page.locator('form[action="/maps/ego"] .picked').inner_text()
    field.press("Enter")  # the list is closed: Enter submits the form
    page.page.wait_for_url(f"{url}/maps/ego?id=medcities")
    page.wait_ready()
    assert page.page.locator("#map-title").inner_text().startswith("MedCities")
    assert page.errors == [] and page.outside_requests == []


def test_escape_closes_and_a_typed_name_still_opens_its_map(browser: Any, url: str) -> None:
    page = _open(browser, f"{url}/maps")
    field = page.page.locator('form[action="/maps/funder"] input[name="id"]')
    field.click()
    field.press_sequentially("European Union")
    options = page.page.locator('form[action="/maps/funder"] [role="option"]')
    options.first.wait_for()
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert options.first.is_hidden()
    assert page.page.evaluate("document.activeElement.name") == "id"
    field.press("Enter")  # the name as typed, as a plain form would send it
    page.page.wait_for_url(f"{url}/maps/funder?id=european-union")
    page.wait_ready()
    assert page.errors == [] and page.outside_requests == []


def test_suggestions_show_text_as_text(browser: Any, url: str, seeded_once: Database) -> None:
    seeded_once.write(
        "CREATE (:Entity:Institution {id: 'hostile-suggestion', name: $name, "
        "aliases: [], lookup_keys: ['xss window 1'], category: 'ngo'})",
        name=HOSTILE,
    )
    try:
        page = _open(browser, f"{url}/maps")
        field = page.page.locator('form[action="/maps/ego"] input[name="id"]')
        field.click()
        field.press_sequentially("xss window")
        page.page.locator('form[action="/maps/ego"] [role="option"]').first.wait_for()
        assert HOSTILE in page.page.locator('form[action="/maps/ego"] .suggestions').inner_text()
        assert page.page.evaluate("window.__xss === undefined")
        assert page.errors == []
    finally:
        seeded_once.write("MATCH (n {id: 'hostile-suggestion'}) DETACH DELETE n")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_screenshots_of_suggestions_and_did_you_mean(
    browser: Any, url: str, size: tuple[int, int]
) -> None:
    page = _open(browser, f"{url}/maps", size)
    field = page.page.locator('form[action="/maps/funder"] input[name="id"]')
    field.scroll_into_view_if_needed()
    field.click()
    field.press_sequentially("eu")
    page.page.locator('form[action="/maps/funder"] [role="option"]').first.wait_for()
    field.press("ArrowDown")
    box = page.page.locator('form[action="/maps/funder"] .suggestions').bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size[0]
    page.screenshot(f"map-form-suggestions-{size[0]}x{size[1]}")
    wrong = _open(browser, f"{url}/maps/funder?id=Europen%20Union", size)
    assert wrong.page.locator("h1").inner_text() == "No entity called “Europen Union”"
    wrong.page.locator(".choices a").first.click()
    wrong.page.wait_for_url(f"{url}/maps/funder?id=european-union")
    wrong.page.go_back()
    wrong.page.locator(".choices").wait_for()
    assert wrong.page.evaluate("document.documentElement.scrollWidth") <= size[0]
    wrong.screenshot(f"map-did-you-mean-{size[0]}x{size[1]}")
    # Chromium logs the page's own 404 status (and that of its back navigation), nothing else.
    assert page.errors == []
    assert all("status of 404" in error for error in wrong.errors), wrong.errors


def test_a_served_maps_settings_form_suggests_names(browser: Any, url: str) -> None:
    page = _open(browser, f"{url}/maps/funder?id=european-union")
    page.wait_ready()
    page.page.click("#settings summary")
    # The same fields as the index's: a programme filter suggests programmes only.
    field = page.page.locator('#settings input[name="programme"]')
    assert field.get_attribute("data-suggest") == f"{SUGGEST_PATH}?kinds=Programme"
    field = page.page.locator('#settings input[name="id"]')
    field.fill("")
    field.press_sequentially("medcit")
    options = page.page.locator('#settings [role="option"]')
    options.first.wait_for()
    assert options.first.locator(".name").inner_text() == "MedCities"
    field.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    box = page.page.locator(f"#{field.get_attribute('aria-controls')}").bounding_box()
    form = page.page.locator("#settings form").bounding_box()
    assert box is not None and form is not None
    assert form["x"] <= box["x"] and box["x"] + box["width"] <= form["x"] + form["width"]
    page.screenshot("map-settings-suggestions-1400x900")
    field.press("Enter")
    assert field.input_value() == "medcities"
    assert "MedCities" in page.page.locator("#settings .picked").first.inner_text()
    page.page.click('#settings button[type="submit"]')
    page.page.wait_for_url(f"{url}/maps/funder?id=medcities*")
    page.wait_ready()
    assert page.page.locator("#map-title").inner_text().startswith("MedCities")
    # A CSP violation (a script or style not hashed, a fetch not allowed) is logged as an error.
    assert page.errors == [] and page.outside_requests == []


def test_a_map_file_has_no_suggestions(settings: Settings, seeded_once: Database) -> None:
    """A file written by `graphsvc render` has no server to ask and no form to fill."""
    script = (resources.files("graphsvc.maps") / "assets" / "suggest.js").read_text("utf-8")
    committed = REPO / "visualisations" / "funder-european-union.html"
    for html in (build(settings, "funder", id="european-union").html, committed.read_text()):
        assert script not in html and "data-suggest" not in html
        assert '<details id="settings">' not in html
        (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert "connect-src" not in policy


def test_the_table_view_fits_a_phone(browser: Any, url: str) -> None:
    """At 390 px each row is a card, each value after its column's name: nothing off-screen."""
    page = _open(browser, f"{url}/maps/funder?id=european-union", (390, 844))
    page.wait_ready()
    page.page.click("#show-table")
    section = page.page.locator("#table-view")
    section.locator("td").first.wait_for()
    assert section.evaluate("e => e.scrollWidth <= e.clientWidth")
    outside = page.page.evaluate(
        """() => [...document.querySelectorAll('#table-view td')]
            .map(cell => cell.getBoundingClientRect())
            .filter(box => box.left < 0 || box.right > innerWidth).length"""
    )
    assert outside == 0
    links = section.locator('td[data-label="Links"]').first
    assert links.is_visible()
    assert (
        page.page.evaluate(
            "cell => getComputedStyle(cell, '::before').content", links.element_handle()
        )
        == '"Links"'
    )
    page.screenshot("map-table-390x844")
    assert page.errors == []
