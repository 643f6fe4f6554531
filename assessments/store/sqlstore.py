"""The PostgreSQL store: the Store (assessments.store.interface) in one database.

Selected by a `postgresql+psycopg://` URL (the project's `database_url` or
READYGATE_DATABASE_URL); several workers and several app servers share it. Every operation
is one transaction. A write that depends on what is stored takes a row lock (`FOR UPDATE`)
or a transaction-scoped advisory lock on what it depends on — a respondent's answers to
one questionnaire, an assessment's imports — so two writers at once lose nothing and a
respondent never has two current answers, while posts of different respondents proceed
side by side. The local data folder (`root`) keeps only what each machine caches.

The connections and what every part uses of them live in sqlengine.py; the links and
their token index in sqllinks.py, drafts and the mutual action plan in sqlworktables.py.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert

from assessments.errors import InputError, NotFound
from assessments.store import atomic
from assessments.store import sqlschema as t
from assessments.store.interface import SECRET_ENV, check_document
from assessments.store.records import (
    ResponseRecord,
    User,
    assessment_from,
    check_slug,
    filled,
    record_from,
    seller_named,
    to_doc,
)
from assessments.store.shards import key, unseen
from assessments.store.sqlengine import engine_for, shown
from assessments.store.sqllinks import SqlLinks
from assessments.store.sqlworktables import SqlWorkTables
from scoring.assess import Assessment

if TYPE_CHECKING:
    from assessments.store.sqllimits import SqlLimits

RECORD_COLUMNS = tuple(f.name for f in dataclasses.fields(ResponseRecord))


class SqlStore(SqlLinks, SqlWorkTables):
    """Assessments, responses, links, plans, drafts, users and documents in PostgreSQL."""

    def __init__(self, url: str, root: str | Path) -> None:
        self.root = Path(root).absolute()
        self.url = url
        self.engine = engine_for(url)
        self._local = threading.local()
        atomic.make_dirs(self.root)

    def __repr__(self) -> str:
        return f"SqlStore({self.place!r})"

    @property
    def place(self) -> str:
        """Where the data is, for messages: the database's URL without its password."""
        return shown(self.engine.url)

    # -- assessments -------------------------------------------------------------------

    def assessments(self) -> list[Assessment]:
        """Every assessment, sorted by id."""
        with self._connect() as c:
            rows = c.execute(select(t.assessments.c.doc).order_by(t.assessments.c.id))
            return [assessment_from(doc) for (doc,) in rows]

    def assessment(self, assessment_id: str) -> Assessment:
        """The assessment with this id (NotFound if there is none)."""
        check_slug(assessment_id)
        with self._connect() as c:
            doc = c.scalar(select(t.assessments.c.doc)
                           .where(t.assessments.c.id == assessment_id))
        if doc is None:
            raise NotFound(f"no assessment {assessment_id!r}")
        return assessment_from(doc)

    def has_assessment(self, assessment_id: str) -> bool:
        """Whether an assessment with this id exists."""
        check_slug(assessment_id)
        with self._connect() as c:
            return self._exists(c, assessment_id)

    def save_assessment(self, a: Assessment) -> None:
        """Create the assessment, or replace the one with the same id."""
        check_slug(a.id)
        statement = upsert(t.assessments).values(id=a.id, doc=to_doc(a))
        with self._begin() as c:
            c.execute(statement.on_conflict_do_update(index_elements=["id"],
                                                      set_={"doc": statement.excluded.doc}))

    # -- responses ---------------------------------------------------------------------

    def add_response(self, r: ResponseRecord, *, replaces: bool = False) -> ResponseRecord:
        """Store one response; with `replaces`, the respondent's current answer to the same
        questionnaire (and week) is superseded in the same transaction."""
        stored = filled(r)
        with self._begin() as c:
            self._require(c, stored.assessment)
            if replaces:
                self._lock(c, "answerer", stored.assessment, stored.respondent,
                           stored.questionnaire, str(stored.week))
                c.execute(update(t.responses).where(
                    t.responses.c.assessment == stored.assessment,
                    t.responses.c.respondent == stored.respondent,
                    t.responses.c.questionnaire == stored.questionnaire,
                    t.responses.c.week.is_not_distinct_from(stored.week),
                    ~t.responses.c.superseded).values(superseded=True))
            c.execute(insert(t.responses), [_row(stored)])
        return stored

    def add_responses(self, rs: Sequence[ResponseRecord], *,
                      skip_stored: bool = False) -> list[ResponseRecord]:
        """Store many responses in one transaction (all or none); with `skip_stored`, one
        naming its respondent and time already stored (or earlier in `rs`) is left out."""
        full = [filled(r) for r in rs]
        matchable = {f.id for r, f in zip(rs, full, strict=True)
                     if r.respondent and r.submitted_at} if skip_stored else set()
        stored: list[ResponseRecord] = []
        with self._begin() as c:
            groups: dict[str, list[ResponseRecord]] = {}
            for r in full:
                groups.setdefault(r.assessment, []).append(r)
            for assessment_id in groups:
                self._require(c, assessment_id)
            if matchable:
                # Two imports of one file at once: the second waits, then skips. Locks are
                # taken in one order, so imports of several assessments never deadlock.
                for assessment_id in sorted(groups):
                    self._lock(c, "import", assessment_id)
            for assessment_id, group in groups.items():
                if matchable:
                    seen = {key(r) for r in self._records(c, assessment_id)}
                    group = unseen(group, seen, matchable)
                stored += group
            if stored:
                c.execute(insert(t.responses), [_row(r) for r in stored])
        return stored

    def responses(self, assessment: str, questionnaire: str | None = None, *,
                  include_superseded: bool = False) -> list[ResponseRecord]:
        """An assessment's responses in submission order (superseded ones left out), each
        seller's under their current display name."""
        with self._connect() as c:
            self._require(c, assessment)
            records = self._records(c, assessment, questionnaire,
                                    include_superseded=include_superseded)
            names = {u.name: u.display_name for u in self._users(c) if u.display_name}
        return [seller_named(r, names) for r in records]

    def response_count(self, assessment: str) -> int:
        """How many responses `responses(assessment)` returns."""
        with self._connect() as c:
            self._require(c, assessment)
            return int(c.scalar(select(func.count()).select_from(t.responses).where(
                t.responses.c.assessment == assessment, ~t.responses.c.superseded)) or 0)

    def supersede(self, assessment: str, response_id: str) -> None:
        """Mark a response as superseded: kept in history, no longer scored."""
        with self._begin() as c:
            self._require(c, assessment)
            done = c.scalar(update(t.responses).where(
                t.responses.c.assessment == assessment, t.responses.c.id == response_id)
                .values(superseded=True).returning(t.responses.c.id))
            if done is None:
                raise NotFound(f"no response {response_id!r} in assessment {assessment!r}")

    # -- users and the secret key ------------------------------------------------------

    def add_user(self, u: User) -> None:
        """Store a new user (ValueError if the name is taken)."""
        if not u.name:
            raise ValueError("a user needs a name")
        with self._begin() as c:
            added = c.scalar(upsert(t.users).values(name=u.name, doc=to_doc(u))
                             .on_conflict_do_nothing(index_elements=["name"])
                             .returning(t.users.c.name))
            if added is None:
                raise ValueError(f"user {u.name!r} already exists")

    def rename_user(self, name: str, display_name: str) -> User:
        """Set a user's display name (their sessions stay); NotFound if there is none."""
        return self._change(t.users, t.users.c.name == name, User, lambda u: dataclasses.replace(
            u, display_name=display_name), "name", f"no user {name!r}")

    def update_user(self, name: str, *, password_hash: str | None = None) -> User:
        """End every session of a user and, when given, set a new password hash."""
        return self._change(t.users, t.users.c.name == name, User, lambda u: dataclasses.replace(
            u, session_version=u.session_version + 1,
            password_hash=password_hash or u.password_hash), "name", f"no user {name!r}")

    def user(self, name: str) -> User | None:
        """The user with this name, or None."""
        with self._connect() as c:
            doc = c.scalar(select(t.users.c.doc).where(t.users.c.name == name))
        return None if doc is None else record_from(User, doc)

    def users(self) -> list[User]:
        """Every user, sorted by name."""
        with self._connect() as c:
            return self._users(c)

    def secret_key(self) -> bytes:
        """READYGATE_SECRET_KEY, else one key kept in the database: every worker and every
        app server that shares the database signs sessions alike."""
        given = os.environ.get(SECRET_ENV, "").strip()
        if given:
            if len(given) < 32:
                raise InputError(f"{SECRET_ENV} is too short: use at least 32 random "
                                 "characters, e.g. from `python -c 'import secrets; "
                                 "print(secrets.token_hex(32))'`")
            return given.encode()
        with self._begin() as c:
            c.execute(upsert(t.settings).values(name="secret_key", value=secrets.token_hex(32))
                      .on_conflict_do_nothing(index_elements=["name"]))
            value = c.scalar(select(t.settings.c.value).where(t.settings.c.name == "secret_key"))
        return str(value).encode()

    def limits(self, secret: bytes) -> SqlLimits:
        """The rate-limit counters, in the database: every app server shares them."""
        from assessments.store.sqllimits import SqlLimits

        return SqlLimits(self.engine, secret)

    # -- the service's own documents ---------------------------------------------------

    def document(self, name: str) -> dict[str, Any]:
        """A document of the service's own, {} until first written."""
        with self._connect() as c:
            doc = c.scalar(select(t.documents.c.doc).where(
                t.documents.c.name == check_document(name)))
        return dict(doc) if isinstance(doc, dict) else {}

    def change_document(self, name: str,
                        change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Replace a document with `change(current)` in one transaction (row-locked)."""
        check_document(name)
        with self._begin() as c:
            c.execute(upsert(t.documents).values(name=name, doc={})
                      .on_conflict_do_nothing(index_elements=["name"]))
            doc = c.scalar(select(t.documents.c.doc).where(t.documents.c.name == name)
                           .with_for_update())
            new = change(dict(doc or {}))
            if not isinstance(new, dict):
                raise ValueError("a document is a JSON object")
            c.execute(update(t.documents).where(t.documents.c.name == name).values(doc=new))
        return new

    def document_names(self) -> list[str]:
        """The names of the documents written so far, sorted."""
        with self._connect() as c:
            return list(c.scalars(select(t.documents.c.name).order_by(t.documents.c.name)))

    # -- internals ---------------------------------------------------------------------

    @staticmethod
    def _records(c: Connection, assessment: str, questionnaire: str | None = None, *,
                 include_superseded: bool = True) -> list[ResponseRecord]:
        query = select(*(t.responses.c[name] for name in RECORD_COLUMNS)).where(
            t.responses.c.assessment == assessment).order_by(t.responses.c.seq)
        if questionnaire is not None:
            query = query.where(t.responses.c.questionnaire == questionnaire)
        if not include_superseded:
            query = query.where(~t.responses.c.superseded)
        return [_record(row) for row in c.execute(query)]

    @staticmethod
    def _users(c: Connection) -> list[User]:
        return [record_from(User, doc) for (doc,) in
                c.execute(select(t.users.c.doc).order_by(t.users.c.name))]


def _row(r: ResponseRecord) -> dict[str, Any]:
    row = to_doc(r)
    row["answers"], row["evidence"] = dict(r.answers), dict(r.evidence)
    return row


def _record(row: Row[Any]) -> ResponseRecord:
    values = row._mapping
    return ResponseRecord(**{name: values[name] for name in RECORD_COLUMNS})

