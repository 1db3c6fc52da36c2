"""The review pages over real HTTP: who may decide, the CSRF token on every form, conflicts as
messages, the audit trail, hostile text kept as text, and URLs on private hosts refused."""

from __future__ import annotations

import ipaddress

import httpx
import pytest
from browser_support import HOSTILE
from review_support import TEXT, wren_proposal
from review_web_support import revision, signed_in, token
from served_app import ServedApps, serve

from graphsvc.config import Settings
from graphsvc.errors import ConfigError
from graphsvc.intake import review
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database
from graphsvc.store.duplicates import queue_pairs
from graphsvc.web.duplicates import QUEUE_SHOWN
from graphsvc.web.outbound import PrivateAddress, checked, is_public

PATIENT = ApiSettings(query_timeout_s=120)


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> str:
    return served_apps.get(PATIENT).url


@pytest.fixture(scope="module")
def keys(seeded_once: Database) -> dict[str, str]:
    return {
        role: create_key(seeded_once, f"review {role}", role)[1] for role in ("editor", "reader")
    }


def queued(database: Database, edition: str) -> str:
    """A hand-built proposal (no recognition) whose text differs by `edition`."""
    return review.submit(database, wren_proposal(f"{TEXT} {edition}")).proposal.id


def test_pages_read_without_a_key(served: str, seeded_once: Database) -> None:
    proposal = queued(seeded_once, "Reading.")
    with httpx.Client(base_url=served, timeout=60) as client:
        index = client.get("/review")
        assert index.status_code == 200 and "documents with proposed facts" in index.text
        listed = client.get("/review/proposals")
        assert "Wren Foundation joins MC2CM" in listed.text and "news.example" in listed.text
        shown = client.get(f"/review/proposals/{proposal}")
        assert shown.status_code == 200
        assert "<mark" in shown.text and ">European Union</mark>" in shown.text
        assert "95% sure" in shown.text and 'href="/entity/european-union"' in shown.text
        assert "Deciding needs an editor key" in shown.text
        assert client.get("/review/duplicates").status_code == 200
        assert client.get("/review/proposals/new").status_code == 200
        assert client.get("/review/proposals/p-000000000000").status_code == 404
        assert client.get("/review/proposals?status=nonsense").status_code == 400


def test_a_reader_key_cannot_decide(
    served: str, keys: dict[str, str], seeded_once: Database
) -> None:
    proposal = queued(seeded_once, "Reader.")
    with signed_in(served, keys["reader"]) as client:
        page = client.get(f"/review/proposals/{proposal}").text
        assert "/accept" not in page  # no decision offered, and a forged one is refused:
        shown = str(review.show(seeded_once, proposal).revision)
        refused = client.post(
            f"/review/proposals/{proposal}/accept", data={"csrf": token(page), "revision": shown}
        )
        assert refused.status_code == 403 and "reader key" in refused.text
        assert review.show(seeded_once, proposal).status == "pending"
        taken = client.post(
            "/review/proposals/new", data={"csrf": token(page), "text": "Tunis and Sfax."}
        )
        assert taken.status_code == 403


def test_every_review_form_is_refused_without_its_token(
    served: str, keys: dict[str, str], seeded_once: Database
) -> None:
    proposal = queued(seeded_once, "Tokens.")
    pair = "/review/duplicates/org-a/org-b"
    routes = [
        *(
            f"/review/proposals/{proposal}/{action}"
            for action in ("accept", "reject", "reconsider", "edit", "undo")
        ),
        "/review/proposals/new",
        *(f"{pair}/{action}" for action in ("merge", "reject", "undo")),
    ]
    with signed_in(served, keys["editor"]) as client:
        client.get("/review")
        for route in routes:
            for data in ({}, {"csrf": "forged"}):
                refused = client.post(route, data={**data, "fact": "1", "text": "x"})
                assert refused.status_code == 403, route
                assert "security token is missing or out of date" in refused.text
    assert review.show(seeded_once, proposal).status == "pending"


