"""The store's one interface: what every engine (TinyDB files, PostgreSQL) does the same way.

`assessments.store.filestore.FileStore` keeps everything in a data folder of TinyDB files;
`assessments.store.sqlstore.SqlStore` in a PostgreSQL database. `open_store` picks one:
a database URL (the project's `database_url` or READYGATE_DATABASE_URL) selects
PostgreSQL, else the data folder. The test suite runs the same store tests on both.

Every write is all or nothing; a write that depends on what is stored (superseding a
respondent's earlier answer, skipping an import's rows already stored, changing one record)
reads and writes under one lock or transaction, so two writers at once lose nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from assessments.paths import DEFAULT_DATA
from assessments.store.records import Draft, Invitation, ResponseRecord, User
from assessments.store.throttle import Limits
from scoring.assess import Assessment
from scoring.commitments import Commitment

DATA_ENV = "READYGATE_DATA"
DATABASE_ENV = "READYGATE_DATABASE_URL"
SECRET_ENV = "READYGATE_SECRET_KEY"
DOCUMENT = re.compile(r"[a-z][a-z0-9-]{0,62}")
"""The name of a document (`Store.document`): a small table of the service's own."""


class Store(Protocol):
    """Assessments with their responses, links, drafts and plans; users; service documents."""

    root: Path
    """The local data folder: the TinyDB files, or (with PostgreSQL) only what one machine
    keeps for itself: the live app's cached PDFs."""

    @property
    def place(self) -> str:
        """Where the data is, for messages: a folder, or a database (no password)."""

    # -- assessments -------------------------------------------------------------------
    def assessments(self) -> list[Assessment]:
        """Every assessment, sorted by id."""
    def assessment(self, assessment_id: str) -> Assessment:
        """The assessment with this id (NotFound if there is none)."""
    def has_assessment(self, assessment_id: str) -> bool:
        """Whether an assessment with this id exists."""
    def save_assessment(self, a: Assessment) -> None:
        """Create the assessment, or replace the one with the same id."""

    # -- responses ---------------------------------------------------------------------
    def add_response(self, r: ResponseRecord, *, replaces: bool = False) -> ResponseRecord:
        """Store one response (id and time filled when empty); with `replaces`, the same
        respondent's current answer to the questionnaire (and week) is superseded at once."""
    def add_responses(self, rs: Sequence[ResponseRecord], *,
                      skip_stored: bool = False) -> list[ResponseRecord]:
        """Store many responses in one write; `skip_stored` leaves out those stored already."""
    def responses(self, assessment: str, questionnaire: str | None = None, *,
                  include_superseded: bool = False) -> list[ResponseRecord]:
        """An assessment's responses in submission order, sellers under their display name."""
    def response_count(self, assessment: str) -> int:
        """How many responses `responses(assessment)` returns."""
    def supersede(self, assessment: str, response_id: str) -> None:
        """Mark a response superseded: kept in history, no longer scored."""

    # -- users and the secret key ------------------------------------------------------
    def add_user(self, u: User) -> None:
        """Store a new user (ValueError if the name is taken)."""
    def rename_user(self, name: str, display_name: str) -> User:
        """Set a user's display name."""
    def update_user(self, name: str, *, password_hash: str | None = None) -> User:
        """End every session of a user and, when given, set a new password hash."""
    def user(self, name: str) -> User | None:
        """The user with this name, or None."""
    def users(self) -> list[User]:
        """Every user, sorted by name."""
    def secret_key(self) -> bytes:
        """The key that signs sessions: the same for every worker and every app server."""
    def limits(self, secret: bytes) -> Limits:
        """The rate-limit counters every worker (and, on PostgreSQL, every app server)
        shares; their keys are MACs under `secret`."""

    # -- links -------------------------------------------------------------------------
    def add_invitation(self, inv: Invitation) -> None:
        """Store an invitation and index its token hash."""
    def add_invitations(self, invs: Sequence[Invitation]) -> None:
        """Store invitations of one assessment in one write."""
    def invitation_by_token(self, token: str, *, replaced: bool = False) -> Invitation | None:
        """The invitation a respondent token opens, or None."""
    def invitation(self, assessment: str, invitation_id: str) -> Invitation:
        """One invitation of an assessment (NotFound if there is none)."""
    def invitations(self, assessment: str) -> list[Invitation]:
        """An assessment's invitations, oldest first."""
    def revoke(self, assessment: str, invitation_id: str) -> None:
        """Revoke an invitation: its link stops opening the form."""
    def change_invitation(self, assessment: str, invitation_id: str,
                          change: Callable[[Invitation], Invitation]) -> Invitation:
        """Apply `change` to an invitation under the lock; its id and tokens stay."""
    def add_token(self, assessment: str, invitation_id: str, digest: str, *,
                  replace: bool = False) -> Invitation:
        """Index one more token hash for an invitation (`replace`: the only one)."""

    def token_entries(self, assessment: str) -> list[tuple[str, str]]:
        """The token index of an assessment: (token hash, invitation id), replaced tokens
        too (their pages say the link was replaced), in an order of the engine's own."""
    def add_token_entries(self, assessment: str, entries: Sequence[tuple[str, str]]) -> None:
        """Index token hashes (a copied store's); a hash indexed already stays as it is."""

    # -- the mutual action plan and drafts ---------------------------------------------
    def commitments(self, assessment: str) -> list[Commitment]:
        """An assessment's commitments, oldest first."""
    def add_commitments(self, assessment: str, commitments: Sequence[Commitment]) -> None:
        """Store commitments in one write; their ids must be new."""
    def change_commitment(self, assessment: str, ident: str,
                          change: Callable[[Commitment], Commitment]) -> Commitment:
        """Apply `change` to one commitment under the lock."""
    def save_draft(self, d: Draft) -> None:
        """Keep a respondent's unfinished answers, replacing their earlier draft."""
    def draft(self, assessment: str, questionnaire: str, respondent: str,
              week: int | None) -> Draft | None:
        """A respondent's draft, or None."""
    def drop_draft(self, assessment: str, questionnaire: str, respondent: str,
                   week: int | None) -> None:
        """Forget a draft; nothing when there is none."""
    def drafts(self, assessment: str) -> list[Draft]:
        """Every draft of an assessment, oldest first."""

    # -- the service's own documents ---------------------------------------------------
    def document(self, name: str) -> dict[str, Any]:
        """A document of the service's own (API tokens, webhook deliveries): a JSON object,
        {} until first written. `name` matches DOCUMENT."""
    def change_document(self, name: str,
                        change: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
        """Replace a document with `change(current)`, read and written under the lock or in
        one transaction, so two changes at once both land; returns the new document."""
    def document_names(self) -> list[str]:
        """The names of the documents written so far, sorted."""


def open_store(data: str | Path | None = None, url: str | None = None) -> Store:
    """The store a project uses: PostgreSQL at `url` (else READYGATE_DATABASE_URL) with
    `data` as the local folder, else TinyDB files in `data` (else READYGATE_DATA, else
    ./instance)."""
    folder = data_folder(data)
    url = url or database_url()
    if url:
        from assessments.store.sqlstore import SqlStore

        return SqlStore(url, folder)
    from assessments.store.filestore import FileStore

    return FileStore(folder)


def database_url(configured: str = "") -> str:
    """The PostgreSQL URL to use: READYGATE_DATABASE_URL, else the project's
    `configured` one, else '' (the data folder)."""
    return os.environ.get(DATABASE_ENV) or configured


def data_folder(data: str | Path | None = None) -> Path:
    """`data`, else READYGATE_DATA, else ./instance."""
    return Path(data or os.environ.get(DATA_ENV) or DEFAULT_DATA)


def check_document(name: str) -> str:
    """`name` if it can name a document, else ValueError."""
    if not DOCUMENT.fullmatch(name):
        raise ValueError(f"document name {name!r} is not a slug")
    return name
