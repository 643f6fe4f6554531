"""An adoption loop that cannot be fooled: six users, eight weeks, a live deal.

Before: everyone still on the spreadsheet with one "report used less" opened the gate;
skipping every workflow-proof question gave health 100; one vague "not sure" proved first
value for good; a slide from 100 to 79 under 5 points a week was "same"; the seed's own
weekly review, run once a week, was a usage barrier; the pulse block pooled 48 answers of
6 people; a pulse before go-live was silently left out.
"""

from __future__ import annotations

from typing import Any

from tests.scenarios.helpers import READY, Deal, said, seller

USERS = ("ana", "ben", "cas", "dee", "eli", "fay")
GOOD: dict[str, Any] = {
    "usage_frequency": "every_day", "proof_decision": "yes", "proof_workflow": "yes",
    "proof_source_of_truth": "yes", "proof_exception": "no_exception",
    "proof_artifact_retired": "yes", "proof_outcome": "yes", "proof_trust": "yes",
    "trust_change": "more", "old_workflow": "retired", "umux_capabilities": 7,
    "umux_easy": 7, "blockers": ["none"], "first_value_seen": "no"}
VALUE = {"first_value_seen": "yes",
         "first_value": "We ran the weekly exception review in it and closed seven cases."}


def week(n: int, changes: dict[str, Any] | None = None, people: tuple[str, ...] = USERS,
         **per_user: dict[str, Any]) -> list[dict[str, Any]]:
    """One week's pulses: GOOD with `changes` for all and `per_user` for some."""
    out = []
    for user in people:
        answers = {**GOOD, **(changes or {}), **per_user.get(user, {})}
        answers = {k: v for k, v in answers.items() if v is not None}
        if (n - 1) % 4 == 0:
            answers.setdefault("recommend", 9 if user < "d" else 6)
        out.append(said("post-go-live-pulse", user, "user", answers, week=n,
                        at=f"2026-10-{n + 1:02d}T15:00:00"))
    return out


def live(deal: Deal, *weeks: list[dict[str, Any]], cadence: str = "daily") -> Any:
    readiness = seller(dict(READY, first_workflow_cadence=cadence))
    return deal([readiness, *(p for w in weeks for p in w)], stage="live",
                go_live="2026-10-01")


def test_a_healthy_live_deal_opens_the_gate(deal: Deal) -> None:
    result = live(deal, week(1), week(2, ana=VALUE, ben=VALUE), week(3))
    assert result.data["verdict"] == "healthy"
    assert result.data["adoption"]["expansion_gate"] == {"open": True, "reasons": []}
    first = result.data["next_actions"][0]
    assert first["action"].startswith("The expansion gate is open")


def test_the_spreadsheet_still_rules_and_one_report_used_less(deal: Deal) -> None:
    still = {"old_workflow": "still_primary", "proof_artifact_retired": "no"}
    result = live(deal, week(1, still, ana=VALUE,
                             ben={**VALUE, "proof_artifact_retired": "yes"}))
    gate = result.data["adoption"]["expansion_gate"]
    assert gate["open"] is False
    assert gate["reasons"][-1] == (
        "The old workflow still holds power: 0 of 6 respondents say it is no longer their main "
        "way; losing power needs more than half.")
    assert result.data["adoption"]["weeks"][0]["old_way_losing_power"] is False


def test_skipping_the_workflow_proof_is_not_proof(deal: Deal) -> None:
    skip = dict.fromkeys(("proof_decision", "proof_workflow", "proof_source_of_truth",
                          "proof_exception", "proof_outcome", "proof_trust"))
    result = live(deal, week(1, {**skip, **VALUE}))
    assert result.data["verdict"] == "watch" and result.data["score"] == 100
    assert result.data["adoption"]["expansion_gate"]["reasons"] == [
        "Workflow proof is missing: 0 of 6 respondents answered the workflow-proof questions "
        "in week 1; unanswered proof is not proof."]


def test_one_vague_not_sure_proves_nothing(deal: Deal) -> None:
    vague = {"first_value_seen": "yes", "first_value": "not sure"}
    result = live(deal, week(1, ana=vague), week(2, ana=vague))
    adoption = result.data["adoption"]
    assert adoption["first_value_proven"] is False
    assert adoption["expansion_gate"]["reasons"][0].startswith(
        "First value is not proven yet: no respondent has described")
    # One concrete account is not enough either; a second user's, or the seller with the
    # customer's owner, is.
    one = live(deal, week(1, ana=VALUE))
    assert one.data["adoption"]["first_value_proven"] is False
    confirmed = said("post-go-live-pulse", "sam", "seller", {
        "first_value_confirmed": "yes", "first_value_confirmed_by": "Ana Ruiz, COO",
        "first_value_confirmation": "The team closed seven cases through the new workflow."},
        week=1, name="Sam Rivera", at="2026-10-02T17:00:00")
    both = live(deal, [*week(1, ana=VALUE), confirmed])
    assert both.data["adoption"]["first_value"] == {
        "week": 1, "reported_by_users": 1,
        "confirmed_by": ["Sam Rivera (seller) with Ana Ruiz, COO"]}


