"""scoring.score: worked examples, policies, gates, barriers, respondents, disagreements."""

from __future__ import annotations

import textwrap

import pytest

import questionnaires
import scoring
from questionnaires import Questionnaire
from scoring import Response

SMALL = textwrap.dedent("""\
    id: small
    title: Small
    version: 1
    audience: [seller, stakeholder]
    sections:
      - id: s
        title: S
        questions:
          - id: owner
            type: select_one
            label: Owner?
            evidence: true
            criterion: ownership
            choices:
              - {value: none, label: Nobody, score: 0}
              - {value: named, label: Named, score: 50}
              - {value: full, label: Named with authority, score: 100}
          - id: owner_name
            type: text
            label: Name
            relevant: ${owner} != 'none'
            criterion: ownership
          - id: team
            type: rating
            label: Team
            criterion: capacity
          - id: tools
            type: select_multiple
            label: Tools
            criterion: capacity
            weight: 3
            choices:
              - {value: a, label: A, score: 60}
              - {value: b, label: B, score: 60}
              - {value: c, label: C, score: 0}
    scoring:
      missing: MISSING
      criteria:
        - {id: ownership, label: Ownership, weight: 2, must_have: true, pass_at: 60,
           action: Name an owner.}
        - {id: capacity, label: Capacity, weight: 1, action: Free up time.}
    """)


def small(missing: str = "zero") -> Questionnaire:
    q, problems = questionnaires.load_text("small.yaml", SMALL.replace("MISSING", missing))
    assert q is not None, problems
    return q


def seller(answers: dict[str, object], evidence: dict[str, int] | None = None,
           who: str = "sam", role: str = "seller") -> Response:
    return Response(who, role, answers, evidence or {}, name=who.title())


FULL = {"owner": "full", "owner_name": "Ana, COO", "team": 4, "tools": ("a", "b")}


def test_worked_example() -> None:
    result = scoring.score(small(), [seller(FULL, {"owner": 2})])
    # owner: 100 × 2/3; owner_name stated: 100 → ownership (66.67 + 100) / 2 = 83.33
    assert result.criterion("ownership").score == pytest.approx(250 / 3)
    # team 4 of 5: (4 − 1) / 4 = 75; tools a + b = 120, capped at 100 → (75 + 3 × 100) / 4
    assert result.criterion("capacity").score == pytest.approx(93.75)
    assert result.score == pytest.approx((2 * 250 / 3 + 93.75) / 3)
    assert (result.verdict, result.coverage, result.failed_gates) == ("ready", 1.0, ())
    assert result.barriers == () and result.confidence == 100.0
    assumed = scoring.score(small(), [seller(FULL, {"owner": 1})])
    assert assumed.criterion("ownership").score == pytest.approx((100 / 3 + 100) / 2)
    assert assumed.criterion("ownership").passed


@pytest.mark.parametrize(("grade", "expected"), [(None, 0), (0, 0), (1, 100 / 3),
                                                 (2, 200 / 3), (3, 100)])
def test_a_claim_counts_in_proportion_to_its_evidence(grade: int | None,
                                                      expected: float) -> None:
    evidence = {} if grade is None else {"owner": grade}
    result = scoring.score(small(), [seller({"owner": "full"}, evidence)])
    owner = next(x for x in result.questions if x.id == "owner")
    assert owner.score == pytest.approx(expected)


def test_missing_zero_counts_unanswered_as_nothing() -> None:
    result = scoring.score(small("zero"), [seller({"owner": "full"}, {"owner": 3})])
    assert result.criterion("ownership").score == 50  # the owner's name is missing
    assert result.criterion("capacity").score == 0
    assert result.coverage == pytest.approx(1 / 3)
    assert result.verdict == scoring.INSUFFICIENT and result.band == "not_ready"


