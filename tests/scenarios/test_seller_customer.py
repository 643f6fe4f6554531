"""Seller and customer on the same claims (the pre-close readiness check).

Before: a customer giving the seller's very answers turned `ready` into `not_ready` (50);
a customer confirming with grade 2 lowered 100 to 83; a customer contradicting a must-have
left `ready` with high confidence; one seller answering twice disagreed with themselves.
"""

from __future__ import annotations

import json

from tests.scenarios.helpers import CLAIMS, READY, Deal, customer, seller


def test_a_customer_who_gives_the_sellers_answers_confirms_them(deal: Deal) -> None:
    alone = deal([seller()])
    both = deal([seller(), customer()])
    assert (alone.data["verdict"], alone.data["score"]) == ("ready", 100)
    assert (both.data["verdict"], both.data["score"]) == ("ready", 100)
    assert both.pre["disagreements"] == [] and both.data["failed_gates"] == []
    assert both.data["confidence"] == 100


def test_confirmation_lifts_the_sellers_assumptions(deal: Deal) -> None:
    """Assumed by the seller (1/3), confirmed by the customer: customer confirmed (2/3)."""
    assumed = dict.fromkeys(CLAIMS, 1)
    alone = deal([seller(evidence=assumed)])
    confirmed = deal([seller(evidence=assumed), customer()])
    documented = deal([seller(evidence=assumed),
                       customer(evidence=dict.fromkeys(CLAIMS, 3))])
    assert (alone.data["verdict"], alone.data["score"]) == ("not_ready", 33)
    assert (confirmed.data["verdict"], confirmed.data["score"]) == ("conditional", 67)
    assert (documented.data["verdict"], documented.data["score"]) == ("ready", 100)


def test_a_customer_confirming_with_grade_2_no_longer_lowers_the_score(deal: Deal) -> None:
    """Before: 100 → 83. A customer's grade is never the seller's scale: their answer is
    confirmation, and the documented seller answer keeps its grade."""
    result = deal([seller(), customer(evidence=dict.fromkeys(CLAIMS, 2))])
    assert (result.data["verdict"], result.data["score"]) == ("ready", 100)


def test_the_customer_says_the_owner_cannot_make_tradeoffs(deal: Deal) -> None:
    """Before: averaged with the seller's documented claim, the gate passed: `ready`."""
    result = deal([seller(), customer(dict(READY, owner="named"))])
    assert result.data["verdict"] == "not_ready"
    assert result.data["failed_gates"] == ["ownership"]
    # The customer's answer counts: 50 × customer confirmed (2/3) = 33, under 60.
    assert result.pre["criteria"]["ownership"]["score"] == 33
    [flag] = result.pre["disagreements"]
    assert (flag["question"], flag["between"], flag["caps_verdict"]) == \
        ("owner", "seller and customer", True)
    assert "Disagreements (1):" in result.text
    assert "Named owner with authority: Sam Rivera (seller) says “A named person who can " \
           "make tradeoffs”; the customer side answers differently" in result.text


def test_a_seller_cannot_outvote_the_customer_about_the_customer(deal: Deal) -> None:
    """A customer fact: the customer's answer counts, even when it is the more hopeful one."""
    seller_view = dict(READY, data_access="identified")
    result = deal([seller(seller_view), customer(named=True)])
    assert result.pre["criteria"]["data_access"]["score"] == 67  # 100 × 2/3
    [flag] = result.pre["disagreements"]
    assert flag["question"] == "data_access" and flag["caps_verdict"]
    assert flag["answers"] == [
        {"who": "Sam Rivera (seller)", "role": "seller",
         "answer": "Identified, nobody has agreed to provide it"},
        {"who": "Ines (customer)", "role": "stakeholder",
         "answer": "Access granted or a sample extract tested"}]


