"""The first schema: assessments, responses (answers as JSONB), links, tokens, commitments,
drafts, users, the service's documents, rate limits and settings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _assessment() -> sa.Column[str]:
    return sa.Column("assessment", sa.Text, sa.ForeignKey("assessments.id", ondelete="CASCADE"),
                     nullable=False)


def _seq() -> sa.Column[int]:
    return sa.Column("seq", sa.BigInteger, sa.Identity(always=True), primary_key=True)


def upgrade() -> None:
    op.create_table("assessments", sa.Column("id", sa.Text, primary_key=True),
                    sa.Column("doc", JSONB, nullable=False))
    text = ("questionnaire", "version", "digest", "role", "respondent", "name", "segment")
    op.create_table(
        "responses", _seq(), sa.Column("id", sa.Text, nullable=False, unique=True),
        _assessment(), *(sa.Column(c, sa.Text, nullable=False) for c in text),
        sa.Column("week", sa.Integer, nullable=True),
        sa.Column("submitted_at", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("superseded", sa.Boolean, nullable=False),
        sa.Column("named", sa.Boolean, nullable=False),
        sa.Column("answers", JSONB, nullable=False),
        sa.Column("evidence", JSONB, nullable=False))
    op.create_index("responses_by_assessment", "responses", ["assessment", "seq"])
    op.create_index("responses_by_answerer", "responses",
                    ["assessment", "respondent", "questionnaire"])
    for name in ("invitations", "commitments"):
        op.create_table(name, _seq(), _assessment(), sa.Column("id", sa.Text, nullable=False),
                        sa.Column("doc", JSONB, nullable=False),
                        sa.UniqueConstraint("assessment", "id", name=f"{name}_id"))
    op.create_table("tokens", sa.Column("hash", sa.Text, primary_key=True),
                    sa.Column("assessment", sa.Text, nullable=False),
                    sa.Column("invitation", sa.Text, nullable=False))
    op.create_table("drafts",
                    sa.Column("seq", sa.BigInteger, sa.Identity(always=True), nullable=False),
                    _assessment(),
                    sa.Column("questionnaire", sa.Text, nullable=False),
                    sa.Column("respondent", sa.Text, nullable=False),
                    sa.Column("week", sa.Integer, nullable=False),
                    sa.Column("doc", JSONB, nullable=False),
                    sa.PrimaryKeyConstraint("assessment", "questionnaire", "respondent", "week",
                                            name="drafts_key"))
    op.create_table("users", sa.Column("name", sa.Text, primary_key=True),
                    sa.Column("doc", JSONB, nullable=False))
    op.create_table("documents", sa.Column("name", sa.Text, primary_key=True),
                    sa.Column("doc", JSONB, nullable=False))
    op.create_table("limits", sa.Column("key", sa.Text, primary_key=True),
                    sa.Column("n", sa.Integer, nullable=False),
                    sa.Column("until", sa.Float, nullable=False),
                    sa.Column("notes", JSONB, nullable=False))
    op.create_table("settings", sa.Column("name", sa.Text, primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))


def downgrade() -> None:
    for name in ("settings", "limits", "documents", "users", "drafts", "tokens", "commitments",
                 "invitations", "responses", "assessments"):
        op.drop_table(name)
