"""The Analysis document object, read from analyses the real engine produced (no server needed).

The files in analyses/ are CoreNLP's own answers for texts written for these tests, regenerated
by regenerate_analyses.py; test_engine.py checks against the running engine that they are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphsvc.config import NLP_VERSION
from graphsvc.errors import NlpBadAnswer
from graphsvc.nlp import Analysis
from graphsvc.nlp.languages import LANGUAGES
from graphsvc.nlp.stored import read_stored

ANALYSES = Path(__file__).resolve().parent / "analyses"
STORED = sorted(ANALYSES.glob("*.json"))


def analysis(name: str) -> Analysis:
    return read_stored(ANALYSES / name)


def roles(doc: Analysis, word: str) -> dict[str, str]:
    """The dependents of the first token spelled `word`, by relation."""
    head = next(token for token in doc.tokens if token.word == word)
    return {edge.relation: doc.tokens[edge.dependent].word for edge in doc.children(head.index)}


def test_every_text_has_its_analysis_by_the_pinned_engine() -> None:
    texts = sorted(ANALYSES.glob("*.txt"))
    assert [path.with_suffix(".json") for path in texts] == STORED
    for path in STORED:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record["engine"] == f"Stanford CoreNLP {NLP_VERSION}", (
            f"{path.name} was made by {record['engine']}: run regenerate_analyses.py"
        )
        assert record["text"] == path.with_suffix(".txt").read_text(encoding="utf-8")
        assert record["annotators"] == LANGUAGES[record["language"]].annotators


def test_every_language_has_a_stored_analysis() -> None:
    languages = {json.loads(path.read_text(encoding="utf-8"))["language"] for path in STORED}
    assert languages == set(LANGUAGES)


@pytest.mark.parametrize("path", STORED, ids=lambda path: path.name)
def test_tokens_point_into_the_original_text(path: Path) -> None:
    doc = read_stored(path)
    assert doc.tokens and doc.sentences
    for token in doc.tokens:
        surface = doc.text[token.start : token.end]
        assert surface == token.word or surface.lower() != token.word.lower()  # split contraction
    for sentence in doc.sentences:
        assert doc.sentence_tokens(sentence)[0].start == sentence.start
    for mention in doc.mentions:
        assert doc.text[mention.start : mention.end] == mention.text
        assert doc.tokens[mention.first_token].start == mention.start
        assert doc.tokens[mention.last_token - 1].end == mention.end
    assert not doc.text[doc.tokens[-1].end :].strip()


def test_offsets_after_an_emoji_are_python_indices() -> None:
    """CoreNLP counts the globe as two UTF-16 units; every token after it must still match."""
    doc = analysis("workshop.en.json")
    globe = doc.text.index("🌍")
    after = [token for token in doc.tokens if token.start > globe]
    assert after and all(doc.text[t.start : t.end] == t.word for t in after if t.word != "🌍")


def test_english_entities_dates_and_roles() -> None:
    doc = analysis("workshop.en.json")
    found = {(mention.text, mention.type) for mention in doc.mentions}
    assert {
        ("MedCities", "ORGANIZATION"),
        ("European Union", "ORGANIZATION"),
        ("Ahmed Ben Salah", "PERSON"),
        ("Secretary General", "TITLE"),
        ("Izmir", "CITY"),
    } <= found
    dates = {mention.text: mention.normalized for mention in doc.mentions if mention.type == "DATE"}
    assert dates == {"March 2024": "2024-03"}
    hosted_roles = roles(doc, "hosted")
    assert (hosted_roles["nsubj"], hosted_roles["obj"]) == ("Municipality", "workshop")
    assert roles(doc, "organised")["obl"] == "MedCities"  # basic UD: the agent is obl + "by"
    assert roles(doc, "Salah")["appos"] == "General"  # "X, Secretary General of Y"
    hosted = next(token for token in doc.tokens if token.word == "hosted")
    assert (hosted.lemma, hosted.upos, hosted.xpos) == ("host", "VERB", "VBD")


def test_french_contractions_share_their_span_and_entities_use_one_vocabulary() -> None:
    doc = analysis("seminaire.fr.json")
    des = doc.text.index("des déchets")
    split = [token.word for token in doc.tokens if token.start == des]
    assert split == ["de", "les"]
    found = {(mention.text, mention.type) for mention in doc.mentions}
    assert ("Agence française de développement", "ORGANIZATION") in found
    assert all(
        mention.type in {"PERSON", "ORGANIZATION", "LOCATION", "MISC"} for mention in doc.mentions
    )
    assert roles(doc, "accueilli")["nsubj"] == "Ville"
    assert all(token.lemma is None and token.xpos is None for token in doc.tokens)


def test_spanish_dates_are_normalised_and_cities_typed() -> None:
    doc = analysis("taller.es.json")
    types = {mention.text: mention.type for mention in doc.mentions}
    assert types["Ayuntamiento de Málaga"] == "ORGANIZATION"
    assert types["Beirut"] == "CITY"
    dates = [mention.normalized for mention in doc.mentions if mention.type == "DATE"]
    assert dates == ["2022-06-16"]  # "del 14 al 16 de junio": the range's start is lost
    assert roles(doc, "organizó")["nsubj"] == "Ayuntamiento"


def test_catalan_read_with_the_spanish_models_loses_dates_and_joins_names() -> None:
    """What the Spanish models make of Catalan (measured): why Catalan keeps its own rules."""
    doc = analysis("trobada-catalan.es.json")
    assert not [mention for mention in doc.mentions if mention.type == "DATE"]  # "maig" unknown
    assert ("Tànger i Sfax", "LOCATION") in {(m.text, m.type) for m in doc.mentions}


def test_arabic_has_tags_but_no_entities_or_parse() -> None:
    doc = analysis("warsha.ar.json")
    assert doc.mentions == () and doc.dependencies == ()
    tags = {token.word: (token.upos, token.xpos) for token in doc.tokens}
    assert tags["صفاقس"] == ("PROPN", "NNP")
    assert tags["النقل"] == ("NOUN", "DTNN")  # the article al- is part of the tag


def test_a_changed_text_is_not_read_with_an_old_analysis() -> None:
    record = json.loads((ANALYSES / "taller.es.json").read_text(encoding="utf-8"))
    with pytest.raises(NlpBadAnswer, match="not an analysis of this text"):
        Analysis.from_corenlp(
            record["corenlp"], record["text"].replace("Málaga", "Malaga!"), "es", record["engine"]
        )
    with pytest.raises(NlpBadAnswer, match="not a readable analysis"):
        Analysis.from_corenlp({"sentences": [{"tokens": [{}]}]}, "x", "es", record["engine"])
