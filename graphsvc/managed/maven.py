"""Fetch a managed server's jars from Maven Central with `mvn`, into a cache, all or nothing.

A server's jars are the runtime dependencies of a small POM; `mvn dependency:copy-dependencies`
resolves them into a staging directory beside the target, and only a fetch its caller found
complete is renamed into place, so an interrupted fetch never leaves a half cache behind.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Fetched:
    """What one Maven run left in its staging directory."""

    staging: Path
    jars: frozenset[str]
    """The names of the jars in `staging/lib`."""
    succeeded: bool
    """Whether `mvn` exited with 0."""
    tail: str
    """The last lines of Maven's output, for an error message."""


def copy_dependencies(
    mvn: str, target: Path, pom: str, timeout_s: float, too_slow: Callable[[], Exception]
) -> Fetched:
    """Resolve the runtime dependencies of `pom` into `<target>.partial/lib`.

    Raises `too_slow()` when Maven has not finished within `timeout_s`.
    """
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / "pom.xml").write_text(pom, encoding="utf-8")
    command = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(staging / "pom.xml"),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={staging / 'lib'}",
        "-DincludeScope=runtime",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise too_slow() from exc
    return Fetched(
        staging,
        frozenset(jar.name for jar in (staging / "lib").glob("*.jar")),
        result.returncode == 0,
        "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:]),
    )


def publish(fetched: Fetched, target: Path, marker: str, content: str) -> None:
    """Mark a complete fetch with `marker` and move it to `target`, replacing what was there."""
    (fetched.staging / marker).write_text(content, encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    fetched.staging.rename(target)
