"""The PostgreSQL store's tables (SQLAlchemy Core), as the migrations in migrations/ make them.

Responses keep their answers and evidence as JSONB beside relational columns, so a query
can select by assessment, questionnaire, respondent, role, week, time or supersession.
Other records are small: each is a JSONB document beside the columns that find it.
Insertion order (a `seq` identity column) is the order the TinyDB store keeps: responses in
submission order, links and commitments oldest first.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()
NO_WEEK = -1
"""A draft's `week` column when the questionnaire has no weeks (a key column is never NULL)."""


def _assessment() -> Column[str]:
    return Column("assessment", Text, ForeignKey("assessments.id", ondelete="CASCADE"),
                  nullable=False)


assessments = Table(
    "assessments", metadata,
    Column("id", Text, primary_key=True),
    Column("doc", JSONB, nullable=False),
)

responses = Table(
    "responses", metadata,
    Column("seq", BigInteger, Identity(always=True), primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    _assessment(),
    Column("questionnaire", Text, nullable=False),
    Column("version", Text, nullable=False),
    Column("digest", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("respondent", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("segment", Text, nullable=False),
    Column("week", Integer, nullable=True),
    Column("submitted_at", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("superseded", Boolean, nullable=False),
    Column("named", Boolean, nullable=False),
    Column("answers", JSONB, nullable=False),
    Column("evidence", JSONB, nullable=False),
    Index("responses_by_assessment", "assessment", "seq"),
    Index("responses_by_answerer", "assessment", "respondent", "questionnaire"),
)

def _listed(name: str) -> Table:
    """A table of an assessment's records kept oldest first, each found by its id."""
    return Table(name, metadata,
                 Column("seq", BigInteger, Identity(always=True), primary_key=True),
                 _assessment(),
                 Column("id", Text, nullable=False),
                 Column("doc", JSONB, nullable=False),
                 UniqueConstraint("assessment", "id", name=f"{name}_id"))


invitations = _listed("invitations")
commitments = _listed("commitments")

tokens = Table(
    "tokens", metadata,
    Column("hash", Text, primary_key=True),
    Column("assessment", Text, nullable=False),
    Column("invitation", Text, nullable=False),
)

drafts = Table(
    "drafts", metadata,
    Column("seq", BigInteger, Identity(always=True), nullable=False),
    _assessment(),
    Column("questionnaire", Text, nullable=False),
    Column("respondent", Text, nullable=False),
    Column("week", Integer, nullable=False),
    Column("doc", JSONB, nullable=False),
    PrimaryKeyConstraint("assessment", "questionnaire", "respondent", "week",
                         name="drafts_key"),
)

users = Table(
    "users", metadata,
    Column("name", Text, primary_key=True),
    Column("doc", JSONB, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("name", Text, primary_key=True),
    Column("doc", JSONB, nullable=False),
)

limits = Table(
    "limits", metadata,
    Column("key", Text, primary_key=True),
    Column("n", Integer, nullable=False),
    Column("until", Float, nullable=False),
    Column("notes", JSONB, nullable=False),
)
"""Rate-limit counters (assessments.store.sqllimits): a MAC of rule and subject as key."""

settings = Table(
    "settings", metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
