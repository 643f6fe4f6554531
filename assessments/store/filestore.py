"""The embedded store: TinyDB files under one data folder, safe for several processes.

Layout (DATA is `instance/`, or `$READYGATE_DATA`, or the path given to `Store.open`):

    DATA/.lock                                   the write lock (flock)
    DATA/.journal.json                           a write of several files under way (journal.py)
    DATA/throttle.json, DATA/.throttle.lock      rate-limit counters and their lock (throttle.py)
    DATA/users.json                              users
    DATA/secret_key                              Flask secret key, created on first use, 0600
    DATA/tokens/<first 2 hex of hash>.json       token hash -> (assessment, invitation id)
    DATA/assessments/<id>/assessment.json        the Assessment (one document)
    DATA/assessments/<id>/invitations.json       that assessment's invitations
    DATA/assessments/<id>/drafts.json            unfinished answers, one per respondent
    DATA/assessments/<id>/commitments.json       the mutual action plan
    DATA/assessments/<id>/responses-0001.json    responses, in shards of at most SHARD_SIZE
    DATA/documents/<name>.json                   the service's own (API tokens, webhooks)

The links and their token index live in invitations.py, drafts and the mutual action plan
in worktables.py: parts of the same Store, under the same lock.

Every file is a TinyDB database (its `_default` table), replaced atomically, so a crash
leaves the last good file. Each write takes the exclusive lock and reads afresh, because
TinyDB caches the next document id and query results per `Table`, and a cache that outlived
another process's write would reuse its ids. Responses are written as whole shard files by
`shards.Changes`; a write that changes several of them goes through the journal, so it
lands whole. Reads of responses share the lock (a write is seen whole or not at all); other
reads take none. Reads are cached per process until the file changes. A write touches the
shards it changes, so its cost does not grow with the database.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from assessments.errors import NotFound
from assessments.store import atomic, journal
from assessments.store.interface import check_document, data_folder
from assessments.store.invitations import Invitations
from assessments.store.records import (
    SLUG,
    ResponseRecord,
    User,
    assessment_from,
    check_slug,
    filled,
    record_from,
    seller_named,
    to_doc,
)
from assessments.store.shards import Changes, docs, key, numbered, same_answerer, unseen
from assessments.store.throttle import LOCK as THROTTLE_LOCK
from assessments.store.throttle import Throttle
from assessments.store.worktables import WorkTables
from scoring.assess import Assessment

T = TypeVar("T")


def _decode(cls: type[T], data: Any) -> tuple[T, ...]:
    return tuple(record_from(cls, doc) for doc in docs(data))


def _decode_assessment(data: Any) -> Assessment | None:
    found = docs(data)
    return assessment_from(found[0]) if found else None


def _document(data: Any) -> dict[str, Any]:
    return data if isinstance(data, dict) else {}


_responses = partial(_decode, ResponseRecord)
_users = partial(_decode, User)


class FileStore(Invitations, WorkTables):
    """The Store (assessments.store.interface) in one data folder of TinyDB files."""

    storage_class: type[Storage] = atomic.AtomicJSONStorage

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        atomic.make_dirs(self.root)
        # Under both write locks (the store's and the rate limits'): a live writer in
        # another process owns its temporary file.
        with self._locked(), atomic.file_lock(self.root / THROTTLE_LOCK):
            atomic.remove_temp_files(self.root)

    @classmethod
    def open(cls, data: str | Path | None = None) -> FileStore:
        """The store at `data`, else at $READYGATE_DATA, else at ./instance."""
        return cls(data_folder(data))

    @property
    def place(self) -> str:
        """Where the data is, for messages: the data folder."""
        return str(self.root)

    # -- assessments -------------------------------------------------------------------

    def assessments(self) -> list[Assessment]:
        """Every assessment, sorted by id."""
        folder = self.root / "assessments"
        names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        found = (atomic.load(folder / n / "assessment.json", _decode_assessment)
                 for n in names if SLUG.fullmatch(n))
        return [a for a in found if a is not None]

    def assessment(self, assessment_id: str) -> Assessment:
        """The assessment with this id (NotFound if there is none)."""
        found = atomic.load(self._folder(assessment_id) / "assessment.json", _decode_assessment)
        if found is None:
            raise NotFound(f"no assessment {assessment_id!r}")
        return found

    def has_assessment(self, assessment_id: str) -> bool:
        """Whether an assessment with this id exists."""
        return (self._folder(assessment_id) / "assessment.json").is_file()

    def save_assessment(self, a: Assessment) -> None:
        """Create the assessment, or replace the one with the same id."""
        folder = self._folder(a.id)
        with self._locked():
            atomic.make_dirs(folder)
            with self._table(folder / "assessment.json") as table:
                ids = [doc.doc_id for doc in table.all()]
                # Update in place when it exists: one write, never an empty file in between.
                if ids:
                    table.update(to_doc(a), doc_ids=ids[:1])
                else:
                    table.insert(to_doc(a))

    # -- responses ---------------------------------------------------------------------

    def add_response(self, r: ResponseRecord, *, replaces: bool = False) -> ResponseRecord:
        """Store one response, filling its id and submitted_at when empty.

        With `replaces`, the respondent's current answers to the same questionnaire (in the
        same week, for pulses) are superseded in the same write: under one lock, so two
        posts at once or a crash never leave the respondent with two current answers.
        """
        stored = filled(r)
        self._write([stored], replaces=replaces)
        return stored

    def add_responses(self, rs: Sequence[ResponseRecord], *,
                      skip_stored: bool = False) -> list[ResponseRecord]:
        """Store many responses as one write (all or none, across shards and assessments).

        With `skip_stored`, a response naming its respondent and time is left out when the
        same respondent, questionnaire, week and time are already stored (or came earlier in
        `rs`): importing a file twice stores it once. Returns what was stored.
        """
        # Only a response that names its respondent and its time can be matched: others
        # (an anonymous form backend's rows, rows without a time) are always new.
        full = [filled(r) for r in rs]
        matchable = {f.id for r, f in zip(rs, full, strict=True)
                     if r.respondent and r.submitted_at} if skip_stored else set()
        return self._write(full, matchable=matchable)

    def responses(self, assessment: str, questionnaire: str | None = None, *,
                  include_superseded: bool = False) -> list[ResponseRecord]:
        """An assessment's responses in submission order (superseded ones left out), each
        seller's under their current display name."""
        self._require(assessment)
        folder = self._folder(assessment)
        while True:
            # Readers share the lock, so a write of several files is seen whole or not at
            # all; under it, a journal can only be a crashed writer's, finished below.
            with atomic.file_lock(self.root / ".lock", shared=True):
                if not journal.pending(self.root):
                    records = [r for _, rs in self._loaded(folder) for r in rs]
                    break
            with self._locked():
                pass
        names = {u.name: u.display_name for u in self.users() if u.display_name}
        return [seller_named(r, names) for r in records
                if (questionnaire is None or r.questionnaire == questionnaire)
                and (include_superseded or not r.superseded)]

    def response_count(self, assessment: str) -> int:
        """How many responses `responses(assessment)` returns."""
        return len(self.responses(assessment))

    def supersede(self, assessment: str, response_id: str) -> None:
        """Mark a response as superseded: kept in history, no longer scored."""
        self._require(assessment)
        with self._locked():
            changes = Changes()
            for shard, records in self._loaded(self._folder(assessment)):
                if any(r.id == response_id for r in records):
                    changes.mark(shard, {response_id})
                    changes.commit(self.root)
                    return
        raise NotFound(f"no response {response_id!r} in assessment {assessment!r}")

    # -- users and the secret key ------------------------------------------------------

    def add_user(self, u: User) -> None:
        """Store a new user (ValueError if the name is taken)."""
        if not u.name:
            raise ValueError("a user needs a name")
        with self._locked(), self._table(self.root / "users.json") as table:
            if any(d.get("name") == u.name for d in table.all()):
                raise ValueError(f"user {u.name!r} already exists")
            table.insert(to_doc(u))

    def rename_user(self, name: str, display_name: str) -> User:
        """Set a user's display name (their sessions stay); NotFound if there is none."""
        return self._change_user(name, lambda u: dataclasses.replace(
            u, display_name=display_name))

    def update_user(self, name: str, *, password_hash: str | None = None) -> User:
        """End every session of a user (a new session version) and, when given, set a new
        password hash. NotFound if there is no such user."""
        return self._change_user(name, lambda u: dataclasses.replace(
            u, session_version=u.session_version + 1,
            password_hash=password_hash or u.password_hash))

    def _change_user(self, name: str, change: Callable[[User], User]) -> User:
        return self._change_doc(self.root / "users.json", "name", name, User, change,
                                f"no user {name!r}")

    def user(self, name: str) -> User | None:
        """The user with this name, or None."""
        return next((u for u in self.users() if u.name == name), None)

    def users(self) -> list[User]:
        """Every user, sorted by name."""
        return sorted(atomic.load(self.root / "users.json", _users), key=lambda u: u.name)

    def secret_key(self) -> bytes:
        """The Flask secret key, created (mode 0600) on first use and the same ever after."""
        path = self.root / "secret_key"
        if not path.exists():
            with self._locked():
                if not path.exists():
                    atomic.write_bytes(path, secrets.token_hex(32).encode("ascii"))
        key = path.read_bytes().strip()
        if not key:
            raise ValueError(f"{path} is empty; delete it and a new key will be made")
        return key

    def limits(self, secret: bytes) -> Throttle:
        """The rate-limit counters, in this data folder (throttle.py)."""
        return Throttle(self.root, secret)

    # -- the service's own documents ----------------------------------------------------

    def document(self, name: str) -> dict[str, Any]:
        """A document of the service's own, {} until first written (DATA/documents/)."""
        found = atomic.load(self._document_path(name), _document)
        return dict(found)

    def change_document(self, name: str,
                        change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Replace a document with `change(current)` under the lock."""
        path = self._document_path(name)
        with self._locked():
            new = change(dict(_document(atomic.read_json(path))))
            if not isinstance(new, dict):
                raise ValueError("a document is a JSON object")
            atomic.make_dirs(path.parent)
            atomic.write_json(path, new)
        return new

    def document_names(self) -> list[str]:
        """The names of the documents written so far, sorted."""
        folder = self.root / "documents"
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    # -- internals ---------------------------------------------------------------------

    def _document_path(self, name: str) -> Path:
        return self.root / "documents" / f"{check_document(name)}.json"

    def _folder(self, assessment_id: str) -> Path:
        return self.root / "assessments" / check_slug(assessment_id)

    def _require(self, assessment_id: str) -> None:
        if not self.has_assessment(assessment_id):
            raise NotFound(f"no assessment {assessment_id!r}")

    def _shards(self, folder: Path) -> list[Path]:
        return [p for _, p in numbered(folder)]

    def _loaded(self, folder: Path) -> list[tuple[Path, tuple[ResponseRecord, ...]]]:
        """Each shard with its records (exact under the lock: nobody else can write)."""
        return [(shard, atomic.load(shard, _responses)) for shard in self._shards(folder)]

    def _write(self, records: Sequence[ResponseRecord], *, replaces: bool = False,
               matchable: Collection[str] = ()) -> list[ResponseRecord]:
        groups: dict[str, list[ResponseRecord]] = {}
        for r in records:
            groups.setdefault(r.assessment, []).append(r)
        for assessment_id in groups:
            self._require(assessment_id)
        stored: list[ResponseRecord] = []
        with self._locked():
            changes = Changes()
            for assessment_id, group in groups.items():
                folder = self._folder(assessment_id)
                # Stored answers are read only when the write depends on them: an open
                # link's post (neither) appends without reading every shard.
                loaded = self._loaded(folder) if matchable or replaces else []
                if matchable:
                    group = unseen(group, {key(r) for _, rs in loaded for r in rs}, matchable)
                if replaces:
                    for shard, rs in loaded:
                        ids = {x.id for x in rs if not x.superseded
                               and any(same_answerer(x, r) for r in group)}
                        if ids:
                            changes.mark(shard, ids)
                changes.append(folder, [to_doc(r) for r in group])
                stored += group
            changes.commit(self.root)
        return stored

    def _change_doc(self, path: Path, key: str, value: str, cls: type[T],
                    change: Callable[[T], T], missing: str) -> T:
        """Apply `change` to the record of `cls` whose `key` is `value` in the table at
        `path` (NotFound saying `missing` when none is). Read and written under the lock,
        so no concurrent change is lost."""
        with self._locked(), self._table(path) as table:
            doc = next((d for d in table.all() if d.get(key) == value), None)
            if doc is None:
                raise NotFound(missing)
            new = change(record_from(cls, doc))
            if getattr(new, key) != value:
                raise ValueError(f"a change keeps the {key}")
            table.update(to_doc(new), doc_ids=[doc.doc_id])
        return new

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with atomic.file_lock(self.root / ".lock"):
            # A write of several files that a crash cut short is finished before anything
            # else is written or read: see journal.py.
            if journal.pending(self.root):
                journal.recover(self.root)
            yield

    @contextmanager
    def _table(self, path: Path) -> Iterator[Table]:
        """A fresh TinyDB on `path`: no id or query cache from before the lock was taken."""
        db = TinyDB(path, storage=self.storage_class)
        try:
            yield db.table(TinyDB.default_table_name)
        finally:
            db.close()



