"""Writes over HTTP: API keys and roles, validation, all-or-nothing requests, the audit trail."""

from __future__ import annotations

import pytest
from conftest import Api

from graphsvc.service.keys import create_key, list_keys, revoke_key
from graphsvc.store.database import Database

CREATE = """
mutation($input: InstitutionInput!) { createInstitution(input: $input) { slug name category
  sources { slug } } }
"""
NEW = {
    "slug": "cities-of-the-sea",
    "name": "Cities of the Sea",
    "category": "CITY_NETWORK",
    "sources": ["002_6b4a5633911ede0b.txt"],
}


@pytest.fixture
def keys(database: Database, fresh_api: Api) -> dict[str, str]:
    return {role: create_key(database, f"test {role}", role)[1] for role in ("reader", "editor")}


def test_writes_need_an_editor_key(fresh_api: Api, keys: dict[str, str]) -> None:
    anonymous = fresh_api.post(CREATE, {"input": NEW})
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    reader = fresh_api.post(CREATE, {"input": NEW}, key=keys["reader"])
    assert reader.status_code == 403
    assert reader.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    forged = keys["editor"][:-4] + "abcd"
    assert fresh_api.post(CREATE, {"input": NEW}, key=forged).status_code == 401
    created = fresh_api.data(CREATE, {"input": NEW}, key=keys["editor"])["createInstitution"]
    assert created == {
        "slug": "cities-of-the-sea",
        "name": "Cities of the Sea",
        "category": "CITY_NETWORK",
        "sources": [{"slug": "medcities-migrant-participation-webinar"}],
    }


def test_revoked_keys_stop_working(
    database: Database, fresh_api: Api, keys: dict[str, str]
) -> None:
    editor = next(k for k in list_keys(database) if k.role == "editor")
    assert revoke_key(database, editor.key_id)
    assert fresh_api.post(CREATE, {"input": NEW}, key=keys["editor"]).status_code == 401
    assert "hash" not in repr(editor)


def test_validation_uses_the_loaders_rules_and_names_the_field(
    fresh_api: Api, keys: dict[str, str]
) -> None:
    bad = {**NEW, "slug": "Not A Slug", "sources": ["no-such-source.txt"]}
    errors = fresh_api.errors(CREATE, {"input": bad}, key=keys["editor"])
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    fields = {p["field"]: p["message"] for p in errors[0]["extensions"]["problems"]}
    assert set(fields) == {"id", "sources"}
    assert "not a declared Source" in fields["sources"]
    duplicate = fresh_api.errors(
        CREATE, {"input": {**NEW, "slug": "medcities"}}, key=keys["editor"]
    )
    assert "already exists" in duplicate[0]["message"]


def test_update_changes_only_the_given_fields(fresh_api: Api, keys: dict[str, str]) -> None:
    updated = fresh_api.data(
        'mutation { updateInstitution(slug: "medcities", patch: {aliases: ["Medcités"], '
        "description: null}) { name aliases description category } }",
        key=keys["editor"],
    )["updateInstitution"]
    assert updated == {
        "name": "MedCities",
        "aliases": ["Medcités"],
        "description": None,
        "category": "CITY_NETWORK",
    }
    found = fresh_api.data('{ search(text: "medcites", kinds: [INSTITUTION]) { node { slug } } }')
    assert found["search"][0]["node"]["slug"] == "medcities"
    missing = fresh_api.errors(
        'mutation { updateCity(slug: "medcities", patch: {note: "x"}) { slug } }',
        key=keys["editor"],
    )
    assert missing[0]["extensions"]["code"] == "NOT_FOUND"


def test_all_mutations_of_a_request_commit_together_or_not_at_all(
    fresh_api: Api, keys: dict[str, str]
) -> None:
    request = """
    mutation($input: InstitutionInput!) {
      first: createInstitution(input: $input) { slug }
      second: link(input: {type: FUNDS, from: "cities-of-the-sea", to: "mc2cm",
                           sources: ["002_6b4a5633911ede0b.txt"], currency: "euro"}) { type }
    }
    """
    body = fresh_api.post(request, {"input": NEW}, key=keys["editor"]).json()
    assert body["data"] is None
    assert "currency" in body["errors"][0]["message"]
    assert fresh_api.data('{ entity(slug: "cities-of-the-sea") { slug } }')["entity"] is None
    good = request.replace('"euro"', '"EUR"').replace("currency", "amount: 1500000, currency")
    data = fresh_api.data(good, {"input": NEW}, key=keys["editor"])
    assert data == {"first": {"slug": "cities-of-the-sea"}, "second": {"type": "FUNDS"}}
    funders = fresh_api.data("{ funders { nodes { slug funds { amount currency } } } }")
    amounts = {n["slug"]: n["funds"] for n in funders["funders"]["nodes"]}
    assert amounts["cities-of-the-sea"] == [{"amount": 1500000.0, "currency": "EUR"}]


def test_unlink_delete_and_the_audit_trail(fresh_api: Api, keys: dict[str, str]) -> None:
    editor = keys["editor"]
    fresh_api.data(
        'mutation { unlink(type: FUNDS, from: "swiss-development-cooperation", to: "mc2cm") }',
        key=editor,
    )
    funders = fresh_api.data("{ funders { totalCount } }")["funders"]["totalCount"]
    assert funders == 1  # the Funder label follows the FUNDS relationships
    deleted = fresh_api.data(
        'mutation { deleteEntity(slug: "sousse") { kind relationshipsRemoved } }', key=editor
    )["deleteEntity"]
    assert deleted["kind"] == "CITY" and deleted["relationshipsRemoved"] >= 1
    cited = fresh_api.errors('mutation { deleteEntity(slug: "gazetteer") { slug } }', key=editor)
    assert "still supports" in cited[0]["message"]
    again = fresh_api.errors(
        'mutation { unlink(type: FUNDS, from: "swiss-development-cooperation", to: "mc2cm") }',
        key=editor,
    )
    assert again[0]["extensions"]["code"] == "NOT_FOUND"
    trail = fresh_api.data("{ auditTrail { actor operation target } }", key=editor)["auditTrail"]
    assert trail == [
        {"actor": "test editor", "operation": "deleteEntity", "target": "sousse"},
        {
            "actor": "test editor",
            "operation": "unlink",
            "target": "FUNDS swiss-development-cooperation -> mc2cm",
        },
    ]
    assert (
        fresh_api.errors("{ auditTrail { actor } }", key=keys["reader"])[0]["extensions"]["code"]
        == "FORBIDDEN"
    )


def test_a_source_url_is_a_web_address(fresh_api: Api, keys: dict[str, str]) -> None:
    create = "mutation($i: SourceInput!) { createSource(input: $i) { slug url } }"
    for url in ("javascript:window.__xss=6", "data:text/html,x", "file:///etc/passwd"):
        source = {
            "slug": "hostile-link",
            "name": "Hostile link",
            "category": "NEWS_ARTICLE",
            "url": url,
        }
        errors = fresh_api.errors(create, {"i": source}, key=keys["editor"])
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", errors
        assert "http or https address" in str(errors[0]), errors
    fine = {
        "slug": "web-link",
        "name": "Web link",
        "category": "NEWS_ARTICLE",
        "url": "https://news.example/a",
    }
    created = fresh_api.data(create, {"i": fine}, key=keys["editor"])
    assert created["createSource"]["url"] == "https://news.example/a"
