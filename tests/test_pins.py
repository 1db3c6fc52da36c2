"""Every third-party file served or inlined has a recorded sha256, and a wrong one is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphsvc.api.graphiql import ASSETS, fetch_assets
from graphsvc.maps import atlas
from graphsvc.maps.page import VIS_DIR, assets
from graphsvc.pins import PINS, AssetMismatch, checked

SERVED_OR_INLINED = [*ASSETS, atlas.FILE, "vis-network.min.js", "vis-network.css"]


@pytest.mark.parametrize("name", SERVED_OR_INLINED)
def test_every_asset_has_a_recorded_sha256(name: str) -> None:
    assert name in PINS, f"{name} is served or inlined without a recorded sha256"
    assert re.fullmatch(r"[0-9a-f]{64}", PINS[name].sha256)


def test_graphiql_assets_are_pinned_to_their_packages() -> None:
    for name, (package, inner) in ASSETS.items():
        assert (PINS[name].package, PINS[name].path) == (f"npm:{package}", inner)


def test_vis_network_as_installed_is_the_recorded_one() -> None:
    for name in ("vis-network.min.js", "vis-network.css"):
        checked(name, (VIS_DIR / name).read_bytes())
    assert assets(served=True).scripts


def test_a_file_with_another_digest_or_none_is_refused() -> None:
    with pytest.raises(AssetMismatch, match="not the recorded"):
        checked("graphiql.min.js", b"window.__xss = 1")
    with pytest.raises(AssetMismatch, match="no recorded sha256"):
        checked("evil.js", b"")


def test_a_tampered_cached_graphiql_is_removed_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no npm to fetch a good copy (an empty PATH), a changed cached file is not used."""
    for name in ASSETS:
        (tmp_path / name).write_bytes(b"window.__xss = 1")
    monkeypatch.setenv("PATH", "")
    said: list[str] = []
    assert fetch_assets(tmp_path, said.append) is False
    assert not any((tmp_path / name).exists() for name in ASSETS)