def test_missing_skip_renormalises() -> None:
    result = scoring.score(small("skip"), [seller({"owner": "full", "team": 5},
                                                  {"owner": 3})])
    assert result.criterion("ownership").score == 100
    assert result.criterion("capacity").score == 100
    # answered: owner 2/3 × 1/2 and team 1/3 × 1/4 of the weight
    assert result.coverage == pytest.approx(1 / 3 + 1 / 12)
    assert result.verdict == scoring.INSUFFICIENT


def test_irrelevant_questions_neither_count_nor_cover() -> None:
    result = scoring.score(small(), [seller({"owner": "none", "owner_name": "ghost",
                                             "team": 5, "tools": ("a", "b")}, {"owner": 3})])
    assert result.criterion("ownership").questions == ("owner",)
    assert result.criterion("ownership").score == 0 and result.coverage == 1.0


def test_failed_must_have_caps_the_verdict() -> None:
    answers = dict(FULL, owner="named")
    result = scoring.score(small(), [seller(answers, {"owner": 3})])
    # ownership (50 + 100) / 2 = 75 passes 60; with grade 1 it is (16.7 + 100) / 2 = 58.3
    assert result.verdict == "ready"
    capped = scoring.score(small(), [seller(answers, {"owner": 1})])
    # (2 × 58.3 + 93.75) / 3 = 70.1: conditional on its total, capped by the gate
    assert capped.score == pytest.approx((2 * (50 / 3 + 100) / 2 + 93.75) / 3)
    assert capped.band == "conditional"
    assert capped.verdict == "not_ready" and capped.failed_gates == ("ownership",)
    assert capped.barriers[0].criterion == "ownership"
    assert capped.barriers[0].action == "Name an owner."


def test_gates_use_the_score_as_shown() -> None:
    """60.5 shows as 61 (half away from zero; Python's round would say 60) and passes 61."""
    text = textwrap.dedent("""\
        id: edge
        title: Edge
        version: 1
        audience: seller
        sections:
          - id: s
            title: S
            questions:
              - {id: level, type: rating, label: Level, criterion: c, weight: 79}
              - {id: note_it, type: text, label: Why, criterion: c, weight: 21}
        scoring:
          criteria:
            - {id: c, label: C, must_have: true, pass_at: 61, action: Act.}
        """)
    q, problems = questionnaires.load_text("edge.yaml", text)
    assert q is not None, problems
    result = scoring.score(q, [seller({"level": 3, "note_it": "because"})])
    assert result.criterion("c").score == pytest.approx(60.5)  # (79 × 50 + 21 × 100) / 100
    assert result.criterion("c").passed and result.verdict == "conditional"


def test_roles_weigh_the_same() -> None:
    """On a question that is no claim, the seller and the customer side weigh half and half."""
    q = small()
    people = [seller({"team": 5}),
              seller({"team": 1}, who="c1", role="stakeholder"),
              seller({"team": 1}, who="c2", role="stakeholder"),
              seller({"team": 5}, who="c3", role="stakeholder")]
    result = scoring.score(q, people)
    team = next(x for x in result.questions if x.id == "team")
    # seller 100; customers mean(0, 0, 100) = 33.3; roles weigh half and half
    assert team.score == pytest.approx((100 + 100 / 3) / 2) and team.answered == 4
    by = {r.respondent: r for r in result.by_respondent}
    # `tools` unanswered counts 0 (missing: zero): capacity is (100 × 1 + 0 × 3) / 4 = 25
    assert by["sam"].criteria["capacity"] == 25 and by["c1"].criteria["capacity"] == 0


