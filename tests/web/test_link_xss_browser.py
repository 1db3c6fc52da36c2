"""A document's link that is not a web address never becomes an `href`, with CSP on or bypassed.

Feed items name their own link; before, `<link>javascript:window.__xss=6</link>` was shown on the
proposal's page as `<a href="javascript:...">`, which CSP alone kept from running. Readers now
keep only http and https links (`graphsvc.intake.read.fetch.web_address`) and the page shows a
stored one only when it is a web address, so these proposals are stored directly, as data
written before the fix would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import watch
from review_support import TEXT, wren_proposal
from served_app import ServedApp, serve

from graphsvc.config import Settings
from graphsvc.intake import review
from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

LINKS = (
    "javascript:window.__xss=6",
    "JaVaScRiPt:window.__xss=7",
    "data:text/html,<script>window.__xss=8</script>",
)


@pytest.fixture(scope="module")
def served(seeded_once: Database, settings: Settings) -> Iterator[tuple[ServedApp, list[str]]]:
    proposals = [
        review.submit(
            seeded_once,
            wren_proposal(f"{TEXT} Item {number}.", url=link),
        ).proposal.id
        for number, link in enumerate(LINKS)
    ]
    with serve(settings) as app:
        yield app, proposals


@pytest.mark.parametrize("csp", ["on", "bypassed"])
def test_a_feed_items_script_link_is_no_link(
    browser: Any, served: tuple[ServedApp, list[str]], csp: str
) -> None:
    app, proposals = served
    for proposal in proposals:
        page = watch(browser, allowed_prefixes=(app.url, "data:", "blob:"), bypass_csp=csp != "on")
        page.page.goto(f"{app.url}/review/proposals/{proposal}", wait_until="load")
        hrefs = page.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert hrefs and not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
        for link in page.page.locator(".byline a").all():
            link.click()
        assert page.page.evaluate("window.__xss === undefined")
        page.page.context.close()
