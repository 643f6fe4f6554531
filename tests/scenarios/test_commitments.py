"""The mutual action plan's one rule: a customer commitment on a must-have that slipped is a
barrier and keeps the deal from ready; nothing else a commitment does moves the verdict.

The deal: the seller and the customer's owner agree on every readiness answer, with
documents, so the check says ready."""

from __future__ import annotations

import dataclasses
import datetime as dt

import questionnaires
from scoring.assess import Assessment, Rollup, assess
from scoring.commitments import CUSTOMER, VENDOR, Commitment
from scoring.responses import Response

DEFS = {q.id: q for q in questionnaires.load()}
READY = {"owner": "named_with_authority", "owner_name": "Ines Duarte, COO",
         "first_workflow": "agreed", "first_users": "group_informed", "data_access": "tested",
         "decision_change": "named", "proof_metric": "metric_baseline_target",
         "old_process": "agreed_with_date", "capacity": "on_calendar",
         "adoption_budget": "allocated", "stall_risks": "named_with_owner"}
DOCUMENTED = {k: 3 for k in READY if not k.endswith("_name")}
PEOPLE = [Response("sam", "seller", READY, DOCUMENTED, name="Sam Rivera",
                   submitted_at="2026-11-02T09:00:00+00:00"),
          Response("i_1", "stakeholder", READY, DOCUMENTED, name="Ines Duarte", named=True,
                   submitted_at="2026-11-03T09:00:00+00:00")]
DEAL = Assessment("acme", "Acme", owner="Sam Rivera", stage="closing")
TODAY = dt.date(2026, 11, 30)
OWNER = Commitment("c_1", CUSTOMER, "Put the data access request through IT", "Ines Duarte",
                   "2026-11-20", "open", criterion="data_access")


def rolled(*plan: Commitment, deal: Assessment = DEAL) -> Rollup:
    return assess(deal, DEFS, {"pre-close-readiness": PEOPLE}, commitments=plan, today=TODAY)


def test_without_a_plan_the_deal_is_ready() -> None:
    assert rolled().verdict == "ready"


def test_a_slipped_customer_commitment_on_a_must_have_is_a_barrier() -> None:
    late = rolled(OWNER)  # open, due ten days ago: it slipped
    assert late.verdict == "conditional"
    assert late.score == rolled().score  # the answers stand
    first = late.next_actions[0]
    assert first.text == ("Agree a new date with Ines Duarte for “Put the data access "
                          "request through IT”, or treat Data and system access as failing.")
    assert first.reason == ("customer commitment slipped, due 2026-11-20, on the must-have "
                            "Data and system access")
    assert "a customer commitment on a must-have slipped" in late.explain.rule
    marked = rolled(dataclasses.replace(OWNER, due="2026-12-20", status="slipped"))
    assert marked.verdict == "conditional"


def test_nothing_else_a_commitment_does_moves_the_verdict() -> None:
    kept = [dataclasses.replace(OWNER, status="done"),
            dataclasses.replace(OWNER, id="c_2", status="dropped"),
            dataclasses.replace(OWNER, id="c_3", due="2026-12-15"),  # not due yet
            dataclasses.replace(OWNER, id="c_4", side=VENDOR),  # the seller's own
            dataclasses.replace(OWNER, id="c_5", criterion="first_users"),  # no must-have
            dataclasses.replace(OWNER, id="c_6", criterion="", week=2)]  # a plan week
    for c in kept:
        result = rolled(c)
        assert result.verdict == "ready", c
        assert result.slipped == ()
    # Once live the verdict is adoption health: the slipped commitment is still a barrier.
    live = rolled(OWNER, deal=dataclasses.replace(DEAL, stage="live", go_live="2026-11-02"))
    assert live.slipped == (OWNER,)
    assert live.next_actions[0].source == "commitments"
