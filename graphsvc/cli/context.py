"""What every command shares: the settings, the chosen managed instance, and error reporting."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import click

from graphsvc.config import Settings
from graphsvc.errors import GraphsvcError
from graphsvc.store.database import Database

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class AppContext:
    """Passed to every command through click's context object."""

    settings: Settings
    instance: str

    def connect(self) -> Database:
        return Database.connect(self.settings, self.instance)


pass_app = click.make_pass_decorator(AppContext)


def reports_errors(command: F) -> F:
    """Turn graphsvc's own errors into a clean message and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GraphsvcError as exc:
            raise click.ClickException(str(exc)) from exc

    return cast(F, wrapper)


def say(message: str) -> None:
    """Progress and status lines go to stderr, leaving stdout for results."""
    click.echo(message, err=True)
