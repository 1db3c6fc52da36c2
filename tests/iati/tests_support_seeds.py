"""Load the repository's seeds into a test database (shared by the IATI tests)."""

from __future__ import annotations

from pathlib import Path

from graphsvc.ingest.loader import load
from graphsvc.model import MODEL
from graphsvc.store.database import Database

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def load_seeds(database: Database) -> None:
    load(SEEDS, MODEL, database)
