"""Every ```graphql block of README.md and docs/*.md runs against the seeded graph, over HTTP.

The front door and the docs behind it show queries a reader will paste into GraphiQL; each one is
run here as written, so an example cannot drift from the schema or the seeds unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Api

REPO = Path(__file__).resolve().parents[2]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
EXAMPLES = [
    (page.relative_to(REPO).as_posix(), example)
    for page in PAGES
    for example in re.findall(r"```graphql\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
]


def _example_id(example: tuple[str, str]) -> str:
    page, text = example
    first_field = text.split("(")[0].strip("{ \n")
    return f"{page}:{first_field}"


def test_the_readme_and_the_docs_have_examples() -> None:
    pages = {page for page, _ in EXAMPLES}
    assert "README.md" in pages, "README.md should show at least one GraphQL query"
    assert "docs/api.md" in pages, "docs/api.md should show the API's queries"


@pytest.mark.parametrize("example", EXAMPLES, ids=[_example_id(e) for e in EXAMPLES])
def test_documented_example_runs(api: Api, example: tuple[str, str]) -> None:
    data = api.data(example[1])
    assert all(value is not None for value in data.values()), data
