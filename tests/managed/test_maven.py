"""The Maven fetch both servers use, with the real `mvn`: all or nothing in the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphsvc.managed.maven import copy_dependencies, publish

_EMPTY_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>graphsvc.test</groupId>
  <artifactId>nothing</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
</project>
"""


def _mvn() -> str:
    mvn = shutil.which("mvn")
    assert mvn is not None, "Maven is part of the project's setup (scripts/setup)"
    return mvn


@pytest.mark.slow  # a Maven subprocess
def test_a_complete_fetch_is_moved_into_the_cache(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "server" / "1"
    (target / "lib").mkdir(parents=True)
    (target / "lib" / "stale.jar").write_text("from an older fetch", encoding="utf-8")
    fetched = copy_dependencies(_mvn(), target, _EMPTY_POM, 600, lambda: AssertionError())
    assert fetched.succeeded, fetched.tail
    assert fetched.jars == frozenset()
    assert fetched.staging == tmp_path / "cache" / "server" / "1.partial"
    assert target.exists()  # the old cache stays until the new one is complete
    publish(fetched, target, "COMPLETE", "0 jars\n")
    assert (target / "COMPLETE").read_text(encoding="utf-8") == "0 jars\n"
    assert not (target / "lib" / "stale.jar").exists()
    assert not fetched.staging.exists()


@pytest.mark.slow  # a Maven subprocess
def test_a_failed_fetch_says_so_and_leaves_the_cache_alone(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "server" / "1"
    fetched = copy_dependencies(_mvn(), target, "<project>not a POM", 600, AssertionError)
    assert not fetched.succeeded
    assert fetched.tail  # Maven's own words, for the error message
    assert not target.exists()
