"""Obtain Stanford CoreNLP and its language models from Maven Central with `mvn`, once.

Mirrors `graphsvc.neo4j_server.distribution`: the jars live outside the repository
(`$GRAPHSVC_CACHE_DIR/corenlp/<version>/lib`) and are reused by every start and every instance.
Each language's models are a classifier of the same artifact (`models` is English), so the POM
lists only the languages asked for: a machine that analyses English only fetches 0.5 GB, not
1.2 GB. Asking later for one more language fetches that jar and keeps the rest.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from graphsvc.errors import NlpSetupError
from graphsvc.managed.maven import copy_dependencies, publish

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
    models = ", ".join(MODEL_CLASSIFIERS[language] for language in sorted(wanted - have))
    say(
        f"Fetching Stanford CoreNLP {version} with {models} from Maven Central (once; about "
        f"0.2-0.5 GB per language; cached in {target}) ..."
    )
    fetched = copy_dependencies(mvn, target, pom(version, languages_now), 3600, _too_slow)
    expected = {f"stanford-corenlp-{version}.jar"} | {
        f"stanford-corenlp-{version}-{MODEL_CLASSIFIERS[language]}.jar"
        for language in languages_now
    }
    if not fetched.succeeded or not expected <= fetched.jars:
        raise NlpSetupError(
            f"Maven could not fetch Stanford CoreNLP {version} (edu.stanford.nlp:stanford-corenlp "
            f"with {', '.join(sorted(expected - fetched.jars)) or 'its models'}) from Maven "
            f"Central. Check that Maven Central is reachable (proxy settings in "
            f"~/.m2/settings.xml) and that the version exists (GRAPHSVC_NLP_VERSION), or set "
            f"GRAPHSVC_NLP_URL.\n{fetched.tail}"
        )
    publish(fetched, target, _LANGUAGES_FILE, " ".join(sorted(languages_now)) + "\n")
    return target


def _too_slow() -> NlpSetupError:
    return NlpSetupError(
        "Maven did not finish fetching Stanford CoreNLP within an hour; check the "
        "connection to Maven Central and retry."
    )
