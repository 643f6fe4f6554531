"""Tests for scoring.stakeholders: risk, quadrants, resistors, coverage, levels and ADKAR."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import questionnaires
from questionnaires import BUILTIN_DIR
from scoring.adkar import COMBINED, COMBINED_LABEL, ELEMENTS
from scoring.responses import Response
from scoring.selfreports import ADKAR_ITEMS
from scoring.stakeholders import (
    QUADRANT_LABELS,
    SEED_GROUPS,
    STANCE_VALUES,
    StakeholderMap,
    stakeholder_map,
)

QUESTIONNAIRE = {q.id: q for q in questionnaires.load()}["stakeholder-map"]
STANCES = tuple(STANCE_VALUES)
NO_DID_NOT_WANT = (
    "No one mapped who did not want it: ask the sponsor who argued against the purchase."
)


def row(
    name: str,
    group: str = "daily_user",
    influence: int | None = 2,
    stance: str | None = "supportive",
    desired: str | None = "supportive",
    mitigation: str = "",
    *,
    wanted: str = "yes",
    owner: str | None = None,
    seeds: bool = True,
) -> dict[str, Any]:
    """One map row as the form stores it; None leaves a key out (unanswered).

    `seeds` fills in the seed's two questions (what success looks like, what would make
    them resist); the mitigation's owner is Kim unless told otherwise.
    """
    answers: dict[str, Any] = {"name": name, "group": group, "wanted": wanted,
                               "mitigation": mitigation,
                               "owner": (owner if owner is not None else
                                         "Kim (vendor)" if mitigation else "")}
    if seeds:
        answers.update(success="Less retyping.", resistance="Double entry in the switch.")
    for key, value in (("influence", influence), ("stance", stance), ("desired_stance", desired)):
        if value is not None:
            answers[key] = value
    return answers


def seller(*rows: dict[str, Any], at: str = "2024-05-01T10:00:00",
           respondent: str = "seller-1") -> Response:
    """A seller's map."""
    return Response(respondent=respondent, role="seller", answers={"stakeholders": rows},
                    submitted_at=at)


def person(respondent: str, group: str, ratings: tuple[int | None, ...] = (4, 4, 4, 4, 4),
           at: str = "2024-05-02T10:00:00", *, wanted: str = "yes", name: str = "",
           named: bool = False) -> Response:
    """A stakeholder's own answers; a None rating is left unanswered (every item of an
    element gets the element's rating)."""
    answers: dict[str, Any] = {"role_group": group, "wanted_it": wanted,
                               "my_success": "Less retyping.",
                               "my_resistance": "No time to learn it."}
    for element, rating in zip(ELEMENTS, ratings, strict=True):
        if rating is not None:
            answers.update(dict.fromkeys(ADKAR_ITEMS[element], rating))
    return Response(respondent=respondent, role="stakeholder", answers=answers, submitted_at=at,
                    name=name, named=named)


# Rows that cover every seed group, all on side with low influence: a map with nothing wrong,
# to which each test adds the one row it is about.
COVERED = (
    row("Ops team", "daily_user"),
    row("Ops lead", "manager"),
    row("CFO", "approver"),
    row("Old-tool admin", "other", mitigation="Keeps admin rights for reporting.", wanted="no"),
)


def scored(*rows: dict[str, Any]) -> StakeholderMap:
    """The map of COVERED plus these rows."""
    return stakeholder_map(QUESTIONNAIRE, [seller(*COVERED, *rows)])


def only(result: StakeholderMap, name: str) -> Any:
    """The stakeholder of this name."""
    (found,) = [s for s in result.stakeholders if s.name == name]
    return found


# ------------------------------------------------------------------------------ risk


def test_risk_worked_example_and_its_explanation() -> None:
    # 5/5 × (+1 − (−2) = 3)/4 × 100 = 75
    result = scored(row("Dana Smit", "manager", 5, "resistant", "supportive", "Weekly 1:1"))
    dana = only(result, "Dana Smit")
    assert (dana.influence, dana.stance, dana.desired, dana.risk) == (5, -2, 1, 75.0)
    assert result.risk_score == 75.0
    assert "Dana Smit: risk 75 = influence 5/5 × (desired +1 − stance −2 → 3)/4 × 100" in (
        result.explain)
    assert "Risk score 75 = the highest row risk (Dana Smit)" in result.explain


