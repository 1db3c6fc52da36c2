"""A graph past the drawing limit: stored clusters, a permalink per cluster, stale analysis named.

The graph is bench/load.py's generator at 3,000 nodes (more than the 2,500 a map draws one by
one); `graphsvc maps refresh` runs as a user runs it, and the maps are asked for over real HTTP
and opened in Debian's Chromium.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import watch
from maps_support import load_generated, map_data
from served_app import ServedApps

from graphsvc.maps.aggregate import AGGREGATE_LIMIT
from graphsvc.maps.clustered import FILE_CLUSTERS, FILE_MEMBERS
from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.browser, pytest.mark.slow]  # a CLI subprocess
STALE = "Analysis from an older version of the data"


def graphsvc(*args: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "graphsvc"
    return subprocess.run(
        [str(command), "--instance", "test", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def refresh() -> str:
    done = graphsvc("maps", "refresh")
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.fixture(scope="module")
def large(database: Database) -> Database:
    load_generated(database, 3000)
    said = refresh()
    assert "clusters" in said and "Funding traces:" in said
    return database


@pytest.fixture(scope="module")
def client(large: Database, served_apps: ServedApps) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served_apps.get().url, timeout=120) as http:
        yield http


def stored_members(database: Database, number: int) -> list[str]:
    rows = database.read(
        "MATCH (c:MapCluster {grouping: 'community', number: $number}) RETURN c.members AS m",
        number=number,
    )
    return list(rows[0]["m"])


def version_now(database: Database) -> tuple[int, int]:
    rows = database.read(
        "MATCH (v:DataVersion), (a:MapAnalysis) RETURN v.number AS data, a.version AS analysis"
    )
    return int(rows[0]["data"]), int(rows[0]["analysis"])


def test_the_live_overview_draws_stored_clusters_and_no_member(
    large: Database, client: httpx.Client
) -> None:
    data, analysis = version_now(large)
    assert data == analysis
    page = client.get("/maps/overview")
    assert page.status_code == 200
    drawn = map_data(page.text)
    assert drawn["nodes"] == [] and drawn["edges"] == []
    assert drawn["notice"] is None and 'id="map-notice"' not in page.text
    clusters = drawn["clusters"]
    assert 1 < len(clusters) <= 121
    assert sum(c["members"] for c in clusters) > AGGREGATE_LIMIT
    assert all(c["href"] == f"/maps/overview?cluster={c['id'][8:]}" for c in clusters)
    assert not any(c["loaded"] for c in clusters)
    assert drawn["clusterLinks"] and all(link["count"] > 0 for link in drawn["clusterLinks"])


def test_a_cluster_permalink_opens_its_members(large: Database, client: httpx.Client) -> None:
    page = client.get("/maps/overview", params={"cluster": "0"})
    assert page.status_code == 200
    drawn = map_data(page.text)
    assert {n["id"] for n in drawn["nodes"]} == set(stored_members(large, 0))
    assert drawn["title"].endswith(": one cluster of the network")
    assert "cluster 0 of the whole network by community" in drawn["subtitle"]
    assert 'href="/maps/overview?cluster=0"' in page.text  # its own permalink
    by_country = client.get("/maps/overview", params={"cluster": "1", "group": "country"})
    assert by_country.status_code == 200
    missing = client.get("/maps/overview", params={"cluster": "999"})
    assert missing.status_code == 400 and "parameter 'cluster'" in missing.text
    filtered = client.get("/maps/overview", params={"cluster": "0", "country": "AA"})
    assert filtered.status_code == 400 and "drop the filters" in filtered.text
    other_view = client.get("/maps/ego", params={"cluster": "0", "id": "city-1"})
    assert other_view.status_code == 400 and "parameter 'cluster'" in other_view.text


def test_double_clicking_a_cluster_opens_its_own_map(
    large: Database, client: httpx.Client, browser: Any
) -> None:
    base = str(client.base_url).rstrip("/")
    page = watch(browser, allowed_prefixes=(base, "data:", "blob:"))
    page.page.goto(base + "/maps/overview")
    page.wait_ready()
    # The first cluster that is on top where it is drawn (a small one may lie under another).
    number, x, y = page.page.evaluate(
        """(count) => {
            const net = graphsvcMap.network;
            const box = document.getElementById('graph').getBoundingClientRect();
            for (let n = 0; n < count; n++) {
                const id = 'cluster:' + n;
                net.focus(id, { scale: 1.0, animation: false });
                const at = net.canvasToDOM(net.getPositions([id])[id]);
                if (net.getNodeAt(at) === id) { return [n, box.left + at.x, box.top + at.y]; }
            }
            return [-1, 0, 0];
        }""",
        10,
    )
    assert number >= 0
    page.page.mouse.dblclick(x, y)
    page.page.wait_for_url(
        lambda url: url.endswith(f"/maps/overview?cluster={number}"), timeout=60_000
    )
    page.wait_ready()
    assert page.page.evaluate("graphsvcMap.counts().nodes") == len(stored_members(large, number))
    assert page.errors == []


def test_the_clusters_of_the_overview_and_their_labels_never_overlap(
    large: Database, client: httpx.Client, browser: Any
) -> None:
    base = str(client.base_url).rstrip("/")
    for width in (1400, 390):
        page = watch(browser, allowed_prefixes=(base, "data:", "blob:"), viewport=(width, 900))
        page.page.goto(base + "/maps/overview")
        page.wait_ready()
        # Each cluster's box as vis-network draws it: the dot and its label.
        boxes = page.page.evaluate(
            """() => {
                const net = graphsvcMap.network;
                return net.body.nodeIndices
                    .filter((id) => String(id).startsWith('cluster:'))
                    .map((id) => net.getBoundingBox(id));
            }"""
        )
        assert len(boxes) > 3
        clashes = [
            (a, b)
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a["left"] < b["right"]
            and b["left"] < a["right"]
            and a["top"] < b["bottom"]
            and b["top"] < a["bottom"]
        ]
        assert clashes == [], f"{len(clashes)} overlapping clusters at {width} px"
        page.screenshot(f"map-overview-clusters-{width}")
        assert page.errors == []


def test_a_file_carries_a_bounded_number_of_clusters(large: Database, tmp_path: Path) -> None:
    target = tmp_path / "overview.html"
    done = graphsvc("render", "overview", "-o", str(target))
    assert done.returncode == 0, done.stderr
    drawn = map_data(target.read_text(encoding="utf-8"))
    loaded = [c for c in drawn["clusters"] if c["loaded"]]
    assert 0 < len(loaded) <= FILE_CLUSTERS
    assert len(drawn["nodes"]) == sum(c["members"] for c in loaded) <= FILE_MEMBERS
    assert not any("href" in c for c in drawn["clusters"])
    closed = next(c for c in drawn["clusters"] if not c["loaded"])
    assert "not in this file" in closed["title"]
    assert "this file carries the members of the" in drawn["subtitle"]


def test_an_analysis_older_than_the_data_is_flagged_until_refreshed(
    large: Database, client: httpx.Client, tmp_path: Path
) -> None:
    before, _ = version_now(large)
    seed = tmp_path / "one.yaml"
    seed.write_text(
        "Source:\n  - {id: doc-new, name: New document, file: new.txt, category: news-article}\n"
        "Institution:\n  - {id: institution-new, name: New institution, category: ngo,"
        " sources: [doc-new]}\n",
        encoding="utf-8",
    )
    from graphsvc.ingest.loader import load
    from graphsvc.model import MODEL

    load(seed, MODEL, large)  # the loader's write path, as the API's and intake's are
    data, analysis = version_now(large)
    assert data == before + 1 and analysis == before
    for params in ({}, {"cluster": "0"}):
        page = client.get("/maps/overview", params=params)
        assert page.status_code == 200
        assert STALE in page.text and "Run graphsvc maps refresh." in page.text
        assert STALE in map_data(page.text)["notice"]
    refresh()
    assert STALE not in client.get("/maps/overview").text


def test_a_large_graph_without_analysis_says_how_to_get_it(
    large: Database, client: httpx.Client
) -> None:
    from graphsvc.store import map_analysis

    map_analysis.save(large, None, [])
    try:
        page = client.get("/maps/overview", headers={"Accept": "text/html"})
        assert page.status_code == 503
        assert "run <code>" in page.text or "graphsvc maps refresh" in page.text
    finally:
        refresh()
