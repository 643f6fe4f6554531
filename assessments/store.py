"""The embedded store: TinyDB files under one data folder, safe for several processes.

Layout (DATA is `instance/`, or `$READYGATE_DATA`, or the path given to `Store.open`):

    DATA/.lock                                   the write lock (flock)
    DATA/users.json                              users
    DATA/secret_key                              Flask secret key, created on first use, 0600
    DATA/tokens/<first 2 hex of hash>.json       token hash -> (assessment, invitation id)
    DATA/assessments/<id>/assessment.json        the Assessment (one document)
    DATA/assessments/<id>/invitations.json       that assessment's invitations
    DATA/assessments/<id>/responses-0001.json    responses, in shards of at most SHARD_SIZE

Every file is a TinyDB database (its `_default` table) written by `AtomicJSONStorage`:
atomic replace, so a crash leaves the last good file. Each write takes the exclusive lock
and opens a fresh `TinyDB`, because TinyDB caches the next document id and query results
per `Table`, and a cache that outlived another process's write would reuse its ids.
Reads take no lock and are cached per process until the file changes. A write touches one
shard of one assessment, so its cost does not grow with the database.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from assessments import atomic
from assessments.records import (
    Invitation,
    ResponseRecord,
    User,
    assessment_from,
    record_from,
    to_doc,
    token_hash,
)
from scoring.assess import Assessment

SHARD_SIZE = 500
DATA_ENV = "READYGATE_DATA"
DEFAULT_DATA = "instance"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
HASH = re.compile(r"[0-9a-f]{64}")
SHARD = re.compile(r"responses-(\d{4,})\.json")
T = TypeVar("T")


class NotFound(KeyError):
    """A missing assessment or invitation."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


def check_slug(assessment_id: str) -> str:
    """`assessment_id` if it can name a folder, else ValueError."""
    if not isinstance(assessment_id, str) or not SLUG.fullmatch(assessment_id):
        raise ValueError(f"assessment id {assessment_id!r} is not a slug: use 1-63 lowercase "
                         "letters, digits and hyphens, starting with a letter or digit")
    return assessment_id


def _docs(data: Any) -> list[dict[str, Any]]:
    """The documents of a TinyDB file's default table, in insertion (document id) order."""
    table = (data or {}).get(TinyDB.default_table_name, {})
    return [table[k] for k in sorted(table, key=int)]


def _decode(cls: type[T], data: Any) -> tuple[T, ...]:
    return tuple(record_from(cls, doc) for doc in _docs(data))


def _decode_assessment(data: Any) -> Assessment | None:
    docs = _docs(data)
    return assessment_from(docs[0]) if docs else None


_responses = partial(_decode, ResponseRecord)
_invitations = partial(_decode, Invitation)
_users = partial(_decode, User)


