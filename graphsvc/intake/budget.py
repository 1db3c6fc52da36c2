"""How long intake's own work on one document may take, and whether anyone still waits for it.

Recognising a document and building an acceptance are Python work in a worker thread: a thread
cannot be killed, and a caller that stops waiting for it (a timeout, a client gone, a server
stopping) does not stop it. So the work checks its `Budget` as it goes, between steps that each
take a bounded time, and stops with `IntakeStopped` before it writes anything: when its time runs
out (`GRAPHSVC_INTAKE_BUDGET`) or when `cancel` was called. The write that follows is bounded by
Neo4j's transaction timeout instead, so that a write either commits whole or not at all.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from types import FrameType
from typing import Any

from graphsvc.errors import IntakeStopped

SETTING = "GRAPHSVC_INTAKE_BUDGET"


class Budget:
    """A deadline and a stop flag for one document's work, safe to cancel from another thread."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self._deadline = None if seconds is None else self.started + seconds
        self._cancelled = threading.Event()
        self._why = ""

    @classmethod
    def unlimited(cls) -> Budget:
        """No deadline (the CLI's own runs); still cancellable."""
        return cls(None)

    def cancel(self, why: str = "its caller went away") -> None:
        """Ask the work to stop at its next check (from any thread)."""
        self._why = why
        self._cancelled.set()

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self.started

    def check(self, stage: str) -> None:
        """Raise IntakeStopped, naming `stage`, when the budget is spent or the work cancelled."""
        if self._cancelled.is_set():
            raise IntakeStopped(
                f"{stage} stopped after {self.elapsed_s:.1f} s because {self._why}; "
                "nothing was written"
            )
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise IntakeStopped(
                f"{stage} took more than the {self.seconds:g} s intake may spend on one document "
                f"({SETTING}); nothing was written: send a shorter text, or raise {SETTING}"
            )


class Running:
    """The budgets of the work under way in this process, so that a stopping server ends it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._budgets: set[Budget] = set()
        self._stopping: str | None = None

    def add(self, budget: Budget) -> None:
        """Track `budget`; once the process is stopping, it is cancelled at once.

        A request whose body was still arriving when the stop came starts its work after
        `cancel_all`: without this it would run to the end and write, however long it takes.
        """
        with self._lock:
            self._budgets.add(budget)
            stopping = self._stopping
        if stopping is not None:
            budget.cancel(stopping)

    def resume(self) -> None:
        """Take work again (an app starting in this process after another one stopped)."""
        with self._lock:
            self._stopping = None

    def discard(self, budget: Budget) -> None:
        with self._lock:
            self._budgets.discard(budget)

    def __len__(self) -> int:
        with self._lock:
            return len(self._budgets)

    def cancel_all(self, why: str) -> int:
        """Cancel every budget under way, and any added later; how many there were."""
        with self._lock:
            self._stopping = why
            budgets = list(self._budgets)
        for budget in budgets:
            budget.cancel(why)
        return len(budgets)


RUNNING = Running()
"""The process's work under way (the API and the pages register theirs; shutdown cancels them)."""


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def stop_work_on_exit_signals() -> bool:
    """Chain the process's SIGINT/SIGTERM handlers so that they first cancel the work under way.

    Each of `graphsvc serve --workers N`'s worker processes runs uvicorn's own server, which on
    SIGTERM waits for the requests under way: one recognising a long text would keep the worker,
    and so the whole server, running for minutes. Called from the app's start-up, after uvicorn
    has installed its handlers, in the main thread only (a server run in a thread, as the tests
    do, handles no signals). False when nothing was chained.
    """
    if threading.current_thread() is not threading.main_thread():
        return False
    for number in STOP_SIGNALS:
        previous = signal.getsignal(number)

        def stop_then(sig: int, frame: FrameType | None, previous: Any = previous) -> None:
            RUNNING.cancel_all("the server is stopping")
            if callable(previous):
                previous(sig, frame)
            elif previous == signal.SIG_DFL and sig == signal.SIGINT:
                signal.default_int_handler(sig, frame)
            elif previous == signal.SIG_DFL:
                sys.exit(128 + sig)

        signal.signal(number, stop_then)
    return True
