"""scoring.adoption: weekly health and trend, blockers, old way, first value, segments, gate."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import questionnaires
from scoring.adoption import AdoptionLoop, adoption_loop
from scoring.instruments import display_round
from scoring.responses import Response

Q = {q.id: q for q in questionnaires.load()}["post-go-live-pulse"]

PROOF = ("proof_decision", "proof_workflow", "proof_source_of_truth", "proof_exception",
         "proof_outcome")
# Every scored answer at its best: health 100.
STRONG: dict[str, Any] = {
    "usage_frequency": "every_day", **dict.fromkeys(PROOF, "yes"),
    "proof_artifact_retired": "yes", "proof_trust": "yes", "trust_change": "more",
    "old_workflow": "retired", "umux_capabilities": 7, "umux_easy": 7, "blockers": ("none",),
    "first_value_seen": "yes", "first_value": "We ran the Monday exception review in it.",
    "recommend": 9,
}
# Every scored answer at its worst: health 0.
WEAK: dict[str, Any] = {
    "usage_frequency": "not_at_all", **dict.fromkeys(PROOF, "no"),
    "proof_artifact_retired": "no", "proof_trust": "no", "trust_change": "less",
    "old_workflow": "still_primary", "umux_capabilities": 1, "umux_easy": 1,
    "blockers": ("none",), "first_value_seen": "no", "recommend": 0,
}

NO_FIRST_VALUE = ("First value is not proven yet: no respondent has described the product "
                  "doing the job it was bought for.")
TRUST_RESPONSE = ("Bring evidence: show where the output comes from, make it auditable, "
                  "have a manager validate it, or narrow the use case.")


def pulse(who: str, week: int | None, *, base: dict[str, Any] | None = None, at: str = "",
          segment: str = "", proof: str | None = None, **answers: Any) -> Response:
    """A user's weekly pulse: `base` (STRONG) with the given answers; None removes one."""
    filled = dict(STRONG if base is None else base)
    if proof is not None:
        filled.update(dict.fromkeys(PROOF, proof))
    filled.update(answers)
    filled = {k: v for k, v in filled.items() if v is not None}
    stamp = at or f"2024-03-{week or 1:02d}T09:00:00"
    return Response(who, "user", filled, segment=segment, week=week, submitted_at=stamp)


def crowd(week: int, strong: int, total: int, **answers: Any) -> list[Response]:
    """`total` pulses of which `strong` are STRONG and the rest WEAK: health 100 × strong/total."""
    return [pulse(f"u{i}", week, base=STRONG if i < strong else WEAK, **answers)
            for i in range(total)]


def loop(*groups: Response | list[Response], min_group: int = 1,
         cadence: str | None = None) -> AdoptionLoop:
    """The adoption loop over single pulses and lists of them (every week shown, unless a
    test is about the confidentiality threshold)."""
    flat = [r for g in groups for r in (g if isinstance(g, list) else [g])]
    return adoption_loop(Q, flat, min_group=min_group, cadence=cadence)


def confirmation(week: int, text: str = "Ines ran the Monday review in it and closed seven "
                                        "cases.", by: str = "Ines Duarte, COO") -> Response:
    """The seller's confirmation of first value with the customer's owner."""
    return Response("sam", "seller", {"first_value_confirmed": "yes",
                                      "first_value_confirmation": text,
                                      "first_value_confirmed_by": by},
                    name="Sam Rivera", week=week, submitted_at=f"2024-03-{week:02d}T15:00:00")


# ------------------------------------------------------------------------ basics


def test_no_pulses_closes_the_gate() -> None:
    result = loop()
    assert result.weeks == () and result.latest is None
    assert not result.first_value_proven and result.first_value_week is None
    assert result.expansion.open is False
    assert result.expansion.reasons == ("No post-go-live pulses yet.",)


def test_pulses_without_a_week_count_as_week_0() -> None:
    """Before: left out, though the respondent was told "saved"."""
    result = loop(pulse("a", None), pulse("b", None), pulse("c", 2, base=WEAK))
    assert result.undated == 2
    assert [(w.week, w.respondents) for w in result.weeks] == [(0, 2), (2, 1)]
    assert result.weeks[0].health == 100.0
    assert "2 pulses without a week (answered before go-live or without a go-live date) " \
           "counted as week 0." in result.explain


