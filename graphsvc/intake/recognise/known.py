"""Names the graph already holds, found in a document with one automaton.

Every name and alias is folded with `name_key` and added to an Aho-Corasick automaton once; a
document is then read in one pass whatever the number of names, which keeps intake fast with a
graph of 100,000 names. Matches must sit on word boundaries of the folded text (a name in Arabic
script may follow a joined proclitic: "بتونس", in Tunis), the longest match
wins where matches overlap, and a short all-caps acronym ("CMI") matches only as written, so that
the word "cmi" in another sense or a lower-case "Ami" never become an organisation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ahocorasick

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.folding import FoldedText
from graphsvc.model.names import KnownName, name_key

ACRONYM_MAX_LETTERS = 5


@dataclass(frozen=True)
class _Form:
    entity: KnownName
    written: str | None
    """The exact spelling required (short acronyms), or None for a folded match."""


@dataclass(frozen=True)
class NameMatch:
    """A surface form found in the text, with every known entity it may be."""

    span: Span
    candidates: tuple[KnownName, ...]


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        0 < len(letters) <= ACRONYM_MAX_LETTERS
        and all(c.isupper() for c in letters)
        and " " not in text.strip()
    )


class KnownNames:
    """The automaton over every known name; build it once per graph state, read many documents."""

    def __init__(self, forms: dict[str, list[_Form]]) -> None:
        self._forms = forms
        self._places: dict[str, dict[str, tuple[KnownName, ...]]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        if forms:
            automaton = ahocorasick.Automaton()
            for key in forms:
                automaton.add_word(key, key)
            automaton.make_automaton()
            self._automaton = automaton

    @classmethod
    def build(cls, rows: Iterable[KnownName]) -> KnownNames:
        forms: dict[str, list[_Form]] = {}
        for entity in rows:
            for written in dict.fromkeys((entity.name, *entity.aliases)):
                key = name_key(written)
                if not key:
                    continue
                form = _Form(entity, written.strip() if is_acronym(written) else None)
                bucket = forms.setdefault(key, [])
                if form not in bucket:
                    bucket.append(form)
        return cls(forms)

    @classmethod
    def empty(cls) -> KnownNames:
        return cls({})

    def __len__(self) -> int:
        return len(self._forms)

    def named(self, written: str) -> tuple[KnownName, ...]:
        """The known entities bearing `written` (folded) as their name or an alias."""
        surface = written.strip()
        return tuple(
            dict.fromkeys(
                form.entity
                for form in self._forms.get(name_key(written), ())
                if form.written is None or form.written == surface
            )
        )

    def places(
        self, label: str, identity: Callable[[str], str | None]
    ) -> dict[str, tuple[KnownName, ...]]:
        """Known entities of `label` by the gazetteer identity of their names (GeoNames id, ISO).

        `identity` maps a folded name to its identity in a gazetteer. Built once per label on
        first use, over the names of that label only, and kept with the automaton.
        """
        if label not in self._places:
            index: dict[str, dict[str, KnownName]] = {}
            for key, forms in self._forms.items():
                for form in forms:
                    if form.entity.label != label:
                        continue
                    found = identity(key)
                    if found is not None:
                        index.setdefault(found, {})[form.entity.id] = form.entity
            self._places[label] = {k: tuple(v.values()) for k, v in index.items()}
        return self._places[label]

    def find(self, original: str, folded: FoldedText) -> list[NameMatch]:
        """Known names in the text, longest first where they overlap, in text order."""
        if self._automaton is None:
            return []
        found: list[tuple[int, int, tuple[KnownName, ...]]] = []
        for end_index, key in self._automaton.iter(folded.text):
            start = end_index - len(key) + 1
            end = end_index + 1
            if not folded.is_name_boundary(start, end):
                continue
            first, last = folded.original(start, end)
            surface = original[first:last]
            entities = tuple(
                dict.fromkeys(
                    form.entity
                    for form in self._forms[key]
                    if form.written is None or form.written == surface
                )
            )
            if entities:
                found.append((first, last, entities))
        found.sort(key=lambda item: (-(item[1] - item[0]), item[0]))
        taken: list[NameMatch] = []
        occupied = bytearray(len(original))  # 1 where a longer match stands: linear, not M x M
        for first, last, entities in found:
            if occupied.find(1, first, last) == -1:
                taken.append(NameMatch(Span(first, last), entities))
                occupied[first:last] = b"\x01" * (last - first)
        return sorted(taken, key=lambda m: m.span.start)
