"""The daemon process of a managed server: its directory, pid file, metadata, start and stop."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import time
from collections.abc import Callable
from pathlib import Path

Reporter = Callable[[str], None]


class ManagedProcess:
    """A server process that graphsvc starts from `home` and finds again by its pid file.

    Subclasses say what they are called in messages (`label`), where their pid is kept, how long
    a stop may take, and what a finished stop leaves behind.
    """

    label = "server"
    """How messages name the instance, e.g. "Neo4j instance" (its name follows)."""
    program = "the server"
    """How messages name the program that runs, e.g. "Neo4j"."""
    pid_name = "server.pid"
    listen_host = "127.0.0.1"
    """The address the server binds, so the port check before a start binds it too."""
    start_timeout_s = 180.0
    start_poll_s = 0.5
    start_report_every_s = 10.0
    stop_timeout_s = 30.0
    stop_poll_s = 0.5

    def __init__(self, home: Path, name: str) -> None:
        self.home = home
        self.name = name

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / self.pid_name

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def metadata_file(self) -> Path:
        return self.home / "instance.json"

    def running_pid(self) -> int | None:
        """The pid of this instance's server process, if one is alive."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None
        if not process_alive(pid):
            return None
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists() and str(self.home).encode() not in cmdline.read_bytes():
            return None  # the pid was reused by another program
        return pid

    def stop(self, say: Reporter = print) -> bool:
        """Stop the server (SIGTERM, then SIGKILL after `stop_timeout_s`); False if not running."""
        label = f"{self.label} {self.name!r}"
        pid = self.running_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            say(f"{label[0].upper()}{label[1:]} is not running.")
            return False
        say(f"Stopping {label} (pid {pid}) ...")
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout_s
        while process_alive(pid) and time.monotonic() < deadline:
            time.sleep(self.stop_poll_s)
        if process_alive(pid):
            say(f"It did not stop within {self.stop_timeout_s:.0f} s; killing it.")
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        say(self._stopped_message())
        return True

    def _stopped_message(self) -> str:
        return "Stopped."

    @property
    def address(self) -> str:
        """Where the server answers, for messages."""
        raise NotImplementedError

    def _log_tail(self, count: int = 15) -> str:
        """The last lines of the server's logs, for a message about a failed start."""
        raise NotImplementedError

    def _wait_until_answering(
        self,
        pid: int,
        attempt: Callable[[], object],
        fails_with: type[Exception],
        error: Callable[[str], Exception],
        say: Reporter,
    ) -> None:
        """Call `attempt` until it no longer raises `fails_with`, while process `pid` lives.

        Raises `error(message)` when the process dies first or after `start_timeout_s`, the
        message ending with the log's last lines; says "still starting" every
        `start_report_every_s` so that a long start does not look hung.
        """
        started = time.monotonic()
        deadline = started + self.start_timeout_s
        next_report = started + self.start_report_every_s
        while True:
            if not process_alive(pid):
                raise error(
                    f"{self.program} exited during start-up. Last log lines:\n{self._log_tail()}"
                )
            try:
                attempt()
                return
            except fails_with as exc:
                if time.monotonic() >= deadline:
                    raise error(
                        f"{self.program} did not answer on {self.address} within "
                        f"{self.start_timeout_s:.0f} s ({exc}). Last log lines:\n"
                        f"{self._log_tail()}"
                    ) from exc
            if time.monotonic() >= next_report:
                say(f"  still starting ({time.monotonic() - started:.0f} s) ...")
                next_report += self.start_report_every_s
            time.sleep(self.start_poll_s)

    def _check_port_free(self, port: int) -> None:
        """Fail before anything is fetched or started when another program holds `port`."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((self.listen_host, port))
            except OSError as exc:
                raise self._port_in_use(port, exc) from exc

    def _port_in_use(self, port: int, exc: OSError) -> Exception:
        """The error that names the taken port and how to choose another."""
        raise NotImplementedError

    def _launch(self, command: list[str], env: dict[str, str], log: Path) -> int:
        """Spawn `command` as this instance's daemon and record its pid."""
        pid = spawn_daemon(command, env, log)
        self.pid_file.write_text(str(pid), encoding="utf-8")
        return pid

    def _metadata(self) -> dict[str, object]:
        try:
            data = json.loads(self.metadata_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _store_metadata(self, metadata: dict[str, object]) -> None:
        self.metadata_file.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")

    def _store_password(self, password: str) -> None:
        """Keep the generated password readable by this user only (mode 600)."""
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")


def log_tail(path: Path, count: int) -> list[str]:
    """The last `count` lines of a log file (none if it does not exist)."""
    if not path.is_file():
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines()[-count:]


def spawn_daemon(command: list[str], env: dict[str, str], log: Path) -> int:
    """Start `command` in a session of its own, output appended to `log`, and return its pid.

    posix_spawn rather than subprocess.Popen: the server must outlive this process, and a Popen
    object for a child that is meant to keep running only produces warnings when collected.
    """
    return os.posix_spawn(
        command[0],
        command,
        env,
        file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
            (os.POSIX_SPAWN_DUP2, 1, 2),
        ],
        setsid=True,
    )


def process_alive(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie is not), reaping it if it is our own child."""
    with contextlib.suppress(ChildProcessError):  # not our child: its own parent reaps it
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child and has exited
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        fields = stat.read_text(encoding="utf-8", errors="replace").rsplit(")", 1)[-1].split()
        return not fields or fields[0] != "Z"
    return True
