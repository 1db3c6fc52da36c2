"""One analysed document: sentences, tokens, entity mentions and dependencies, typed.

`Analysis.from_corenlp` is the only place that reads CoreNLP's JSON, so the steps that read an
analysis (the recogniser's patterns) never see the engine's field names. It refuses what is not
a whole analysis of the text it was given (NlpBadAnswer): a token whose offsets do not point at
its own text, or text left after the last token (the server cut the document short), so that no
proposal is ever made from part of a document.

Offsets are Python string indices into the original text. CoreNLP counts UTF-16 code units
(Java chars), which differ after any character outside the Basic Multilingual Plane (an emoji,
some CJK), so they are converted here once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphsvc.errors import NlpBadAnswer
from graphsvc.nlp.languages import LANGUAGES, entity_type, universal_tag


@dataclass(frozen=True)
class Token:
    """One syntactic word, with its span in the text.

    A contraction the tokenizer splits ("du" = "de" + "le") gives two words sharing its span.
    """

    index: int
    """Position in the document (0-based), the number dependencies refer to."""
    sentence: int
    word: str
    start: int
    end: int
    lemma: str | None
    upos: str | None
    """Universal part of speech (NOUN, PROPN, VERB ...)."""
    xpos: str | None
    """The language's own tag when it has one (English Penn Treebank, Arabic Bies)."""
    ner: str | None
    """The entity type of the mention this token belongs to, in graphsvc's names; None outside."""


@dataclass(frozen=True)
class Mention:
    """A named entity or date the engine found: its text, type and where it is."""

    text: str
    type: str
    """PERSON, ORGANIZATION, LOCATION, CITY, COUNTRY, STATE_OR_PROVINCE, DATE, MISC, ..."""
    start: int
    end: int
    sentence: int
    first_token: int
    last_token: int
    """Exclusive: the mention is tokens[first_token:last_token]."""
    normalized: str | None
    """For dates and numbers, the engine's normal form (a TIMEX value such as 2018-10)."""


