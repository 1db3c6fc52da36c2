"""`graphsvc load`: read, validate, then write, in that order and only if validation passes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphsvc.errors import SeedError
from graphsvc.ingest.validate import validate_documents
from graphsvc.ingest.yaml_reader import read_seed_documents
from graphsvc.model.records import GraphData
from graphsvc.model.types import DomainModel
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.writer import LoadReport, Progress, write_graph


def read_graph(path: Path, model: DomainModel) -> GraphData:
    """Parse and validate every seed file under `path`; SeedError lists all problems found."""
    documents, problems = read_seed_documents(path)
    try:
        data = validate_documents(documents, model)
    except SeedError as exc:
        raise SeedError(problems + exc.problems) from None
    if problems:
        raise SeedError(problems)
    return data


@dataclass(frozen=True)
class LoadResult:
    """The validated data and, unless it was a dry run, what writing it changed."""

    data: GraphData
    report: LoadReport | None


def load(
    path: Path, model: DomainModel, database: Database | None, progress: Progress | None = None
) -> LoadResult:
    """Validate `path` and, given a database, write it there (constraints and indexes first)."""
    data = read_graph(path, model)
    if database is None:
        return LoadResult(data, None)
    ensure_schema(database, model)
    return LoadResult(data, write_graph(database, data, model, progress))
