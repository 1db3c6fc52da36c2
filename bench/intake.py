"""Measure the recogniser: scores against the gold sets, and speed.

The measure that counts is the shared one: every text of `--documents` (by default
shared/data/documents/, 24 news texts) is read as intake reads a file (language detected from the
text, not taken from the gold) and proposed twice, cold (no known names) and warm (every entity of
seeds/ as a known name, as the seeded graph knows them). Each run is written as the predictions
file shared/tools/score_intake.py reads (`predictions-cold.json`, `predictions-warm.json` in
`--out`; ids replaced by names), and scored with that scorer, `--lenient`, per half:

- TUNING half: the texts whose number (the digits their file name starts with) is odd. The
  recogniser's tables and rules may be tuned on these alone.
- HELD-BACK half: the even numbers. Never read to tune anything: their figures, beside the
  tuning half's, are the honest estimate of how intake does on texts nobody has seen.

Older gold, kept beside it: gold 1, the five documents of shared/seeds/ against the curated
seeds/ (each document's gold is the seed entries citing it), cold and warm (every seed entity but
those only that document supports); gold 2, bench/gold/news.yaml, the project's own first gold over
the first twelve shared texts. Speed: documents per second on generated documents, and time per
document with 1,000 to 100,000 known names. Length: one document of 10 KB to 1 MB (generated
sentences naming known institutions, cities and dates), the time to recognise it and the Python
calls it took (work, which must grow linearly).

    python bench/intake.py [--documents DIR --shared-gold FILE --scorer FILE --out DIR]
                           [--seeds-docs DIR] [--gold FILE] [--docs N] [--names N ...]
                           [--kilobytes N ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from graphsvc.intake.document import Document
from graphsvc.intake.evaluate import GoldDocument, GoldEntity, Score, read_gold, score
from graphsvc.intake.proposal import Proposal
from graphsvc.intake.read import read_documents
from graphsvc.intake.recognise import KnownName, KnownNames, propose
from graphsvc.model.domain import EVENT, SOURCE

ROOT = Path(__file__).resolve().parent.parent


def seed_gold(seeds: Path) -> tuple[dict[str, GoldDocument], list[tuple[KnownName, set[str]]]]:
    """Per document file: its gold; and every seed entity with the files supporting it."""
    entries: list[tuple[str, dict[str, Any]]] = []
    links: list[dict[str, Any]] = []
    for file in sorted(seeds.glob("*.yaml")):
        data = yaml.safe_load(file.read_text()) or {}
        for kind, items in data.items():
            if kind == "relationships":
                links.extend(items or ())
            else:
                entries.extend((kind, item) for item in items or ())
    files = {e["id"]: e["file"] for k, e in entries if k == SOURCE.label and e.get("file")}
    languages = {
        e["file"]: e.get("language", "en")
        for k, e in entries
        if k == SOURCE.label and e.get("file")
    }

    def cited(entry: dict[str, Any]) -> set[str]:
        return {files.get(s, s) for s in entry.get("sources") or ()}

    names = {e["id"]: str(e["name"]) for _, e in entries}
    gold: dict[str, GoldDocument] = {}
    known = []
    for kind, entry in entries:
        if kind != SOURCE.label:
            known.append(
                (
                    KnownName(
                        entry["id"],
                        kind,
                        str(entry["name"]),
                        tuple(map(str, entry.get("aliases") or ())),
                    ),
                    cited(entry),
                )
            )
    for file, language in languages.items():
        ents = tuple(
            GoldEntity(
                k,
                str(e["name"]),
                tuple(map(str, e.get("aliases") or ())),
                _d(e.get("start_date")),
                _d(e.get("end_date")),
                e.get("category"),
            )
            for k, e in entries
            if k != SOURCE.label and file in cited(e)
        )
        rels = tuple(
            (r["type"], names.get(r["from"], r["from"]), names.get(r["to"], r["to"]))
            for r in links
            if file in cited(r)
        )
        gold[file] = GoldDocument(language, ents, rels)
    return gold, known


def _d(value: Any) -> str | None:
    return None if value is None else str(value)


def _table(title: str, scores: dict[str, Score]) -> None:
    print(f"\n{title}")
    header = f"{'entities P/R/F1':>20} {'relationships P/R/F1':>22} {'dates P/R/F1':>18}"
    print(f"{'language':10} {header} invented")
    total = Score()
    for language, s in sorted(scores.items()):
        total.add(s)
        _row(language, s)
    _row("all", total)
    kinds = ", ".join(
        f"{k} {c.f1:.2f} ({c.found}/{c.gold})" for k, c in sorted(total.entities.items()) if c.gold
    )
    print(f"  entity F1 by kind: {kinds}")


def _row(name: str, s: Score) -> None:
    def f(c: Any) -> str:
        return f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}"

    cells = f"{f(s.all_entities):>20} {f(s.relationships):>22} {f(s.dates):>18}"
    print(f"{name:10} {cells} {s.invented_years}")


def evaluate(
    gold: dict[str, GoldDocument],
    folder: Path,
    known: KnownNames | None = None,
    warm: list[tuple[KnownName, set[str]]] | None = None,
) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for file, expected in gold.items():
        path = folder / file
        if not path.is_file():
            continue
        names = known or KnownNames.empty()
        if warm is not None:
            names = KnownNames.build(k for k, cited in warm if cited - {file})
        document = Document(
            text=path.read_text(), format="text", origin=str(path), language=expected.language
        )
        scores.setdefault(expected.language, Score()).add(score(propose(document, names), expected))
    return scores


def predictions(folder: Path, known: KnownNames) -> dict[str, dict[str, Any]]:
    """Every text of `folder` proposed, in the scorer's predictions format (by file name)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.txt")):
        for document in read_documents([str(path)]):
            out[path.name] = as_prediction(propose(document, known))
    return out


