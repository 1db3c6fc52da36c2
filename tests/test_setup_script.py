"""The README's commands install what a fresh machine lacks, or stop at once saying how."""

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_setup(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "setup"), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_setup_for_tests_names_the_missing_browser_and_the_command(tmp_path: Path) -> None:
    """Where it may not install (GRAPHSVC_SETUP_INSTALL=no, or not root), it says what to run."""
    done = run_setup(
        "--tests",
        GRAPHSVC_CHROMIUM=str(tmp_path / "no-chromium-here"),
        GRAPHSVC_SETUP_INSTALL="no",
    )
    assert done.returncode == 1, done.stderr
    assert "graphsvc needs chromium" in done.stderr
    assert "apt-get update && " in done.stderr and "apt-get install -y chromium" in done.stderr
    assert "Creating .venv" not in done.stderr  # it stopped before installing anything


def test_the_browser_is_only_asked_for_by_the_tests() -> None:
    """`scripts/up` serves the API and maps without a browser: setup without --tests passes it."""
    done = run_setup("--bogus")
    assert done.returncode == 2 and "usage: scripts/setup [--tests]" in done.stderr
    assert "scripts/setup --tests" in (REPO / "scripts" / "test").read_text(encoding="utf-8")
    assert "scripts/setup\n" in (REPO / "scripts" / "up").read_text(encoding="utf-8")
