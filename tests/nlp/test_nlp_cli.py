"""`graphsvc nlp ...`: each failure says what to do; the commands drive the real engine."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphsvc.cli.app import cli
from graphsvc.config import Settings
from graphsvc.errors import NlpSetupError
from graphsvc.nlp import NlpClient, NlpInstance
from graphsvc.nlp.distribution import ensure_distribution, pom

ANALYSES = Path(__file__).resolve().parent / "analyses"


def test_commands_refuse_when_an_external_engine_is_configured() -> None:
    result = CliRunner().invoke(
        cli, ["nlp", "start"], env={"GRAPHSVC_NLP_URL": "http://127.0.0.1:9"}
    )
    assert result.exit_code == 1
    assert "GRAPHSVC_NLP_URL is set" in result.output and "manages none of its own" in result.output


def test_status_of_an_engine_never_started_exits_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["nlp", "status"], env={"GRAPHSVC_STATE_DIR": str(tmp_path)})
    assert result.exit_code == 3
    assert "state:     stopped" in result.output


def test_missing_maven_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(NlpSetupError, match=r"Maven .* was not found.*GRAPHSVC_NLP_URL"):
        ensure_distribution(tmp_path / "cache", "4.5.10", ["en"], print)


def test_the_pom_asks_only_for_the_chosen_languages() -> None:
    text = pom("4.5.10", ["fr", "en"])
    assert text.count("<artifactId>stanford-corenlp</artifactId>") == 3
    assert "<classifier>models</classifier>" in text
    assert "<classifier>models-french</classifier>" in text
    assert "models-spanish" not in text and "models-arabic" not in text


def test_a_taken_port_is_named(tmp_path: Path) -> None:
    settings = Settings.from_env({**os.environ, "GRAPHSVC_STATE_DIR": str(tmp_path / "state")})
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        instance = NlpInstance(settings, "port-test", port)
        with pytest.raises(NlpSetupError, match=f"port {port} is already in use"):
            instance.start(print)
    assert instance.running_pid() is None


def test_status_env_and_analyse_on_the_running_engine(
    nlp_engine: NlpClient, settings: Settings
) -> None:
    runner = CliRunner()
    if settings.uses_managed_nlp:
        status = runner.invoke(cli, ["--instance", "test", "nlp", "status"])
        assert status.exit_code == 0, status.output
        assert "detail:    answers" in status.output
        env = runner.invoke(cli, ["--instance", "test", "nlp", "env"])
        assert env.output.startswith("export GRAPHSVC_NLP_URL=http://graphsvc:")
    analysed = runner.invoke(
        cli,
        [
            "--instance",
            "test",
            "nlp",
            "analyse",
            str(ANALYSES / "workshop.en.txt"),
            "--language",
            "en",
        ],
    )
    assert analysed.exit_code == 0, analysed.output
    assert "PERSON               Ahmed Ben Salah" in analysed.output
    assert "DATE                 March 2024 = 2024-03" in analysed.output
