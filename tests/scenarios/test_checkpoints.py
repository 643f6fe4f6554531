"""Adoption checkpoints with the weekly pulses of several users: the proof metric moving,
confirmed by the customer, proves first value; a metric that has not moved by day 90 keeps
the expansion gate closed, however healthy the weeks; the next checkpoint falls due."""

from __future__ import annotations

import datetime as dt

import questionnaires
from scoring.assess import Assessment, Rollup, assess
from scoring.checkpoints import checkpoints, next_due
from scoring.responses import Response
from tests.helpers import HEALTHY_PULSE

DEFS = {q.id: q for q in questionnaires.load()}
Q = DEFS["adoption-checkpoint"]
DEAL = Assessment("acme", "Acme", owner="Sam Rivera", stage="live", go_live="2026-06-01")
# Three users a week, healthy, who never describe first value themselves.
QUIET = {k: v for k, v in HEALTHY_PULSE.items() if not k.startswith("first_value")}
WEEKS = [Response(f"u{n}", "user", QUIET, week=week,
                  submitted_at=f"2026-{6 + (week - 1) // 4:02d}-{1 + 7 * ((week - 1) % 4):02d}"
                               "T09:00:00+00:00")
         for week in range(1, 14) for n in range(3)]
ON_TRACK = {"proof_current": "81 % within 48 h", "access_share": "all",
            "proficient_share": "most", "issue_blocks": "no", "change_activities": "all",
            "success_criteria": "met", "budget": "within"}


def checkpoint(day: int, movement: str, grade: int, by: str = "Ines Duarte, COO") -> Response:
    answers = {**ON_TRACK, "checkpoint_day": str(day), "proof_movement": movement,
               **({"proof_confirmed_by": by} if movement in ("reached", "toward") else {})}
    moment = dt.date(2026, 6, 1) + dt.timedelta(days=day)
    return Response("sam", "seller", answers, {"proof_movement": grade}, name="Sam Rivera",
                    week=day, submitted_at=f"{moment.isoformat()}T16:00:00+00:00")


def rolled(*made: Response) -> Rollup:
    return assess(DEAL, DEFS, {"post-go-live-pulse": WEEKS, "adoption-checkpoint": list(made)})


def test_without_a_checkpoint_nobody_has_shown_first_value() -> None:
    loop = rolled().adoption
    assert loop is not None and not loop.value.proven and not loop.expansion.open


def test_the_metric_moving_with_the_customers_confirmation_proves_first_value() -> None:
    loop = rolled(checkpoint(30, "toward", 2)).adoption
    assert loop is not None and loop.value.proven and loop.value.week == 5
    (evidence,) = loop.value.confirmations
    assert evidence.text == "The proof metric moved towards the target by day 30: 81 % within 48 h"
    assert evidence.by == "Sam Rivera (seller) with Ines Duarte, COO"
    assert loop.expansion.open


def test_the_sellers_word_alone_is_not_proof() -> None:
    # Graded the seller's assumption (1), or confirmed by nobody named: not first value.
    for made in (checkpoint(30, "reached", 1), checkpoint(30, "reached", 3, by="")):
        loop = rolled(made).adoption
        assert loop is not None and not loop.value.proven


def test_a_metric_not_moved_by_day_90_keeps_the_gate_closed() -> None:
    stalled = rolled(checkpoint(30, "toward", 2), checkpoint(90, "not_moved", 2))
    assert stalled.adoption is not None and stalled.adoption.value.proven  # day 30's stands
    assert not stalled.adoption.expansion.open
    assert any("has not moved by day 90: not moved (today 81 % within 48 h)" in reason
               for reason in stalled.adoption.expansion.reasons)
    # Day 60 not moving is not yet a failure signal; day 180 moving again opens the gate.
    assert rolled(checkpoint(60, "not_moved", 2)).adoption.expansion.reasons == \
        rolled().adoption.expansion.reasons  # type: ignore[union-attr]
    again = rolled(checkpoint(90, "not_moved", 2), checkpoint(180, "reached", 3))
    assert again.adoption is not None and again.adoption.expansion.open


def test_each_checkpoint_keeps_its_own_day_and_the_next_falls_due() -> None:
    made = checkpoints(Q, [checkpoint(30, "toward", 2), checkpoint(60, "reached", 3)])
    assert [(c.day, c.moved, c.confirmed) for c in made] == [(30, True, True),
                                                              (60, True, True)]
    assert made[1].result.verdict == "on_track"
    due = next_due(DEAL.go_live, made, dt.date(2026, 8, 31))
    assert due is not None and (due.day, due.date, due.overdue) == (90, "2026-08-30", False)
    late = next_due(DEAL.go_live, made, dt.date(2026, 9, 7))
    assert late is not None and late.overdue
    assert next_due(DEAL.go_live, [*made, *checkpoints(Q, [checkpoint(180, "reached", 3)])],
                    dt.date(2027, 6, 1)) is None
