"""Maps as files: one view to a file, or the seeded set into `visualisations/` with its index.

Files are written as UTF-8 with Unix line ends whatever the platform's default encoding, so the
committed maps are byte-identical wherever they are rendered and a stale one is a real change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graphsvc.maps.build import RenderedMap, build_map
from graphsvc.maps.catalogue import SEEDED_MAPS, SeededMap
from graphsvc.store.async_database import Read

INDEX = "README.md"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


async def render_seeded(
    read: Read, out_dir: Path, progress: Callable[[str], None]
) -> dict[str, str]:
    """Every seeded map and the index, as {file name: text}; nothing is written here."""
    texts: dict[str, str] = {}
    rendered: list[tuple[SeededMap, RenderedMap]] = []
    for number, seeded in enumerate(SEEDED_MAPS, start=1):
        progress(f"[{number}/{len(SEEDED_MAPS)}] {seeded.file}")
        result = await build_map(read, seeded.request())
        texts[seeded.file] = result.html
        rendered.append((seeded, result))
    texts[INDEX] = index_text(rendered)
    return texts


def index_text(rendered: list[tuple[SeededMap, RenderedMap]]) -> str:
    lines = [
        "# visualisations/",
        "",
        "Interactive maps of the seeded graph, rendered by `graphsvc render --seeded` (a test",
        "fails when one is out of date). Each is one self-contained HTML file: open it in a",
        "browser, offline. Search names and aliases, click a legend entry to hide or show a kind,",
        "click a node or link for its details and sources, switch to the geographic layout, and",
        "export the view as PNG, GEXF or GraphML. The API serves the same views live under",
        "`/maps/...`.",
        "",
        "Past 2,500 entities the whole-network views are drawn as clusters, computed once per",
        "change of the data by `graphsvc maps refresh` (run by `graphsvc load` and `graphsvc",
        "import iati` too). A file then carries every cluster but the members of only the",
        "largest few that fit (8 clusters, 2,000 entities at most), so its size stays flat as",
        "the graph grows; the other clusters open on a server at `/maps/overview?cluster=N`.",
        "",
        "| file | what it shows | nodes | links |",
        "|---|---|---|---|",
    ]
    for seeded, result in rendered:
        lines.append(
            f"| [{seeded.file}]({seeded.file}) | {result.data['title']} "
            f"(`{seeded.href()}`) | {result.node_count} | {result.edge_count} |"
        )
    return "\n".join(lines) + "\n"
