"""Events the text names without a category word: named editions and launches.

News names a recurring conference by its edition ("Habitat III", "COP 22") and the founding of a
body by its launch ("Launch of the Regional Assembly", "Lancement du Réseau"): neither holds a
cue word of `rules.events`, yet each is an event other facts are about (who took part, where it
was held). An edition is a capitalised word followed by a Roman numeral, or an acronym followed
by a small number; the nouns of `rules.numbered_nouns` ("Phase II", "Article 5") and month names
("May 22") never make one. A launch is a noun of `rules.launches`, then "of" and a capitalised
name; the event is named with both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphsvc.intake.proposal import Span
from graphsvc.intake.recognise.entities import capitalised
from graphsvc.intake.recognise.mentions import Mention
from graphsvc.intake.recognise.rules import LanguageRules
from graphsvc.intake.recognise.sentences import fold_sentence
from graphsvc.model.domain import EVENT
from graphsvc.model.names import name_key

_ROMAN = r"(?:X{0,3}(?:IX|IV|V?I{1,3})|X{1,3}V?|V)"
_EDITION = re.compile(
    rf"(?<![\w\-])(?:([A-ZÀ-Þ][a-zà-ÿ]{{2,}})\s+({_ROMAN})|([A-Z]{{2,6}})\s+([1-9]\d?))(?![\w\-/.,]\d)(?!\w)"
)
_OF = r"(?:of|de|del|des|du|d'|d’)"


@lru_cache(maxsize=8)
def _launch(rules: LanguageRules) -> re.Pattern[str] | None:
    if not rules.launches:
        return None
    words = sorted(rules.launches, key=len, reverse=True)
    nouns = "|".join(r"[\s\-]+".join(re.escape(w) for w in noun.split()) for noun in words)
    return re.compile(rf"(?<!\w)(?:{nouns})\s+{_OF}\s*(?:(?:the|la|le|el|les|l'|l’)\s+)?", re.I)


def find_named_events(
    text: str, sentence: Span, rules: LanguageRules, taken: list[Span]
) -> list[Mention]:
    """Named editions and launches in one sentence, but for those within a span of `taken`."""
    found: list[Mention] = []
    piece = text[sentence.start : sentence.end]
    refused = {*rules.numbered_nouns, *rules.months}
    for match in _EDITION.finditer(piece):
        word = match.group(1) or match.group(3)
        if name_key(word) in refused:
            continue
        found.append(_mention(sentence, match.start(), match.end(), piece, rules, "edition"))
    launch = _launch(rules)
    if launch is not None:
        folded = fold_sentence(text, sentence)
        name = capitalised(rules)
        for match in launch.finditer(folded):
            after = name.match(piece, match.end())
            if after is None or _names_event(after.group(), rules):
                continue  # "the opening of the Annual Conference" is that conference
            found.append(_mention(sentence, match.start(), after.end(), piece, rules, "launch"))
    return [
        m for m in found if not any(t.start <= m.span.start and m.span.end <= t.end for t in taken)
    ]


def _names_event(name: str, rules: LanguageRules) -> bool:
    words = f" {name_key(name)} "
    return any(f" {name_key(cue)} " in words for cue in rules.events)


def _mention(
    sentence: Span, start: int, end: int, piece: str, rules: LanguageRules, kind: str
) -> Mention:
    name = " ".join(piece[start:end].split())
    return Mention(
        Span(sentence.start + start, sentence.start + end),
        sentence,
        EVENT.label,
        name[0].upper() + name[1:],
        f"{rules.language}:event-{kind}",
        0.5,
    )
