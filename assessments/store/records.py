"""What the store keeps: assessments, responses, invitations and users, as plain records."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scoring import Response
from scoring.assess import Assessment
from scoring.responses import SELLER

SOURCES = ("web", "static", "import", "demo", "api")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
"""An assessment id: it names a folder in the data directory and a page of the site."""
TOKEN_BYTES = 32  # 256 bits: unguessable; at least 128 bits would do


def check_slug(assessment_id: str) -> str:
    """`assessment_id` if it can name a folder, else ValueError."""
    if not isinstance(assessment_id, str) or not SLUG.fullmatch(assessment_id):
        raise ValueError(f"assessment id {assessment_id!r} is not a slug: use 1-63 lowercase "
                         "letters, digits and hyphens, starting with a letter or digit")
    return assessment_id


def new_token() -> str:
    """An unguessable respondent token (URL-safe, 256 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """How a token is stored: its SHA-256. A leaked store does not leak working links."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_id(prefix: str) -> str:
    """A short random public id (for URLs that are not secrets, like revoke buttons)."""
    return f"{prefix}_{secrets.token_hex(6)}"


@dataclass(frozen=True)
class ResponseRecord:
    """One stored submission."""

    id: str
    assessment: str
    questionnaire: str
    version: str
    digest: str
    """SHA-256 of the definition file it was answered against."""
    role: str
    answers: Mapping[str, Any]
    evidence: Mapping[str, int] = field(default_factory=dict)
    respondent: str = ""
    """The invitation id, or the seller's user name, or an import's respondent id."""
    name: str = ""
    """Who answered, as reports name them; a seller's answers are read under the seller's
    current display name (`seller_named`), so a rename reaches every report."""
    segment: str = ""
    week: int | None = None
    """A weekly pulse's week since go-live; an adoption checkpoint's day (30, 60, 90, 180)."""
    submitted_at: str = ""
    source: str = "web"
    superseded: bool = False
    """Replaced by the same respondent's later answer (for pulses: in the same week): kept
    in history, not scored."""
    named: bool = False
    """Answered on a named link: reports may show it with the name."""

    def to_response(self) -> Response:
        """The scoring input for this record."""
        answers = {k: _tuples(v) for k, v in self.answers.items()}
        return Response(self.respondent or self.id, self.role, answers, dict(self.evidence),
                        name=self.name, segment=self.segment, week=self.week,
                        submitted_at=self.submitted_at, named=self.named)


def _tuples(value: Any) -> Any:
    """JSON gives lists; scoring expects tuples (and rows as mappings)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Invitation:
    """A respondent link: one questionnaire of one assessment, for one person or role."""

    id: str
    token_hash: str
    assessment: str
    questionnaire: str
    role: str
    name: str = ""
    segment: str = ""
    language: str = ""
    expires_at: str = ""
    """ISO 8601; empty for no expiry."""
    revoked: bool = False
    open: bool = False
    """An open link (embedded in a static form page) accepts many respondents."""
    created_at: str = ""
    named: bool = False
    """The form says the answers are shown with the name; otherwise they are confidential."""
    email: str = ""
    """Where its messages go; empty for a link handed over by hand."""
    asked_by: str = ""
    """Who the messages say asks (the seller who sent it)."""
    reply_to: str = ""
    """Where replies to its messages go (that seller's address), if anywhere."""
    sent_at: str = ""
    """When the invitation e-mail went out (empty: never, or the link was handed over)."""
    send_error: str = ""
    """Why the last message to `email` did not go out; cleared when one does."""
    opened_at: str = ""
    """When the link first opened its form."""
    reminded_at: str = ""
    reminders: int = 0
    unsubscribed: bool = False
    """The respondent asked for no more messages: no reminder goes to them."""
    replaced_at: str = ""
    """When a lost link was replaced: every earlier token stopped opening the form."""
    token_hashes: tuple[str, ...] = ()
    """Tokens sent later (in reminders) that open it too, stored hashed as `token_hash`."""

    @property
    def tokens(self) -> tuple[str, ...]:
        """The hashes of every token that opens it."""
        return (self.token_hash, *self.token_hashes)


@dataclass(frozen=True)
class Draft:
    """A respondent's unfinished answers, kept as they were typed until they send them.

    Never scored and never shown to anyone but the one who typed them: a draft is not a
    response."""

    assessment: str
    questionnaire: str
    respondent: str
    """The invitation id, or the seller's user name."""
    week: int | None
    """For a weekly pulse, the week it belongs to: a draft of last week is not this week's."""
    fields: tuple[tuple[str, str], ...]
    """The form's fields as posted (name, value), the CSRF token left out."""
    saved_at: str = ""


@dataclass(frozen=True)
class User:
    """A seller who can log in."""

    name: str
    password_hash: str
    created_at: str = ""
    session_version: int = 0
    """Stored in each login's session; raising it (logout, a new password) ends them all."""
    display_name: str = ""
    """How answers and reports name this seller ("Sam Rivera"); the login name when empty."""

    @property
    def shown_as(self) -> str:
        """The name reports show: the display name, else the login."""
        return self.display_name or self.name


def filled(r: ResponseRecord) -> ResponseRecord:
    """`r` with an id and a submission time when it has none (as every store stores it)."""
    check_slug(r.assessment)
    return dataclasses.replace(
        r, id=r.id or f"r_{secrets.token_hex(8)}",
        submitted_at=r.submitted_at or datetime.now(UTC).isoformat(timespec="seconds"))


def seller_named(record: ResponseRecord, names: Mapping[str, str]) -> ResponseRecord:
    """`record` under its seller's display name now (`names`: login → display name).

    Other answers, and a seller without a display name or account, keep the stored name:
    it is the one they were given when they answered."""
    name = names.get(record.respondent, "") if record.role == SELLER else ""
    return dataclasses.replace(record, name=name) if name and name != record.name else record


def draft_from(doc: Mapping[str, Any]) -> Draft:
    """A Draft from its stored dict (JSON gives each (name, value) pair as a list)."""
    found: Draft = record_from(Draft, doc)
    return dataclasses.replace(found, fields=tuple((str(k), str(v)) for k, v in found.fields))


def to_doc(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict."""
    return dataclasses.asdict(record)


def assessment_from(doc: Mapping[str, Any]) -> Assessment:
    """An Assessment from its stored dict (unknown keys ignored)."""
    names = {f.name for f in dataclasses.fields(Assessment)}
    return Assessment(**{k: v for k, v in doc.items() if k in names})


def record_from(cls: type[Any], doc: Mapping[str, Any]) -> Any:
    """A record of `cls` from its stored dict (unknown keys ignored, for older files)."""
    names = {f.name for f in dataclasses.fields(cls)}
    # JSON has no tuples: a record's sequences are tuples (answers keep their lists).
    return cls(**{k: tuple(v) if isinstance(v, list) else v
                  for k, v in doc.items() if k in names})
