"""Every Source has a title a person can read, reference works without a file included."""

from __future__ import annotations

from conftest import Api


def test_every_source_has_a_readable_title(api: Api) -> None:
    data = api.data("{ sources(first: 100) { nodes { slug title file category } } }")
    sources = {n["slug"]: n for n in data["sources"]["nodes"]}
    assert sources
    for source in sources.values():
        assert source["title"] and source["title"].strip() == source["title"], source
        assert source["title"] != source["slug"]
    references = [s for s in sources.values() if s["category"] == "REFERENCE"]
    assert references and all(s["file"] is None for s in references)
    # 001's own headline.
    assert sources["mena-jwp-marseille-meeting"]["title"] == (
        "Meeting on the MENA Regional Joint Work Program"
    )


def test_a_link_names_its_sources_by_title(api: Api) -> None:
    data = api.data(
        '{ fundingTrace(funder: "european-union") { steps { link { '
        "sources { ... on Source { title } } } } } }"
    )
    titles = {s["title"] for step in data["fundingTrace"]["steps"] for s in step["link"]["sources"]}
    assert titles and None not in titles
