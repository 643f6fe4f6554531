"""Stakeholders who will not change: their own answers, desired stances, mitigations.

Before: five daily users at 1 of 5 on every ADKAR element left a `ready` deal `ready` with
stakeholder risk `low`; an influential resistant approver whose desired stance was also
"resistant", mitigation "tbd", counted no risk; a map without anyone's success or
resistance was `low` risk.
"""

from __future__ import annotations

from typing import Any

from tests.scenarios.helpers import Deal, said, seller

COVERED = [
    {"name": "Ops team (12)", "group": "daily_user", "wanted": "yes", "influence": 2,
     "stance": "supportive", "desired_stance": "supportive", "success": "Fewer emails.",
     "resistance": "Double entry in the switch."},
    {"name": "Ana Ruiz, COO", "group": "approver", "wanted": "yes", "influence": 5,
     "stance": "leading", "desired_stance": "leading", "success": "Cases closed in a day.",
     "resistance": "Another tool nobody uses."},
    {"name": "Ola Berg, team lead", "group": "manager", "wanted": "no", "influence": 3,
     "stance": "supportive", "desired_stance": "supportive",
     "success": "His reports still count.", "resistance": "Loses the sheet he built.",
     "mitigation": "Ola co-owns the report layout.", "owner": "Sam Rivera"},
]


def the_map(*rows: dict[str, Any]) -> dict[str, Any]:
    return said("stakeholder-map", "sam", "seller", {"stakeholders": [*COVERED, *rows]},
                name="Sam Rivera", at="2026-11-01T10:00:00")


def own(who: str, rating: int, group: str = "daily_user", **kw: Any) -> dict[str, Any]:
    items = ("adkar_awareness", "adkar_desire", "adkar_knowledge_what", "adkar_knowledge_how",
             "adkar_ability_time", "adkar_ability_access", "adkar_ability_skills",
             "adkar_reinforcement")
    answers = {"role_group": group, "wanted_it": "no", "my_success": "Nothing changes.",
               "my_resistance": "I will keep my spreadsheet.", **dict.fromkeys(items, rating)}
    return said("stakeholder-map", who, "stakeholder", answers, **kw)


def test_a_well_mapped_ready_deal_stays_ready(deal: Deal) -> None:
    result = deal([seller(), the_map()])
    assert result.data["verdict"] == "ready"
    assert result.data["stakeholders"]["risk_level"] == "low"


def test_five_daily_users_who_will_not_change_cap_readiness(deal: Deal) -> None:
    users = [own(f"user{i}", 1) for i in range(5)]
    result = deal([seller(), the_map(), *users])
    assert result.data["verdict"] == "conditional"
    people = result.data["stakeholders"]
    assert people["risk_level"] == "medium" and people["adkar_caps_readiness"] is True
    assert people["adkar"] == [{"group": "daily_user", "label": "Daily user", "people": 5,
                                "at_barrier": 5, "barrier": "awareness"}]
    first = [a for a in result.data["next_actions"] if a["source"] == "stakeholder-map"][0]
    assert first["reason"] == "5 of 5 in Daily user are at an ADKAR barrier point, most at " \
                              "awareness"
    assert result.text.splitlines()[1].startswith("Verdict: Conditional (score 100")


def test_two_of_five_at_one_do_not_hide_under_the_mean(deal: Deal) -> None:
    users = [own(f"user{i}", 1 if i < 2 else 5) for i in range(5)]
    result = deal([seller(), the_map(), *users])
    assert result.data["verdict"] == "conditional"
    assert result.data["stakeholders"]["adkar"][0]["at_barrier"] == 2


def test_a_resistant_approver_cannot_be_zeroed_by_the_target_or_by_tbd(deal: Deal) -> None:
    blocker = {"name": "Vic Hale, CFO", "group": "approver", "wanted": "no", "influence": 5,
               "stance": "resistant", "desired_stance": "resistant",
               "success": "Budget holds.", "resistance": "Thinks it is a vanity project.",
               "mitigation": "tbd", "owner": ""}
    result = deal([seller(), the_map(blocker)])
    people = result.data["stakeholders"]
    assert (people["risk_level"], people["risk_score"]) == ("high", 75)
    assert "Resistor without a mitigation: Vic Hale, CFO (Approved the purchase, did not " \
           "want it)." in people["findings"]
    assert result.data["verdict"] == "conditional"


def test_a_map_without_success_or_resistance_is_not_low_risk(deal: Deal) -> None:
    bare = [{k: v for k, v in r.items() if k not in ("success", "resistance")}
            for r in COVERED]
    result = deal([seller(), said("stakeholder-map", "sam", "seller", {"stakeholders": bare},
                                  name="Sam Rivera")])
    people = result.data["stakeholders"]
    assert people["risk_level"] == "medium"
    assert people["incomplete_groups"] == ["daily_user", "manager", "approver", "did_not_want"]


def test_the_sellers_stance_against_the_persons_own_answers(deal: Deal) -> None:
    result = deal([seller(), the_map(), own("ola", 1, "manager", name="Ola Berg", named=True)])
    assert result.data["disagreements"] == [
        "Stance of Ola Berg, team lead: Sam Rivera (seller) says “supportive”; Ola Berg "
        "(customer) says “resistant (wants to work the new way: 1 of 5)” (3 steps apart on "
        "the stance scale)."]
    assert "Disagreements (1):" in result.text