def test_decisions_are_audited_and_conflicts_are_messages(
    served: str, keys: dict[str, str], seeded_once: Database
) -> None:
    proposal = queued(seeded_once, "Deciding.")
    with signed_in(served, keys["editor"]) as client:
        page = client.get(f"/review/proposals/{proposal}").text
        csrf, shown = token(page), revision(page)
        edited = client.post(
            f"/review/proposals/{proposal}/edit",
            data={"csrf": csrf, "revision": shown, "fact": "4", "date": "2016-03"},
        )
        assert edited.status_code == 303
        assert edited.headers["location"] == f"/review/proposals/{proposal}?done=edited"
        assert "The fact was changed" in client.get(edited.headers["location"]).text
        stale = client.post(
            f"/review/proposals/{proposal}/accept", data={"csrf": csrf, "revision": shown}
        )
        assert stale.status_code == 409 and "since you opened it" in stale.text
        assert review.show(seeded_once, proposal).status == "pending"
        wrong = client.post(
            f"/review/proposals/{proposal}/edit",
            data={"csrf": csrf, "fact": "1", "date": "last spring"},
        )
        assert wrong.status_code == 400 and "The date" in wrong.text
        nobody = client.post(
            f"/review/proposals/{proposal}/edit",
            data={"csrf": csrf, "fact": "3", "entity": "Zzyzx Qwerty Institute"},
        )
        assert nobody.status_code == 400 and "Nothing in the graph is called" in nobody.text
        accepted = client.post(
            f"/review/proposals/{proposal}/accept", data={"csrf": csrf, "min_confidence": "75"}
        )
        assert accepted.status_code == 303
        again = client.post(f"/review/proposals/{proposal}/accept", data={"csrf": csrf})
        assert again.status_code == 409 and "already accepted" in again.text
        undone = client.post(f"/review/proposals/{proposal}/undo", data={"csrf": csrf})
        assert undone.status_code == 303
    trail = seeded_once.read(
        "MATCH (a:AuditEntry) WHERE a.target STARTS WITH $id "
        "RETURN a.operation AS operation, a.actor AS actor ORDER BY a.at, a.sequence",
        id=proposal,
    )
    assert [row["operation"] for row in trail] == [
        "editProposedFact",
        "acceptProposal",
        "undoProposal",
    ]
    assert {row["actor"] for row in trail} == {"review editor"}


def test_a_rejection_is_taken_back_on_the_page(
    served: str, keys: dict[str, str], seeded_once: Database
) -> None:
    """Reject a fact, reconsider it; reject the document, undo: every fact waits again."""
    proposal = queued(seeded_once, "Reconsidering.")
    with signed_in(served, keys["editor"]) as client:
        page = client.get(f"/review/proposals/{proposal}").text
        rejected = client.post(
            f"/review/proposals/{proposal}/reject",
            data={"csrf": token(page), "revision": revision(page), "fact": "2"},
        )
        assert rejected.status_code == 303
        page = client.get(rejected.headers["location"]).text
        assert "Reconsider fact 2" in page and "Reconsider fact 1" not in page
        back = client.post(
            f"/review/proposals/{proposal}/reconsider",
            data={"csrf": token(page), "revision": revision(page), "fact": "2"},
        )
        assert back.headers["location"] == f"/review/proposals/{proposal}?done=reconsidered"
        page = client.get(back.headers["location"]).text
        assert "The fact is back in review" in page and "Reconsider fact" not in page
        assert {f.state for f in review.show(seeded_once, proposal).facts} == {"pending"}
        whole = client.post(
            f"/review/proposals/{proposal}/reject",
            data={"csrf": token(page), "revision": revision(page)},
        )
        page = client.get(whole.headers["location"]).text
        assert "Undo the rejection" in page
        undone = client.post(
            f"/review/proposals/{proposal}/undo",
            data={"csrf": token(page), "revision": revision(page)},
        )
        assert undone.headers["location"] == f"/review/proposals/{proposal}?done=unrejected"
        assert "The rejection is taken back" in client.get(undone.headers["location"]).text
        again = client.post(
            f"/review/proposals/{proposal}/reconsider", data={"csrf": token(page), "fact": "1"}
        )
        assert again.status_code == 400 and "only a rejected fact" in again.text
    after = review.show(seeded_once, proposal)
    assert after.status == "pending" and {f.state for f in after.facts} == {"pending"}
    trail = seeded_once.read(
        "MATCH (a:AuditEntry) WHERE a.target STARTS WITH $id "
        "RETURN a.operation AS operation ORDER BY a.at, a.sequence",
        id=proposal,
    )
    assert [row["operation"] for row in trail] == [
        "rejectProposal",
        "reconsiderProposal",
        "rejectProposal",
        "undoProposal",
    ]


