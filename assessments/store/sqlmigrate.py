"""The PostgreSQL store's schema version: Alembic's migrations, run by `readygate db upgrade`
(and on a database that has no tables yet, when the store first opens it)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from assessments.errors import InputError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK = 0x7265_6164_7967  # the advisory lock that one migration at a time holds


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest schema revision this version of readygate knows."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None
    return found


def current(connection: Connection) -> str | None:
    """The database's schema revision (None: never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest revision (one migrator at a time); (before, after)."""
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK})
        before = current(connection)
        command.upgrade(_config(connection), "head")
        return before, current(connection) or ""


def ready(engine: Engine) -> None:
    """Make an empty database's tables; InputError when its schema is older or newer than
    this version of readygate knows."""
    with engine.connect() as connection:
        revision = current(connection)
        empty = revision is None and not inspect(connection).get_table_names()
    if empty:
        upgrade(engine)
        return
    if revision != head():
        raise InputError(f"the database's schema is at revision {revision or 'none'}, this "
                         f"readygate needs {head()}: run `readygate db upgrade` (after a "
                         "backup), or use the readygate that wrote it")