def test_a_slow_slide_is_a_downward_trend(deal: Deal) -> None:
    # A little worse every week: one user more stops relying on it, then trust falls.
    slide = [{}, {"ana": {"proof_trust": "no"}},
             {u: {"proof_trust": "no"} for u in USERS[:2]},
             {u: {"proof_trust": "no"} for u in USERS[:3]},
             {u: {"proof_trust": "no", "trust_change": "less"} for u in USERS[:3]},
             {u: {"proof_trust": "no", "trust_change": "less"} for u in USERS[:4]}]
    weeks = [week(n, VALUE, **changes) for n, changes in enumerate(slide, start=1)]
    result = live(deal, *weeks)
    healths = [w["health"] for w in result.data["adoption"]["weeks"]]
    assert healths[0] == 100 and healths[-1] <= 90
    assert all(a - b <= 5 for a, b in zip(healths, healths[1:], strict=False))
    assert result.data["adoption"]["weeks"][-1]["trend"] == "down"
    assert result.data["adoption"]["expansion_gate"]["open"] is False
    signals = result.data["handoff"]["signals"]["answer"]
    assert "health trending down: 10 points or more below its recent peak, or falling three " \
           "weeks running — firing now:" in signals


def test_a_weekly_review_run_weekly_is_full_use(deal: Deal) -> None:
    once = {"usage_frequency": "once"}
    weekly = live(deal, week(1, once, ana=VALUE, ben=VALUE), cadence="weekly")
    daily = live(deal, week(1, once, ana=VALUE, ben=VALUE), cadence="daily")
    assert weekly.data["questionnaires"]["post-go-live-pulse"]["criteria"]["usage"]["score"] \
        == 100
    assert daily.data["questionnaires"]["post-go-live-pulse"]["criteria"]["usage"]["score"] == 33


def test_the_pulse_block_describes_the_latest_weeks_people(deal: Deal) -> None:
    weeks = [week(n, ana=VALUE, ben=VALUE) for n in range(1, 9)]
    pulse = live(deal, *weeks).data["questionnaires"]["post-go-live-pulse"]
    assert pulse["respondents"] == 6  # before: 48, every week pooled
    # Asked in week 5, the NPS counts each of the six once.
    assert pulse["instruments"]["nps"]["n"] == 6
    assert pulse["instruments"]["nps"]["value"] == 0.0


def test_pulses_before_go_live_are_counted_as_week_0(deal: Deal) -> None:
    early = [said("post-go-live-pulse", u, "user", GOOD, at="2026-09-20T10:00:00")
             for u in USERS[:3]]
    result = deal([seller(), *early], stage="implementing")
    adoption = result.data["adoption"]
    assert adoption["pulses_counted_as_week_0"] == 3
    assert [(w["week"], w["respondents"]) for w in adoption["weeks"]] == [(0, 3)]


def test_a_live_deals_plan_starts_from_the_current_week(deal: Deal) -> None:
    result = live(deal, *(week(n, ana=VALUE, ben=VALUE) for n in range(1, 6)))
    plan = result.data["plan"]
    assert [w["week"] for w in plan if w["past"]] == [1, 2, 3, 4]
    assert "Weeks 1–4: past" in result.text
    assert not any("Before go-live" in i["text"] for w in plan for i in w["items"])


def test_a_week_with_too_few_answers_shows_nothing_of_them(deal: Deal) -> None:
    result = live(deal, week(1, ana=VALUE, ben=VALUE), week(2, people=("ana", "ben")))
    assert result.data["verdict"] == "insufficient_data"
    last = result.data["adoption"]["weeks"][-1]
    assert (last["health"], last["too_few_answers"], last["blockers"]) == (None, True, {})
    assert result.data["next_actions"][0]["reason"] == "too few answers in week 2 (2)"


def test_a_slide_that_pauses_is_still_down(deal: Deal) -> None:
    """100, 97, 97, 94, 94, 91: never three falls in a row, never 10 below a four-week peak."""
    from tests.scenarios.helpers import said as one
    strong = {**GOOD, **VALUE}
    weak = {**strong, "proof_trust": "no", "trust_change": "less", "usage_frequency": "once"}
    people = tuple(f"p{i:02d}" for i in range(100))

    def at(n: int, health_drop: int) -> list[dict[str, Any]]:
        # `health_drop` people in a hundred answer worse: health falls a little.
        return [one("post-go-live-pulse", p, "user", weak if i < health_drop else strong,
                    week=n, at=f"2026-10-{n + 1:02d}T15:00:00") for i, p in enumerate(people)]

    drops = (0, 6, 6, 12, 12, 18)
    result = live(deal, *(at(n, d) for n, d in enumerate(drops, start=1)))
    weeks = result.data["adoption"]["weeks"]
    healths = [w["health"] for w in weeks]
    assert healths[0] - healths[-1] < 10
    assert weeks[-1]["trend"] == "down"


def test_a_hedge_anywhere_is_no_description(deal: Deal) -> None:
    vague = {"first_value_seen": "yes", "first_value": "Not really sure yet, maybe next week."}
    result = live(deal, week(1, ana=vague, ben=vague))
    assert result.data["adoption"]["first_value_proven"] is False


def test_the_more_frequent_cadence_counts_when_seller_and_customer_differ(deal: Deal) -> None:
    customer_says = said("pre-close-readiness", "ines", "stakeholder",
                         dict(READY, first_workflow_cadence="daily"))
    readiness = seller(dict(READY, first_workflow_cadence="monthly"))
    pulses = week(1, {"usage_frequency": "once"}, ana=VALUE, ben=VALUE)
    result = deal([readiness, customer_says, *pulses], stage="live", go_live="2026-10-01")
    usage = result.data["questionnaires"]["post-go-live-pulse"]["criteria"]["usage"]["score"]
    assert usage == 33
