"""An assessment's respondent links and the token index that finds them: each token is
stored only as its SHA-256, indexed by its first two hex digits. Part of the Store
(assessments.store.filestore), which gives them its lock, its tables and its folders."""

from __future__ import annotations

import dataclasses
import hmac
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from assessments.errors import NotFound
from assessments.store import atomic
from assessments.store.part import Part
from assessments.store.records import Invitation, record_from, to_doc, token_hash
from assessments.store.shards import docs

HASH = re.compile(r"[0-9a-f]{64}")
T = TypeVar("T")


def _invitations(data: Any) -> tuple[Invitation, ...]:
    return tuple(record_from(Invitation, doc) for doc in docs(data))


class Invitations(Part):
    """The links of every assessment, and the token index."""

    # -- invitations -------------------------------------------------------------------

    def add_invitation(self, inv: Invitation) -> None:
        """Store an invitation and index its token hash."""
        self.add_invitations([inv])

    def add_invitations(self, invs: Sequence[Invitation]) -> None:
        """Store invitations of one assessment in one write (all or none) and index their
        token hashes."""
        if not invs:
            return
        assessment = invs[0].assessment
        self._require(assessment)
        if any(i.assessment != assessment for i in invs):
            raise ValueError("add_invitations stores the invitations of one assessment")
        if not all(HASH.fullmatch(i.token_hash) for i in invs):
            raise ValueError("Invitation.token_hash must be records.token_hash(token), "
                             "a SHA-256 hex digest; never store the token itself")
        with self._locked():
            path = self._folder(assessment) / "invitations.json"
            taken = {i.id for i in atomic.load(path, _invitations)}
            twice = [i.id for i in invs if i.id in taken] or [
                i.id for n, i in enumerate(invs) if i.id in {x.id for x in invs[:n]}]
            if twice:
                raise ValueError(f"invitation {twice[0]!r} already exists in {assessment!r}")
            # Index first: a crash in between leaves index entries that lead nowhere,
            # never an invitation whose link does not open.
            atomic.make_dirs(self.root / "tokens")
            by_file: dict[Path, list[Invitation]] = {}
            for inv in invs:
                by_file.setdefault(self._token_file(inv.token_hash), []).append(inv)
            for file, group in by_file.items():
                with self._table(file) as tokens:
                    tokens.insert_multiple({"hash": i.token_hash, "assessment": assessment,
                                            "invitation": i.id} for i in group)
            with self._table(path) as table:
                table.insert_multiple(to_doc(i) for i in invs)

    def invitation_by_token(self, token: str, *, replaced: bool = False) -> Invitation | None:
        """The invitation a respondent token opens, or None (`replaced`: also the one a
        replaced token used to open, so its page can say so)."""
        wanted = token_hash(token)
        index = atomic.load(self._token_file(wanted), docs)
        for entry in index:
            if hmac.compare_digest(str(entry.get("hash", "")), wanted):
                try:
                    inv = self.invitation(entry["assessment"], entry["invitation"])
                except (NotFound, ValueError):
                    return None
                # A replaced link's index entry still leads here: only a live token opens it.
                live = [t for t in inv.tokens if hmac.compare_digest(t, wanted)]
                return inv if live or replaced else None
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
        self.change_invitation(assessment, invitation_id,
                               lambda inv: dataclasses.replace(inv, revoked=True))

    def change_invitation(self, assessment: str, invitation_id: str,
                          change: Callable[[Invitation], Invitation]) -> Invitation:
        """Apply `change` to an invitation, read and written under the lock (so no other
        change is lost); NotFound if there is none. Its id and token stay."""
        self._require(assessment)

        def checked(old: Invitation) -> Invitation:
            new = change(old)
            if (new.id, new.tokens) != (old.id, old.tokens):
                raise ValueError("change_invitation keeps the id and tokens; use add_token")
            return new

        return self._change_doc(self._folder(assessment) / "invitations.json", "id",
                                invitation_id, Invitation, checked,
                                f"no invitation {invitation_id!r} in assessment {assessment!r}")

    def add_token(self, assessment: str, invitation_id: str, digest: str, *,
                  replace: bool = False) -> Invitation:
        """Index one more token hash for an invitation; with `replace`, it becomes the only
        one that opens it (a lost link's replacement: earlier tokens stop at once)."""
        self._require(assessment)
        if not HASH.fullmatch(digest):
            raise ValueError("add_token takes records.token_hash(token), never the token")
        with self._locked():
            path = self._folder(assessment) / "invitations.json"
            with self._table(path) as table:
                doc = next((d for d in table.all() if d.get("id") == invitation_id), None)
            if doc is None:
                raise NotFound(f"no invitation {invitation_id!r} in assessment {assessment!r}")
            old: Invitation = record_from(Invitation, doc)
            # Index first, as add_invitation does: a crash leaves an entry leading nowhere.
            with self._table(self._token_file(digest)) as tokens:
                tokens.insert({"hash": digest, "assessment": assessment,
                               "invitation": invitation_id})
            new = (dataclasses.replace(old, token_hash=digest, token_hashes=())
                   if replace else dataclasses.replace(
                       old, token_hashes=(*old.token_hashes, digest)))
            with self._table(path) as table:
                table.update(to_doc(new), doc_ids=[doc.doc_id])
        return new

    def token_entries(self, assessment: str) -> list[tuple[str, str]]:
        """The token index of an assessment: (token hash, invitation id), by file."""
        self._require(assessment)
        folder = self.root / "tokens"
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        return [(str(e["hash"]), str(e["invitation"])) for file in files
                for e in atomic.load(file, docs) if e.get("assessment") == assessment]

    def add_token_entries(self, assessment: str, entries: Sequence[tuple[str, str]]) -> None:
        """Index token hashes (a copied store's); a hash indexed already stays as it is."""
        self._require(assessment)
        if not all(HASH.fullmatch(h) for h, _ in entries):
            raise ValueError("the token index holds SHA-256 hex digests only")
        with self._locked():
            atomic.make_dirs(self.root / "tokens")
            by_file: dict[Path, list[tuple[str, str]]] = {}
            for entry in entries:
                by_file.setdefault(self._token_file(entry[0]), []).append(entry)
            for file, group in by_file.items():
                with self._table(file) as tokens:
                    held = {d.get("hash") for d in tokens.all()}
                    tokens.insert_multiple(
                        {"hash": h, "assessment": assessment, "invitation": i}
                        for h, i in dict(group).items() if h not in held)

    def _token_file(self, digest: str) -> Path:
        return self.root / "tokens" / f"{digest[:2]}.json"
