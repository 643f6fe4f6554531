"""The small tables an assessment keeps beside its answers, in PostgreSQL: respondents'
drafts and the mutual action plan. Part of SqlStore (assessments.store.sqlstore)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.dialects.postgresql import insert as upsert

from assessments.store import sqlschema as t
from assessments.store.records import Draft, draft_from, to_doc
from assessments.store.sqlengine import SqlPart
from scoring.commitments import Commitment


class SqlWorkTables(SqlPart):
    """Drafts and commitments, one table of each for every assessment."""

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


def _draft_key(assessment: str, questionnaire: str, respondent: str,
               week: int | None) -> dict[str, Any]:
    return {"assessment": assessment, "questionnaire": questionnaire,
            "respondent": respondent, "week": t.NO_WEEK if week is None else week}


def _draft_where(assessment: str, questionnaire: str, respondent: str,
                 week: int | None) -> Iterator[Any]:
    for name, value in _draft_key(assessment, questionnaire, respondent, week).items():
        yield t.drafts.c[name] == value