@dataclass(frozen=True)
class Dependency:
    """One Universal Dependencies edge: `head` governs `dependent` as `relation` (nsubj, obl)."""

    relation: str
    head: int | None
    """None for the root of the sentence."""
    dependent: int


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span and its tokens' positions in the document."""

    index: int
    start: int
    end: int
    first_token: int
    last_token: int
    dependencies: tuple[Dependency, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Analysis:
    """Everything the engine says about one text, in one language."""

    text: str
    language: str
    engine: str
    """Which engine and version produced it, e.g. "Stanford CoreNLP 4.5.10"."""
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every entity mention of the document, in order."""
        return tuple(mention for sentence in self.sentences for mention in sentence.mentions)

    @property
    def dependencies(self) -> tuple[Dependency, ...]:
        """Every dependency edge of the document."""
        return tuple(edge for sentence in self.sentences for edge in sentence.dependencies)

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        """The tokens of one sentence."""
        return self.tokens[sentence.first_token : sentence.last_token]

    def children(self, token: int) -> tuple[Dependency, ...]:
        """The edges whose head is `token`."""
        sentence = self.sentences[self.tokens[token].sentence]
        return tuple(edge for edge in sentence.dependencies if edge.head == token)

    @classmethod
    def from_corenlp(
        cls, data: Mapping[str, Any], text: str, language: str, engine: str
    ) -> Analysis:
        """Read the JSON CoreNLP's server answers (outputFormat=json) for `text`."""
        try:
            return _Reader(text, language, engine).read(data)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise NlpBadAnswer(
                f"the language engine's answer is not a readable analysis ({type(exc).__name__}: "
                f"{exc}); is GRAPHSVC_NLP_URL a Stanford CoreNLP {engine} server?"
            ) from exc


class _Reader:
    """Turns CoreNLP's JSON into an Analysis, checking that it covers the whole text."""

    def __init__(self, text: str, language: str, engine: str) -> None:
        self.text = text
        self.language = LANGUAGES[language]
        self.engine = engine
        self.offsets = _Utf16Offsets(text)

    def read(self, data: Mapping[str, Any]) -> Analysis:
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        for number, raw in enumerate(data["sentences"]):
            sentences.append(self._sentence(number, raw, tokens))
        self._check_covers(tokens)
        return Analysis(self.text, self.language.code, self.engine, tuple(sentences), tuple(tokens))

    def _sentence(self, number: int, raw: Mapping[str, Any], tokens: list[Token]) -> Sentence:
        first = len(tokens)
        raw_tokens: Sequence[Mapping[str, Any]] = raw["tokens"]
        relations = {
            int(edge["dependent"]): str(edge["dep"]) for edge in raw.get("basicDependencies", ())
        }
        spans = [self._span(token) for token in raw_tokens]
        for position, (token, (start, end)) in enumerate(zip(raw_tokens, spans, strict=True), 1):
            split = position > 1 and spans[position - 2] == (start, end)
            split |= position < len(spans) and spans[position] == (start, end)
            if not split and self.text[start:end] != token.get(
                "originalText", self.text[start:end]
            ):
                raise NlpBadAnswer(
                    f"the language engine placed {token.get('originalText')!r} at {start}-{end}, "
                    f"where the text has {self.text[start:end]!r}: its answer is not an analysis "
                    f"of this text"
                )
            xpos = token.get("pos")
            tokens.append(
                Token(
                    index=first + position - 1,
                    sentence=number,
                    word=str(token["word"]),
                    start=start,
                    end=end,
                    lemma=token.get("lemma") if self.language.lemmas else None,
                    upos=universal_tag(self.language.code, xpos, relations.get(position)),
                    xpos=xpos if self.language.tagset != "upos" else None,
                    ner=entity_type(self.language.code, token.get("ner")),
                )
            )
        last = len(tokens)
        dependencies = tuple(
            Dependency(
                relation=str(edge["dep"]).lower() if edge["dep"] == "ROOT" else str(edge["dep"]),
                head=first + int(edge["governor"]) - 1 if int(edge["governor"]) else None,
                dependent=first + int(edge["dependent"]) - 1,
            )
            for edge in raw.get("basicDependencies", ())
        )
        for edge in dependencies:
            for node in (edge.head, edge.dependent):
                if node is not None and not first <= node < last:
                    raise ValueError(f"dependency {edge} points outside sentence {number}")
        mentions = tuple(
            self._mention(number, first, mention) for mention in raw.get("entitymentions", ())
        )
        start = tokens[first].start if last > first else 0
        end = tokens[last - 1].end if last > first else 0
        return Sentence(
            number, start, end, first, last, dependencies, tuple(m for m in mentions if m)
        )

    def _span(self, token: Mapping[str, Any]) -> tuple[int, int]:
        """The token's span in Python indices; a word split from a contraction shares its span."""
        start = self.offsets.index(int(token["characterOffsetBegin"]))
        end = self.offsets.index(int(token["characterOffsetEnd"]))
        if not 0 <= start < end <= len(self.text):
            raise NlpBadAnswer(
                f"the language engine placed {token.get('originalText')!r} at {start}-{end}, "
                f"outside this text of {len(self.text)} characters"
            )
        return start, end

    def _mention(self, number: int, first: int, raw: Mapping[str, Any]) -> Mention | None:
        kind = entity_type(self.language.code, raw.get("ner"))
        if kind is None:
            return None
        start = self.offsets.index(int(raw["characterOffsetBegin"]))
        end = self.offsets.index(int(raw["characterOffsetEnd"]))
        timex = raw.get("timex")
        normalized = timex.get("value") if isinstance(timex, Mapping) else raw.get("normalizedNER")
        return Mention(
            text=self.text[start:end],
            type=kind,
            start=start,
            end=end,
            sentence=number,
            first_token=first + int(raw["tokenBegin"]),
            last_token=first + int(raw["tokenEnd"]),
            normalized=str(normalized) if normalized is not None else None,
        )

    def _check_covers(self, tokens: Sequence[Token]) -> None:
        """Text after the last token means the engine read only part of the document."""
        covered = tokens[-1].end if tokens else 0
        if self.text[covered:].strip():
            raise NlpBadAnswer(
                f"the language engine analysed only the first {covered} of {len(self.text)} "
                f"characters (its maxCharLength is smaller than GRAPHSVC_NLP_MAX_CHARS?); "
                f"nothing is proposed from part of a document"
            )


class _Utf16Offsets:
    """Converts CoreNLP's UTF-16 offsets into Python string indices."""

    def __init__(self, text: str) -> None:
        # Java offsets of the characters outside the BMP, each of which takes two UTF-16 units.
        self.wide: list[int] = []
        java = 0
        for char in text:
            if ord(char) > 0xFFFF:
                self.wide.append(java)
                java += 2
            else:
                java += 1

    def index(self, java_offset: int) -> int:
        return java_offset - bisect_right(self.wide, java_offset - 1)
