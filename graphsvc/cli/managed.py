"""The commands every managed server's group has: start, stop and status.

`graphsvc neo4j` and `graphsvc nlp` run different servers the same way: start waits until the
server answers and prints its status, stop stops it, status prints where it is and exits 3 when
it does not answer (so scripts can wait on it). The shape is written here once; each group gives
its own help texts, port option and way to find its instance.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.managed.process import Reporter

NOT_ANSWERING_EXIT = 3
"""`status`'s exit code when the server is not running or does not answer."""


class Status(Protocol):
    """What a server's status says."""

    @property
    def answering(self) -> bool: ...

    def describe(self) -> str: ...


class Server(Protocol):
    """A managed server as the commands use it."""

    def start(self, say: Reporter = ...) -> Status: ...

    def stop(self, say: Reporter = ...) -> bool: ...

    def status(self) -> Status: ...


def add_lifecycle_commands(
    group: click.Group,
    instance: Callable[[AppContext, int | None], Server],
    port_option: Callable[[Callable[..., None]], Callable[..., None]],
    *,
    start_help: str,
    stop_help: str,
    status_help: str,
) -> None:
    """Add `start` (with `port_option`), `stop` and `status` to `group`.

    `instance(app, port)` finds the server (port None: its own or the settings' port).
    """

    @group.command("start", help=start_help)
    @port_option
    @pass_app
    def start(app: AppContext, /, **port: int | None) -> None:
        click.echo(instance(app, *port.values()).start(say).describe())

    @group.command("stop", help=stop_help)
    @pass_app
    def stop(app: AppContext) -> None:
        instance(app, None).stop(say)

    @group.command("status", help=status_help)
    @pass_app
    def status(app: AppContext) -> None:
        result = instance(app, None).status()
        click.echo(result.describe())
        if not result.answering:
            raise SystemExit(NOT_ANSWERING_EXIT)
