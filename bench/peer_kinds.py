"""The request kinds of the peer benchmark: each a graphsvc query and its closest NGL query.

Both queries of a kind ask for the same data (the same ids in the same order: graphsvc orders
related lists by folded name, the generated names fold to their own order, so NGL's `sort` by name
gives the same pages). `ids` pulls out what a check compares: every readable id (`slug` on
graphsvc's side, `id` on NGL's) and every `totalCount`, in document order. A kind whose NGL query is
only an approximation says so in `compare`; one with no NGL equivalent has `ngl=None` and a reason.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from peer_typedefs import camel

from graphsvc.model import MODEL
from graphsvc.model.domain import PART_OF
from graphsvc.model.names import name_key
from graphsvc.store.queries import fulltext_query

Variables = dict[str, Any]


@dataclass(frozen=True)
class Sample:
    """What the requests draw from: ids that have the links a kind walks, and sizes."""

    institutions: int
    partners_in: list[str]
    funders: list[str]
    page_size: int
    page: int


@dataclass(frozen=True)
class Kind:
    """One kind of request, as graphsvc and as NGL ask it."""

    name: str
    label: str
    graphsvc: str
    ngl: str | None
    variables: Callable[[random.Random, Sample], tuple[Variables, Variables]]
    compare: Literal["equal", "subset", "first", "none"] = "equal"
    """equal: same ids in the same order; subset: graphsvc's ids are among NGL's (NGL has no
    ranking); first: the best hit is the same (scores tie below it); none: nothing to compare."""
    note: str = ""


def name_part(rng: random.Random, sample: Sample) -> tuple[Variables, Variables]:
    """A name fragment matching about a tenth of a percent of the institutions."""
    number = rng.randrange(10, 100) if sample.institutions > 1000 else rng.randrange(1, 10)
    return {"name": f"institution {number}"}, {"name": f"Institution {number}"}


def institution_id(
    ids: list[str],
) -> Callable[[random.Random, Sample], tuple[Variables, Variables]]:
    def draw(rng: random.Random, sample: Sample) -> tuple[Variables, Variables]:
        chosen = rng.choice(ids) if ids else "institution-0"
        return {"id": chosen}, {"id": chosen}

    return draw


def with_partners(rng: random.Random, sample: Sample) -> tuple[Variables, Variables]:
    return institution_id(sample.partners_in)(rng, sample)


def with_funds(rng: random.Random, sample: Sample) -> tuple[Variables, Variables]:
    return institution_id(sample.funders)(rng, sample)


def typo(rng: random.Random, sample: Sample) -> tuple[Variables, Variables]:
    text = f"instituton {rng.randrange(sample.institutions)}"
    return {"text": text}, {"phrase": fulltext_query(name_key(text))}


def no_variables(rng: random.Random, sample: Sample) -> tuple[Variables, Variables]:
    return {}, {}


SORT = "sort: [{name: ASC}]"


def _names(meaning: str, label: str, outgoing: bool) -> list[tuple[str, tuple[str, ...]]]:
    """(NGL field, kinds at the far end) for every relationship of `meaning` at a `label` node."""
    side = {"sources": (label,)} if outgoing else {"targets": (label,)}
    found = []
    for rel_type in MODEL.relationships_in(meaning, **side):
        kind = MODEL.relationship_kind(rel_type)
        if kind is not None:
            name = kind.outgoing if outgoing else kind.incoming
            found.append((camel(name), kind.targets if outgoing else kind.sources))
    return found


def ngl_partners() -> str:
    """NGL's nearest to `partners(of:)`: every hop graphsvc's partners walk, without the ranking.

    Built from the model as graphsvc's own statement is: the institution's programmes and events
    (involvement), who else is involved in them, a programme's events and an event's programme
    (framing), and its networks (membership and direct ties). Unranked and repeated, so the check
    can only be "graphsvc's partners are among these".
    """

    def others(undertaking: str) -> str:
        return " ".join(f"{n} {{ id }}" for n, _ in _names("involvement", undertaking, False))

    inner = {
        "Programme": f"{others('Programme')} {camel(PART_OF.incoming)} "
        f"{{ id ... on Event {{ {others('Event')} }} }}",
        "Event": f"{others('Event')} {camel(PART_OF.outgoing)} "
        f"{{ id ... on Programme {{ {others('Programme')} }} }}",
    }
    walks = [
        f"{name} {{ id {inner[ends[0]]} }}"
        for name, ends in _names("involvement", "Institution", True)
        if len(ends) == 1 and ends[0] in inner
    ]
    members = " ".join(f"{m} {{ id }}" for m, _ in _names("membership", "Institution", False))
    joined = {n for n, _ in _names("membership", "Institution", True)}
    walks += [
        f"{n} {{ id {members if n in joined else ''} }}"
        for n, _ in _names("network", "Institution", True)
    ]
    walks += [f"{n} {{ id }}" for n, _ in _names("network", "Institution", False)]
    return (
        "query($id: String!) { institutions(where: {id: {eq: $id}}) { id "
        + " ".join(walks)
        + " } }"
    )


KINDS = (
    Kind(
        "list",
        "page of 50 institutions by name, with sources",
        """query($name: String!) { institutions(first: 50, filter: {name: $name}) {
          nodes { slug name sources { slug } } } }""",
        f"""query($name: String!) {{ institutions(where: {{name: {{contains: $name}}}},
          {SORT}, limit: 50) {{ id name sources(sort: [{{id: ASC}}]) {{ id }} }} }}""",
        name_part,
    ),
    Kind(
        "nested",
        "institution -> programmes -> their partners",
        """query($id: String!) { entity(slug: $id) { slug ... on Institution {
          partnerIn(first: 5) { node { slug partners(first: 5) { node { slug } } } } } } }""",
        f"""query($id: String!) {{ institutions(where: {{id: {{eq: $id}}}}) {{ id
          partnerIn(limit: 5, {SORT}) {{ id partners(limit: 5, {SORT}) {{ id }} }} }} }}""",
        with_partners,
    ),
    Kind(
        "funder",
        "funder -> programmes -> sub-programmes, implementers",
        """query($id: String!) { entity(slug: $id) { slug ... on Institution {
          funds(first: 5) { node { slug parts(first: 5) { node { slug } }
            implementedBy(first: 5) { node { slug } } } } } } }""",
        f"""query($id: String!) {{ institutions(where: {{id: {{eq: $id}}}}) {{ id
          funds(limit: 5, {SORT}) {{ id parts(limit: 5, {SORT}) {{ id }}
            implementedBy(limit: 5, {SORT}) {{ id }} }} }} }}""",
        with_funds,
    ),
    Kind(
        "count",
        "totalCount of a filtered list",
        """query($name: String!) { institutions(filter: {name: $name}) { totalCount } }""",
        """query($name: String!) { institutionsConnection(where: {name: {contains: $name}}) {
          totalCount } }""",
        name_part,
    ),
    Kind(
        "cursor",
        "page 20 by cursor",
        """query($first: Int!, $after: String) { institutions(first: $first, after: $after) {
          pageInfo { endCursor } nodes { slug name } } }""",
        f"""query($first: Int!, $after: String) {{ institutionsConnection(first: $first,
          after: $after, {SORT}) {{ pageInfo {{ endCursor }}
          edges {{ node {{ id name }} }} }} }}""",
        no_variables,  # the cursor is added by the runner, once each side has walked there
    ),
    Kind(
        "partners",
        "partners (ranked by shared evidence)",
        """query($id: String!) { partners(of: $id, first: 10) { partner { slug }
          evidence { via context { slug } } } }""",
        ngl_partners(),
        with_partners,
        compare="subset",
        note="NGL: every hop partners walk (from the model), unranked, not de-duplicated",
    ),
    Kind(
        "trace",
        "fundingTrace (stages, sources)",
        """query($id: String!) { fundingTrace(funder: $id) { programmes { slug }
          implementers { slug } places { slug }
          steps { stage link { type from { slug } to { slug } sources { slug } } } } }""",
        None,
        with_funds,
        compare="none",
        note="no NGL equivalent: staged, transitive walk (would need a hand-written @cypher field)",
    ),
    Kind(
        "search",
        "search, a name with a typo",
        """query($text: String!) { search(text: $text, kinds: [INSTITUTION], first: 10) {
          node { slug } } }""",
        """query($phrase: String!) { institutionsByName(phrase: $phrase, first: 10,
          sort: [{score: DESC}]) {
          edges { node { id } } } }""",
        typo,
        compare="first",
        note="NGL: @fulltext over graphsvc's index with graphsvc's Lucene query; no exact-first",
    ),
)


def ids(body: Any, key: str) -> list[Any]:
    """Every `key` value and `totalCount` in an answer, in document order."""
    found: list[Any] = []
    if isinstance(body, dict):
        for name, value in body.items():
            if name in (key, "totalCount") and not isinstance(value, (dict, list)):
                found.append(value)
            else:
                found += ids(value, key)
    elif isinstance(body, list):
        for item in body:
            found += ids(item, key)
    return found


def agreement(kind: Kind, graphsvc_ids: list[Any], ngl_ids: list[Any]) -> str | None:
    """None when the answers agree by the kind's rule, else what differs."""
    if kind.compare == "none":
        return None
    if kind.compare == "subset":
        missing = set(graphsvc_ids) - set(ngl_ids)
        return f"graphsvc ids not in NGL's answer: {sorted(missing)[:5]}" if missing else None
    if kind.compare == "first":
        first = (graphsvc_ids[:1], ngl_ids[:1])
        return None if first[0] == first[1] else f"best hits differ: {first[0]} / {first[1]}"
    if graphsvc_ids == ngl_ids:
        return None
    return f"ids differ: graphsvc {graphsvc_ids[:6]}... NGL {ngl_ids[:6]}..."