def as_prediction(proposal: Proposal) -> dict[str, Any]:
    """One proposal as the scorer reads it: entities by kind and name, relations by names.

    A name the graph knows is proposed under the graph's name ("European Union" where the text
    says "EU"); the words the text gives for it, which its evidence points at, are its aliases,
    as the gold lists names "as written". An event's evidence may be its noun alone ("the
    workshop"), which names nothing, so events keep their proposed names only.
    """
    text = proposal.document.text
    names = {e.key: e.name for e in proposal.entities}
    entities = []
    for entity in proposal.entities:
        evidence = () if entity.label == EVENT.label else entity.evidence
        written = [e.mention.of(text) for e in evidence]
        row: dict[str, Any] = {
            "kind": entity.label,
            "name": entity.name,
            "aliases": list(dict.fromkeys([*entity.properties.get("aliases", ()), *written])),
            "uncertain": entity.uncertain,
        }
        start, end = entity.properties.get("start_date"), entity.properties.get("end_date")
        if start:
            row["date_iso"] = f"{start}/{end}" if end and end != start else str(start)
        entities.append(row)
    relations = [
        {"type": r.type, "from": names[r.source], "to": names[r.target]}
        for r in proposal.relationships
        if r.source in names and r.target in names
    ]
    return {"entities": entities, "relations": relations}


def half(file: str) -> str:
    """The half a text is in: tuning (odd number) or held-back (even), as the docstring says."""
    number = re.match(r"\d+", file)
    if number is None:
        return "unnumbered"
    return "tuning" if int(number.group()) % 2 else "held-back"


