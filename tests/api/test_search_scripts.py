"""Names in Arabic script are found through the API and the CLI like any other name."""

from click.testing import CliRunner
from conftest import Api

from graphsvc.cli.app import cli
from graphsvc.store.database import Database


def test_search_finds_arabic_aliases(api: Api) -> None:
    data = api.data(
        '{ tunis: search(text: "تونس") { node { slug } exact } '
        'voweled: search(text: "تُونِس") { node { slug } exact } '
        'sfax: search(text: "صفاقس", kinds: [CITY]) { node { slug name aliases } exact } }'
    )
    assert data["tunis"][0] == {"node": {"slug": "tunis"}, "exact": True}
    assert data["voweled"][0] == {"node": {"slug": "tunis"}, "exact": True}
    assert data["sfax"][0]["node"]["slug"] == "sfax" and data["sfax"][0]["exact"]
    assert "صفاقس" in data["sfax"][0]["node"]["aliases"]


def test_cli_search_finds_arabic_aliases(api: Api, database: Database) -> None:
    result = CliRunner().invoke(cli, ["--instance", "test", "search", "تونس"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split()[:3] == ["=", "City", "tunis"]