@pytest.mark.parametrize(("influence", "stance", "desired", "risk"), [
    (4, "sceptical", "leading", 60.0),      # 4/5 × 3/4 × 100
    (1, "neutral", "supportive", 5.0),      # 1/5 × 1/4 × 100
    (5, "resistant", "leading", 100.0),     # the maximum
    (3, "sceptical", "neutral", 15.0),      # 3/5 × 1/4 × 100 (daily users: neutral will do)
    (3, "leading", "supportive", 0.0),      # above the desired stance: no gap, no risk
    (5, "supportive", "supportive", 0.0),   # exactly where it needs to be
])
def test_risk_formula(influence: int, stance: str, desired: str, risk: float) -> None:
    found = only(scored(row("X", "daily_user", influence, stance, desired, "plan")), "X")
    assert found.risk == risk


def test_missing_desired_stance_is_the_least_the_role_needs() -> None:
    result = scored(row("Pat", "manager", 4, "neutral", None), row("Ula", "daily_user", 4,
                                                                   "sceptical", None))
    pat, ula = only(result, "Pat"), only(result, "Ula")
    assert (pat.desired, pat.desired_given, pat.risk) == (1, False, 20.0)
    assert (ula.desired, ula.risk) == (0, 20.0)
    assert "Pat: risk 20 = influence 4/5 × (desired +1 (the least the role needs) − stance 0 " \
           "→ 1)/4 × 100" in result.explain


@pytest.mark.parametrize(("group", "least"), [("approver", 1), ("owner", 1), ("manager", 1),
                                              ("daily_user", 0), ("other", 0)])
def test_the_desired_stance_cannot_be_set_below_what_the_role_needs(group: str,
                                                                    least: int) -> None:
    """Before: an approver whose desired stance was also "resistant" counted no risk."""
    found = only(scored(row("Vic", group, 5, "resistant", "resistant", "plan")), "Vic")
    assert (found.desired, found.desired_raised) == (least, True)
    assert found.risk == 5 * (least + 2) * 100 / 20


@pytest.mark.parametrize(("influence", "stance", "missing"), [
    (None, "neutral", "influence"),
    (4, None, "stance"),
    (None, None, "influence, stance"),
    (True, "neutral", "influence"),      # a bool is not a rating
    (6, "neutral", "influence"),         # off the 1–5 scale
    (3, "hostile", "stance"),            # not one of the choices
])
def test_missing_influence_or_stance_leaves_risk_unknown(
    influence: Any, stance: Any, missing: str
) -> None:
    result = scored({"name": "Lee", "group": "manager", "influence": influence, "stance": stance})
    lee = only(result, "Lee")
    assert lee.risk is None and lee.quadrant is None
    sentence = f"Missing data for Lee: {missing}; no risk computed."
    assert lee.finding == sentence
    assert result.findings[-1] == sentence
    assert result.explain[-2].startswith("Lee: no risk")


# ------------------------------------------------------------------------- quadrants


@pytest.mark.parametrize(("influence", "stance", "quadrant"), [
    (3, "supportive", "key_ally"),
    (5, "leading", "key_ally"),
    (3, "neutral", "critical_blocker"),     # neutral with influence: not won over yet
    (5, "resistant", "critical_blocker"),
    (2, "neutral", "address_concerns"),
    (1, "sceptical", "address_concerns"),
    (2, "supportive", "monitor"),
    (1, "leading", "monitor"),
])
def test_quadrants(influence: int, stance: str, quadrant: str) -> None:
    found = only(scored(row("X", "manager", influence, stance, mitigation="plan")), "X")
    assert found.quadrant == quadrant
    assert quadrant in QUADRANT_LABELS


def test_quadrant_labels_name_all_four() -> None:
    assert QUADRANT_LABELS == {"key_ally": "Key ally", "critical_blocker": "Critical blocker",
                               "address_concerns": "Address concerns", "monitor": "Monitor"}


