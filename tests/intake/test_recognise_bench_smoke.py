"""bench/intake.py keeps running: one tiny pass over the seeds and a few generated documents."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import intake


@pytest.mark.slow  # a benchmark's smoke run
def test_bench_runs_on_tiny_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    intake.main(["--seeds-docs", str(tmp_path), "--gold", str(tmp_path / "none.yaml"),
                 "--documents", str(tmp_path / "none"), "--out", str(tmp_path),
                 "--docs", "3", "--names", "10", "--kilobytes", "2"])  # fmt: skip
    out = capsys.readouterr().out
    assert "documents/s" in out and "10 known names" in out
    assert "| 2 KB |" in out
