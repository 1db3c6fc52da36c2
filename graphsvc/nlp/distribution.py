"""Obtain Stanford CoreNLP and its language models from Maven Central with `mvn`, once.

Mirrors `graphsvc.neo4j_server.distribution`: the jars live outside the repository
(`$GRAPHSVC_CACHE_DIR/corenlp/<version>/lib`) and are reused by every start and every instance.
Each language's models are a classifier of the same artifact (`models` is English), so the POM
lists only the languages asked for: a machine that analyses English only fetches 0.5 GB, not
1.2 GB. Asking later for one more language fetches that jar and keeps the rest.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from graphsvc.errors import NlpSetupError

MODEL_CLASSIFIERS: dict[str, str] = {
    "en": "models",
    "fr": "models-french",
    "es": "models-spanish",
    "ar": "models-arabic",
}
"""The model jar (a classifier of edu.stanford.nlp:stanford-corenlp) each language needs.

`models` is the default English pipeline: tokenizer, part of speech, lemma, NER with SUTime
dates, UD dependency parse (and coreference, KBP, which graphsvc does not run). The larger
`models-english` adds alternative English models only and is not needed.
"""

_DEPENDENCY = """    <dependency>
      <groupId>edu.stanford.nlp</groupId>
      <artifactId>stanford-corenlp</artifactId>
      <version>{version}</version>{classifier}
    </dependency>
"""
_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>graphsvc.local</groupId>
  <artifactId>corenlp-server</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <description>Stanford CoreNLP and the model jars of the languages graphsvc analyses.</description>
  <dependencies>
{dependencies}  </dependencies>
</project>
"""
_LANGUAGES_FILE = "LANGUAGES"


def distribution_dir(cache_dir: Path, version: str) -> Path:
    """Where the jars of CoreNLP `version` are (or will be) kept."""
    return cache_dir / "corenlp" / version


def installed_languages(cache_dir: Path, version: str) -> frozenset[str]:
    """The languages whose models a complete fetch of `version` put into the cache."""
    marker = distribution_dir(cache_dir, version) / _LANGUAGES_FILE
    try:
        return frozenset(marker.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def pom(version: str, languages: Iterable[str]) -> str:
    """The POM whose dependencies are CoreNLP and the model jars of `languages`."""
    classifiers = [""] + [MODEL_CLASSIFIERS[language] for language in sorted(languages)]
    dependencies = "".join(
        _DEPENDENCY.format(
            version=version,
            classifier=f"\n      <classifier>{name}</classifier>" if name else "",
        )
        for name in classifiers
    )
    return _POM.format(version=version, dependencies=dependencies)


def ensure_distribution(
    cache_dir: Path, version: str, languages: Iterable[str], say: Callable[[str], None]
) -> Path:
    """The directory whose `lib/` holds CoreNLP and the models of `languages`, fetched if needed."""
    wanted = frozenset(languages)
    unknown = sorted(wanted - MODEL_CLASSIFIERS.keys())
    if unknown:
        raise NlpSetupError(
            f"no CoreNLP models for {', '.join(unknown)}; graphsvc knows "
            f"{', '.join(sorted(MODEL_CLASSIFIERS))} (GRAPHSVC_NLP_LANGUAGES)"
        )
    target = distribution_dir(cache_dir, version)
    have = installed_languages(cache_dir, version)
    if wanted <= have:
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NlpSetupError(
            "Maven (`mvn`) was not found; it fetches Stanford CoreNLP from Maven Central. "
            "Install it (e.g. `apt-get install maven`) or set GRAPHSVC_NLP_URL to use a "
            "CoreNLP server that runs elsewhere."
        )
    languages_now = wanted | have
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / "pom.xml").write_text(pom(version, languages_now), encoding="utf-8")
    models = ", ".join(MODEL_CLASSIFIERS[language] for language in sorted(wanted - have))
    say(
        f"Fetching Stanford CoreNLP {version} with {models} from Maven Central (once; about "
        f"0.2-0.5 GB per language; cached in {target}) ..."
    )
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
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except subprocess.TimeoutExpired as exc:
        raise NlpSetupError(
            "Maven did not finish fetching Stanford CoreNLP within an hour; check the "
            "connection to Maven Central and retry."
        ) from exc
    names = {jar.name for jar in (staging / "lib").glob("*.jar")}
    expected = {f"stanford-corenlp-{version}.jar"} | {
        f"stanford-corenlp-{version}-{MODEL_CLASSIFIERS[language]}.jar"
        for language in languages_now
    }
    if result.returncode != 0 or not expected <= names:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
        raise NlpSetupError(
            f"Maven could not fetch Stanford CoreNLP {version} (edu.stanford.nlp:stanford-corenlp "
            f"with {', '.join(sorted(expected - names)) or 'its models'}) from Maven Central. "
            f"Check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml) and "
            f"that the version exists (GRAPHSVC_NLP_VERSION), or set GRAPHSVC_NLP_URL.\n{tail}"
        )
    (staging / _LANGUAGES_FILE).write_text(" ".join(sorted(languages_now)) + "\n", "utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