def test_week_figures_come_from_the_weeks_score() -> None:
    week = loop(pulse("a", 1), pulse("b", 1), pulse("c", 1)).weeks[0]
    assert (week.week, week.respondents, week.health, week.band, week.band_label) == (
        1, 3, 100.0, "healthy", "Healthy")
    assert week.usage == 100.0 and week.old_workflow == 100.0
    assert week.umux_lite == 100.0 and week.umux_lite_sus == pytest.approx(87.9)
    assert week.nps == 100.0 and week.nps_low is not None and week.nps_high == 100.0
    assert week.score.respondents == 3 and week.score.questionnaire == Q.id


def test_instruments_are_none_when_not_answered() -> None:
    week = loop(pulse("a", 1, umux_capabilities=None, umux_easy=None, recommend=None)).weeks[0]
    assert (week.umux_lite, week.umux_lite_sus, week.nps, week.nps_low, week.nps_high) == (
        None, None, None, None, None)


def test_results_are_frozen() -> None:
    result = loop(pulse("a", 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.weeks[0].health = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.expansion.open = False  # type: ignore[misc]


# ----------------------------------------------------------------- confidentiality


def test_a_week_under_min_group_shows_nothing_but_its_count() -> None:
    result = loop(crowd(1, 3, 3), [pulse("a", 2, base=WEAK), pulse("b", 2)], min_group=3)
    small = result.weeks[1]
    assert small.too_few and small.respondents == 2
    assert (small.health, small.band, small.band_label, small.blockers) == (
        None, "insufficient_data", "Too few answers", ())
    assert small.score.criteria[0].score is None and small.score.respondents == 2
    assert result.explain[1] == ("Week 2: 2 respondents, too few to show (pulse answers are "
                                 "confidential)")
    assert not result.expansion.open
    assert any(r.startswith("Too few answers in week 2") for r in result.expansion.reasons)


def test_an_instrument_answered_by_fewer_than_min_group_is_not_shown() -> None:
    """One person's NPS is that person's answer."""
    result = loop(pulse("a", 1, recommend=0), pulse("b", 1, recommend=None),
                  pulse("c", 1, recommend=None), min_group=3)
    week = result.weeks[0]
    assert (week.nps, week.nps_n) == (None, 0)
    nps = next(i for i in week.score.instruments if i.name == "nps")
    assert (nps.value, nps.n, dict(nps.detail)) == (None, 1, {})


def test_nps_counts_distinct_people_over_four_weeks() -> None:
    """Before: 48 pulses of 6 people made 48 NPS answers and a far too narrow interval."""
    people = [pulse(f"p{i}", w, recommend=10 if i < 3 else 5) for w in range(1, 9)
              for i in range(6)]
    week = loop(people).latest
    assert week is not None and week.nps_n == 6 and week.nps == 0.0
    nps = next(i for i in week.score.instruments if i.name == "nps")
    assert nps.n == 6
    # Asked in week 5 only, it still counts in weeks 6–8 for the person who gave it.
    late = loop([pulse(f"p{i}", 5, recommend=9) for i in range(3)],
                [pulse(f"p{i}", 8, recommend=None) for i in range(3)])
    assert late.latest is not None and late.latest.nps_n == 3


# ------------------------------------------------------------------------- trend


def test_trend_up_same_and_down_by_five_points() -> None:
    result = loop(crowd(1, 10, 20), crowd(2, 11, 20), crowd(3, 11, 18), crowd(4, 14, 25),
                  crowd(5, 10, 20))
    shown = [display_round(w.health or 0.0) for w in result.weeks]
    assert shown == [50, 55, 61, 56, 50]
    # Week 5 is 11 below week 3's 61: down, though only 6 below the week before.
    assert [w.trend for w in result.weeks] == [None, "same", "up", "same", "down"]
    assert [w.delta for w in result.weeks] == [None, 5, 6, -5, -6]
    assert [w.since for w in result.weeks] == [None, 1, 2, 3, 4]
    assert (result.weeks[4].peak, result.weeks[4].peak_week) == (61, 3)


def test_a_slow_slide_from_the_peak_is_down() -> None:
    """Before: 100 → 79 over six weeks, under 5 a week, was "same" every week, gate open."""
    slide = [100, 96, 92, 88, 84, 79]
    weeks = [crowd(n, strong, 100) for n, strong in enumerate(slide, start=1)]
    result = loop(*weeks)
    assert [w.trend for w in result.weeks] == [None, "same", "same", "down", "down", "down"]
    assert result.expansion.open is False
    assert "Health is trending down: 79, 17 points below week 2's 96." in \
        result.expansion.reasons


def test_three_falling_weeks_are_down_however_small() -> None:
    weeks = [crowd(n, strong, 100) for n, strong in enumerate([90, 88, 86, 84], start=1)]
    assert [w.trend for w in loop(*weeks).weeks] == [None, "same", "same", "down"]


def test_trend_skips_a_week_without_a_health_score() -> None:
    unscored = Response("x", "user", {"recommend": 8}, week=2, submitted_at="2024-03-02")
    result = loop(crowd(1, 10, 20), unscored, crowd(3, 12, 20))
    middle, last = result.weeks[1], result.weeks[2]
    assert middle.health is None and middle.trend is None and middle.delta is None
    assert middle.band == "insufficient_data"
    assert (last.trend, last.delta, last.since) == ("up", 10, 1)


# ----------------------------------------------------------------------- cadence


@pytest.mark.parametrize(("cadence", "usage"), [
    (None, 33.0), ("daily", 33.0), ("weekly", 100.0), ("monthly", 100.0)])
def test_usage_is_scored_against_the_workflows_cadence(cadence: str | None,
                                                       usage: float) -> None:
    """Before: the seed's own weekly review, run once a week, was a usage barrier (33)."""
    week = loop([pulse(w, 1, usage_frequency="once") for w in "abc"], cadence=cadence).weeks[0]
    assert week.usage == usage


def test_a_monthly_workflow_unused_this_week_is_not_a_barrier() -> None:
    week = loop([pulse(w, 1, usage_frequency="not_at_all") for w in "abc"],
                cadence="monthly").weeks[0]
    assert week.usage is None and week.health == 100.0


# ---------------------------------------------------------------------- blockers


def test_blockers_counted_per_category_with_details_and_responses() -> None:
    result = loop(
        pulse("a", 1, at="2024-03-01T09:00", blockers=("trust", "training"),
              blocker_trust_detail="I recheck the totals in Excel.",
              blocker_training_detail="Month-end close."),
        pulse("b", 1, at="2024-03-01T10:00", blockers=("trust",),
              blocker_trust_detail="The forecast differs from the ledger."),
        pulse("c", 1, at="2024-03-01T11:00", blockers=("product_friction", "trust")),
        # A detail for a category not ticked is not relevant, so it is dropped.
        pulse("d", 1, at="2024-03-01T12:00", blockers=("none",),
              blocker_capacity_detail="Not ticked."),
    )
    blockers = result.weeks[0].blockers
    assert [(b.category, b.count) for b in blockers] == [
        ("trust", 3), ("product_friction", 1), ("training", 1)]
    trust, friction, training = blockers
    assert trust.details == ("I recheck the totals in Excel.",
                             "The forecast differs from the ledger.")
    assert trust.response == TRUST_RESPONSE and trust.label == "Trust"
    assert friction.details == () and friction.response == (
        "Fix it, offer a workaround, or change the default; decide on the roadmap item.")
    assert training.details == ("Month-end close.",)
    assert "blockers: trust ×3, product friction ×1, training ×1" in result.explain[0]


def test_every_category_has_its_response_in_registry_order() -> None:
    every = ("product_friction", "trust", "workflow", "capacity", "training", "commercial")
    blockers = loop(pulse("a", 1, blockers=every)).weeks[0].blockers
    assert [b.category for b in blockers] == list(every)
    assert [b.response for b in blockers] == [
        "Fix it, offer a workaround, or change the default; decide on the roadmap item.",
        TRUST_RESPONSE,
        "The customer decides which old process changes, and by when.",
        "Adjust the timeline, reduce the scope, or secure a stronger owner.",
        "Role-specific reinforcement for the people stuck, not another generic webinar.",
        "Revisit the use case or the promise the product was sold on.",
    ]


def test_nothing_in_the_way_lists_no_blockers() -> None:
    result = loop(pulse("a", 1, blockers=("none",)), pulse("b", 1, blockers=None))
    assert result.weeks[0].blockers == ()
    assert "no blockers" in result.explain[0]


# ---------------------------------------------------------------------- old way


def test_the_old_way_loses_power_only_when_most_say_it_is_no_longer_their_main_way() -> None:
    """Before: everyone still on the spreadsheet, one "report used less": gate open."""
    held = loop([pulse(w, 1, old_workflow="still_primary", proof_artifact_retired="yes")
                 for w in "abcd"] + [pulse("e", 1, old_workflow="still_primary")])
    week = held.weeks[0]
    assert (week.no_longer_main, week.old_workflow_losing_power) == (0, False)
    assert not held.expansion.open
    assert held.expansion.reasons[-1] == (
        "The old workflow still holds power: 0 of 5 respondents say it is no longer their "
        "main way; losing power needs more than half.")
    half = loop([pulse(w, 1, old_workflow="rarely") for w in "ab"]
                + [pulse(w, 1, old_workflow="used_alongside") for w in "cd"]).weeks[0]
    assert (half.no_longer_main, half.old_workflow_losing_power) == (2, False)
    most = loop([pulse(w, 1, old_workflow="retired") for w in "abc"]
                + [pulse("d", 1, old_workflow="still_primary")]).weeks[0]
    assert (most.no_longer_main, most.old_workflow_losing_power) == (3, True)


# ---------------------------------------------------------------- workflow proof


def test_unanswered_workflow_proof_is_not_proof() -> None:
    """Before: users skipping every workflow-proof question got health 100, gate open."""
    skipped = {**dict.fromkeys(PROOF, None), "proof_trust": None}
    result = loop([pulse(w, 1, **skipped) for w in "abcd"])
    week = result.weeks[0]
    assert week.health == 100.0 and week.proof_answered == 0 and week.proof_missing
    assert (week.band, week.band_label) == ("watch", "Watch")
    assert not result.expansion.open
    assert result.expansion.reasons == (
        "Workflow proof is missing: 0 of 4 respondents answered the workflow-proof questions "
        "in week 1; unanswered proof is not proof.",)


def test_an_honest_no_exception_counts_as_an_answer() -> None:
    answered = loop([pulse(w, 1, proof_exception="no_exception") for w in "abc"]).weeks[0]
    assert answered.proof_answered == 3 and answered.band == "healthy"


# ------------------------------------------------------------------- first value


def test_first_value_needs_a_concrete_description() -> None:
    result = loop(
        pulse("a", 1, first_value_seen="yes", first_value=None),
        pulse("b", 1, first_value_seen="yes", first_value="   "),
        pulse("c", 1, first_value_seen="yes", first_value="not sure, maybe it helped a bit"),
        # Not relevant without a yes, so the description does not count.
        pulse("d", 1, first_value_seen="no", first_value="We closed a case in it today."),
    )
    assert result.weeks[0].first_value is False
    assert not result.first_value_proven and result.first_value_week is None
    assert result.first_value_evidence == ()
    assert result.expansion.reasons[0] == (
        "First value is not proven yet: no respondent has described the product doing the job "
        "it was bought for (3 users said they saw it without describing it concretely).")


def test_one_users_report_is_not_enough() -> None:
    """Before: one vague "not sure" among five users proved first value for good."""
    result = loop(pulse("a", 1), [pulse(w, 1, first_value_seen="no", first_value=None)
                                  for w in "bcde"])
    assert not result.first_value_proven
    assert result.expansion.reasons[0].startswith("First value is not proven yet: one user")


def test_first_value_from_two_users_stays_proven_from_the_second() -> None:
    result = loop(
        pulse("a", 1, first_value_seen="no", first_value=None),
        pulse("a", 2, first_value=" Seven cases closed in the new workflow this week. "),
        pulse("b", 3, first_value="The old tracker was retired for the pilot region."),
        pulse("a", 3, first_value="Seven cases closed in the new workflow this week."),
        pulse("a", 4, first_value_seen="no", first_value=None),
    )
    assert [w.first_value for w in result.weeks] == [False, True, True, False]
    assert result.first_value_proven is True and result.first_value_week == 3
    assert result.first_value_evidence == (
        "Seven cases closed in the new workflow this week.",
        "The old tracker was retired for the pilot region.")
    assert "First value: proven in week 3 (described by 2 users)." in result.explain


def test_the_seller_confirming_with_the_owner_proves_first_value() -> None:
    result = loop([pulse(w, 1, first_value_seen="no", first_value=None) for w in "abc"],
                  confirmation(2), [pulse(w, 2) for w in "abc"])
    assert result.first_value_proven and result.first_value_week == 2
    assert result.value is not None
    (confirmed,) = result.value.confirmations
    assert (confirmed.by, confirmed.date) == ("Sam Rivera (seller) with Ines Duarte, COO",
                                              "2024-03-02")
    # The seller's pulse is no user's: it does not count in the week's health.
    assert result.weeks[1].respondents == 3


# ---------------------------------------------------------------- expansion gate


def test_gate_open_when_all_hold() -> None:
    result = loop(pulse("a", 1), pulse("b", 1), pulse("c", 1))
    assert result.expansion.open is True and result.expansion.reasons == ()
    assert result.explain[-1].startswith("Expansion gate: open at week 1")


def test_gate_closed_by_first_value_alone() -> None:
    result = loop([pulse(w, 1, first_value_seen="no", first_value=None) for w in "abc"])
    assert result.latest is not None and result.latest.band == "healthy"
    assert result.expansion.open is False
    assert result.expansion.reasons == (NO_FIRST_VALUE,)


def test_gate_closed_by_health_alone() -> None:
    # Value seen, old way gone, trusted, but not used and no workflow proof: 700 / 11.
    result = loop([pulse(w, 1, usage_frequency="not_at_all", proof="no") for w in "abc"])
    assert result.expansion.reasons == ("Health is Watch (64), not Healthy (75 or more).",)


def test_gate_closed_by_a_downward_trend_alone() -> None:
    week1 = [pulse(w, 1) for w in "abc"]
    week2 = [pulse(w, 2, trust_change="less", proof_trust="no") for w in "abc"]
    result = loop(week1, week2)
    assert result.latest is not None and result.latest.band == "healthy"
    assert result.expansion.reasons == (
        "Health is trending down: 82, 18 points below week 1's 100.",)


def test_gate_closed_when_the_latest_week_cannot_be_scored() -> None:
    result = loop(pulse("a", 1), Response("a", "user", {"recommend": 8}, week=2))
    assert any(r.startswith("Health is Insufficient data: 0 % of the questions")
               for r in result.expansion.reasons)


def test_seed_daily_logins_but_the_spreadsheet_is_still_the_source_of_truth() -> None:
    weeks = [[pulse(w, n, usage_frequency="every_day", proof_source_of_truth="no",
                    old_workflow="still_primary", proof_artifact_retired="no",
                    first_value_seen="no", first_value=None, blockers=("workflow",),
                    blocker_workflow_detail="The manager still asks for the spreadsheet.")
              for w in ("ana", "ben", "cas", "dee")] for n in (1, 2, 3)]
    result = loop(*weeks)
    latest = result.latest
    assert latest is not None and latest.usage == 100.0
    assert latest.old_way_still_primary == 4 and not latest.old_workflow_losing_power
    assert latest.old_report == 4
    assert not result.first_value_proven
    assert result.expansion.open is False
    assert NO_FIRST_VALUE in result.expansion.reasons
    assert [(b.category, b.count) for b in latest.blockers] == [("workflow", 4)]


# --------------------------------------------------------------------- segments


def test_segments_of_three_shown_small_ones_merged() -> None:
    responses = ([pulse(f"a{i}", 1, segment="north") for i in range(3)]
                 + [pulse(f"b{i}", 1, base=WEAK, segment="south") for i in range(4)]
                 + [pulse("c0", 1, segment="east")]
                 + [pulse(f"d{i}", 1, base=WEAK, segment="west") for i in range(2)])
    week = loop(responses, min_group=3).weeks[0]
    assert [(s.segment, s.label, s.n) for s in week.segments] == [
        ("north", "north", 3), ("south", "south", 4),
        ("combined", "Other respondents (combined)", 3)]
    north, south, combined = week.segments
    assert (north.health, north.band) == (100.0, "healthy")
    assert (south.health, south.band) == (0.0, "at_risk")
    assert combined.health == pytest.approx(100 / 3)
    assert week.hidden == 0


def test_small_segments_under_three_together_are_hidden_and_counted() -> None:
    responses = ([pulse(f"a{i}", 1, segment="north") for i in range(4)]
                 + [pulse("c0", 1, segment="east"), pulse("d0", 1, segment="west")])
    result = loop(responses, min_group=3)
    week = result.weeks[0]
    # Showing north alone would reveal east + west as the total minus north.
    assert week.segments == ()
    assert week.hidden == 2 and week.respondents == 6
    assert "2 respondents in segments too small to show apart" in result.explain[0]


def test_unassigned_segment_is_labelled() -> None:
    responses = ([pulse(f"a{i}", 1, segment="north") for i in range(3)]
                 + [pulse(f"u{i}", 1) for i in range(3)])
    week = loop(responses, min_group=3).weeks[0]
    assert [(s.segment, s.label, s.n) for s in week.segments] == [
        ("north", "north", 3), ("", "Unassigned", 3)]


def test_no_segments_with_one_segment_value() -> None:
    same = loop([pulse(f"a{i}", 1, segment="north") for i in range(5)], min_group=3).weeks[0]
    assert same.segments == () and same.hidden == 0


# ------------------------------------------------------------------ resubmission


def test_a_respondent_answering_twice_in_a_week_counts_once_latest() -> None:
    later = pulse("a", 2, base=WEAK, at="2024-03-09T17:00")
    earlier = pulse("a", 2, at="2024-03-09T09:00")
    result = loop(pulse("a", 1), later, earlier, pulse("b", 2, base=WEAK))
    week2 = result.weeks[1]
    assert week2.respondents == 2 and week2.health == 0.0
    assert result.weeks[0].respondents == 1 and result.weeks[0].health == 100.0


def test_equal_times_the_later_in_the_input_wins() -> None:
    first = pulse("a", 1, at="2024-03-01T09:00")
    second = pulse("a", 1, base=WEAK, at="2024-03-01T09:00")
    assert loop(first, second).weeks[0].health == 0.0
    assert loop(second, first).weeks[0].health == 100.0


# ----------------------------------------------------------------------- a story


def test_eight_weeks_from_at_risk_to_an_open_gate() -> None:
    # week: usage, proof questions answered yes, proof_trust, trust_change, old way,
    # artifact retired, UMUX rating, how many of the five described first value.
    story = {
        1: ("once", 0, "no", "less", "still_primary", "no", 3, 0),
        2: ("some_days", 1, "no", "same", "used_alongside", "no", 4, 0),
        3: ("every_day", 2, "no", "more", "used_alongside", "yes", 5, 0),
        4: ("every_day", 4, "yes", "more", "used_alongside", "yes", 5, 0),
        5: ("every_day", 5, "yes", "more", "used_alongside", "yes", 6, 1),
        6: ("every_day", 5, "yes", "more", "retired", "yes", 6, 2),
        7: ("every_day", 5, "yes", "more", "retired", "yes", 6, 3),
        8: ("every_day", 5, "yes", "more", "retired", "yes", 7, 4),
    }
    users = ("ana", "ben", "cas", "dee", "eli")
    responses = []
    for week, (usage, yes, trust, change, old, retired, umux, seen) in story.items():
        for i, user in enumerate(users):
            proof: dict[str, Any] = {p: "yes" if j < yes else "no" for j, p in enumerate(PROOF)}
            responses.append(pulse(
                user, week, usage_frequency=usage, proof_trust=trust, trust_change=change,
                old_workflow=old, proof_artifact_retired=retired, umux_capabilities=umux,
                umux_easy=umux, first_value_seen="yes" if i < seen else "no",
                first_value=f"{user}: the weekly review ran in it, seven cases closed."
                if i < seen else None, **proof))
    result = adoption_loop(Q, responses)
    assert [w.band for w in result.weeks] == [
        "at_risk", "at_risk", "at_risk", "watch", "healthy", "healthy", "healthy", "healthy"]
    assert [display_round(w.health or 0.0) for w in result.weeks] == [
        6, 22, 45, 66, 76, 88, 91, 96]
    assert "down" not in [w.trend for w in result.weeks]
    # One user in week 5, a second in week 6: proven in week 6.
    assert result.first_value_week == 6
    assert result.first_value_evidence[0] == "ana: the weekly review ran in it, seven cases " \
                                             "closed."
    assert [w.old_workflow_losing_power for w in result.weeks][4:] == [False, True, True, True]
    assert result.expansion.open is True and result.expansion.reasons == ()
    assert result.explain[0].startswith("Week 1: health 6 (At risk); 5 respondents;")
    assert result.explain[-1].startswith("Expansion gate: open at week 8: first value proven, "
                                         "health 96 (Healthy)")


# -------------------------------------------------------------------- properties

ANSWER_CHOICES: dict[str, list[Any]] = {
    "usage_frequency": ["not_at_all", "once", "some_days", "every_day", None],
    "proof_workflow": ["yes", "no", None],
    "proof_trust": ["yes", "no", None],
    "proof_artifact_retired": ["yes", "no", None],
    "trust_change": ["less", "same", "more", None],
    "old_workflow": ["still_primary", "used_alongside", "rarely", "retired", None],
    "umux_easy": [1, 4, 7, None],
    "umux_capabilities": [1, 4, 7, None],
    "first_value_seen": ["yes", "no", None],
    "first_value": ["It closed a case.", "A manual step was removed from the review.", "",
                    None],
    "blockers": [("none",), ("trust",), ("trust", "capacity"), ("commercial",), None],
    "blocker_trust_detail": ["The totals differ.", "I recheck it in Excel.", None],
    "recommend": [0, 6, 8, 10, None],
}


@st.composite
def pulses(draw: st.DrawFn) -> list[Response]:
    """A handful of pulses over three weeks, each with its own submission time."""
    count = draw(st.integers(min_value=0, max_value=12))
    out = []
    for index in range(count):
        answers = {k: draw(st.sampled_from(v)) for k, v in ANSWER_CHOICES.items()}
        out.append(pulse(
            draw(st.sampled_from("abcde")), draw(st.sampled_from([None, 1, 2, 3])),
            base={}, segment=draw(st.sampled_from(["", "north", "south"])),
            at=f"2024-03-01T{index:02d}:00", **answers))
    return out


@settings(max_examples=40, deadline=None)
@given(pulses(), st.randoms(use_true_random=False))
def test_response_order_does_not_change_the_result(responses: list[Response],
                                                   rng: Any) -> None:
    shuffled = list(responses)
    rng.shuffle(shuffled)
    assert adoption_loop(Q, shuffled) == adoption_loop(Q, responses)


@settings(max_examples=40, deadline=None)
@given(pulses(), st.sampled_from([None, "daily", "weekly", "monthly"]))
def test_a_gate_open_at_three_people_is_open_at_one(responses: list[Response],
                                                    cadence: str | None) -> None:
    """Hiding small weeks never opens a gate that showing them keeps shut."""
    hidden = adoption_loop(Q, responses, cadence=cadence)
    if hidden.expansion.open:
        assert adoption_loop(Q, responses, min_group=1, cadence=cadence).expansion.open


@settings(max_examples=40, deadline=None)
@given(pulses())
def test_health_stays_between_0_and_100(responses: list[Response]) -> None:
    result = adoption_loop(Q, responses)
    for week in result.weeks:
        healths = [week.health] + [s.health for s in week.segments]
        assert all(h is None or 0 <= h <= 100 for h in healths)
        assert week.delta is None or -100 <= week.delta <= 100
        assert week.respondents == len({r.respondent for r in responses
                                        if (r.week or 0) == week.week})
        # Either every respondent is in a shown segment, or no segment is shown at all.
        if week.segments:
            assert week.hidden == 0 and sum(s.n for s in week.segments) == week.respondents
            assert all(s.n >= 3 for s in week.segments)
        else:
            assert 0 <= week.hidden < 3
