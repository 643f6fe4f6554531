"""The `readygate` group: its shared options, the settings they resolve to, and error handling.

Library code raises plain exceptions; only this module turns them into exit
codes and one-line messages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assessments.errors import InputError
from assessments.paths import DEFAULT_DATA
from scoring.responses import MIN_GROUP

if TYPE_CHECKING:
    import questionnaires
    from assessments.project.config import Project
    from assessments.store.interface import Store

# Each command imports what it needs when it runs: `readygate --help` loads no web, storage
# or PDF library.

F = TypeVar("F", bound=Callable[..., Any])


def friendly(command: F) -> F:
    """Turn the library's exceptions into one-line messages and exit code 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except Exception as err:
            import questionnaires
            from assessments.errors import NotFound

            if isinstance(err, InputError | NotFound | ValueError):
                # str() of a KeyError (NotFound) quotes its message; show the message itself.
                message = err.args[0] if isinstance(err, KeyError) and err.args else str(err)
                raise click.ClickException(str(message)) from None
            if isinstance(err, questionnaires.DefinitionError):
                raise click.ClickException(f"the definitions have problems (run `readygate "
                                           f"check`):\n{err}") from None
            raise

    return run  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readygate")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              envvar="READYGATE_CONFIG", default=None,
              help="The project's settings file (default: the nearest readygate.toml in this "
                   "folder or a parent; also READYGATE_CONFIG).")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              envvar="READYGATE_DATA", default=None,
              help="Data directory (also READYGATE_DATA; default: the project's `data`, "
                   f"else ./{DEFAULT_DATA}).")
@click.option("--min-group", type=click.IntRange(min=2), envvar="READYGATE_MIN_GROUP",
              default=None,
              help="Show confidential customer answers only in totals over this many people "
                   f"(also READYGATE_MIN_GROUP; default: the project's, else {MIN_GROUP}).")
@click.pass_context
def main(ctx: click.Context, config_file: Path | None, data: Path | None,
         min_group: int | None) -> None:
    """readygate: questionnaires to forms, readiness scores, a static site and PDF reports.

    Every command reads the project's readygate.toml (see `readygate init`); an option
    (or READYGATE_DATA, READYGATE_MIN_GROUP, READYGATE_URL) wins over it.
    """
    ctx.obj = Options(config_file, data, min_group)


@dataclass(frozen=True)
class Options:
    """The options every command shares, as given (None: not given)."""

    config: Path | None
    data: Path | None
    min_group: int | None


@dataclass(frozen=True)
class Settings:
    """The options every command shares, over the project's settings and the defaults."""

    data: Path
    min_group: int
    project: Project


def current_settings() -> Settings:
    """The settings, read once per command: a broken config stops commands, not --help."""
    ctx = click.get_current_context().find_root()
    found = ctx.meta.get("readygate.settings")
    if found is None:
        from assessments.project.config import locate

        given: Options = ctx.obj
        project = locate(given.config, Path.cwd())
        found = Settings(given.data or project.data,
                         given.min_group if given.min_group is not None else project.min_group,
                         project)
        ctx.meta["readygate.settings"] = found
    assert isinstance(found, Settings)
    return found


def open_store(*, create: bool = False) -> Store:
    """The store; a command that only reads refuses a data directory that does not exist
    (with a database URL, the folder keeps only caches and is made when needed)."""

    from assessments.store import interface

    settings = current_settings()
    data = settings.data
    url = interface.database_url(settings.project.database_url)
    if data.exists() and not data.is_dir():
        raise InputError(f"{data} is a file, not a data directory: give --data a folder (or "
                         "set `data` in readygate.toml)")
    if not create and not url and not data.is_dir():
        raise InputError(f"no data directory at {data}: run `readygate init` to start a "
                         "project, or give --data DIR (or READYGATE_DATA)")
    return interface.open_store(data, url)


def project_library() -> questionnaires.Library:
    """The project's definitions beside the built-ins (unless the project leaves them out)."""
    import questionnaires

    project = current_settings().project
    return questionnaires.load_library(project.definitions,
                                       builtins=project.builtin_questionnaires)


def load_definitions() -> dict[str, questionnaires.Questionnaire]:
    """The loaded, checked definitions by id."""
    return {q.id: q for q in project_library().questionnaires}
