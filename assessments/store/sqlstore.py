"""The PostgreSQL store: the Store (assessments.store.interface) in one database.

Selected by a `postgresql+psycopg://` URL (the project's `database_url` or
READYGATE_DATABASE_URL); several workers and several app servers share it. Every operation
is one transaction. A write that depends on what is stored takes a row lock (`FOR UPDATE`)
or a transaction-scoped advisory lock on what it depends on — a respondent's answers to
one questionnaire, an assessment's imports — so two writers at once lose nothing and a
respondent never has two current answers, while posts of different respondents proceed
side by side. The local data folder (`root`) keeps only what each machine caches.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Table,
    and_,
    create_engine,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from assessments.errors import InputError, NotFound
from assessments.store import atomic, sqlmigrate
from assessments.store import sqlschema as t
from assessments.store.interface import SECRET_ENV, check_document
from assessments.store.invitations import HASH
from assessments.store.records import (
    Draft,
    Invitation,
    ResponseRecord,
    User,
    assessment_from,
    check_slug,
    draft_from,
    filled,
    record_from,
    seller_named,
    to_doc,
)
from assessments.store.shards import key, unseen
from scoring.assess import Assessment
from scoring.commitments import Commitment

if TYPE_CHECKING:
    from assessments.store.sqllimits import SqlLimits

T = TypeVar("T")
RECORD_COLUMNS = tuple(f.name for f in dataclasses.fields(ResponseRecord))


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


class SqlStore:
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

    # -- links -------------------------------------------------------------------------

    def add_invitation(self, inv: Invitation) -> None:
        """Store an invitation and index its token hash."""
        self.add_invitations([inv])

    def add_invitations(self, invs: Sequence[Invitation]) -> None:
        """Store invitations of one assessment in one transaction and index their tokens."""
        if not invs:
            return
        assessment = invs[0].assessment
        if any(i.assessment != assessment for i in invs):
            raise ValueError("add_invitations stores the invitations of one assessment")
        if not all(HASH.fullmatch(i.token_hash) for i in invs):
            raise ValueError("Invitation.token_hash must be records.token_hash(token), "
                             "a SHA-256 hex digest; never store the token itself")
        with self._begin() as c:
            self._require(c, assessment)
            ids = [i.id for i in invs]
            taken = set(c.scalars(select(t.invitations.c.id).where(
                t.invitations.c.assessment == assessment, t.invitations.c.id.in_(ids))))
            twice = [i for i in ids if i in taken] or [
                i for n, i in enumerate(ids) if i in ids[:n]]
            if twice:
                raise ValueError(f"invitation {twice[0]!r} already exists in {assessment!r}")
            c.execute(insert(t.tokens), [{"hash": i.token_hash, "assessment": assessment,
                                          "invitation": i.id} for i in invs])
            c.execute(insert(t.invitations), [{"assessment": assessment, "id": i.id,
                                               "doc": to_doc(i)} for i in invs])

    def invitation_by_token(self, token: str, *, replaced: bool = False) -> Invitation | None:
        """The invitation a respondent token opens, or None (`replaced`: also the one a
        replaced token used to open, so its page can say so)."""
        from assessments.store.records import token_hash

        wanted = token_hash(token)
        with self._connect() as c:
            doc = c.scalar(select(t.invitations.c.doc).join(t.tokens, and_(
                t.tokens.c.assessment == t.invitations.c.assessment,
                t.tokens.c.invitation == t.invitations.c.id)).where(t.tokens.c.hash == wanted))
        if doc is None:
            return None
        inv: Invitation = record_from(Invitation, doc)
        return inv if wanted in inv.tokens or replaced else None

    def invitation(self, assessment: str, invitation_id: str) -> Invitation:
        """One invitation of an assessment (NotFound if there is none)."""
        with self._connect() as c:
            self._require(c, assessment)
            doc = c.scalar(select(t.invitations.c.doc).where(
                t.invitations.c.assessment == assessment, t.invitations.c.id == invitation_id))
        if doc is None:
            raise NotFound(f"no invitation {invitation_id!r} in assessment {assessment!r}")
        return record_from(Invitation, doc)  # type: ignore[no-any-return]

    def invitations(self, assessment: str) -> list[Invitation]:
        """An assessment's invitations, oldest first."""
        return self._docs(t.invitations, assessment, Invitation)

    def revoke(self, assessment: str, invitation_id: str) -> None:
        """Revoke an invitation: its link stops opening the form."""
        self.change_invitation(assessment, invitation_id,
                               lambda inv: dataclasses.replace(inv, revoked=True))

    def change_invitation(self, assessment: str, invitation_id: str,
                          change: Callable[[Invitation], Invitation]) -> Invitation:
        """Apply `change` to an invitation in one transaction; its id and tokens stay."""
        def checked(old: Invitation) -> Invitation:
            new = change(old)
            if (new.id, new.tokens) != (old.id, old.tokens):
                raise ValueError("change_invitation keeps the id and tokens; use add_token")
            return new

        return self._change_in(t.invitations, assessment, invitation_id, Invitation, checked,
                               f"no invitation {invitation_id!r} in assessment {assessment!r}")

    def add_token(self, assessment: str, invitation_id: str, digest: str, *,
                  replace: bool = False) -> Invitation:
        """Index one more token hash for an invitation; with `replace`, the only one."""
        if not HASH.fullmatch(digest):
            raise ValueError("add_token takes records.token_hash(token), never the token")

        def added(old: Invitation) -> Invitation:
            return (dataclasses.replace(old, token_hash=digest, token_hashes=()) if replace
                    else dataclasses.replace(old, token_hashes=(*old.token_hashes, digest)))

        with self._begin() as c:
            new = self._change_row(c, t.invitations, assessment, invitation_id, Invitation,
                                   added, f"no invitation {invitation_id!r} in assessment "
                                   f"{assessment!r}")
            c.execute(insert(t.tokens).values(hash=digest, assessment=assessment,
                                              invitation=invitation_id))
        return new

    def token_entries(self, assessment: str) -> list[tuple[str, str]]:
        """The token index of an assessment: (token hash, invitation id), by hash."""
        with self._connect() as c:
            self._require(c, assessment)
            rows = c.execute(select(t.tokens.c.hash, t.tokens.c.invitation)
                             .where(t.tokens.c.assessment == assessment)
                             .order_by(t.tokens.c.hash))
            return [(str(h), str(i)) for h, i in rows]

    def add_token_entries(self, assessment: str, entries: Sequence[tuple[str, str]]) -> None:
        """Index token hashes (a copied store's); a hash indexed already stays as it is."""
        if not all(HASH.fullmatch(h) for h, _ in entries):
            raise ValueError("the token index holds SHA-256 hex digests only")
        with self._begin() as c:
            self._require(c, assessment)
            if entries:
                c.execute(upsert(t.tokens).on_conflict_do_nothing(index_elements=["hash"]),
                          [{"hash": h, "assessment": assessment, "invitation": i}
                           for h, i in entries])

    # -- the mutual action plan and drafts ---------------------------------------------

    def commitments(self, assessment: str) -> list[Commitment]:
        """An assessment's commitments, oldest first."""
        return self._docs(t.commitments, assessment, Commitment)

    def add_commitments(self, assessment: str, commitments: Sequence[Commitment]) -> None:
        """Store commitments in one transaction; their ids must be new."""
        ids = [c.id for c in commitments]
        if not all(ids) or len(set(ids)) != len(ids):
            raise ValueError("each commitment needs an id of its own")
        with self._begin() as c:
            self._require(c, assessment)
            if c.scalar(select(func.count()).select_from(t.commitments).where(
                    t.commitments.c.assessment == assessment, t.commitments.c.id.in_(ids))):
                raise ValueError("each commitment needs an id of its own")
            if commitments:
                c.execute(insert(t.commitments), [{"assessment": assessment, "id": x.id,
                                                   "doc": to_doc(x)} for x in commitments])

    def change_commitment(self, assessment: str, ident: str,
                          change: Callable[[Commitment], Commitment]) -> Commitment:
        """Apply `change` to one commitment in one transaction (NotFound if there is none)."""
        return self._change_in(t.commitments, assessment, ident, Commitment, change,
                               f"no commitment {ident!r} in assessment {assessment!r}")

    def save_draft(self, d: Draft) -> None:
        """Keep a respondent's unfinished answers, replacing their earlier draft."""
        statement = upsert(t.drafts).values(**_draft_key(d.assessment, d.questionnaire,
                                                         d.respondent, d.week), doc=to_doc(d))
        with self._begin() as c:
            self._require(c, d.assessment)
            c.execute(statement.on_conflict_do_update(
                constraint="drafts_key", set_={"doc": statement.excluded.doc}))

    def draft(self, assessment: str, questionnaire: str, respondent: str,
              week: int | None) -> Draft | None:
        """A respondent's draft of a questionnaire (of one week, for pulses), or None."""
        with self._connect() as c:
            self._require(c, assessment)
            doc = c.scalar(select(t.drafts.c.doc).where(*_draft_where(
                assessment, questionnaire, respondent, week)))
        return None if doc is None else draft_from(doc)

    def drop_draft(self, assessment: str, questionnaire: str, respondent: str,
                   week: int | None) -> None:
        """Forget a draft (its answers were sent); nothing when there is none."""
        with self._begin() as c:
            self._require(c, assessment)
            c.execute(t.drafts.delete().where(*_draft_where(
                assessment, questionnaire, respondent, week)))

    def drafts(self, assessment: str) -> list[Draft]:
        """Every draft of an assessment, oldest first."""
        with self._connect() as c:
            self._require(c, assessment)
            rows = c.execute(select(t.drafts.c.doc).where(t.drafts.c.assessment == assessment)
                             .order_by(t.drafts.c.seq))
            return [draft_from(doc) for (doc,) in rows]

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


def _row(r: ResponseRecord) -> dict[str, Any]:
    row = to_doc(r)
    row["answers"], row["evidence"] = dict(r.answers), dict(r.evidence)
    return row


def _record(row: Row[Any]) -> ResponseRecord:
    values = row._mapping
    return ResponseRecord(**{name: values[name] for name in RECORD_COLUMNS})


def _draft_key(assessment: str, questionnaire: str, respondent: str,
               week: int | None) -> dict[str, Any]:
    return {"assessment": assessment, "questionnaire": questionnaire,
            "respondent": respondent, "week": t.NO_WEEK if week is None else week}


def _draft_where(assessment: str, questionnaire: str, respondent: str,
                 week: int | None) -> Iterator[Any]:
    for name, value in _draft_key(assessment, questionnaire, respondent, week).items():
        yield t.drafts.c[name] == value
