"""scoring.custom: a project's own questionnaires cap the verdict and join the next actions."""

from __future__ import annotations

import textwrap

import pytest

import questionnaires
from questionnaires import Questionnaire
from scoring import Response
from scoring.assess import Assessment, Rollup, assess
from scoring.custom import is_own
from tests.helpers import HEALTHY_PULSE

BUILT_IN = {q.id: q for q in questionnaires.load()}
CHECK = """\
    id: {id}
    title: {title}
    version: 1
    audience: [seller, stakeholder]
    sections:
      - id: main
        title: Main
        questions:
          - id: signed
            type: select_one
            label: Is it signed?
            criterion: signed
            choices:
              - {{value: none, label: Not started, score: 0}}
              - {{value: draft, label: In review, score: 50}}
              - {{value: yes, label: Signed, score: 100}}
          - id: tested
            type: yes_no
            label: Is it tested?
            criterion: tested
    scoring:
      criteria:
        - id: signed
          label: Signed
          weight: 2
          must_have: true
          pass_at: 50
          action: Get it signed.
        - id: tested
          label: Tested
          action: Test it.
    """


def own(qid: str, title: str) -> Questionnaire:
    """A small own questionnaire: a must-have `signed` (weight 2) and `tested` (weight 1)."""
    q, problems = questionnaires.load_text(f"{qid}.yaml",
                                           textwrap.dedent(CHECK.format(id=qid, title=title)))
    assert q is not None, problems
    return q


DEFS = {**BUILT_IN, "zeta-check": own("zeta-check", "Zeta check"),
        "alpha-check": own("alpha-check", "Alpha check")}


def ready() -> Response:
    """The seller's readiness check with every best answer, documented: ready, 100."""
    readiness = DEFS["pre-close-readiness"]
    top = {q.id: max(q.choices, key=lambda c: c.score or 0).value
           for q in readiness.all_questions() if q.choices}
    return Response("sam", "seller", top, evidence=dict.fromkeys(top, 3), name="Sam")


def said(respondent: str, role: str, **answers: object) -> Response:
    return Response(respondent, role, answers, name=respondent.title())


def rollup(stage: str = "closing", **own: list[Response]) -> Rollup:
    responses = {"pre-close-readiness": [ready()],
                 **{qid.replace("_", "-"): rs for qid, rs in own.items()}}
    return assess(Assessment("acme", "Acme", stage=stage), DEFS, responses)


def test_only_definitions_with_other_ids_and_criteria_are_own() -> None:
    assert [q for q in sorted(DEFS) if is_own(DEFS[q])] == ["alpha-check", "zeta-check"]


def test_a_failed_own_must_have_caps_like_a_readiness_gate() -> None:
    passing = rollup(alpha_check=[said("sam", "seller", signed="yes", tested="yes")])
    assert (passing.verdict, passing.score, passing.failed_gates) == ("ready", 100, ())
    failing = rollup(alpha_check=[said("sam", "seller", signed="none", tested="yes")])
    assert failing.questionnaires["alpha-check"].score == pytest.approx(100 / 3)
    # The score stays the readiness check's; only the verdict drops, to the lowest band.
    assert (failing.verdict, failing.verdict_label, failing.score) == \
        ("not_ready", "Not ready", 100)
    assert failing.failed_gates == ("alpha-check/signed",)
    assert failing.explain.rule.endswith("capped at not ready: Alpha check fails a must-have "
                                         "(Signed)")


def test_seller_and_customer_disagreeing_on_an_own_must_have_caps_at_conditional() -> None:
    # Seller 100, customer 0: the must-have averages 50 and passes, but they disagree.
    result = rollup(alpha_check=[said("sam", "seller", signed="yes", tested="yes"),
                                 said("ines", "stakeholder", signed="none", tested="yes")])
    own = result.questionnaires["alpha-check"]
    assert own.failed_gates == () and own.capped_by == ("signed",)
    assert (result.verdict, result.failed_gates) == ("conditional", ())
    assert "seller and customer disagree on a must-have of Alpha check" in result.explain.rule


def test_an_own_questionnaire_under_half_answered_caps_nothing_but_asks() -> None:
    # Only `tested` (1 of 3 weight) answered: no verdict of its own, so no gate counts.
    result = rollup(alpha_check=[said("sam", "seller", tested="yes")])
    assert result.questionnaires["alpha-check"].verdict == "insufficient_data"
    assert (result.verdict, result.failed_gates) == ("ready", ())
    assert [a.text for a in result.next_actions if a.source == "alpha-check"] == \
        ["Get it signed."]


def test_an_unanswered_own_questionnaire_takes_no_part() -> None:
    result = rollup(alpha_check=[])
    assert (result.verdict, result.failed_gates, result.own) == ("ready", (), ())
    assert all(a.source == "stakeholder-map" for a in result.next_actions)


def test_own_barriers_follow_readiness_and_precede_stakeholders_by_id() -> None:
    weak = said("sam", "seller", signed="none", tested="no")
    result = rollup(zeta_check=[weak], alpha_check=[weak])
    assert result.own == ("alpha-check", "zeta-check")
    assert result.failed_gates == ("alpha-check/signed", "zeta-check/signed")
    assert [(a.source, a.text) for a in result.next_actions[:4]] == [
        ("alpha-check", "Get it signed."), ("alpha-check", "Test it."),
        ("zeta-check", "Get it signed."), ("zeta-check", "Test it.")]
    assert result.next_actions[0].reason == "Alpha check — Signed: 0 below 50 (must-have)"
    assert {a.source for a in result.next_actions[4:]} == {"stakeholder-map"}
    # Readiness barriers come first: a readiness answer of "nobody named" leads.
    weak_ready = Response("sam", "seller", {**ready().answers, "owner": "none"},
                          evidence=ready().evidence)
    both = assess(Assessment("acme", "Acme"), DEFS,
                  {"pre-close-readiness": [weak_ready], "alpha-check": [weak]})
    assert [a.source for a in both.next_actions[:3]] == \
        ["pre-close-readiness", "alpha-check", "alpha-check"]
    assert both.failed_gates == ("ownership", "alpha-check/signed")


def test_once_live_adoption_leads_and_own_gates_no_longer_cap() -> None:
    weak = said("sam", "seller", signed="none", tested="yes")
    people = [Response(f"u{i}", "user", HEALTHY_PULSE, week=3) for i in range(3)]
    live = assess(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"), DEFS,
                  {"pre-close-readiness": [ready()], "alpha-check": [weak],
                   "post-go-live-pulse": people})
    # The verdict once live is adoption health, as for the readiness gates.
    assert live.verdict == "healthy" and live.failed_gates == ("alpha-check/signed",)
    sources = [a.source for a in live.next_actions]
    assert sources[-1] == "alpha-check"
    assert all(s != "alpha-check" for s in sources[:-1])
