"""Tests for scoring.instruments: worked examples from the published sources plus properties."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.instruments import (
    INSTRUMENTS,
    InstrumentSpec,
    Nps,
    ces,
    csat,
    display_round,
    nps,
    sus,
    sus_grade,
    umux_lite,
    umux_lite_sus,
)

# Values that are not valid answers on any scale: bool is an int subclass, the rest are
# not integers at all.
NOT_INTEGERS: list[Any] = [True, False, 3.5, 3.0, "3", None]


# ---------------------------------------------------------------------- registry


def test_registry_lists_every_instrument_with_its_scale() -> None:
    expected = {
        "sus": (10, 1, 5),
        "umux_lite": (2, 1, 7),
        "nps": (1, 0, 10),
        "csat": (1, 1, 5),
        "ces": (1, 1, 7),
    }
    assert {k: (s.items, s.low, s.high) for k, s in INSTRUMENTS.items()} == expected
    for key, spec in INSTRUMENTS.items():
        assert isinstance(spec, InstrumentSpec)
        assert spec.name == key
        assert spec.label


def test_instrument_spec_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        INSTRUMENTS["sus"].high = 7  # type: ignore[misc]


# --------------------------------------------------------------------------- SUS
# Brooke, J. (1996). "SUS: A 'quick and dirty' usability scale", in Jordan et al. (eds.),
# Usability Evaluation in Industry, pp. 189-194. Scoring procedure: items 1,3,5,7,9 contribute
# (position - 1); items 2,4,6,8,10 contribute (5 - position); sum the contributions and
# multiply by 2.5.


def test_sus_worked_example_brooke_procedure() -> None:
    answers = [4, 2, 5, 1, 4, 2, 5, 2, 4, 1]
    # odd items:  4-1, 5-1, 4-1, 5-1, 4-1 = 3+4+3+4+3 = 17
    # even items: 5-2, 5-1, 5-2, 5-2, 5-1 = 3+4+3+3+4 = 17
    # (17 + 17) * 2.5 = 85.0
    assert sus(answers) == 85.0


def test_sus_second_worked_example() -> None:
    answers = [3, 4, 2, 3, 3, 2, 4, 4, 2, 3]
    # odd:  2+1+2+3+1 = 9; even: 1+2+3+1+2 = 9; 18 * 2.5 = 45.0
    assert sus(answers) == 45.0


def test_sus_all_threes_is_fifty() -> None:
    assert sus([3] * 10) == 50.0


def test_sus_best_and_worst() -> None:
    assert sus([5, 1] * 5) == 100.0
    assert sus([1, 5] * 5) == 0.0


def test_sus_all_fives_is_fifty() -> None:
    # Odd items all 4, even items all 0: acquiescent answering lands in the middle.
    assert sus([5] * 10) == 50.0


def test_sus_missing_item_returns_none_by_default() -> None:
    assert sus([4, 2, 5, 1, 4, 2, 5, 2, 4, None]) is None
    assert sus([None] * 10) is None


def test_sus_prorates_nine_of_ten() -> None:
    answers = [4, 2, 5, 1, 4, 2, 5, 2, 4, None]
    # contributions 3,3,4,4,3,3,3,4,3 = 30 over 9 answered items
    # 25 * (30 / 9) = 83.333...
    result = sus(answers, min_items=9)
    assert result == pytest.approx(750 / 9, abs=1e-12)
    assert sus(answers, min_items=10) is None


def test_sus_prorating_uses_only_answered_items() -> None:
    # Only item 1 (odd, answered 5 -> 4) and item 2 (even, answered 4 -> 1) are present:
    # mean contribution 2.5, so 25 * 2.5 = 62.5.
    answers: list[int | None] = [5, 4] + [None] * 8
    assert sus(answers, min_items=2) == 62.5
    assert sus(answers, min_items=3) is None
    assert sus([None] * 9 + [1], min_items=1) == 100.0


@pytest.mark.parametrize("length", [0, 9, 11])
def test_sus_wrong_length_raises(length: int) -> None:
    with pytest.raises(ValueError, match=f"exactly 10 answers, got {length}"):
        sus([3] * length)


@pytest.mark.parametrize("min_items", [0, 11, -1, True, 9.5])
def test_sus_min_items_out_of_range_raises(min_items: Any) -> None:
    with pytest.raises(ValueError, match="min_items must be an integer in 1–10"):
        sus([3] * 10, min_items=min_items)


@pytest.mark.parametrize("bad", [0, 6, -1, *[v for v in NOT_INTEGERS if v is not None]])
def test_sus_bad_answer_names_item_and_range(bad: Any) -> None:
    answers: list[Any] = [3] * 10
    answers[2] = bad
    with pytest.raises(ValueError, match=r"SUS item 3 must be an integer in 1–5"):
        sus(answers)


def test_sus_bad_answer_reported_even_when_too_few_answered() -> None:
    answers: list[Any] = [None] * 10
    answers[9] = 7
    with pytest.raises(ValueError, match=r"SUS item 10 .*1–5, got 7"):
        sus(answers)


@given(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=10, max_size=10))
def test_sus_always_within_scale(answers: list[int | None]) -> None:
    result = sus(answers, min_items=1)
    if all(a is None for a in answers):
        assert result is None
    else:
        assert result is not None
        assert 0.0 <= result <= 100.0


@given(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=10, max_size=10))
def test_sus_mirrored_answers_mirror_the_score(answers: list[int | None]) -> None:
    # Answering 6 - a everywhere swaps each contribution c for 4 - c, so the score s becomes
    # 100 - s (also when prorated, since the mean contribution mirrors the same way).
    mirrored = [None if a is None else 6 - a for a in answers]
    result, mirror = sus(answers, min_items=1), sus(mirrored, min_items=1)
    if result is None:
        assert mirror is None
    else:
        assert mirror == pytest.approx(100.0 - result, abs=1e-9)


# Sauro, J. & Lewis, J. R. (2016). Quantifying the User Experience, 2nd ed., Table 8.5:
# curved grading scale, lower bound of each grade.
GRADE_CUTS = [
    (84.1, "A+", "A"),
    (80.8, "A", "A-"),
    (78.9, "A-", "B+"),
    (77.2, "B+", "B"),
    (74.1, "B", "B-"),
    (72.6, "B-", "C+"),
    (71.1, "C+", "C"),
    (65.0, "C", "C-"),
    (62.7, "C-", "D"),
    (51.7, "D", "F"),
]


@pytest.mark.parametrize(("cut", "at_or_above", "below"), GRADE_CUTS)
def test_sus_grade_both_sides_of_each_cut(cut: float, at_or_above: str, below: str) -> None:
    assert sus_grade(cut) == at_or_above
    assert sus_grade(cut + 0.05) == at_or_above
    assert sus_grade(math.nextafter(cut, 0.0)) == below
    assert sus_grade(cut - 0.05) == below


def test_sus_grade_extremes_and_typical_values() -> None:
    assert sus_grade(100.0) == "A+"
    assert sus_grade(0.0) == "F"
    assert sus_grade(68.0) == "C"  # the historical SUS average sits in the C band
    assert sus_grade(85.0) == "A+"
    assert sus_grade(50) == "F"


@pytest.mark.parametrize("bad", [-0.1, 100.1, -100.0, math.nan, math.inf, True, "80"])
def test_sus_grade_outside_scale_raises(bad: Any) -> None:
    with pytest.raises(ValueError, match="SUS score must be a number in 0–100"):
        sus_grade(bad)


# --------------------------------------------------------------------- UMUX-Lite
# Lewis, Utesch & Maher (2013), "UMUX-LITE: When there's no time for the SUS", CHI 2013:
# raw = (i1 + i2 - 2) / 12 * 100; SUS-equivalent = 0.65 * raw + 22.9.


def test_umux_lite_best_and_worst() -> None:
    assert umux_lite(7, 7) == 100.0
    assert umux_lite_sus(7, 7) == pytest.approx(87.9, abs=1e-12)  # 65 + 22.9
    assert umux_lite(1, 1) == 0.0
    assert umux_lite_sus(1, 1) == pytest.approx(22.9, abs=1e-12)


def test_umux_lite_middle_values() -> None:
    assert umux_lite(4, 4) == 50.0
    assert umux_lite_sus(4, 4) == pytest.approx(55.4, abs=1e-12)  # 32.5 + 22.9
    # (6 + 5 - 2) / 12 * 100 = 75; 0.65 * 75 + 22.9 = 71.65
    assert umux_lite(6, 5) == 75.0
    assert umux_lite_sus(6, 5) == pytest.approx(71.65, abs=1e-12)
    # (7 + 1 - 2) / 12 * 100 = 50: the items are symmetric
    assert umux_lite(7, 1) == umux_lite(1, 7) == 50.0


@pytest.mark.parametrize(("a", "b"), [(None, 7), (7, None), (None, None)])
def test_umux_lite_missing_item_gives_none(a: int | None, b: int | None) -> None:
    assert umux_lite(a, b) is None
    assert umux_lite_sus(a, b) is None


@pytest.mark.parametrize("bad", [0, 8, -3, *[v for v in NOT_INTEGERS if v is not None]])
def test_umux_lite_bad_item_names_item_and_range(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"UMUX-Lite item 1 must be an integer in 1–7"):
        umux_lite(bad, 4)
    with pytest.raises(ValueError, match=r"UMUX-Lite item 2 must be an integer in 1–7"):
        umux_lite(4, bad)
    # An invalid answer is reported even if the other item is missing.
    with pytest.raises(ValueError, match=r"UMUX-Lite item 2 .*1–7"):
        umux_lite_sus(None, bad)


# --------------------------------------------------------------------------- NPS
# Categories: Reichheld (2003), "The One Number You Need to Grow", HBR. Interval: adjusted
# Wald from Rocks (2016), "Interval Estimation for the 'Net Promoter Score'", The American
# Statistician; as described in MeasuringU's "Confidence Intervals for Net Promoter Scores".


def test_nps_worked_example_with_hand_computed_interval() -> None:
    ratings = [10, 9, 9, 10, 9, 10, 7, 8, 3, 6]  # 6 promoters, 2 passives, 2 detractors
    result = nps(ratings)
    assert (result.promoters, result.passives, result.detractors, result.n) == (6, 2, 2, 10)
    assert result.score == 40.0  # 60 % - 20 %
    # n' = 10 + 3 = 13
    # p' = (6 + 0.75) / 13 = 6.75 / 13
    # d' = (2 + 0.75) / 13 = 2.75 / 13
    # centre = p' - d' = 4 / 13 = 0.307692307692...
    # variance = (p' + d') - (p' - d')^2 = 9.5/13 - 16/169 = 107.5 / 169 = 0.636094674556...
    # half-width = 1.96 * sqrt(variance / n') = 1.96 * sqrt(107.5 / 2197)
    #            = 1.96 * 0.221202... = 0.433556148150...
    # low  = (0.307692307692 - 0.433556148150) * 100 = -12.586376638268...
    # high = (0.307692307692 + 0.433556148150) * 100 =  74.124838176729...
    assert result.low == pytest.approx(-12.586376638268329, abs=1e-9)
    assert result.high == pytest.approx(74.12483817672987, abs=1e-9)


def test_nps_single_promoter_interval_is_not_clipped() -> None:
    # n' = 4, p' = 1.75/4 = 0.4375, d' = 0.75/4 = 0.1875, centre = 0.25,
    # variance = 0.625 - 0.0625 = 0.5625, half-width = 1.96 * sqrt(0.5625/4) = 1.96 * 0.375
    # = 0.735 -> interval (0.25 - 0.735, 0.25 + 0.735) * 100 = (-48.5, 98.5)
    result = nps([10])
    assert result.score == 100.0
    assert result.low == pytest.approx(-48.5, abs=1e-9)
    assert result.high == pytest.approx(98.5, abs=1e-9)


@pytest.mark.parametrize("n", [2, 3, 5, 10, 50])
def test_nps_all_promoters_upper_bound_clipped_at_100(n: int) -> None:
    # e.g. n = 2: centre = 0.4, half-width = 1.96 * sqrt(0.54 / 5) = 0.644..., so the raw
    # upper bound is 104.4 and must be clipped to 100.
    result = nps([9] * n)
    assert result.score == 100.0
    assert result.high == 100.0
    assert -100.0 < result.low < 100.0


@pytest.mark.parametrize("n", [2, 3, 5, 10, 50])
def test_nps_all_detractors_lower_bound_clipped_at_minus_100(n: int) -> None:
    result = nps([0] * n)
    assert result.score == -100.0
    assert result.low == -100.0
    assert -100.0 < result.high < 100.0


def test_nps_category_boundaries() -> None:
    result = nps([0, 6, 7, 8, 9, 10])
    assert (result.detractors, result.passives, result.promoters) == (2, 2, 2)
    assert result.score == 0.0
    # Symmetric counts give a symmetric interval around zero.
    assert result.low == pytest.approx(-result.high, abs=1e-12)


def test_nps_score_is_unrounded() -> None:
    result = nps([9, 7, 7])  # 1 promoter of 3
    assert result.score == pytest.approx(100 / 3, abs=1e-12)


def test_nps_result_is_frozen() -> None:
    result = nps([9])
    assert isinstance(result, Nps)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 0.0  # type: ignore[misc]


def test_nps_empty_raises() -> None:
    with pytest.raises(ValueError, match="at least one rating"):
        nps([])


@pytest.mark.parametrize("bad", [-1, 11, *NOT_INTEGERS])
def test_nps_bad_rating_names_item_and_range(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"NPS rating 2 must be an integer in 0–10"):
        nps([9, bad, 3])


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_interval_and_score_within_scale(ratings: list[int]) -> None:
    result = nps(ratings)
    assert -100.0 <= result.low <= result.high <= 100.0
    assert -100.0 <= result.score <= 100.0
    assert result.promoters + result.passives + result.detractors == result.n == len(ratings)
    exact = Fraction(100 * (result.promoters - result.detractors), result.n)
    assert result.score == pytest.approx(float(exact), abs=1e-9)


# ------------------------------------------------------------------------- CSAT


def test_csat_top_two_box() -> None:
    assert csat([5, 4, 3, 2, 1]) == 40.0  # two of five are 4 or 5
    assert csat([5, 5, 4, 4]) == 100.0
    assert csat([1, 2, 3]) == 0.0
    assert csat([4, 3, 3]) == pytest.approx(100 / 3, abs=1e-12)


def test_csat_empty_is_none() -> None:
    assert csat([]) is None


@pytest.mark.parametrize("bad", [0, 6, *NOT_INTEGERS])
def test_csat_bad_rating_names_item_and_range(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"CSAT rating 3 must be an integer in 1–5"):
        csat([5, 4, bad])


# -------------------------------------------------------------------------- CES


def test_ces_mean_on_seven_point_scale() -> None:
    assert ces([7, 6, 5]) == 6.0
    assert ces([1, 2]) == 1.5
    assert ces([7]) == 7.0
    assert ces([5, 6, 6]) == pytest.approx(17 / 3, abs=1e-12)


def test_ces_empty_is_none() -> None:
    assert ces([]) is None


@pytest.mark.parametrize("bad", [0, 8, *NOT_INTEGERS])
def test_ces_bad_rating_names_item_and_range(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"CES rating 1 must be an integer in 1–7"):
        ces([bad, 4])


# ---------------------------------------------------------------- display_round

DISPLAY_ROUND_TABLE = [
    (12.5, 13),
    (-12.5, -13),
    (0.5, 1),
    (-0.5, -1),
    (1.5, 2),
    (2.5, 3),  # round() would give 2
    (-2.5, -3),
    (2.675, 3),
    (1.4999, 1),
    (-1.4999, -1),
    (0.49999999999999994, 0),  # largest float below 0.5
    (12.4, 12),
    (12.6, 13),
    (-12.6, -13),
    (0.0, 0),
    (-0.0, 0),
    (99.5, 100),
    (7, 7),
    (1e20, 100000000000000000000),
    (4503599627370497.0, 4503599627370497),  # 2**52 + 1, already whole
]


@pytest.mark.parametrize(("x", "expected"), DISPLAY_ROUND_TABLE)
def test_display_round_table(x: float, expected: int) -> None:
    result = display_round(x)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_display_round_non_finite_raises(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        display_round(bad)


@pytest.mark.parametrize("bad", [True, "1.5", None])
def test_display_round_non_number_raises(bad: Any) -> None:
    with pytest.raises(TypeError, match="real number"):
        display_round(bad)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_display_round_within_half_and_symmetric(x: float) -> None:
    result = display_round(x)
    assert abs(Fraction(result) - Fraction(x)) <= Fraction(1, 2)
    assert display_round(-x) == -result


@given(st.integers(-10_000, 10_000))
def test_display_round_halves_go_away_from_zero(k: int) -> None:
    half = k + 0.5
    assert display_round(half) == (k + 1 if half > 0 else k)
