"""A list of bodies each with its country: each body takes the country right after it.

Sentences written for these tests, in the four languages; countries are proposed under their
gazetteer (English) names.
"""

import pytest

from graphsvc.intake.document import Document
from graphsvc.intake.recognise import KnownNames, propose
from graphsvc.model.domain import BASED_IN

EXPECTED = {("Olive", "Malta"), ("Delta", "Cyprus")}


def _based_in(text: str, language: str) -> set[tuple[str, str]]:
    document = Document(text=text, format="text", origin="test", language=language)
    proposal = propose(document, KnownNames.empty())
    names = {e.key: e.name for e in proposal.entities}
    return {
        (names[r.source].split()[-1], names[r.target])
        for r in proposal.relationships
        if r.type == BASED_IN.type and names[r.source].split()[-1] in {"Olive", "Delta"}
    }


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Officials of the Azur Foundation from Italy, the Cedar Foundation from Greece, "
            "the Foundation Olive from Malta and the Foundation Delta from Cyprus met.",
        ),
        (
            "fr",
            "Des représentants de la Fondation Azur basée à Italie, la Fondation Cedre basée à "
            "Grèce, la Fondation Olive basée à Malte et la Fondation Delta basée à Chypre.",
        ),
        (
            "es",
            "Representantes de la Fundación Azur con sede en Italia, la Fundación Cedro con "
            "sede en Grecia, la Fundación Olive con sede en Malta y la Fundación Delta con sede "
            "en Chipre.",
        ),
        (
            "ca",
            "Representants de la Fundació Atzur amb seu a Itàlia, la Fundació Cedre amb seu a "
            "Grècia, la Fundació Olive amb seu a Malta i la Fundació Delta amb seu a Xipre.",
        ),
    ],
)
def test_each_body_takes_the_country_after_it(language: str, text: str) -> None:
    assert _based_in(text, language) == EXPECTED