def test_neutral_with_influence_is_a_critical_blocker_finding_but_not_a_resistor() -> None:
    result = scored(row("Sam", "approver", 4, "neutral"))
    sam = only(result, "Sam")
    assert (sam.quadrant, sam.resistor) == ("critical_blocker", False)
    assert result.findings == (
        "Critical blocker: Sam (Approved the purchase) has influence 4 and is neutral: "
        "win them over before go-live.",
    )


# ------------------------------------------------------------------------- resistors


def test_did_not_want_is_a_resistor_even_when_neutral() -> None:
    result = scored(row("Jo", "manager", 2, "neutral", wanted="no"))
    jo = only(result, "Jo")
    assert jo.resistor and jo.unmitigated and jo.did_not_want
    finding = "Resistor without a mitigation: Jo (Manages the people who use it, did not want it)."
    assert jo.finding == finding and result.findings[0] == finding


@pytest.mark.parametrize(("wanted", "stance", "resistor"), [
    ("yes", "sceptical", True),
    ("yes", "resistant", True),
    ("no", "supportive", True),
    ("unknown", "neutral", False),
    ("yes", "leading", False),
])
def test_resistor_by_stance_or_by_not_wanting_it(wanted: str, stance: str,
                                                 resistor: bool) -> None:
    assert only(scored(row("X", "daily_user", 2, stance, wanted=wanted)), "X").resistor is \
        resistor


def test_a_mitigation_with_an_owner_clears_the_resistor_finding() -> None:
    with_plan = scored(row("Jo", "daily_user", 2, "sceptical", mitigation="Pair with a champion"))
    without = scored(row("Jo", "daily_user", 2, "sceptical", mitigation="   "))
    assert with_plan.findings == () and only(with_plan, "Jo").finding is None
    assert without.findings == ("Resistor without a mitigation: Jo (Daily user).",)
    assert only(with_plan, "Jo").owner == "Kim (vendor)"


@pytest.mark.parametrize(("mitigation", "owner", "finding"), [
    ("tbd", "Kim", "Resistor without a mitigation: Jo (Daily user)."),
    ("TBD.", "", "Resistor without a mitigation: Jo (Daily user)."),
    ("Pair with a champion", "", "Resistor without an owner for the mitigation: Jo (Daily user)."),
    ("Pair with a champion", "n/a", "Resistor without an owner for the mitigation: Jo "
                                    "(Daily user)."),
])
def test_a_resistor_counts_as_mitigated_only_with_a_plan_and_its_owner(
        mitigation: str, owner: str, finding: str) -> None:
    """Before: "tbd" with nobody to carry it out counted as a mitigation."""
    result = scored(row("Jo", "daily_user", 4, "resistant", mitigation=mitigation, owner=owner))
    assert only(result, "Jo").unmitigated and result.findings[0] == finding
    assert result.risk_level == "high"


def test_findings_are_in_order_of_kind_then_risk() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [seller(
        row("Incomplete", "daily_user", None, "neutral"),
        row("Blocker", "manager", 3, "neutral"),
        row("Low resistor", "daily_user", 1, "sceptical"),
        row("High resistor", "approver", 5, "resistant"),
    )])
    assert result.findings == (
        "Resistor without a mitigation: High resistor (Approved the purchase).",
        "Resistor without a mitigation: Low resistor (Daily user).",
        "Critical blocker: Blocker (Manages the people who use it) has influence 3 and is "
        "neutral: win them over before go-live.",
        NO_DID_NOT_WANT,
        "Missing data for Incomplete: influence; no risk computed.",
    )


# -------------------------------------------------------------------------- coverage


def test_coverage_counts_rows_and_self_responses() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        seller(row("Ops team", "daily_user"), row("Ops lead", "manager"),
               row("Ops lead 2", "manager")),
        person("r1", "approver"),
        person("r2", "daily_user"),
    ])
    assert [(c.group, c.covered, c.count) for c in result.coverage] == [
        ("daily_user", True, 2), ("manager", True, 2), ("approver", True, 1),
        ("did_not_want", False, 0),
    ]
    assert [(c.rows, c.respondents) for c in result.coverage][0] == (1, 1)
    assert result.missing_groups == ("did_not_want",)
    assert result.findings == (NO_DID_NOT_WANT,)
    assert result.respondents == 2


