"""Adoption checkpoints after go-live: day 30, 60, 90 and 180, answered by the seller (or
customer success) with the customer's owner.

Each checkpoint is scored on its own by its questionnaire's criteria (proof metric moving,
access, proficiency, hypercare, change management, success criteria, budget). Two of its
answers reach the adoption loop:

- the proof metric moved towards its target (or reached it), with the customer's
  confirmation (its evidence graded customer confirmed or documented, and who confirmed it
  named), is first value: the strongest evidence there is, proven in that checkpoint's
  week;
- a proof metric that has not moved by day 90 is a failure signal: the expansion gate stays
  closed, whatever the pulses say, until a later checkpoint shows it moving.

The next checkpoint is due on its day after go-live; one not answered a week after its day
is overdue (an alert).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires.model import Questionnaire
from scoring.aggregate import score
from scoring.firstvalue import Evidence
from scoring.responses import MIN_GROUP, Response, current
from scoring.results import Score

DAYS = (30, 60, 90, 180)
STALL_DAY = 90
OVERDUE_DAYS = 7
MOVED = ("reached", "toward")
CONFIRMED_GRADE = 2
DAY, CURRENT, MOVEMENT, CONFIRMED_BY = ("checkpoint_day", "proof_current", "proof_movement",
                                       "proof_confirmed_by")


def checkpoint_day(answers: Mapping[str, object]) -> int | None:
    """The checkpoint's day from its answers (None when it names none)."""
    try:
        day = int(str(answers.get(DAY, "")))
    except ValueError:
        return None
    return day if day in DAYS else None


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint as answered."""

    day: int
    at: str
    by: str
    current: str
    movement: str
    """reached, toward, not_moved, away or not_measured ('' when unanswered)."""
    movement_label: str
    confirmed_by: str
    grade: int
    result: Score
    answers: Mapping[str, object]

    @property
    def moved(self) -> bool:
        """The proof metric moved towards its target or reached it."""
        return self.movement in MOVED

    @property
    def confirmed(self) -> bool:
        """The customer confirmed it: graded customer confirmed or documented, by a name."""
        return self.grade >= CONFIRMED_GRADE and bool(self.confirmed_by)


def checkpoints(q: Questionnaire, responses: Sequence[Response], *,
                min_group: int = MIN_GROUP) -> tuple[Checkpoint, ...]:
    """The latest answer to each checkpoint, by day."""
    found = []
    labels = {c.value: c.label.get() for x in q.scored_questions if x.id == MOVEMENT
              for c in x.choices}
    for r in current(responses):
        day = r.week if r.week in DAYS else checkpoint_day(r.answers)
        if day is None:
            continue
        movement = str(r.answers.get(MOVEMENT) or "")
        found.append(Checkpoint(
            day, r.submitted_at, r.name or r.respondent, str(r.answers.get(CURRENT) or ""),
            movement, labels.get(movement, ""), str(r.answers.get(CONFIRMED_BY) or ""),
            int(r.evidence.get(MOVEMENT, 0) or 0),
            score(q, [r], min_group=min_group, each=False, explained=False, measured=False),
            r.answers))
    return tuple(sorted(found, key=lambda c: c.day))


def value_evidence(made: Sequence[Checkpoint]) -> list[Evidence]:
    """First value from the checkpoints whose proof metric moved, confirmed by the customer."""
    return [Evidence(f"The proof metric {c.movement_label.lower()} by day {c.day}: "
                     f"{c.current}", c.day // 7 + 1, c.at[:10],
                     f"{c.by} (seller) with {c.confirmed_by}", True)
            for c in made if c.moved and c.confirmed]


def failures(made: Sequence[Checkpoint]) -> list[str]:
    """A proof metric not moving at the latest checkpoint from day 90 on."""
    latest = made[-1] if made else None
    if latest is None or latest.day < STALL_DAY or latest.moved:
        return []
    what = latest.movement_label.lower() or "not answered"
    now = f" (today {latest.current})" if latest.current else ""
    return [f"The proof metric has not moved by day {latest.day}: {what}{now}. A metric "
            "that has not moved by day 90 is a failure signal."]


@dataclass(frozen=True)
class Due:
    """The next checkpoint to answer."""

    day: int
    date: str
    overdue: bool


def next_due(go_live: str, made: Sequence[Checkpoint], today: dt.date) -> Due | None:
    """The checkpoint after the latest one answered: due on its day after go-live, overdue a
    week later; None without a go-live date or after day 180's."""
    if not go_live:
        return None
    start = dt.date.fromisoformat(go_live)
    last = max((c.day for c in made), default=0)
    for day in DAYS:
        if day <= last:  # answered, or passed over by a later checkpoint
            continue
        when = start + dt.timedelta(days=day)
        return Due(day, when.isoformat(), today >= when + dt.timedelta(days=OVERDUE_DAYS))
    return None
