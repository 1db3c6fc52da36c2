"""Obtain the Neo4j Community server jars from Maven Central with `mvn`, once, into a cache.

The cache lives outside the repository (`$GRAPHSVC_CACHE_DIR`, default `~/.cache/graphsvc`) and is
reused by every later start, by every instance, and by CI runs on the same machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from graphsvc.errors import DistributionError
from graphsvc.managed.maven import copy_dependencies, publish

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
    say(f"Fetching Neo4j Community {version} from Maven Central (once; cached in {target}) ...")
    fetched = copy_dependencies(mvn, target, _POM.format(version=version), 1800, _too_slow)
    if not fetched.succeeded or f"neo4j-{version}.jar" not in fetched.jars:
        raise DistributionError(
            f"Maven could not fetch Neo4j Community {version} (org.neo4j.app:neo4j-server) from "
            f"Maven Central. Check that Maven Central is reachable (proxy settings in "
            f"~/.m2/settings.xml) and that the version exists, or set NEO4J_URI.\n{fetched.tail}"
        )
    publish(fetched, target, _COMPLETE_MARKER, f"{len(fetched.jars)} jars\n")
    return target


def _too_slow() -> DistributionError:
    return DistributionError(
        "Maven did not finish fetching Neo4j within 30 minutes; "
        "check the connection to Maven Central and retry."
    )
