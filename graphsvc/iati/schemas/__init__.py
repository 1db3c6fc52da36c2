"""The official IATI v2.03 XML schemas, shipped as package data (see README.md beside them).

A package of its own so that the CLI can name the default schema without importing lxml.
"""

from __future__ import annotations

from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent
ACTIVITY_SCHEMA = SCHEMAS / "iati-activities-schema.xsd"
"""The v2.03 activity schema every IATI export is checked against (it pulls in the others)."""
