"""Editing over real HTTP: forms from the model, the loader's messages beside their fields, tokens
and keys checked on every change, every change in the audit trail with the key's name."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from browser_support import HOSTILE
from served_app import ServedApps
from web_support import signed_in, token

from graphsvc.model import MODEL
from graphsvc.service.keys import create_key
from graphsvc.store.database import Database

SOURCE = "jwp-multilevel-approach"


@pytest.fixture(scope="module")
def served(seeded_once: Database, served_apps: ServedApps) -> str:
    return served_apps.get().url


@pytest.fixture(scope="module")
def keys(seeded_once: Database) -> dict[str, str]:
    return {role: create_key(seeded_once, f"edit {role}", role)[1] for role in ("editor", "reader")}


@pytest.fixture(scope="module")
def editor(served: str, keys: dict[str, str]) -> Iterator[httpx.Client]:
    with signed_in(served, keys["editor"]) as client:
        yield client


def _create(client: httpx.Client, kind: str, **fields: str) -> httpx.Response:
    form = client.get(f"/new/{kind}").text
    return client.post(f"/new/{kind}", data={"csrf": token(form), **fields})


def _person(client: httpx.Client, slug: str, name: str) -> None:
    response = _create(client, "Person", id=slug, name=name, sources=SOURCE)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/entity/{slug}?done=created"


POSTS = [
    "/new/Person",
    "/entity/edit-target/edit",
    "/entity/edit-target/links/new",
    "/entity/edit-target/links/remove",
    "/entity/edit-target/delete",
]
GETS = [
    "/new",
    "/new/Person",
    "/entity/edit-target/edit",
    "/entity/edit-target/links/new",
    "/entity/edit-target/links/remove?type=PARTICIPATES_IN&from=edit-target&to=jwp-tunis-meeting-2012",
    "/entity/edit-target/delete",
]


def test_every_change_needs_its_token_and_an_editor_key(
    served: str, keys: dict[str, str], editor: httpx.Client
) -> None:
    _person(editor, "edit-target", "Edit Target")
    with httpx.Client(base_url=served, timeout=30) as stranger:
        foreign = token(stranger.get("/signin").text)
    with signed_in(served, keys["reader"]) as reader:
        reader_token = token(reader.get("/").text)
        for path in POSTS:
            assert editor.post(path, data={"name": "x"}).status_code == 403, path
            assert editor.post(path, data={"csrf": foreign, "name": "x"}).status_code == 403, path
            refused = reader.post(path, data={"csrf": reader_token, "name": "x"})
            assert refused.status_code == 403, path
            assert "reader key" in refused.text
        for path in GETS:
            assert reader.get(path).status_code == 403, path
            assert editor.get(path).status_code == 200, path
    with httpx.Client(base_url=served, timeout=30) as anonymous:
        for path in GETS:
            answer = anonymous.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/signin?next=%2F"), path
        # Nothing changed: the entity is still there, untouched.
        assert "Edit Target" in editor.get("/entity/edit-target/edit").text


def test_each_kind_has_a_form_of_its_declared_properties(editor: httpx.Client) -> None:
    for kind in MODEL.node_kinds:
        page = editor.get(f"/new/{kind.label}").text
        for prop in kind.properties:
            assert f'name="{prop.name}"' in page, (kind.label, prop.name)
    event = editor.get("/new/Event").text
    assert "--05-30" in event and "2012-05" in event  # the partial dates' hint
    assert "One per line" in event  # aliases


def test_the_loaders_messages_stand_beside_their_fields_and_keep_the_input(
    editor: httpx.Client,
) -> None:
    typed = {
        "id": "bad-event",
        "name": "Conference “Villes” <b>2012</b>",
        "start_date": "2012-13",
        "participants_at_least": "about forty",
        "aliases": "First alias\nSecond alias",
        "sources": SOURCE,
    }
    response = _create(editor, "Event", **typed)
    assert response.status_code == 400
    page = response.text
    for field in ("start_date", "participants_at_least", "category"):
        assert re.search(
            rf'id="f-{field}" name="{field}"[^>]*aria-invalid="true" '
            rf'aria-describedby="f-{field}-hint f-{field}-problem"',
            page,
        ), field
        assert f'<p class="problem" id="f-{field}-problem">' in page
    assert "Expected a whole number, got &#39;about forty&#39;." in page
    assert "Category is required but missing." in page
    assert 'value="2012-13"' in page and 'value="about forty"' in page
    assert "Conference “Villes” &lt;b&gt;2012&lt;/b&gt;" in page
    assert ">First alias\nSecond alias</textarea>" in page
    assert "Nothing was saved" in page
    assert '<a href="#f-start_date">Start date</a>: Month 13 is not between 1 and 12.' in page
    assert editor.get("/entity/bad-event/edit").status_code == 404


def test_an_edit_records_only_what_changed_with_the_keys_name(editor: httpx.Client) -> None:
    _person(editor, "edit-history", "Ana Historia")
    form = editor.get("/entity/edit-history/edit").text
    assert 'value="Ana Historia"' in form and f">{SOURCE}</textarea>" in form
    data = {
        "csrf": token(form),
        "name": "Ana Historia",
        "aliases": "A. Historia",
        "description": "",
        "note": "",
        "sources": SOURCE,
    }
    response = editor.post("/entity/edit-history/edit", data=data)
    assert response.status_code == 303
    assert response.headers["location"] == "/entity/edit-history?done=saved"
    again = editor.post("/entity/edit-history/edit", data=data)
    assert again.headers["location"] == "/entity/edit-history?done=unchanged"
    history = editor.get("/entity/edit-history/history").text
    entries = history.split('<ol class="results history">')[1].split("</ol>")[0]
    assert entries.count("<li>") == 2
    assert (
        "edit editor</strong> changed aliases" in entries
        and "edit editor</strong> created it" in entries
    )
    changed = entries.split("</li>")[0]
    assert "<dt>Aliases</dt><dd>A. Historia</dd>" in changed and "<dt>Name</dt>" not in changed
    # The confirmation is one of the site's own sentences, never text from the address.
    assert "Saved." in editor.get("/search?q=x&done=saved").text
    assert "hello" not in editor.get("/search?q=x&done=hello").text.split("<main")[1][:200]


def test_a_name_that_names_several_entities_asks_which_one(editor: httpx.Client) -> None:
    _person(editor, "edit-namesake-a", "Sam Namesake")
    _person(editor, "edit-namesake-b", "Sam Namesake")
    page = editor.get("/entity/edit-namesake-a/links/new?relationship=out:REPRESENTS").text
    assert 'data-suggest="/maps/suggest?kinds=Institution"' in page
    nobody = editor.post(
        "/entity/jwp-tunis-meeting-2012/links/new",
        data={
            "csrf": token(page),
            "relationship": "in:PARTICIPATES_IN",
            "other": "Sam Namesake",
            "sources": SOURCE,
            "role": "speaker",
        },
    )
    assert nobody.status_code == 400
    assert "Several entities are called “Sam Namesake”: which one?" in nobody.text
    assert 'value="edit-namesake-a"' in nobody.text and 'value="edit-namesake-b"' in nobody.text
    assert ">speaker</textarea>" in nobody.text  # what was typed is kept
    chosen = editor.post(
        "/entity/jwp-tunis-meeting-2012/links/new",
        data={
            "csrf": token(page),
            "relationship": "in:PARTICIPATES_IN",
            "other": "Sam Namesake",
            "other_id": "edit-namesake-b",
            "sources": SOURCE,
            "role": "speaker",
        },
    )
    assert chosen.status_code == 303
    links = editor.get("/entity/edit-namesake-b/links/new").text
    assert "participates in" in links and "JWP meeting in Tunis" in links and "speaker" in links
    missing = editor.post(
        "/entity/edit-namesake-a/links/new",
        data={
            "csrf": token(page),
            "relationship": "out:REPRESENTS",
            "other": "Nobody Atall",
            "sources": SOURCE,
        },
    )
    assert missing.status_code == 400 and "No Institution is called “Nobody Atall”" in missing.text


def test_hostile_text_stays_text_on_every_edit_page(editor: httpx.Client) -> None:
    _person(editor, "edit-hostile", HOSTILE)
    for path in ("edit", "history", "links/new", "delete"):
        page = editor.get(f"/entity/edit-hostile/{path}").text
        assert "<script>window.__xss" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page, path


def test_the_delete_page_says_what_goes_with_the_entity(editor: httpx.Client) -> None:
    response = _create(
        editor,
        "Source",
        id="edit-only-source",
        name="A note only one entry cites",
        category="reference",
        title="Only cited once",
    )
    assert response.status_code == 303, response.text
    _person(editor, "edit-doomed", "Doomed Person")
    form = editor.get("/entity/edit-doomed/edit").text
    saved = editor.post(
        "/entity/edit-doomed/edit",
        data={"csrf": token(form), "name": "Doomed Person", "sources": "edit-only-source"},
    )
    assert saved.status_code == 303
    links = editor.get("/entity/edit-doomed/links/new?relationship=out:PARTICIPATES_IN").text
    assert ">edit-only-source</textarea>" in links  # the entity's sources, offered for the link
    for event in ("jwp-tunis-meeting-2012", "jwp-rome-meeting-2012"):
        added = editor.post(
            "/entity/edit-doomed/links/new",
            data={
                "csrf": token(links),
                "relationship": "out:PARTICIPATES_IN",
                "other": event,
                "sources": "edit-only-source",
            },
        )
        assert added.status_code == 303, added.text
    page = editor.get("/entity/edit-doomed/delete").text
    assert "and with it <strong>2 links</strong>" in page
    assert "“participates in”: 2 links" in page
    assert "Only cited once" in page and "(edit-only-source)" in page
    source = editor.get("/entity/edit-only-source/delete").text
    assert (
        "still supports 3 entries and links" in source
        and "button" not in source.split("<main")[1].split("</main>")[0]
    )
    deleted = editor.post("/entity/edit-doomed/delete", data={"csrf": token(page)})
    assert deleted.headers["location"] == "/?done=deleted"
    assert editor.get("/entity/edit-doomed/edit").status_code == 404
    history = editor.get("/entity/edit-doomed/history").text
    assert "edit-doomed was deleted." in history and "deleted it" in history