def test_every_missing_group_is_a_finding_in_seed_order() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [seller(row("Someone", "other"))])
    assert result.missing_groups == SEED_GROUPS
    assert len(result.findings) == 4 and result.findings[-1] == NO_DID_NOT_WANT
    assert all(f.startswith("No one mapped who") for f in result.findings)


# ------------------------------------------------------------------------ risk level


@pytest.mark.parametrize(("extra", "level"), [
    (row("X", "manager", 4, "neutral", mitigation="plan"), "low"),       # risk 20
    (row("X", "manager", 5, "neutral", mitigation="plan"), "medium"),    # risk 25: boundary
    (row("X", "manager", 3, "resistant", "neutral", "plan"), "medium"),  # risk 30
    (row("X", "manager", 3, "sceptical", "leading", "plan"), "medium"),  # risk 45
    (row("X", "manager", 5, "sceptical", "supportive", "plan"), "high"),  # risk 50: boundary
    (row("X", "manager", 5, "resistant", "leading", "plan"), "high"),    # risk 100
])
def test_risk_level_boundaries(extra: dict[str, Any], level: str) -> None:
    result = scored(extra)
    assert result.risk_level == level
    assert len(result.risk_reasons) == 1


def test_reasons_name_the_threshold_and_who() -> None:
    assert scored(row("X", "manager", 5, "neutral", mitigation="p")).risk_reasons == (
        "Highest risk 25 is 25 or more (X).",)
    assert scored(row("X", "manager", 5, "sceptical", mitigation="p")).risk_reasons == (
        "Highest risk 50 is 50 or more (X).",)
    assert scored().risk_reasons == (
        "Highest risk 0 is under 25, every group is mapped with what success looks like and "
        "what would make it resist, and every resistor has a mitigation with an owner.",)


def test_unmitigated_resistor_with_influence_three_is_high_even_at_zero_risk() -> None:
    # Supportive already, so no risk, but did not want it and has no plan.
    high = scored(row("Ana", "daily_user", 3, "supportive", wanted="no"))
    assert (high.risk_score, high.risk_level) == (0.0, "high")
    assert high.risk_reasons == (
        "Resistor with influence 3 or more and no mitigation with an owner: Ana.",)
    medium = scored(row("Ana", "daily_user", 2, "supportive", wanted="no"))
    assert medium.risk_level == "medium"
    assert medium.risk_reasons == ("Resistor without a mitigation and an owner: Ana.",)


def test_a_missing_group_or_an_incomplete_row_is_medium() -> None:
    missing = stakeholder_map(QUESTIONNAIRE, [seller(*COVERED[:3])])
    assert missing.risk_level == "medium"
    assert missing.risk_reasons == ("Groups not mapped: Did not want it.",)
    incomplete = scored(row("Lee", "manager", None, "supportive"))
    assert incomplete.risk_level == "medium"
    assert incomplete.risk_reasons == ("Influence or stance not given: Lee.",)


def test_no_rows_is_unknown() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [person("r1", "daily_user")])
    assert (result.risk_level, result.risk_score, result.stakeholders) == ("unknown", None, ())
    assert result.findings[0] == "No stakeholder map yet."
    assert result.missing_groups == ("manager", "approver", "did_not_want")
    assert result.map_submitted_at is None and result.explain == ()
    assert stakeholder_map(QUESTIONNAIRE, []).risk_level == "unknown"


# -------------------------------------------------------------------- which responses


def test_latest_seller_response_wins_whatever_the_input_order() -> None:
    old = seller(row("Old resistor", "did_not_want", 5, "resistant"), at="2024-04-01T09:00:00")
    new = seller(*COVERED, at="2024-05-01T09:00:00")
    for responses in ([old, new], [new, old]):
        result = stakeholder_map(QUESTIONNAIRE, responses)
        assert [s.name for s in result.stakeholders] == [s["name"] for s in COVERED]
        assert result.map_submitted_at == "2024-05-01T09:00:00"
        assert result.risk_level == "low"


