"""schema.graphql is the schema the code serves; regenerate it with `graphsvc schema`."""

from __future__ import annotations

from pathlib import Path

from graphsvc.api.schema.build import schema_sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is out of date: run `graphsvc schema > schema.graphql`"
    )


def test_every_model_kind_and_relationship_is_in_the_schema() -> None:
    from graphsvc.model import MODEL

    sdl = schema_sdl()
    for kind in MODEL.node_kinds:
        assert f"type {kind.label} implements Entity & Node" in sdl
        assert f"create{kind.label}(input: {kind.label}Input!)" in sdl
    for rel in MODEL.relationship_kinds:
        assert f"  {rel.type}\n" in sdl  # a RelationshipType enum value
