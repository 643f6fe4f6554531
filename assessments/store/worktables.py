"""The small tables an assessment keeps beside its answers: respondents' drafts (save and
resume) and the mutual action plan. Part of the Store (assessments.store.filestore), which
gives them its lock, its tables and its folders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from assessments.store import atomic
from assessments.store.part import Part
from assessments.store.records import Draft, draft_from, record_from, to_doc
from assessments.store.shards import docs
from scoring.commitments import Commitment

T = TypeVar("T")


def _decode(cls: type[T], data: Any) -> tuple[T, ...]:
    return tuple(record_from(cls, doc) for doc in docs(data))


_commitments = partial(_decode, Commitment)


def _drafts(data: Any) -> tuple[Draft, ...]:
    return tuple(draft_from(doc) for doc in docs(data))


def _same_draft(doc: Any, d: Draft) -> bool:
    return (doc.get("questionnaire"), doc.get("respondent"), doc.get("week")) == (
        d.questionnaire, d.respondent, d.week)


class WorkTables(Part):
    """Drafts and commitments, one table of each per assessment."""

    # -- the mutual action plan --------------------------------------------------------

    def commitments(self, assessment: str) -> list[Commitment]:
        """An assessment's commitments, oldest first."""
        self._require(assessment)
        return list(atomic.load(self._folder(assessment) / "commitments.json", _commitments))

    def add_commitments(self, assessment: str, commitments: Sequence[Commitment]) -> None:
        """Store commitments in one write (all or none); their ids must be new."""
        self._require(assessment)
        path = self._folder(assessment) / "commitments.json"
        with self._locked(), self._table(path) as table:
            taken = {d.get("id") for d in table.all()}
            ids = [c.id for c in commitments]
            if not all(ids) or taken & set(ids) or len(set(ids)) != len(ids):
                raise ValueError("each commitment needs an id of its own")
            table.insert_multiple(to_doc(c) for c in commitments)

    def change_commitment(self, assessment: str, ident: str,
                          change: Callable[[Commitment], Commitment]) -> Commitment:
        """Apply `change` to one commitment under the lock (NotFound if there is none)."""
        self._require(assessment)
        return self._change_doc(self._folder(assessment) / "commitments.json", "id", ident,
                                Commitment, change,
                                f"no commitment {ident!r} in assessment {assessment!r}")

    # -- drafts ------------------------------------------------------------------------

    def save_draft(self, d: Draft) -> None:
        """Keep a respondent's unfinished answers, replacing their earlier draft."""
        self._require(d.assessment)
        doc = to_doc(d)
        with self._locked(), self._table(self._folder(d.assessment) / "drafts.json") as table:
            ids = [x.doc_id for x in table.all() if _same_draft(x, d)]
            if ids:
                table.update(doc, doc_ids=ids[:1])
            else:
                table.insert(doc)

    def draft(self, assessment: str, questionnaire: str, respondent: str,
              week: int | None) -> Draft | None:
        """A respondent's draft of a questionnaire (of one week, for pulses), or None."""
        self._require(assessment)
        wanted = Draft(assessment, questionnaire, respondent, week, ())
        found = atomic.load(self._folder(assessment) / "drafts.json", _drafts)
        return next((d for d in found if _same_draft(to_doc(d), wanted)), None)

    def drafts(self, assessment: str) -> list[Draft]:
        """Every draft of an assessment, oldest first."""
        self._require(assessment)
        return list(atomic.load(self._folder(assessment) / "drafts.json", _drafts))

    def drop_draft(self, assessment: str, questionnaire: str, respondent: str,
                   week: int | None) -> None:
        """Forget a draft (its answers were sent); nothing when there is none."""
        self._require(assessment)
        path = self._folder(assessment) / "drafts.json"
        wanted = Draft(assessment, questionnaire, respondent, week, ())
        if not any(_same_draft(to_doc(d), wanted) for d in atomic.load(path, _drafts)):
            return
        with self._locked(), self._table(path) as table:
            table.remove(doc_ids=[x.doc_id for x in table.all() if _same_draft(x, wanted)])