def test_equal_times_the_later_seller_response_wins() -> None:
    first = seller(row("First", "daily_user"), at="2024-05-01T09:00:00")
    second = seller(row("Second", "daily_user"), at="2024-05-01T09:00:00")
    assert [s.name for s in stakeholder_map(QUESTIONNAIRE, [first, second]).stakeholders] == [
        "Second"]


def test_responses_are_told_apart_by_their_answers_not_their_role() -> None:
    mapped_by_customer = Response("c1", "stakeholder", {"stakeholders": (row("A", "approver"),)})
    answered_by_seller = Response("s1", "seller", {"role_group": "other", "wanted_it": "no"})
    result = stakeholder_map(QUESTIONNAIRE, [mapped_by_customer, answered_by_seller])
    assert [s.name for s in result.stakeholders] == ["A"]
    assert result.respondents == 1
    assert result.missing_groups == ("daily_user", "manager")


def test_a_self_response_without_a_known_role_group_counts_as_other() -> None:
    nameless = Response("r1", "stakeholder", {"my_resistance": "No time to learn it."})
    unknown = Response("r2", "stakeholder", {"role_group": "cfo", "adkar_awareness": 2,
                                             "adkar_ability_time": 5})
    listed = person("r3", "other", (2, 4, 4, 4, 4))
    result = stakeholder_map(QUESTIONNAIRE, [nameless, unknown, listed])
    assert result.respondents == 3
    assert result.missing_groups == SEED_GROUPS
    (others,) = result.adkar
    assert (others.group, others.label, others.n) == ("other", "Other", 3)
    assert others.means["awareness"] == 2.0 and others.barrier == "awareness"


def test_a_renamed_question_fails_loudly() -> None:
    text = (BUILTIN_DIR / "stakeholder-map.yaml").read_text(encoding="utf-8")
    renamed, problems = questionnaires.load_text(
        "renamed.yaml", text.replace("id: mitigation", "id: mitigation_plan"))
    assert renamed is not None and not problems
    with pytest.raises(KeyError, match="mitigation"):
        stakeholder_map(renamed, [seller(*COVERED)])


# ---------------------------------------------------------------------------- ADKAR


def test_adkar_barrier_is_the_first_element_at_or_below_three() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        person("a", "daily_user", (5, 4, 3, 1, 1)),
        person("b", "daily_user", (4, 4, 3, 2, 2)),
        person("c", "daily_user", (3, 4, 3, 3, 1)),
        person("d", "manager", (4, 4, 4, 4, 3)),
        person("e", "manager", (4, 4, 4, 4, 4)),
        person("f", "manager", (4, 4, 4, 4, 4)),
    ])
    users, managers = result.adkar
    assert (users.group, users.label, users.n) == ("daily_user", "Daily user", 3)
    assert users.means == {"awareness": 4.0, "desire": 4.0, "knowledge": 3.0,
                           "ability": 2.0, "reinforcement": 4 / 3}
    # Knowledge (mean exactly 3) comes before ability, although ability is lower.
    assert users.barrier == "knowledge"
    assert users.barrier_label == "Knowledge of what changes"
    assert users.action is not None and users.action.startswith("Show this group")
    # Reinforcement at 11/3 is above 3: no barrier.
    assert (managers.group, managers.barrier, managers.action) == ("manager", None, None)
    assert result.adkar_hidden == 0


def test_adkar_means_skip_unanswered_and_an_unrated_element_is_no_barrier() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        person("a", "approver", (4, None, 2, 4, 4)),
        person("b", "approver", (4, None, 4, 4, 4)),
        person("c", "approver", (5, None, None, 4, 4)),
    ])
    (approvers,) = result.adkar
    assert approvers.means["desire"] is None
    assert approvers.means["knowledge"] == 3.0
    assert approvers.barrier == "knowledge"


def test_groups_under_three_are_merged_into_one_segment() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        person("a", "daily_user"), person("b", "daily_user"), person("c", "daily_user"),
        person("d", "manager", (2, 4, 4, 4, 4)), person("e", "manager", (2, 4, 4, 4, 4)),
        person("f", "owner", (5, 1, 4, 4, 4)),
    ])
    assert [(s.group, s.n) for s in result.adkar] == [("daily_user", 3), (COMBINED, 3)]
    combined = result.adkar[1]
    assert combined.label == COMBINED_LABEL == "Other groups (combined)"
    assert combined.means["awareness"] == 3.0 and combined.barrier == "awareness"
    assert result.adkar_hidden == 0


