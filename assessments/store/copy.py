"""Move a whole store between engines (`readygate db copy`), then prove the copy is whole.

Everything the Store interface holds is copied: assessments, every response (superseded
ones too, in submission order, with their ids and times), links with their token index,
the mutual action plans, drafts, users (password hashes and session versions as they are)
and the service's documents. The target must be empty, and it receives the copy in one
write: into PostgreSQL, one transaction; into a data folder, a new folder filled beside it
and renamed into place. Then both stores are read back: the counts of every kind of record
and a SHA-256 of every response must be equal, else the copy is reported as failed.

The session key is not copied: sellers log in again after a move.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from assessments.errors import InputError
from assessments.store.interface import Store
from assessments.store.records import ResponseRecord, to_doc

Progress = Callable[[str], None]


@dataclass
class Tally:
    """What a store holds, by kind, and a checksum of each assessment's responses."""

    counts: dict[str, int] = field(default_factory=dict)
    checksums: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


def response_checksum(records: list[ResponseRecord]) -> str:
    """SHA-256 over every response of an assessment, in order, each as canonical JSON
    (keys sorted: the checksum does not depend on how an engine orders an object's keys)."""
    digest = hashlib.sha256()
    for r in records:
        digest.update(json.dumps(to_doc(r), sort_keys=True, ensure_ascii=False,
                                 separators=(",", ":")).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def tally(store: Store) -> Tally:
    """Count and checksum everything `store` holds."""
    found = Tally()
    assessments = store.assessments()
    found.add("assessments", len(assessments))
    for a in assessments:
        records = store.responses(a.id, include_superseded=True)
        found.add("responses", len(records))
        found.checksums[a.id] = response_checksum(records)
        found.add("links", len(store.invitations(a.id)))
        found.add("token index entries", len(store.token_entries(a.id)))
        found.add("commitments", len(store.commitments(a.id)))
        found.add("drafts", len(store.drafts(a.id)))
    found.add("users", len(store.users()))
    found.add("documents", len(store.document_names()))
    return found


def is_empty(store: Store) -> bool:
    """Whether `store` holds nothing a copy would overwrite."""
    return not (store.assessments() or store.users() or store.document_names())


def write_all(source: Store, target: Store, progress: Progress) -> None:
    """Copy every record of `source` into the (empty) `target`."""
    from assessments.store.records import User

    assessments = source.assessments()
    for n, a in enumerate(assessments, 1):
        target.save_assessment(a)
        # A seller's answers are read under their display name today, and so stored.
        records = source.responses(a.id, include_superseded=True)
        if records:
            target.add_responses(records)
        links = source.invitations(a.id)
        if links:
            target.add_invitations(links)
        target.add_token_entries(a.id, source.token_entries(a.id))
        plan = source.commitments(a.id)
        if plan:
            target.add_commitments(a.id, plan)
        for draft in source.drafts(a.id):
            target.save_draft(draft)
        progress(f"{n}/{len(assessments)} {a.id}: {len(records)} responses, {len(links)} links")
    users: list[User] = source.users()
    for u in users:
        target.add_user(u)
    for name in source.document_names():
        doc = source.document(name)
        target.change_document(name, lambda _old, doc=doc: doc)  # type: ignore[misc]
    progress(f"{len(users)} users, {len(source.document_names())} documents")


def copy_store(source: Store, target: Store, progress: Progress = lambda _: None,
               *, into_folder: Path | None = None) -> Tally:
    """Copy `source` into the empty `target` in one write and verify it; the tally."""
    if not is_empty(target):
        raise InputError("the target already holds data: copy only into an empty store (a "
                         "new database, or a data folder that does not exist yet)")
    with _one_write(target):
        write_all(source, target, progress)
        # Inside the write: a copy that does not verify is rolled back whole.
        return verify(source, target)


def verify(source: Store, target: Store) -> Tally:
    """Both stores' tallies, which must be equal (InputError naming the difference)."""
    before, after = tally(source), tally(target)
    if before.counts != after.counts:
        raise InputError(f"the copy is not whole: {before.counts} were read, "
                         f"{after.counts} are in the target")
    differ = [a for a in before.checksums if before.checksums[a] != after.checksums.get(a)]
    if differ:
        raise InputError(f"the responses of {', '.join(differ)} differ after the copy")
    return after


@contextmanager
def _one_write(target: Store) -> Iterator[None]:
    batch = getattr(target, "batch", None)
    with batch() if batch is not None else nullcontext():
        yield


def copy_into_folder(source: Store, folder: Path, progress: Progress = lambda _: None
                     ) -> Tally:
    """Copy `source` into a new data folder: filled beside it, renamed into place when the
    copy is verified, so a copy cut short leaves no folder that looks whole."""
    from assessments.store.filestore import FileStore

    folder = folder.absolute()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{folder} exists and is not empty: copy into a new folder")
    partial = folder.with_name(f".{folder.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        found = copy_store(source, FileStore(partial), progress)
        if folder.exists():
            folder.rmdir()
        partial.rename(folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return found


def summary(found: Tally) -> str:
    """One line per kind, for people."""
    return "\n".join(f"{n:>8} {kind}" for kind, n in found.counts.items())

