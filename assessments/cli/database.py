"""`readygate db`: the PostgreSQL store's schema, and moving a store between engines."""

from __future__ import annotations

from pathlib import Path

import click

from assessments.cli.group import current_settings, friendly, main
from assessments.errors import InputError


def _is_url(place: str) -> bool:
    return "://" in place


def _database_url(given: str | None) -> str:

    from assessments.store.interface import database_url

    url = given or database_url(current_settings().project.database_url)
    if not url:
        raise InputError("no database to upgrade: give --url, set READYGATE_DATABASE_URL or "
                         "database_url in readygate.toml")
    return url


@main.group()
def db() -> None:
    """The PostgreSQL store: its schema, and copying a store between engines."""


@db.command()
@click.option("--url", default=None, metavar="URL",
              help="postgresql+psycopg://USER@HOST/DATABASE (default: READYGATE_DATABASE_URL, "
                   "else the project's database_url).")
@friendly
def upgrade(url: str | None) -> None:
    """Bring the database's tables to this version of readygate (back it up first).

    A new, empty database needs no upgrade: the first command that opens it makes its
    tables. Several servers may run this at once; one migrates, the others wait.
    """
    from assessments.store import sqlmigrate
    from assessments.store.sqlengine import connected

    engine = connected(_database_url(url))
    try:
        before, after = sqlmigrate.upgrade(engine)
    finally:
        engine.dispose()
    click.echo(f"schema at revision {after}" + (" (it was already)" if before == after
                                                else f" (was {before or 'empty'})"))


@db.command()
@click.option("--from", "source", required=True, metavar="DATA_DIR|URL",
              help="The store to copy: a data folder, or a postgresql+psycopg:// URL.")
@click.option("--to", "target", required=True, metavar="DATA_DIR|URL",
              help="Where to: a new data folder, or an empty PostgreSQL database's URL.")
@friendly
def copy(source: str, target: str) -> None:
    """Copy a whole store between engines, then verify counts and a checksum of every
    response; the source is left as it is.

    \b
    TinyDB to PostgreSQL:  readygate db copy --from data --to postgresql+psycopg://…/readygate
    and back:              readygate db copy --from postgresql+psycopg://… --to data-copy

    The target must be empty and receives the copy in one write. Sellers log in again
    afterwards (the session key is not copied).
    """
    from assessments.store import copy as copying
    from assessments.store.filestore import FileStore
    from assessments.store.interface import Store
    from assessments.store.sqlstore import SqlStore

    if source == target:
        raise InputError("--from and --to are the same store")
    local = current_settings().data
    if _is_url(source):
        source_store: Store = SqlStore(source, local)
    else:
        folder = Path(source)
        if not (folder / "assessments").is_dir() and not (folder / "users.json").is_file():
            raise InputError(f"{folder} is not a readygate data folder (it has no "
                             "assessments/ and no users.json)")
        source_store = FileStore(folder)

    def say(line: str) -> None:
        click.echo(f"  {line}", err=True)

    if _is_url(target):
        found = copying.copy_store(source_store, SqlStore(target, local), say)
    else:
        found = copying.copy_into_folder(source_store, Path(target), say)
    click.echo(copying.summary(found))
    click.echo(f"copied and verified: the counts above and a SHA-256 of the responses of "
               f"each of {len(found.checksums)} assessments are equal in both stores")
