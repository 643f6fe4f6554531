"""An assessment's respondent links in PostgreSQL, and the token index that finds them
(each token kept only as its SHA-256). Part of SqlStore (assessments.store.sqlstore)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from sqlalchemy import and_, insert, select
from sqlalchemy.dialects.postgresql import insert as upsert

from assessments.errors import NotFound
from assessments.store import sqlschema as t
from assessments.store.invitations import HASH
from assessments.store.records import Invitation, record_from, to_doc, token_hash
from assessments.store.sqlengine import SqlPart


class SqlLinks(SqlPart):
    """The links of every assessment, and the token index."""

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
