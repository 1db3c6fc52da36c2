"""The committed maps in visualisations/ are what `graphsvc render --seeded` makes of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import REPO, run_async

from graphsvc.config import Settings
from graphsvc.maps.files import render_seeded
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j
VISUALISATIONS = REPO / "visualisations"


def test_committed_maps_are_current(
    settings: Settings, seeded_once: Database, tmp_path: Path
) -> None:
    async def render() -> dict[str, str]:
        database = AsyncDatabase.create(settings, "test", 60)
        try:
            return await render_seeded(database.read, tmp_path, lambda line: None)
        finally:
            await database.close()

    texts = run_async(render())
    committed = {path.name for path in VISUALISATIONS.iterdir() if path.is_file()}
    assert committed == set(texts), "visualisations/ holds other files than the seeded maps"
    stale = [
        name
        for name, text in texts.items()
        if (VISUALISATIONS / name).read_bytes() != text.encode("utf-8")
    ]
    assert not stale, (
        f"out of date: {', '.join(stale)}; run `graphsvc render --seeded` on the "
        "seeded graph and commit visualisations/"
    )
