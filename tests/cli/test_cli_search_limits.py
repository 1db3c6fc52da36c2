"""`graphsvc search` with text longer than a search may be: a message stating the limit."""

from __future__ import annotations

from click.testing import CliRunner

from graphsvc.cli.app import cli
from graphsvc.store.search_text import MAX_SEARCH_CHARACTERS, MAX_SEARCH_WORDS


def test_search_text_too_long_is_a_clear_message() -> None:
    runner = CliRunner()
    for text, limit in (
        ("a" * 1001, f"at most {MAX_SEARCH_CHARACTERS} are allowed"),
        ("ab " * 2000, f"at most {MAX_SEARCH_CHARACTERS} are allowed"),
        ("ab " * (MAX_SEARCH_WORDS + 1), f"at most {MAX_SEARCH_WORDS} are allowed"),
    ):
        result = runner.invoke(cli, ["--instance", "test", "search", text])
        assert result.exit_code == 1
        assert limit in result.output and "Traceback" not in result.output