def test_a_merged_segment_under_three_is_hidden_and_counted() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        person("a", "daily_user"), person("b", "daily_user"), person("c", "daily_user"),
        person("d", "manager"), person("e", "approver"),
    ])
    assert [s.group for s in result.adkar] == ["daily_user"]
    assert result.adkar_hidden == 2
    alone = stakeholder_map(QUESTIONNAIRE, [person("a", "owner", (1, 1, 1, 1, 1))])
    assert (alone.adkar, alone.adkar_hidden) == ((), 1)


def test_a_respondent_who_answered_twice_counts_once_with_the_latest_answers() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        person("a", "daily_user", (1, 1, 1, 1, 1), at="2024-05-03T10:00:00"),
        person("a", "daily_user", (5, 5, 5, 5, 5), at="2024-05-01T10:00:00"),
        person("b", "daily_user"), person("c", "daily_user"),
    ])
    (users,) = result.adkar
    assert users.n == 3 and result.respondents == 3
    assert users.means["awareness"] == 3.0


# ------------------------------------------------------------------------ properties

rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(("daily_user", "manager", "approver", "owner", "other")),
        st.none() | st.integers(1, 5),
        st.none() | st.sampled_from(STANCES),
        st.none() | st.sampled_from(STANCES),
        st.sampled_from(("", "A plan")),
    ),
    max_size=8,
).map(lambda specs: [row(f"Person {i}", *spec) for i, spec in enumerate(specs)])


@given(rows_strategy)
def test_risk_is_always_between_0_and_100(rows: list[dict[str, Any]]) -> None:
    result = stakeholder_map(QUESTIONNAIRE, [seller(*rows)])
    for stakeholder in result.stakeholders:
        assert stakeholder.risk is None or 0.0 <= stakeholder.risk <= 100.0
    assert result.risk_score is None or 0.0 <= result.risk_score <= 100.0
    assert result.risk_level in {"high", "medium", "low", "unknown"}


@given(st.integers(1, 5), st.sampled_from(STANCES), st.sampled_from(STANCES),
       st.none() | st.sampled_from(STANCES))
def test_raising_a_stance_never_raises_the_risk(
    influence: int, one: str, other: str, desired: str | None
) -> None:
    low, high = sorted((one, other), key=STANCE_VALUES.__getitem__)
    before = only(scored(row("X", "manager", influence, low, desired)), "X").risk
    after = only(scored(row("X", "manager", influence, high, desired)), "X").risk
    assert after <= before


