"""Find Java and check that Neo4j 5.26 runs on it (Java 17 or 21)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from graphsvc.errors import JavaError

SUPPORTED_JAVA = (17, 21)


def find_java() -> Path:
    """The java executable: $JAVA_HOME/bin/java if set, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file():
            return candidate
    found = shutil.which("java")
    if found is None:
        raise JavaError(
            "Java was not found. Neo4j 5.26 needs Java 17 or 21: install it "
            "(e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME."
        )
    return Path(found)


def java_major_version(java: Path) -> int:
    """The major version `java -version` reports (e.g. 17)."""
    try:
        result = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as exc:
        raise JavaError(f"{java} could not be run ({exc}); check JAVA_HOME or PATH.") from exc
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        raise JavaError(f"could not read the version from `{java} -version`: {result.stderr!r}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def checked_java() -> Path:
    """The java executable, after checking it is a version Neo4j 5.26 supports."""
    java = find_java()
    major = java_major_version(java)
    if major not in SUPPORTED_JAVA:
        raise JavaError(
            f"{java} is Java {major}; Neo4j 5.26 runs on Java "
            f"{' or '.join(map(str, SUPPORTED_JAVA))}. Install Java 17 and point JAVA_HOME at it."
        )
    return java
