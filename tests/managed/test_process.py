"""The managed-process core with real processes: what start, stop and status rely on.

Neo4j and CoreNLP take tens of seconds to start, so their own tests cannot afford to exercise a
server that ignores SIGTERM or dies while starting; a Python process standing in for a server
shows the core's side of those cases, with the exact messages the CLI prints.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from graphsvc.managed import ManagedProcess, process_alive


class Sleeper(ManagedProcess):
    """A stand-in server: a Python process that names its home on its command line."""

    label = "test server"
    program = "Sleeper"
    pid_name = "sleeper.pid"
    stop_timeout_s = 1.0
    stop_poll_s = 0.05
    start_timeout_s = 30.0
    start_poll_s = 0.05

    @property
    def address(self) -> str:
        return "nowhere"

    def _log_tail(self, count: int = 15) -> str:
        return (self.home / "log").read_text(encoding="utf-8").strip() or "(no log output)"

    def _port_in_use(self, port: int, exc: OSError) -> Exception:
        return ValueError(f"port {port} taken ({exc.strerror})")

    def launch(self, code: str) -> int:
        (self.home / "run").mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-c", code, str(self.home)]
        return self._launch(command, dict(os.environ), self.home / "log")


def _wait_for_log(server: Sleeper, text: str) -> None:
    log = server.home / "log"
    while not log.is_file() or text not in log.read_text(encoding="utf-8"):
        time.sleep(0.02)


def test_stop_ends_the_server_and_says_so(tmp_path: Path) -> None:
    server = Sleeper(tmp_path / "one", "one")
    pid = server.launch("import time; time.sleep(600)")
    assert server.running_pid() == pid
    said: list[str] = []
    assert server.stop(said.append) is True
    assert said == [f"Stopping test server 'one' (pid {pid}) ...", "Stopped."]
    assert not process_alive(pid)
    assert server.running_pid() is None
    assert not server.pid_file.exists()
    said.clear()
    assert server.stop(said.append) is False
    assert said == ["Test server 'one' is not running."]


def test_a_server_that_ignores_sigterm_is_killed(tmp_path: Path) -> None:
    server = Sleeper(tmp_path / "deaf", "deaf")
    pid = server.launch(
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(600)"
    )
    _wait_for_log(server, "ready")
    said: list[str] = []
    assert server.stop(said.append) is True
    assert said[1:] == ["It did not stop within 1 s; killing it.", "Stopped."]
    # stop() sends SIGKILL and returns; the kernel ends the process a moment later.
    with contextlib.suppress(ChildProcessError):  # already reaped by process_alive
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert not process_alive(pid)


def test_a_pid_file_naming_another_program_is_not_the_server(tmp_path: Path) -> None:
    server = Sleeper(tmp_path / "reused", "reused")
    (server.home / "run").mkdir(parents=True)
    server.pid_file.write_text(str(os.getpid()), encoding="utf-8")  # pytest: alive, not ours
    assert server.running_pid() is None
    said: list[str] = []
    assert server.stop(said.append) is False
    assert process_alive(os.getpid())


def test_a_server_dying_while_starting_is_named_with_its_log(tmp_path: Path) -> None:
    server = Sleeper(tmp_path / "dies", "dies")
    pid = server.launch("print('no models here', flush=True); raise SystemExit(1)")

    def never() -> None:
        raise ConnectionError("nothing answers")

    with pytest.raises(RuntimeError) as caught:
        server._wait_until_answering(pid, never, ConnectionError, RuntimeError, print)
    assert str(caught.value) == "Sleeper exited during start-up. Last log lines:\nno models here"


def test_a_taken_port_is_named_before_anything_starts(tmp_path: Path) -> None:
    server = Sleeper(tmp_path / "port", "port")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(ValueError, match=rf"^port {port} taken \(Address already in use\)$"):
            server._check_port_free(port)
    assert not server.home.exists()