class Store:
    """Assessments, responses, invitations and users in one data folder."""

    storage_class: type[Storage] = atomic.AtomicJSONStorage

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        atomic.make_dirs(self.root)
        # Under the lock: a live writer in another process owns its temporary file.
        with self._locked():
            atomic.remove_temp_files(self.root)

    @classmethod
    def open(cls, data: str | Path | None = None) -> Store:
        """The store at `data`, else at $READYGATE_DATA, else at ./instance."""
        return cls(Path(data or os.environ.get(DATA_ENV) or DEFAULT_DATA))

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

    def add_response(self, r: ResponseRecord) -> ResponseRecord:
        """Store one response, filling its id and submitted_at when empty."""
        filled = self._fill(r)
        self._insert([filled])
        return filled

    def add_responses(self, rs: Sequence[ResponseRecord]) -> int:
        """Store many responses, one write per shard touched; return how many."""
        filled = [self._fill(r) for r in rs]
        self._insert(filled)
        return len(filled)

    def responses(self, assessment: str, questionnaire: str | None = None, *,
                  include_superseded: bool = False) -> list[ResponseRecord]:
        """An assessment's responses in submission order (superseded ones left out)."""
        self._require(assessment)
        return [r for shard in self._shards(self._folder(assessment))
                for r in atomic.load(shard, _responses)
                if (questionnaire is None or r.questionnaire == questionnaire)
                and (include_superseded or not r.superseded)]

    def response_count(self, assessment: str) -> int:
        """How many responses `responses(assessment)` returns."""
        return len(self.responses(assessment))

    def supersede(self, assessment: str, response_id: str) -> None:
        """Mark a response as superseded: kept in history, no longer scored."""
        self._require(assessment)
        with self._locked():
            # Newest shard first: a pulse is superseded soon after it was answered. The
            # cached reads are exact here, as nobody else can write while we hold the lock.
            for shard in reversed(self._shards(self._folder(assessment))):
                if any(r.id == response_id for r in atomic.load(shard, _responses)):
                    with self._table(shard) as table:
                        ids = [d.doc_id for d in table.all() if d.get("id") == response_id]
                        table.update({"superseded": True}, doc_ids=ids)
                    return
        raise NotFound(f"no response {response_id!r} in assessment {assessment!r}")

    # -- invitations -------------------------------------------------------------------

    def add_invitation(self, inv: Invitation) -> None:
        """Store an invitation and index its token hash."""
        self._require(inv.assessment)
        if not HASH.fullmatch(inv.token_hash):
            raise ValueError("Invitation.token_hash must be records.token_hash(token), "
                             "a SHA-256 hex digest; never store the token itself")
        with self._locked():
            path = self._folder(inv.assessment) / "invitations.json"
            if any(i.id == inv.id for i in atomic.load(path, _invitations)):
                raise ValueError(f"invitation {inv.id!r} already exists in {inv.assessment!r}")
            # Index first: a crash in between leaves an index entry that leads nowhere,
            # never an invitation whose link does not open.
            atomic.make_dirs(self.root / "tokens")
            with self._table(self._token_file(inv.token_hash)) as tokens:
                tokens.insert({"hash": inv.token_hash, "assessment": inv.assessment,
                               "invitation": inv.id})
            with self._table(path) as table:
                table.insert(to_doc(inv))

    def invitation_by_token(self, token: str) -> Invitation | None:
        """The invitation a respondent token opens, or None."""
        wanted = token_hash(token)
        index = atomic.load(self._token_file(wanted), _docs)
        for entry in index:
            if hmac.compare_digest(str(entry.get("hash", "")), wanted):
                try:
                    inv = self.invitation(entry["assessment"], entry["invitation"])
                except (NotFound, ValueError):
                    return None
                return inv if hmac.compare_digest(inv.token_hash, wanted) else None
        return None

    def invitation(self, assessment: str, invitation_id: str) -> Invitation:
        """One invitation of an assessment (NotFound if there is none)."""
        for inv in self.invitations(assessment):
            if inv.id == invitation_id:
                return inv
        raise NotFound(f"no invitation {invitation_id!r} in assessment {assessment!r}")

    def invitations(self, assessment: str) -> list[Invitation]:
        """An assessment's invitations, oldest first."""
        self._require(assessment)
        return list(atomic.load(self._folder(assessment) / "invitations.json", _invitations))

    def revoke(self, assessment: str, invitation_id: str) -> None:
        """Revoke an invitation: its link stops opening the form."""
        self._require(assessment)
        with self._locked(), self._table(self._folder(assessment) / "invitations.json") as table:
            ids = [d.doc_id for d in table.all() if d.get("id") == invitation_id]
            if not ids:
                raise NotFound(f"no invitation {invitation_id!r} in assessment {assessment!r}")
            table.update({"revoked": True}, doc_ids=ids)

    # -- users and the secret key ------------------------------------------------------

    def add_user(self, u: User) -> None:
        """Store a new user (ValueError if the name is taken)."""
        if not u.name:
            raise ValueError("a user needs a name")
        with self._locked(), self._table(self.root / "users.json") as table:
            if any(d.get("name") == u.name for d in table.all()):
                raise ValueError(f"user {u.name!r} already exists")
            table.insert(to_doc(u))

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

    # -- internals ---------------------------------------------------------------------

    def _folder(self, assessment_id: str) -> Path:
        return self.root / "assessments" / check_slug(assessment_id)

    def _require(self, assessment_id: str) -> None:
        if not self.has_assessment(assessment_id):
            raise NotFound(f"no assessment {assessment_id!r}")

    def _token_file(self, digest: str) -> Path:
        return self.root / "tokens" / f"{digest[:2]}.json"

    @staticmethod
    def _numbered(folder: Path) -> list[tuple[int, Path]]:
        """Response shards by number (numbers, not names: 10000 sorts after 9999)."""
        return sorted((int(m[1]), p) for p in folder.glob("responses-*.json")
                      if (m := SHARD.fullmatch(p.name)))

    def _shards(self, folder: Path) -> list[Path]:
        return [p for _, p in self._numbered(folder)]

    @staticmethod
    def _fill(r: ResponseRecord) -> ResponseRecord:
        check_slug(r.assessment)
        return dataclasses.replace(
            r, id=r.id or f"r_{secrets.token_hex(8)}",
            submitted_at=r.submitted_at or datetime.now(UTC).isoformat(timespec="seconds"))

    def _insert(self, records: Sequence[ResponseRecord]) -> None:
        by_assessment: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            by_assessment.setdefault(r.assessment, []).append(to_doc(r))
        for assessment_id, docs in by_assessment.items():
            self._require(assessment_id)
            # Fail on a value JSON cannot hold before any shard is written, not halfway.
            json.dumps(docs)
        for assessment_id, docs in by_assessment.items():
            self._append(self._folder(assessment_id), docs)

    def _append(self, folder: Path, docs: list[dict[str, Any]]) -> None:
        """Fill the last shard, then start new ones: one write per shard touched."""
        with self._locked():
            number, path = (self._numbered(folder) or [(1, folder / "responses-0001.json")])[-1]
            start = 0
            while start < len(docs):
                with self._table(path) as table:
                    room = SHARD_SIZE - len(table)
                    if room > 0:
                        table.insert_multiple(docs[start:start + room])
                        start += room
                number += 1
                path = folder / f"responses-{number:04d}.json"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with atomic.file_lock(self.root / ".lock"):
            yield

    @contextmanager
    def _table(self, path: Path) -> Iterator[Table]:
        """A fresh TinyDB on `path`: no id or query cache from before the lock was taken."""
        db = TinyDB(path, storage=self.storage_class)
        try:
            yield db.table(TinyDB.default_table_name)
        finally:
            db.close()