def test_a_must_have_disagreement_caps_at_conditional_whatever_the_total(deal: Deal) -> None:
    """The customer's answer passes the gate, the total is 96: still conditional at best."""
    seller_view = dict(READY, data_access="unknown")
    result = deal([seller(seller_view), customer()])
    assert result.data["score"] == 96 and result.pre["band"] == "ready"
    assert result.data["verdict"] == "conditional" and result.data["failed_gates"] == []
    assert result.pre["capped_by"] == ["data_access"]
    # A disagreement on a criterion that is no must-have only lowers the confidence.
    soft = deal([seller(dict(READY, decision_change="none")), customer()])
    assert soft.data["verdict"] == "ready" and soft.data["confidence"] == 90


def test_customers_who_disagree_among_themselves_count_the_cautious_answer(deal: Deal
                                                                           ) -> None:
    cautious = dict(READY, capacity="named")  # people named, no time set aside: 50
    result = deal([seller(), customer(), customer(cautious, who="olaf")])
    # capacity counts Olaf's 50 × 2/3 (weight 2); the budget all three gave, documented by
    # the seller, 100 (weight 1): (33.3 × 2 + 100) / 3 = 55.6
    assert result.pre["criteria"]["capacity"]["score"] == 56
    [flag] = result.pre["disagreements"]
    assert (flag["question"], flag["between"]) == ("capacity", "seller and customer")


def test_disagreement_is_judged_on_answers_not_on_scores(deal: Deal) -> None:
    """"Named with authority", only assumed (33), against "nobody named" (0): both low,
    far apart, flagged."""
    result = deal([seller(evidence=dict.fromkeys(CLAIMS, 1)),
                   customer(dict(READY, owner="none"), named=True)])
    [flag] = result.pre["disagreements"]
    assert flag["question"] == "owner"
    assert "(3 steps apart on the choice list); “Nobody named yet” counts" in flag["text"]


def test_one_seller_answering_twice_is_one_respondent(deal: Deal) -> None:
    """Before: two respondents who disagreed with each other."""
    first = seller(dict(READY, owner="none"), at="2026-11-01T09:00:00")
    second = seller(at="2026-11-08T09:00:00")
    result = deal([second, first])
    assert result.pre["respondents"] == 1 and result.pre["disagreements"] == []
    assert (result.data["verdict"], result.data["score"]) == ("ready", 100)


def test_a_greenfield_deal_loses_nothing_for_having_no_old_process(deal: Deal) -> None:
    new = dict(READY, old_process="new_workflow")
    result = deal([seller(new)])
    assert (result.data["verdict"], result.data["score"]) == ("ready", 100)
    assert result.data["coverage"] == 1.0 and "old_process" not in [
        c for c, v in result.pre["criteria"].items() if v["score"] is not None]


def test_does_not_apply_against_an_answer_is_a_disagreement(deal: Deal) -> None:
    """The customer's "the workflow is new" counts on their own organisation; the seller's
    "none named" against it is flagged."""
    result = deal([seller(dict(READY, old_process="none")),
                   customer(dict(READY, old_process="new_workflow"), named=True)])
    assert result.pre["criteria"]["old_process"]["score"] is None
    assert result.data["score"] == 100
    [flag] = result.pre["disagreements"]
    assert flag["question"] == "old_process"
    assert "one says it does not apply, the other answers it" in flag["text"]


def test_the_handoff_follows_the_answer_that_counts(deal: Deal) -> None:
    """The seller names an owner; the customer says nobody owns it: the handoff does not
    hand customer success a name the customer denies, nor quote a confidential answer."""
    secret = dict(READY, owner="none", stall_risks_detail="Our CFO Bob blocks it quietly.")
    result = deal([seller(), customer(secret)])
    owner = result.data["handoff"]["owner"]
    assert owner["known"] is False and owner["answer"] == (
        "Not settled: the customer side's answer differs from the seller's (confidential)")
    assert not any("Ana Ruiz" in i["owner"] for w in result.data["plan"] for i in w["items"])
    alone = deal([customer(secret)])
    for shown in (result, alone):
        assert "Bob" not in json.dumps(shown.data) and "Bob" not in shown.text
    named = deal([seller(), customer(dict(READY, owner="named"), named=True)])
    assert named.data["handoff"]["owner"]["answer"] == (
        "Ana Ruiz, COO (A named person who cannot make tradeoffs: the customer's answer, "
        "which counts)")
