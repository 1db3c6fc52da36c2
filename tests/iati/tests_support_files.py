"""Where the IATI tests find their files: the committed fixtures and the packaged schema.

Nothing here reads outside the repository, so the IATI tests run (and never skip) on a clone
without `../shared`; see tests/data/iati/README.md for where each fixture comes from.
"""

from __future__ import annotations

from pathlib import Path

from graphsvc.iati.schemas import ACTIVITY_SCHEMA

IATI = Path(__file__).resolve().parents[1] / "data" / "iati"
XSD = ACTIVITY_SCHEMA
