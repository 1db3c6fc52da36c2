"""What the engine runs for each language, as data: the one table the client reads.

CoreNLP's models differ per language (measured on 4.5.10's model jars): English has the full
pipeline; French and Spanish have a tokenizer that splits contractions into syntactic words
(`mwt`: "du" is "de le"), a UD part-of-speech tagger, NER (French 4 classes from WikiNER;
Spanish AnCora's with dates normalised by SUTime) and a UD dependency parse, but no
lemmatiser (Spanish's `lemma` only lower-cases: "organizó" stays "organizó"); Arabic has a
segmenter, a tagger and a constituency parser, but no NER and no UD parse.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language the engine serves, and what its pipeline gives."""

    code: str
    """ISO 639-1, as graphsvc names languages everywhere."""
    name: str
    pipeline_language: str
    """CoreNLP's name for it: the server loads that language's default properties."""
    annotators: str
    tagset: str
    """What its part-of-speech tagger gives: "upos" (Universal), "ptb" (Penn Treebank) or
    "bies" (the Arabic Treebank's Penn-style tags, with DT marking the definite article)."""
    lemmas: bool
    entities: bool
    dependencies: bool


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language(
            "en",
            "English",
            "english",
            "tokenize,ssplit,pos,lemma,ner,depparse",
            "ptb",
            lemmas=True,
            entities=True,
            dependencies=True,
        ),
        Language(
            "fr",
            "French",
            "french",
            "tokenize,ssplit,mwt,pos,ner,depparse",
            "upos",
            lemmas=False,
            entities=True,
            dependencies=True,
        ),
        Language(
            "es",
            "Spanish",
            "spanish",
            "tokenize,ssplit,mwt,pos,ner,depparse",
            "upos",
            lemmas=False,
            entities=True,
            dependencies=True,
        ),
        Language(
            "ar",
            "Arabic",
            "arabic",
            "tokenize,ssplit,pos",
            "bies",
            lemmas=False,
            entities=False,
            dependencies=False,
        ),
    )
}

ENTITY_TYPES: dict[str, str] = {
    "PER": "PERSON",
    "PERS": "PERSON",
    "LOC": "LOCATION",
    "LUG": "LOCATION",
    "ORG": "ORGANIZATION",
    "OTROS": "MISC",
}
"""The French (WikiNER) and Spanish (AnCora) models' entity labels in the English names; the
English model's own labels (PERSON, CITY, COUNTRY, DATE ...) pass unchanged."""

PENN_TO_UPOS: dict[str, str] = {
    "CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "FW": "X", "IN": "ADP",
    "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "LS": "X", "MD": "AUX", "NN": "NOUN",
    "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PDT": "DET", "POS": "PART",
    "PRP": "PRON", "PRP$": "PRON", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP",
    "SYM": "SYM", "TO": "PART", "UH": "INTJ", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "WDT": "PRON", "WP": "PRON", "WP$": "PRON",
    "WRB": "ADV", "$": "SYM", "#": "SYM", "ADD": "X", "AFX": "ADJ", "GW": "X", "XX": "X",
    "HYPH": "PUNCT", "NFP": "PUNCT", ",": "PUNCT", ".": "PUNCT", ":": "PUNCT", "``": "PUNCT",
    "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "PUNC": "PUNCT",
    "NOUN_QUANT": "NOUN", "ADJ_NUM": "ADJ", "VN": "VERB",
}  # fmt: skip
"""Penn Treebank tags (and the Arabic Treebank's extras) to Universal POS, after UD's own
conversion table; the parse refines the two it cannot tell apart by the tag alone."""


def entity_type(language: str, label: object) -> str | None:
    """The name graphsvc gives an engine's entity label ("I-LOC", "LUG", "CITY"); None for "O"."""
    if not isinstance(label, str) or label in ("", "O"):
        return None
    if label[:2] in ("B-", "I-", "E-", "S-"):
        label = label[2:]
    return ENTITY_TYPES.get(label, label)


def universal_tag(language: str, tag: object, relation: str | None) -> str | None:
    """The Universal POS of a token the tagger gave `tag`, with its UD relation to refine it."""
    if not isinstance(tag, str):
        return None
    tagset = LANGUAGES[language].tagset
    if tagset == "upos":
        return tag
    if tagset == "bies" and tag.startswith("DT") and len(tag) > 2:
        tag = tag[2:]  # DTNN: a noun with the article al-
    upos = PENN_TO_UPOS.get(tag, "X")
    if upos == "ADP" and relation == "mark":
        return "SCONJ"  # "because", "that", "if" introducing a clause
    if upos == "VERB" and relation in ("aux", "aux:pass", "cop"):
        return "AUX"
    return upos