def test_the_duplicates_queue_is_read_a_page_at_a_time(served: str, seeded_once: Database) -> None:
    """Past 500 pairs the queue pages; only the page's pairs are read, most alike first."""
    rows = [
        {
            "pair": f"page-a-{n:04d}|page-b-{n:04d}",
            "left": f"page-a-{n:04d}",
            "right": f"page-b-{n:04d}",
            "score": 50 + n / 100,
            "reason": "test pair",
        }
        for n in range(QUEUE_SHOWN + 1)
    ]
    queue_pairs(seeded_once, rows)
    try:
        with httpx.Client(base_url=served, timeout=60) as client:
            first = client.get("/review/duplicates").text
            assert first.count("test pair") == QUEUE_SHOWN
            assert f"Pairs 1–{QUEUE_SHOWN} of {QUEUE_SHOWN + 1}." in first
            assert "page-a-0500" in first and "page-a-0000" not in first  # most alike first
            assert f'href="/review/duplicates?from={QUEUE_SHOWN}" rel="next"' in first
            second = client.get(f"/review/duplicates?from={QUEUE_SHOWN}").text
            assert second.count("test pair") == 1 and "page-a-0000" in second
            assert 'rel="prev"' in second and 'rel="next"' not in second
            wrong = client.get("/review/duplicates?from=-1")
            assert wrong.status_code == 400 and "a whole number" in wrong.text
    finally:
        seeded_once.write("MATCH (c:ResolutionCandidate) WHERE c.reason = 'test pair' DELETE c")


def test_hostile_text_stays_text(served: str, seeded_once: Database) -> None:
    text = f"{TEXT} {HOSTILE}"
    proposal = review.submit(seeded_once, wren_proposal(text, title=HOSTILE)).proposal.id
    with httpx.Client(base_url=served, timeout=60) as client:
        for path in ("/review/proposals", f"/review/proposals/{proposal}"):
            body = client.get(path).text
            assert "<script>window.__xss" not in body and "<img src=x" not in body
            assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in body


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.9",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::127.0.0.1",  # IPv4-compatible
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:9::",  # 6to4 of 192.168.0.9
    ],
)
def test_private_addresses_are_not_public(address: str) -> None:
    found = ipaddress.ip_address(address)
    assert not is_public(found)
    with pytest.raises(PrivateAddress) as refused:
        checked("somewhere.example", [ipaddress.ip_address("93.184.216.34"), found])
    assert address not in str(refused.value)  # what an internal name resolves to stays unsaid
    assert is_public(ipaddress.ip_address("93.184.216.34"))


@pytest.mark.parametrize("address", ["64:ff9b::5db8:d822", "2002:5db8:d822::", "2606:4700::1"])
def test_addresses_embedding_a_public_ipv4_stay_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_a_url_on_loopback_is_refused_by_default(
    seeded_once: Database, settings: Settings, keys: dict[str, str]
) -> None:
    with serve(settings) as app, signed_in(app.url, keys["editor"]) as client:
        page = client.get("/review/proposals/new").text
        refused = client.post(
            "/review/proposals/new",
            data={"csrf": token(page), "fetch": f"{app.url}/healthz"},
        )
        assert refused.status_code == 400
        assert "not on the public internet" in refused.text
        local = client.post(
            "/review/proposals/new", data={"csrf": token(page), "fetch": "file:///etc/passwd"}
        )
        assert local.status_code == 400 and "not an http or https URL" in local.text


def test_fetching_private_addresses_is_a_setting() -> None:
    assert ApiSettings.from_env({}).fetch_private is False
    assert ApiSettings.from_env({"GRAPHSVC_FETCH_PRIVATE": "allow"}).fetch_private is True
    with pytest.raises(ConfigError, match="GRAPHSVC_FETCH_PRIVATE"):
        ApiSettings.from_env({"GRAPHSVC_FETCH_PRIVATE": "yes"})
