"""Obtain the Neo4j Community server jars from Maven Central with `mvn`, once, into a cache.

The cache lives outside the repository (`$GRAPHSVC_CACHE_DIR`, default `~/.cache/graphsvc`) and is
reused by every later start, by every instance, and by CI runs on the same machine.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from graphsvc.errors import DistributionError

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>graphsvc.local</groupId>
  <artifactId>neo4j-community-server</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <description>The jars of the Neo4j Community server, as its standalone assembly
    (org.neo4j.assembly:neo4j-community-standalone) lists them, resolved for graphsvc.</description>
  <dependencies>
    <dependency>
      <groupId>org.neo4j.app</groupId>
      <artifactId>neo4j-server</artifactId>
      <version>{version}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j-bootcheck</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""
_COMPLETE_MARKER = "COMPLETE"


def distribution_dir(cache_dir: Path, version: str) -> Path:
    """Where the jars of `version` are (or will be) kept."""
    return cache_dir / "neo4j-community" / version


def is_installed(cache_dir: Path, version: str) -> bool:
    """Whether a complete copy of `version` is already in the cache."""
    return (distribution_dir(cache_dir, version) / _COMPLETE_MARKER).is_file()


def ensure_distribution(cache_dir: Path, version: str, say: Callable[[str], None]) -> Path:
    """The directory holding `lib/` for `version`, fetching it with Maven when not yet cached."""
    target = distribution_dir(cache_dir, version)
    if is_installed(cache_dir, version):
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise DistributionError(
            "Maven (`mvn`) was not found; it fetches Neo4j from Maven Central. Install it "
            "(e.g. `apt-get install maven`) or set NEO4J_URI to use an existing Neo4j server."
        )
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / "pom.xml").write_text(_POM.format(version=version), encoding="utf-8")
    say(f"Fetching Neo4j Community {version} from Maven Central (once; cached in {target}) ...")
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
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DistributionError(
            "Maven did not finish fetching Neo4j within 30 minutes; "
            "check the connection to Maven Central and retry."
        ) from exc
    jars = list((staging / "lib").glob("*.jar"))
    if result.returncode != 0 or not any(j.name == f"neo4j-{version}.jar" for j in jars):
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
        raise DistributionError(
            f"Maven could not fetch Neo4j Community {version} (org.neo4j.app:neo4j-server) from "
            f"Maven Central. Check that Maven Central is reachable (proxy settings in "
            f"~/.m2/settings.xml) and that the version exists, or set NEO4J_URI.\n{tail}"
        )
    (staging / _COMPLETE_MARKER).write_text(f"{len(jars)} jars\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
