"""Readiness rounds: the pre-close check as it stood after each time someone answered it.

Every submission of the readiness check — the seller's, or a customer's confirming it —
makes a round: the readiness scored from each respondent's latest answer up to that moment,
by the same rules as the verdict (scoring.aggregate). Earlier answers stay in the store as
history, so the rounds can always be worked out again; the verdict itself reads the latest
round only.

What changed from one round to the next, in shown (rounded) points:

- a criterion up or down by at least one point;
- a must-have gate newly passed or newly failed;
- a barrier (a criterion under its pass mark) added or cleared;
- a claim's evidence upgraded or downgraded: the same answer counts, with a higher or
  lower score (a claim counts in proportion to its evidence).

A round made by a confidential customer names nobody: it says "a customer (confidential)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from questionnaires.model import Questionnaire
from scoring.aggregate import score
from scoring.instruments import display_round
from scoring.responses import MIN_GROUP, Response, current
from scoring.results import Score

CONFIDENTIAL = "a customer (confidential)"


@dataclass(frozen=True)
class Round:
    """The readiness check as it stood right after one submission."""

    number: int
    at: str
    """When the submission that made it came in (ISO 8601)."""
    by: str
    """Who answered: the name, or CONFIDENTIAL for a customer who is not named."""
    role: str
    result: Score

    @property
    def shown(self) -> int | None:
        """The score as shown (rounded half away from zero)."""
        return None if self.result.score is None else display_round(self.result.score)


@dataclass(frozen=True)
class Change:
    """One difference between two rounds, said in a sentence."""

    kind: str
    """criterion_up, criterion_down, gate_passed, gate_failed, barrier_added,
    barrier_cleared, evidence_up or evidence_down."""
    item: str
    """The criterion or question id."""
    text: str

    @property
    def better(self) -> bool:
        """Whether it moves the deal towards ready."""
        return self.kind in ("criterion_up", "gate_passed", "barrier_cleared", "evidence_up")


def rounds(q: Questionnaire, history: Sequence[Response], *, min_group: int = MIN_GROUP
           ) -> tuple[Round, ...]:
    """Every round of questionnaire `q` from all its submissions, superseded ones too."""
    ordered = sorted(history, key=lambda r: r.submitted_at)
    found = []
    for n, made in enumerate(ordered, start=1):
        state = current(ordered[:n])
        result = score(q, state, min_group=min_group, each=False, explained=False,
                       measured=False)
        found.append(Round(n, made.submitted_at, _who(made), made.role, result))
    return tuple(found)


def _who(r: Response) -> str:
    if not r.attributed:
        return CONFIDENTIAL
    return r.name or r.respondent or r.role


def changes(q: Questionnaire, before: Round, after: Round) -> tuple[Change, ...]:
    """What changed from `before` to `after`, criteria first, in questionnaire order."""
    found: list[Change] = []
    old = {c.id: c for c in before.result.criteria}
    for c in after.result.criteria:
        was = old.get(c.id)
        if was is None:
            continue
        a, b = _points(was.score), _points(c.score)
        if a is not None and b is not None and a != b:
            kind = "criterion_up" if b > a else "criterion_down"
            found.append(Change(kind, c.id, f"{c.label}: {a} → {b}"))
        elif (a is None) != (b is None):
            found.append(Change("criterion_up" if a is None else "criterion_down", c.id,
                                f"{c.label}: {'no score' if a is None else a} → "
                                f"{'no score' if b is None else b}"))
        if c.must_have and c.passed != was.passed:
            found.append(Change("gate_passed" if c.passed else "gate_failed", c.id,
                                f"{c.label}: must-have gate "
                                + ("now passed" if c.passed else "now failed")))
    barriers_before = {b.criterion for b in before.result.barriers}
    barriers_after = {b.criterion for b in after.result.barriers}
    found += [Change("barrier_added", new.criterion, f"New barrier: {new.label}")
              for new in after.result.barriers if new.criterion not in barriers_before]
    found += [Change("barrier_cleared", gone.criterion, f"Barrier cleared: {gone.label}")
              for gone in before.result.barriers if gone.criterion not in barriers_after]
    found += _evidence(q, before.result, after.result)
    return tuple(found)


def _evidence(q: Questionnaire, before: Score, after: Score) -> list[Change]:
    """Claims whose counted answer stayed while its score moved: its evidence did."""
    old = {x.id: x for x in before.questions}
    labels = {x.id: x.label.get() for x in q.scored_questions}
    found = []
    for x in after.questions:
        was = old.get(x.id)
        if was is None or x.counted is None or x.counted != was.counted:
            continue
        a, b = _points(was.score), _points(x.score)
        if a is not None and b is not None and a != b:
            better = b > a
            found.append(Change("evidence_up" if better else "evidence_down", x.id,
                                f"Evidence {'upgraded' if better else 'downgraded'}: "
                                f"{labels.get(x.id, x.id)}"))
    return found


def _points(value: float | None) -> int | None:
    return None if value is None else display_round(value)