def shared_measure(documents: Path, gold_file: Path, scorer_file: Path, out: Path) -> None:
    """Cold and warm predictions written, then scored per half with the shared scorer."""
    seeds = ROOT / "seeds"
    _, known = seed_gold(seeds)
    runs = {
        "cold": KnownNames.empty(),
        "warm": KnownNames.build(k for k, _ in known),
    }
    scorer = _load(scorer_file) if scorer_file.is_file() else None
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8")) if gold_file.is_file() else None
    out.mkdir(parents=True, exist_ok=True)
    for run, names in runs.items():
        predicted = predictions(documents, names)
        written = out / f"predictions-{run}.json"
        written.write_text(json.dumps(predicted, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nshared gold, {run} ({len(predicted)} texts): {written}")
        if scorer is None or gold is None:
            print(f"  NOT SCORED: no scorer at {scorer_file} or no gold at {gold_file}")
            continue
        for part in ("tuning", "held-back"):
            chosen = {f: g for f, g in gold.items() if half(f) == part}
            print(f"  {part} half ({len(chosen)} texts), scorer --lenient:")
            scorer.report(scorer.score(chosen, predicted, lenient=True))
            _breakdown(scorer, chosen, predicted)


KINDS = ("Institution", "City", "Country", "Person", "Programme", "Event")
"""The kinds the shared gold lists (its README)."""


def _breakdown(scorer: Any, gold: dict[str, Any], predicted: dict[str, Any]) -> None:
    """Entities by kind and relationships by broad meaning, each scored by the scorer itself.

    Each figure is the scorer run on the gold and the predictions cut down to one kind (or to
    the relationships of one meaning), so that it counts exactly as the totals do.
    """
    cells = []
    for kind in KINDS:
        g = {f: {**d, "entities": _of_kind(d, kind), "relations": []} for f, d in gold.items()}
        p = {f: {"entities": _of_kind(d, kind), "relations": []} for f, d in predicted.items()}
        t = scorer.score(g, p, lenient=True)["total"]
        if t["ent_gold"] or t["ent_pred"]:
            f1 = scorer.prf(t["ent_tp"], t["ent_pred"], t["ent_gold"])[2]
            cells.append(
                f"{kind} {f1:.2f} ({t['ent_tp']}/{t['ent_gold']}, {t['ent_pred']} proposed)"
            )
    print("    entities by kind: " + ", ".join(cells))
    cells = []
    for meaning in ("involvement", "representation", "place", "network", "framing"):
        g = {f: _meaning(scorer, d, meaning, "from", "to") for f, d in gold.items()}
        p = {f: _meaning(scorer, d, meaning, "from", "to") for f, d in predicted.items()}
        t = scorer.score(g, p, lenient=True)["total"]
        if t["rel_gold"] or t["rel_pred"]:
            f1 = scorer.prf(t["rel_tp"], t["rel_pred"], t["rel_gold"])[2]
            cells.append(
                f"{meaning} {f1:.2f} ({t['rel_tp']}/{t['rel_gold']}, {t['rel_pred']} proposed)"
            )
    print("    relationships by meaning: " + ", ".join(cells))


def _of_kind(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e for e in document.get("entities") or () if e.get("kind") == kind]


def _meaning(scorer: Any, document: dict[str, Any], meaning: str, *ends: str) -> dict[str, Any]:
    """The document with only the relationships of one broad meaning (the scorer's `coarse`)."""
    kinds = {scorer.fold(n): e.get("kind", "?") for e in document.get("entities") or ()
             for n in (e.get("name", ""), *(e.get("aliases") or ()))}  # fmt: skip
    relations = [
        r for r in document.get("relations") or ()
        if _coarse(scorer, r, kinds, ends) == meaning
    ]  # fmt: skip
    return {**document, "relations": relations}


def _coarse(
    scorer: Any, relation: dict[str, Any], kinds: dict[str, str], ends: tuple[str, ...]
) -> str:
    source, target = (kinds.get(scorer.fold(relation.get(end, "")), "?") for end in ends)
    meaning = scorer.coarse(relation["type"], source, target)
    return "representation" if meaning == "REPRESENTS" else str(meaning)


def _load(path: Path) -> Any:
    """The shared scorer as a module: the same code that scores the held-out texts."""
    spec = importlib.util.spec_from_file_location("score_intake", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_names(count: int, seed: int = 7) -> list[KnownName]:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ra", "sen", "tor", "vel", "din", "qua", "bro", "zel", "far"]
    return [
        KnownName(
            f"gen-{i}",
            "Institution",
            " ".join("".join(rng.choices(syllables, k=3)).title() for _ in range(2)) + " Network",
        )
        for i in range(count)
    ]


def generated_documents(count: int, seed: int = 11) -> list[Document]:
    rng = random.Random(seed)
    templates = [
        "The Municipality of Sfax and the {a} Foundation met in Tunis on {d} March 2016. "
        "The workshop was organised by the {a} Foundation with the participation of Mr. {p} {q}.",
        "Le Projet {a} est financé par la Fondation {b}. "
        "La réunion s'est tenue à Marseille les {d} et {e} octobre.",
        "El Ayuntamiento de Málaga organiza un taller en Valencia el {d} de mayo con la Red {b}.",
    ]
    words = ["Azur", "Cedar", "Olive", "Harbour", "Delta", "Sirocco", "Atlas", "Levant"]
    docs = []
    for i in range(count):
        language, template = rng.choice(list(zip(("en", "fr", "es"), templates, strict=True)))
        text = template.format(
            a=rng.choice(words),
            b=rng.choice(words),
            p=rng.choice(words),
            q=rng.choice(words),
            d=rng.randint(1, 14),
            e=rng.randint(15, 28),
        )
        docs.append(Document(text=text, format="text", origin=f"gen-{i}", language=language))
    return docs


def speed(doc_count: int, name_counts: list[int]) -> None:
    documents = generated_documents(doc_count)
    propose(documents[0], KnownNames.empty())  # loads the gazetteer once
    started = time.perf_counter()
    for document in documents:
        propose(document, KnownNames.empty())
    elapsed = time.perf_counter() - started
    rate = doc_count / elapsed
    print(f"\nspeed: {doc_count} generated documents in {elapsed:.2f} s = {rate:.0f} documents/s")
    sample = documents[: min(100, doc_count)]
    for count in name_counts:
        built = time.perf_counter()
        known = KnownNames.build(generated_names(count))
        build = time.perf_counter() - built
        started = time.perf_counter()
        for document in sample:
            propose(document, known)
        per = (time.perf_counter() - started) / len(sample) * 1000
        print(f"  {count:>7} known names: {per:.2f} ms per document (automaton: {build:.2f} s)")


def long_document(kilobytes: int, names: list[KnownName], seed: int = 5) -> Document:
    """About `kilobytes` KB of short sentences naming known institutions, cities and dates."""
    rng = random.Random(seed)
    cities = ["Tunis", "Sfax", "Marseille", "Valencia", "Tétouan", "Beirut"]
    sentences: list[str] = []
    size = 0
    while size < kilobytes * 1000:
        sentence = (
            f"The {rng.choice(names).name} met the {rng.choice(names).name} in "
            f"{rng.choice(cities)} on {rng.randint(1, 28)} May {rng.randint(2010, 2024)}."
        )
        sentences.append(sentence)
        size += len(sentence.encode()) + 1
    return Document(" ".join(sentences), "text", f"{kilobytes} KB", language="en")


def length(kilobytes: list[int]) -> None:
    """Time and Python calls to recognise one document of each size (calls counted apart)."""
    names = generated_names(200)
    known = KnownNames.build(names)
    print("\n| document | seconds | KB/s | Python calls | calls per KB |")
    print("|---|---|---|---|---|")
    for size in kilobytes:
        document = long_document(size, names)
        started = time.perf_counter()
        propose(document, known)
        elapsed = time.perf_counter() - started
        calls = _calls(document, known) if size <= MAX_COUNTED_KB else None
        shown = f"{calls:,}" if calls is not None else "not counted"
        per_kb = f"{calls / size:,.0f}" if calls is not None else ""
        print(f"| {size:,} KB | {elapsed:.2f} | {size / elapsed:.0f} | {shown} | {per_kb} |")


MAX_COUNTED_KB = 300
"""Counting calls slows Python several times over: larger documents are only timed."""


def _calls(document: Document, known: KnownNames) -> int:
    calls = 0

    def count(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        propose(document, known)
    finally:
        sys.setprofile(None)
    return calls


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    shared = next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--seeds-docs", type=Path, default=shared / "seeds")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "gold" / "news.yaml")
    parser.add_argument("--documents", type=Path, default=shared / "data" / "documents")
    parser.add_argument("--shared-gold", type=Path, default=shared / "data/documents/gold.yaml")
    parser.add_argument("--scorer", type=Path, default=shared / "tools" / "score_intake.py")
    parser.add_argument("--out", type=Path, default=Path("."), help="where predictions go")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--names", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--kilobytes", type=int, nargs="*", default=[10, 100, 300, 1000])
    args = parser.parse_args(argv)
    if args.documents.is_dir():
        shared_measure(args.documents, args.shared_gold, args.scorer, args.out)
    else:
        print(f"\nNO SHARED MEASURE: {args.documents} is not a folder of texts")
    if args.seeds_docs.is_dir():
        gold, known = seed_gold(args.seeds)
        _table("gold 1 (seed documents), cold", evaluate(gold, args.seeds_docs))
        _table("gold 1 (seed documents), warm", evaluate(gold, args.seeds_docs, warm=known))
    if args.gold.is_file() and args.documents.is_dir():
        news = read_gold(yaml.safe_load(args.gold.read_text()))
        _table("gold 2 (news), cold", evaluate(news, args.documents))
    speed(args.docs, args.names)
    length(args.kilobytes)


if __name__ == "__main__":
    main()
