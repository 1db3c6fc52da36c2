"""`graphsvc render` as a user runs it: a subprocess, in an ASCII-only locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphsvc.store.database import Database

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]  # a CLI subprocess


def graphsvc(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "graphsvc"
    return subprocess.run(
        [str(command), "--instance", "test", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=300,
    )


def test_a_map_file_is_utf8_whatever_the_locale(seeded_once: Database, tmp_path: Path) -> None:
    target = tmp_path / "malaga.html"
    ascii_only = {
        **os.environ,
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONIOENCODING": "ascii:backslashreplace",
    }
    result = graphsvc(
        "render", "ego", "--id", "malaga", "--hops", "1", "-o", str(target), env=ascii_only
    )
    assert result.returncode == 0, result.stderr
    text = target.read_bytes().decode("utf-8")  # raises if any byte is not UTF-8
    assert "Málaga" in text and '<meta charset="utf-8">' in text
    assert "nodes and" in result.stderr  # progress goes to stderr, the result line to stdout
    assert result.stdout.strip() == f"wrote {target}"


def test_bad_options_are_named(seeded_once: Database) -> None:
    result = graphsvc("render", "path", "--id", "malaga")
    assert result.returncode == 2
    assert "Invalid value for --to: the path view needs the id of the other end" in result.stderr
    result = graphsvc("render", "programme", "--id", "malaga")
    assert result.returncode == 2
    assert "Invalid value for --id: no Programme with id 'malaga'" in result.stderr
    assert "Traceback" not in result.stderr
