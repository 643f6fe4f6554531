"""Readiness rounds with several respondents: each submission makes a round, the report says
what changed from the round before, a confidential customer is never named, and the verdict
reads only the latest answers."""

from __future__ import annotations

import questionnaires
from scoring.assess import Assessment, assess
from scoring.responses import Response
from scoring.rounds import CONFIDENTIAL, changes, rounds

DEFS = {q.id: q for q in questionnaires.load()}
Q = DEFS["pre-close-readiness"]
DEAL = Assessment("brightmoor", "Brightmoor Clinics", stage="closing")

FIRST = {"owner": "sponsor_only", "first_workflow": "several", "first_users": "unknown",
         "data_access": "identified", "decision_change": "none", "proof_metric": "none",
         "old_process": "none", "capacity": "none", "stall_risks": "not_discussed"}
SECOND = {**FIRST, "owner": "named_with_authority", "owner_name": "Ines Duarte, COO",
          "first_workflow": "agreed", "first_workflow_name": "Referral triage, daily",
          "proof_metric": "metric_baseline_target"}


def seller(answers: dict[str, object], at: str, grades: dict[str, int]) -> Response:
    return Response("sam", "seller", answers, grades, name="Sam Rivera", submitted_at=at)


def test_each_answer_makes_a_round_and_the_latest_change_is_said() -> None:
    ines = "i_1"
    history = [
        seller(FIRST, "2026-10-01T09:00:00+00:00", {"owner": 1, "first_workflow": 1}),
        # The customer's owner confirms the seller's first answers, confidentially.
        Response(ines, "stakeholder", {"owner": "sponsor_only", "first_workflow": "several"},
                 {}, name="Ines Duarte", submitted_at="2026-10-08T09:00:00+00:00"),
        # The seller now says there is an owner, a workflow and a proof metric ...
        seller(SECOND, "2026-10-20T09:00:00+00:00",
               {"owner": 3, "first_workflow": 3, "proof_metric": 1}),
        # ... and the customer agrees, with a document to show for it.
        Response(ines, "stakeholder", {"owner": "named_with_authority",
                                       "first_workflow": "agreed"},
                 {"owner": 3, "first_workflow": 3}, name="Ines Duarte",
                 submitted_at="2026-10-27T09:00:00+00:00"),
    ]
    made = rounds(Q, history)
    assert [(r.number, r.by) for r in made] == [
        (1, "Sam Rivera"), (2, CONFIDENTIAL), (3, "Sam Rivera"), (4, CONFIDENTIAL)]
    assert "Ines" not in " ".join(r.by for r in made)  # confidential: never named
    # Round 2: the customer's answers are the seller's, so only the evidence moved.
    second = changes(Q, made[0], made[1])
    kinds = {(c.kind, c.item) for c in second}
    assert ("evidence_up", "owner") in kinds and ("evidence_up", "first_workflow") in kinds
    assert all(c.better for c in second)
    # Round 3: on a claim the most cautious answer counts, so the seller's better owner
    # does not count while the customer still says otherwise; the proof metric, which
    # only the seller answered, does.
    third = {(c.kind, c.item) for c in changes(Q, made[1], made[2])}
    assert ("criterion_up", "proof_metric") in third
    assert not {k for k in third if k[1] in ("ownership", "first_workflow")}
    # Round 4: the customer agrees: owner and workflow pass their must-have gates.
    fourth = {(c.kind, c.item): c.text for c in changes(Q, made[2], made[3])}
    assert fourth[("criterion_up", "ownership")] == "Named owner with authority: 17 → 100"
    assert ("gate_passed", "ownership") in fourth and ("gate_passed", "first_workflow") in fourth
    assert ("barrier_cleared", "ownership") in fourth
    assert [r.shown for r in made] == sorted(r.shown or 0 for r in made)
    # The verdict reads the latest answers only, as without rounds.
    latest = [history[2], history[3]]
    with_rounds = assess(DEAL, DEFS, {Q.id: latest}, history=history)
    without = assess(DEAL, DEFS, {Q.id: latest})
    assert with_rounds.verdict == without.verdict and with_rounds.score == without.score
    assert with_rounds.readiness == without.readiness
    assert [r.number for r in with_rounds.rounds] == [1, 2, 3, 4]
    assert with_rounds.changed == changes(Q, made[2], made[3])


def test_a_worse_answer_is_said_as_a_loss() -> None:
    history = [seller(SECOND, "2026-10-01T09:00:00+00:00", {"owner": 3, "first_workflow": 3}),
               seller(FIRST, "2026-10-09T09:00:00+00:00", {"owner": 1, "first_workflow": 1})]
    lost = {(c.kind, c.item) for c in changes(Q, *rounds(Q, history))}
    assert {("criterion_down", "ownership"), ("gate_failed", "ownership"),
            ("barrier_added", "ownership")} <= lost
    assert not any(c.better for c in changes(Q, *rounds(Q, history)))


def test_one_round_has_nothing_to_compare() -> None:
    rolled = assess(DEAL, DEFS, {Q.id: [seller(FIRST, "2026-10-01T09:00:00+00:00", {})]},
                    history=[seller(FIRST, "2026-10-01T09:00:00+00:00", {})])
    assert len(rolled.rounds) == 1 and rolled.changed == ()
