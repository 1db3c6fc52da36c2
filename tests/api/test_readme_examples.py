"""Every ```graphql block of README.md runs against the seeded graph, over HTTP, without errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Api

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.split("(")[0].strip("{ \n") for e in EXAMPLES])
def test_readme_example_runs(api: Api, example: str) -> None:
    data = api.data(example)
    assert all(value is not None for value in data.values()), data