def test_disagreement_is_judged_on_the_answers_not_on_evidence() -> None:
    """"Named with authority", merely assumed, against "nobody": both score low, still flagged."""
    q = small()
    people = [seller({"owner": "full"}, {"owner": 1}),
              seller({"owner": "none"}, who="cara", role="stakeholder")]
    flags = scoring.score(q, people).disagreements
    assert [(d.item, d.between, d.low.text, d.high.text) for d in flags] == \
        [("owner", "seller and customer", "Nobody", "Named with authority")]
    assert flags[0].reason == "2 steps apart on the choice list" and flags[0].caps
    # The same answer with other grades is agreement, not a disagreement.
    same = [seller({"owner": "full"}, {"owner": 3}),
            seller({"owner": "full"}, {"owner": 1}, who="cara", role="stakeholder")]
    assert scoring.score(q, same).disagreements == ()


def test_skipping_a_question_is_no_disagreement() -> None:
    people = [seller(FULL, {"owner": 3}),
              seller({"owner": "full"}, {"owner": 3}, who="cara", role="stakeholder")]
    result = scoring.score(small(), people)
    assert [d.item for d in result.disagreements] == []
    assert result.confidence == 100.0


def test_confidence_falls_with_disagreement() -> None:
    people = [seller(FULL, {"owner": 3}),
              seller({"owner": "none", "team": 1}, who="cara", role="stakeholder")]
    result = scoring.score(small(), people)
    # two comparable questions both answered (owner, team), both flagged: 100 × 1.0 × (1 − 2/2)
    assert [d.item for d in result.disagreements] == ["owner", "team"]
    assert result.confidence == 0 and result.confidence_label == "low"


def test_invalid_answers_are_refused() -> None:
    with pytest.raises(ValueError, match="question 'owner': 'maybe' is not one of its choices"):
        scoring.score(small(), [seller({"owner": "maybe"})])
    with pytest.raises(ValueError, match="question 'team': 9 is outside 1 to 5"):
        scoring.score(small(), [seller({"team": 9})])


def test_no_responses_is_insufficient_data() -> None:
    result = scoring.score(small(), [])
    assert result.verdict == scoring.INSUFFICIENT and result.coverage == 0


def test_explanation_reaches_the_answer() -> None:
    result = scoring.score(small(), [seller(FULL, {"owner": 2})])
    text = "\n".join(result.explain.lines())
    assert "Sam (seller): 67 — 'Named with authority' scores 100 × evidence 'customer " \
           "confirmed' (2/3)" in text
    assert "Ownership: 83 — weight 2" in text and "passes at 60 — must-have" in text


# Scenarios written from the seeds, on the built-in pre-close questionnaire.

def builtin(name: str) -> Questionnaire:
    return {q.id: q for q in questionnaires.load()}[name]


READY = {"owner": "named_with_authority", "owner_name": "Ana Ruiz, COO",
         "first_workflow": "agreed", "first_users": "group_informed", "data_access": "tested",
         "decision_change": "named", "proof_metric": "metric_baseline_target",
         "old_process": "agreed_with_date", "capacity": "on_calendar",
         "adoption_budget": "allocated", "stall_risks": "named_with_owner"}
CLAIMS = [k for k in READY if k != "owner_name"]


def test_excited_customer_without_an_owner_is_not_ready() -> None:
    """'The team is excited', but nobody owns the workflow after launch."""
    answers = dict(READY, owner="sponsor_only")
    del answers["owner_name"]
    result = scoring.score(builtin("pre-close-readiness"),
                           [seller(answers, dict.fromkeys(CLAIMS, 3))])
    assert result.score is not None and result.score >= 75  # enthusiasm everywhere else
    assert result.verdict == "not_ready"
    assert result.barriers[0].criterion == "ownership"
    assert result.barriers[0].action.startswith("Ask the sponsor to name one person")


def test_seller_assumptions_never_score_like_proof() -> None:
    q = builtin("pre-close-readiness")
    assumed = scoring.score(q, [seller(READY, dict.fromkeys(CLAIMS, 1))])
    documented = scoring.score(q, [seller(READY, dict.fromkeys(CLAIMS, 3))])
    assert documented.verdict == "ready"
    assert assumed.verdict == "not_ready" and assumed.score is not None
    assert assumed.score < 40
