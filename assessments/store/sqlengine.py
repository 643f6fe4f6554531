"""The PostgreSQL store's connections: one engine (a pool) per database URL and process,
and what every part of the store (assessments.store.sqlstore) does with them —
transactions, a batch of operations in one transaction, locks, and changing one record."""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, and_, create_engine, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from assessments.errors import InputError, NotFound
from assessments.store import sqlmigrate
from assessments.store import sqlschema as t
from assessments.store.records import check_slug, record_from, to_doc

T = TypeVar("T")


_engines: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """The process's engine (its pool of connections) for a PostgreSQL URL, made on first
    use with the schema checked; InputError naming the problem with the URL or schema."""
    found = _engines.get(url)
    if found is None:
        found = connected(url)
        try:
            sqlmigrate.ready(found)
        except BaseException:
            found.dispose()
            raise
        _engines[url] = found
    return found


def connected(url: str) -> Engine:
    """A new engine for `url` whose database answers (InputError saying why it does not)."""
    engine = _engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as err:
        engine.dispose()
        reason = str(err.orig or err).strip().splitlines()[0]
        raise InputError(f"cannot reach the database {shown(engine.url)}: {reason}") from None
    _forget_after_fork(engine)
    return engine


def release(url: str) -> None:
    """Close the process's connections to `url` (a test's database, before it goes)."""
    found = _engines.pop(url, None)
    if found is not None:
        found.dispose()


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError("the database URL is not valid: use postgresql+psycopg://USER@HOST/"
                         "DATABASE") from None
    if parsed.get_backend_name() != "postgresql":
        raise InputError(f"readygate keeps data in PostgreSQL, not {parsed.get_backend_name()}: "
                         "use postgresql+psycopg://USER@HOST/DATABASE")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)


def shown(url: URL) -> str:
    """A database URL as messages show it: no password, in its place or in the query."""
    return url.difference_update_query(["password"]).render_as_string(hide_password=True)


def _forget_after_fork(engine: Engine) -> None:
    # A forked worker must not share its parent's connections (SQLAlchemy's pooling
    # guidance): it opens its own.
    ref = weakref.ref(engine)

    def reset() -> None:
        found = ref()
        if found is not None:
            found.dispose(close=False)

    os.register_at_fork(after_in_child=reset)


class SqlPart:
    """A base of SqlStore: its engine, and the transactions every part of it uses."""

    engine: Engine
    _local: threading.local
    """This thread's batch connection, when `batch()` is open."""

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every operation of this thread inside the block is one transaction: committed at
        its end, rolled back whole if it raises (`readygate db copy` loads a store so)."""
        with self.engine.begin() as c:
            self._local.batch = c
            try:
                yield
            finally:
                self._local.batch = None

    # -- internals ---------------------------------------------------------------------

    def _begin(self) -> AbstractContextManager[Connection]:
        return self._connection(begin=True)

    def _connect(self) -> AbstractContextManager[Connection]:
        return self._connection(begin=False)

    @contextmanager
    def _connection(self, *, begin: bool) -> Iterator[Connection]:
        """The batch's connection when one is open, else a new transaction (`begin`: it
        commits at the end) or a connection that only reads."""
        held = getattr(self._local, "batch", None)
        if held is not None:
            yield held
            return
        with self.engine.begin() if begin else self.engine.connect() as c:
            yield c

    @staticmethod
    def _exists(c: Connection, assessment_id: str) -> bool:
        return c.scalar(select(t.assessments.c.id).where(
            t.assessments.c.id == assessment_id)) is not None

    def _require(self, c: Connection, assessment_id: str) -> None:
        check_slug(assessment_id)
        if not self._exists(c, assessment_id):
            raise NotFound(f"no assessment {assessment_id!r}")

    @staticmethod
    def _lock(c: Connection, *parts: str) -> None:
        """Hold an advisory lock on what `parts` name until the transaction ends."""
        c.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                  {"key": "\x1f".join(parts)})

    def _docs(self, table: Table, assessment: str, cls: type[T]) -> list[T]:
        with self._connect() as c:
            self._require(c, assessment)
            rows = c.execute(select(table.c.doc).where(table.c.assessment == assessment)
                             .order_by(table.c.seq))
            return [record_from(cls, doc) for (doc,) in rows]

    def _change_in(self, table: Table, assessment: str, ident: str, cls: type[T],
                   change: Callable[[T], T], missing: str) -> T:
        with self._begin() as c:
            return self._change_row(c, table, assessment, ident, cls, change, missing)

    def _change_row(self, c: Connection, table: Table, assessment: str, ident: str,
                    cls: type[T], change: Callable[[T], T], missing: str) -> T:
        self._require(c, assessment)
        return self._change_locked(c, table, and_(table.c.assessment == assessment,
                                                  table.c.id == ident), cls, change, "id",
                                   missing)

    def _change(self, table: Table, where: Any, cls: type[T], change: Callable[[T], T],
                key_name: str, missing: str) -> T:
        with self._begin() as c:
            return self._change_locked(c, table, where, cls, change, key_name, missing)

    @staticmethod
    def _change_locked(c: Connection, table: Table, where: Any, cls: type[T],
                       change: Callable[[T], T], key_name: str, missing: str) -> T:
        doc = c.scalar(select(table.c.doc).where(where).with_for_update())
        if doc is None:
            raise NotFound(missing)
        old = record_from(cls, doc)
        new = change(old)
        if getattr(new, key_name) != getattr(old, key_name):
            raise ValueError(f"a change keeps the {key_name}")
        c.execute(update(table).where(where).values(doc=to_doc(new)))
        return new
