"""A test that needs ../shared never goes quietly: it fails when the folder is there without its
file, and without the folder its skip is listed in capitals at the end of the run.

Runs pytest on one such test in a subprocess, with GRAPHSVC_SHARED pointing at a folder that
exists but is empty, and at one that does not exist.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NEEDS_SHARED = "tests/intake/test_read_news.py"

pytestmark = pytest.mark.slow


def run_with_shared(shared: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", NEEDS_SHARED, "-p", "no:cacheprovider", "-q"],
        cwd=REPO,
        env={**os.environ, "GRAPHSVC_SHARED": str(shared)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_shared_folder_without_the_file_fails_the_test(tmp_path: Path) -> None:
    done = run_with_shared(tmp_path)
    assert done.returncode == 1, done.stdout
    assert f"{tmp_path / 'data' / 'documents'} is missing, although {tmp_path} exists" in (
        done.stdout
    )


def test_without_the_shared_folder_the_skip_is_loud(tmp_path: Path) -> None:
    done = run_with_shared(tmp_path / "absent")
    assert done.returncode == 0, done.stdout
    assert "TESTS NOT RUN: ../shared IS MISSING" in done.stdout
    assert f"{NEEDS_SHARED}::test_each_news_text_is_read_in_its_language" in done.stdout