@given(rows_strategy.flatmap(lambda rows: st.tuples(st.just(rows), st.permutations(rows))))
def test_row_order_changes_neither_level_nor_findings(
    pair: tuple[list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    rows, shuffled = pair
    one = stakeholder_map(QUESTIONNAIRE, [seller(*rows)])
    two = stakeholder_map(QUESTIONNAIRE, [seller(*shuffled)])
    assert (one.risk_level, one.risk_score) == (two.risk_level, two.risk_score)
    assert set(one.findings) == set(two.findings)


# ----------------------------------------------------- the seed's two questions per group


def test_a_group_without_its_two_seed_answers_makes_the_map_incomplete() -> None:
    """Before: a map that recorded no success or resistance for anyone was "low" risk."""
    bare = stakeholder_map(QUESTIONNAIRE, [seller(*(dict(r, success="", resistance="")
                                                    for r in COVERED))])
    assert bare.incomplete_groups == SEED_GROUPS and bare.risk_level == "medium"
    assert "The map is incomplete for the managers: nobody has said what success looks like " \
           "or what would make them resist — ask them." in bare.findings
    # One self-report from a manager answers both questions for the managers.
    helped = stakeholder_map(QUESTIONNAIRE, [seller(*(dict(r, success="", resistance="")
                                                      for r in COVERED)),
                                             person("m", "manager")])
    assert "manager" not in helped.incomplete_groups


# ------------------------------------------------------------- ADKAR barrier shares


def test_a_share_at_a_barrier_point_is_not_hidden_by_the_mean() -> None:
    """Two of five daily users at 1 on desire: the mean is 3.4, above 3, still a finding."""
    users = [person(f"u{i}", "daily_user", (4, 1 if i < 2 else 5, 4, 4, 4)) for i in range(5)]
    result = stakeholder_map(QUESTIONNAIRE, [seller(*COVERED), *users])
    (segment,) = result.adkar
    assert segment.means["desire"] == pytest.approx(3.4) and segment.barrier is None
    assert (segment.at_barrier, segment.n) == (2, 5) and segment.large
    assert result.adkar_caps and result.risk_level == "medium"
    (barrier,) = result.adkar_barriers
    assert barrier.reason == "2 of 5 in Daily user are at an ADKAR barrier point, most at desire"
    assert barrier.action.startswith("Ask this group what they lose with the new way")


def test_one_person_in_five_at_a_barrier_is_no_finding() -> None:
    users = [person(f"u{i}", "daily_user", (4, 1 if i == 0 else 5, 4, 4, 4)) for i in range(5)]
    result = stakeholder_map(QUESTIONNAIRE, [seller(*COVERED), *users])
    assert result.adkar[0].at_barrier == 1 and not result.adkar_caps


def test_a_small_group_at_a_barrier_caps_without_being_named() -> None:
    """The approver alone: their answers count for the verdict, never as theirs."""
    result = stakeholder_map(QUESTIONNAIRE, [seller(*COVERED),
                                             person("a", "approver", (4, 1, 4, 4, 4))])
    assert result.adkar == () and result.adkar_hidden == 1 and result.adkar_caps
    (barrier,) = result.adkar_barriers
    assert barrier.reason.startswith("Own answers from a group too small to show apart")
    assert "approver" not in str(barrier).lower() and "desire" not in str(barrier)


def test_split_items_count_their_weakest() -> None:
    """"Time, access and skills" are three questions: no time is a barrier whatever the skill."""
    answers = {"role_group": "daily_user", "adkar_awareness": 5, "adkar_desire": 5,
               "adkar_knowledge_what": 5, "adkar_knowledge_how": 5, "adkar_ability_time": 1,
               "adkar_ability_access": 5, "adkar_ability_skills": 5, "adkar_reinforcement": 5}
    people = [Response(f"u{i}", "stakeholder", answers) for i in range(3)]
    (segment,) = stakeholder_map(QUESTIONNAIRE, people).adkar
    assert segment.means["ability"] == 1 and segment.first_barrier == "ability"


# ------------------------------------------------- the seller's stance against their own


def test_a_named_persons_own_answers_contradicting_the_sellers_stance_are_flagged() -> None:
    result = stakeholder_map(QUESTIONNAIRE, [
        seller(*COVERED, row("Derek Lomas, team lead", "manager", 4, "supportive",
                             mitigation="x")),
        person("d", "manager", (4, 1, 4, 4, 4), name="Derek Lomas", named=True)])
    (flag,) = result.disagreements
    assert (flag.label, flag.between, flag.reason) == (
        "Stance of Derek Lomas, team lead", "seller and customer",
        "3 steps apart on the stance scale")
    assert (flag.low.text, flag.high.text) == (
        "resistant (wants to work the new way: 1 of 5)", "supportive")


def test_confidential_contradictions_are_flagged_without_naming_anyone() -> None:
    rows = [row(f"P{i}", "daily_user", 2, "leading") for i in range(3)]
    people = [person(f"p{i}", "daily_user", (4, 1, 4, 4, 4), name=f"P{i}") for i in range(3)]
    for count in (3, 1):
        result = stakeholder_map(QUESTIONNAIRE, [seller(*COVERED, *rows), *people[:count]])
        (flag,) = result.disagreements
        assert result.hidden_contradictions == count
        assert flag.label == f"Stance of {count} {'people' if count > 1 else 'person'} on the map"
        assert not any(a.attributed or a.name for a in flag.answers)
        assert not any(f"P{i}" in flag.label for i in range(3))
