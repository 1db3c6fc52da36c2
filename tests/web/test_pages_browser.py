"""The entity, source and list pages in Debian's Chromium, wide and at a phone's 390 px.

Each page is opened at both widths under its real policy: no console error (a CSP violation
is one), nothing wider than the screen at 390 px, and a screenshot of each for people to look at.
The connection form is used as a person would: type part of a name, pick a suggestion with the
keyboard, submit.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import ARTIFACTS, watch
from review_support import wren_proposal
from served_app import ServedApp, ServedApps

from graphsvc.intake import review
from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> tuple[ServedApp, str]:
    proposal = review.submit(seeded_once, wren_proposal()).proposal
    review.accept(seeded_once, proposal.id)
    return served_apps.get(), proposal.document.source_id


PAGES = {
    "entity-funder": "/entity/european-union",
    "entity-event-series": "/entity/ktc-sfax",
    "entity-connection": "/entity/medcities?to=tunis#connect",
    "entity-not-found": "/entity/europen-union",
    "source-intake": "/source/{document}",
    "source-seed": "/source/medcities-migrant-participation-webinar",
    "lists": "/list",
    "list-events": "/list/Event?sort=start_date&size=10",
    "list-filtered": "/list/Institution?country=Tunisia",
}


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.slow  # full-page screenshots
def test_pages_render_without_errors_at_both_widths(
    browser: Any, served: tuple[ServedApp, str], width: int
) -> None:
    app, document = served
    for name, path in PAGES.items():
        page = watch(browser, allowed_prefixes=(app.url, "data:", "blob:"), viewport=(width, 900))
        page.page.goto(app.url + path.format(document=document), wait_until="load")
        if name.startswith("entity-") and name != "entity-not-found":
            page.page.locator("iframe.ego-map").scroll_into_view_if_needed()
            frame = page.page.frame_locator("iframe.ego-map")
            frame.locator("#map-title").wait_for(timeout=60_000)
            map_frame = next(f for f in page.page.frames if "/maps/ego" in f.url)
            map_frame.wait_for_function(
                "() => window.graphsvcMap && window.graphsvcMap.state.ready", timeout=60_000
            )
            page.page.evaluate("window.scrollTo(0, 0)")
        overflow = page.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / f"web-{name}-{width}.png"), full_page=True)
        # A 404 page is logged as a failed load of the page itself: that one is expected.
        expected = "status of 404" if name.endswith("not-found") else "\0"
        assert [e for e in page.errors if expected not in e] == [], (name, page.errors)
        assert page.outside_requests == [], name
        if width == 390:
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 390 px"
        assert page.page.evaluate("window.__xss === undefined")
        page.page.context.close()


def test_the_connection_form_suggests_as_one_types(
    browser: Any, served: tuple[ServedApp, str]
) -> None:
    app, _ = served
    page = watch(browser, allowed_prefixes=(app.url, "data:", "blob:"))
    page.page.goto(app.url + "/entity/medcities")
    field = page.page.locator("#connect-to")
    field.click()
    field.press_sequentially("tuni")
    first = page.page.locator("#connect [role=listbox] [role=option]").first
    first.wait_for()
    picked = first.get_attribute("data-id")
    assert picked is not None and "tunis" in picked
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == picked
    field.press("Enter")
    page.page.wait_for_url(f"**/entity/medcities?to={picked}*")
    chain = page.page.locator("ol.path").first
    assert f'href="/entity/{picked}"' in chain.inner_html()
    assert chain.locator("a.source").count() > 0
    assert page.errors == []
    page.page.context.close()
