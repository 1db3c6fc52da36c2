"""What every command shares: the settings, the chosen managed instance, and error reporting.

Errors are converted once, by the root group (`ReportingGroup`): a command raises graphsvc's own
errors and never catches them to print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from graphsvc.config import Settings
from graphsvc.errors import GraphsvcError
from graphsvc.store.database import Database


@dataclass(frozen=True)
class AppContext:
    """Passed to every command through click's context object."""

    settings: Settings
    instance: str

    def connect(self) -> Database:
        return Database.connect(self.settings, self.instance)


pass_app = click.make_pass_decorator(AppContext)


class ReportingGroup(click.Group):
    """The root group: graphsvc's own errors become a clean message and exit status 1.

    Every command and subgroup runs inside the root group's `invoke`, so this is the one place
    where a `GraphsvcError` turns into what the user sees; anything else keeps its traceback,
    which is a bug to report.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphsvcError as exc:
            raise click.ClickException(str(exc)) from exc


def say(message: str) -> None:
    """Progress and status lines go to stderr, leaving stdout for results."""
    click.echo(message, err=True)
