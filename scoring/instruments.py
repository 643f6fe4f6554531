"""Standard UX and customer-satisfaction instruments: SUS, UMUX-Lite, NPS, CSAT and CES."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "INSTRUMENTS",
    "InstrumentSpec",
    "Nps",
    "ces",
    "csat",
    "display_round",
    "nps",
    "sus",
    "sus_grade",
    "umux_lite",
    "umux_lite_sus",
]


@dataclass(frozen=True)
class InstrumentSpec:
    """How many question items an instrument takes and the answer scale each item uses."""

    name: str
    label: str
    items: int
    low: int
    high: int


# The scoring functions below read their answer ranges from this table, so the definition
# loader and the scorers can never disagree about an instrument's scale.
INSTRUMENTS: dict[str, InstrumentSpec] = {
    "sus": InstrumentSpec("sus", "System Usability Scale (SUS)", 10, 1, 5),
    "umux_lite": InstrumentSpec("umux_lite", "UMUX-Lite", 2, 1, 7),
    "nps": InstrumentSpec("nps", "Net Promoter Score (NPS)", 1, 0, 10),
    "csat": InstrumentSpec("csat", "Customer Satisfaction (CSAT)", 1, 1, 5),
    "ces": InstrumentSpec("ces", "Customer Effort Score (CES)", 1, 1, 7),
}


def _check(value: object, what: str, spec: InstrumentSpec) -> int:
    """Return ``value`` if it is an integer on the instrument's scale, else raise ValueError."""
    # bool is a subclass of int, but True/False as an answer means a form wiring bug, not a 1/0.
    if isinstance(value, bool) or not isinstance(value, int) or not spec.low <= value <= spec.high:
        raise ValueError(
            f"{what} must be an integer in {spec.low}–{spec.high}, got {value!r}"
        )
    return value


# --------------------------------------------------------------------------- SUS

_SUS_ITEMS = INSTRUMENTS["sus"].items
SUS_PRORATED_FROM = 9
"""A SUS with one item unanswered is prorated; with two or more it has no score.

Lewis, J. R. & Sauro, J. (2017). "Can I leave this one out? The effect of dropping an item
from the SUS". Journal of Usability Studies 13(1), 38–46: with any one item dropped, the
sum of the nine remaining contributions × 100/36 (the mean contribution × 25, as `sus`
computes it) stays within a few points of the full score. They validate dropping one item,
not more.
"""


def sus(answers: Sequence[int | None], *, min_items: int = 10) -> float | None:
    """System Usability Scale score (0–100), prorated when some items are unanswered."""
    # Brooke, J. (1996). "SUS: A 'quick and dirty' usability scale". In P. W. Jordan et al.
    # (eds.), Usability Evaluation in Industry, pp. 189–194. Taylor & Francis. Odd items are
    # positively worded (contribution = position − 1), even items negatively worded
    # (contribution = 5 − position); each contribution is 0–4 and the sum is scaled by 2.5.
    spec = INSTRUMENTS["sus"]
    if isinstance(min_items, bool) or not isinstance(min_items, int):
        raise ValueError(f"min_items must be an integer in 1–{_SUS_ITEMS}, got {min_items!r}")
    if not 1 <= min_items <= _SUS_ITEMS:
        raise ValueError(f"min_items must be an integer in 1–{_SUS_ITEMS}, got {min_items!r}")
    if len(answers) != _SUS_ITEMS:
        raise ValueError(f"SUS needs exactly {_SUS_ITEMS} answers, got {len(answers)}")
    total = 0
    answered = 0
    # Validate every present answer first, so bad data is reported even when too few
    # items were answered to produce a score.
    for index, answer in enumerate(answers):
        if answer is None:
            continue
        value = _check(answer, f"SUS item {index + 1}", spec)
        # index 0 is item 1, which is odd-numbered and positively worded.
        total += value - 1 if index % 2 == 0 else 5 - value
        answered += 1
    if answered < min_items:
        return None
    # 25 × mean contribution equals 2.5 × sum when all ten are answered; multiplying the
    # integer sum before the single division keeps the result exact wherever possible.
    return total * 25 / answered


# Sauro, J. & Lewis, J. R. (2016). Quantifying the User Experience: Practical Statistics for
# User Research, 2nd ed., Morgan Kaufmann, Table 8.5 (the Sauro–Lewis curved grading scale).
# Each entry is a grade's lower bound; the table is ordered from the highest grade down.
_SUS_GRADES: tuple[tuple[float, str], ...] = (
    (84.1, "A+"),
    (80.8, "A"),
    (78.9, "A-"),
    (77.2, "B+"),
    (74.1, "B"),
    (72.6, "B-"),
    (71.1, "C+"),
    (65.0, "C"),
    (62.7, "C-"),
    (51.7, "D"),
)


def sus_grade(score: float) -> str:
    """Letter grade (A+ … F) for a SUS score on the Sauro–Lewis curved grading scale."""
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise ValueError(f"SUS score must be a number in 0–100, got {score!r}")
    # The negated comparison also rejects NaN, which would otherwise fall through to "F".
    if not 0 <= score <= 100:
        raise ValueError(f"SUS score must be a number in 0–100, got {score!r}")
    for lower_bound, grade in _SUS_GRADES:
        if score >= lower_bound:
            return grade
    return "F"


# ---------------------------------------------------------------------- UMUX-Lite


def umux_lite(item1: int | None, item2: int | None) -> float | None:
    """Raw UMUX-Lite score (0–100) from its two 7-point items, or None if either is missing."""
    # Lewis, J. R., Utesch, B. S. & Maher, D. E. (2013). "UMUX-LITE: When there's no time for
    # the SUS". Proc. CHI 2013, pp. 2099–2102: (item1 + item2 − 2) × 100 / 12.
    spec = INSTRUMENTS["umux_lite"]
    # Check both before looking for gaps so an invalid answer is never masked by a missing one.
    first = None if item1 is None else _check(item1, "UMUX-Lite item 1", spec)
    second = None if item2 is None else _check(item2, "UMUX-Lite item 2", spec)
    if first is None or second is None:
        return None
    # Multiply the integer numerator before dividing so 7/7 gives exactly 100.0.
    return (first + second - 2) * 100 / 12


def umux_lite_sus(item1: int | None, item2: int | None) -> float | None:
    """UMUX-Lite regression-adjusted to the SUS scale (0.65 × raw + 22.9)."""
    # Lewis, Utesch & Maher (2013), op. cit.: the regression of SUS on UMUX-Lite that lets
    # UMUX-Lite results be compared with SUS norms and the curved grading scale.
    raw = umux_lite(item1, item2)
    if raw is None:
        return None
    return 0.65 * raw + 22.9


# ---------------------------------------------------------------------------- NPS

# Two-sided 95 % normal critical value used by Rocks (2016).
_Z_95 = 1.96


@dataclass(frozen=True)
class Nps:
    """Net Promoter Score with category counts and its adjusted-Wald 95 % interval."""

    score: float
    promoters: int
    passives: int
    detractors: int
    n: int
    low: float
    high: float


def nps(ratings: Sequence[int]) -> Nps:
    """Net Promoter Score (−100…100) with category counts and adjusted-Wald 95 % interval."""
    # Categories from Reichheld, F. F. (2003). "The One Number You Need to Grow". Harvard
    # Business Review 81(12), 46–54: promoters 9–10, passives 7–8, detractors 0–6.
    spec = INSTRUMENTS["nps"]
    if len(ratings) == 0:
        raise ValueError("NPS needs at least one rating, got none")
    promoters = passives = detractors = 0
    for index, rating in enumerate(ratings):
        value = _check(rating, f"NPS rating {index + 1}", spec)
        if value >= 9:
            promoters += 1
        elif value >= 7:
            passives += 1
        else:
            detractors += 1
    n = len(ratings)
    # Integer numerator first, one division: 6 promoters and 2 detractors of 10 is exactly 40.0.
    score = (promoters - detractors) * 100 / n

    # Adjusted-Wald interval: Rocks, B. (2016). "Interval Estimation for the 'Net Promoter
    # Score'". The American Statistician 70(4), 365–372; as presented in Sauro & Lewis,
    # "Confidence Intervals for Net Promoter Scores", MeasuringU. Adding 3/4 to promoters and
    # detractors (3 to n) keeps the interval sensible for small samples and extreme splits.
    n_adj = n + 3
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    centre = p_adj - d_adj
    # Variance of a difference of two multinomial proportions; p' + d' < 1 and d' > 0 keep it
    # strictly positive, so sqrt is always defined.
    variance = (p_adj + d_adj) - centre**2
    half_width = _Z_95 * math.sqrt(variance / n_adj)
    # The normal approximation can overshoot the scale (e.g. two promoters and nothing else),
    # so clip to the range an NPS can actually take.
    low = max(-100.0, (centre - half_width) * 100)
    high = min(100.0, (centre + half_width) * 100)
    return Nps(score, promoters, passives, detractors, n, low, high)


# ----------------------------------------------------------------------- CSAT / CES


def csat(ratings: Sequence[int]) -> float | None:
    """CSAT as the top-2-box percentage (share of 4s and 5s on 1–5), or None with no ratings."""
    spec = INSTRUMENTS["csat"]
    values = [_check(r, f"CSAT rating {i + 1}", spec) for i, r in enumerate(ratings)]
    if not values:
        return None
    # Top-2-box: "satisfied" and "very satisfied" both count as satisfied customers.
    satisfied = sum(1 for value in values if value >= 4)
    return satisfied * 100 / len(values)


def ces(ratings: Sequence[int]) -> float | None:
    """Mean Customer Effort Score on the 7-point scale, or None with no ratings."""
    # The 7-point agreement version ("CES 2.0") from Dixon, M., Toman, N. & DeLisi, R. (2013).
    # The Effortless Experience. Portfolio/Penguin; higher means less effort for the customer.
    spec = INSTRUMENTS["ces"]
    values = [_check(r, f"CES rating {i + 1}", spec) for i, r in enumerate(ratings)]
    if not values:
        return None
    return sum(values) / len(values)


# ------------------------------------------------------------------------ display


def display_round(x: float) -> int:
    """Round half away from zero to an integer for display (12.5 → 13, −12.5 → −13)."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise TypeError(f"display_round needs a real number, got {x!r}")
    if isinstance(x, int):
        return x
    if not math.isfinite(x):
        raise ValueError(f"display_round needs a finite number, got {x!r}")
    # Floats this large are already whole, and their repr would need more digits than the
    # default Decimal context allows.
    if abs(x) >= 2.0**52:
        return int(x)
    # Work on the shortest decimal repr (the number a reader sees, e.g. "2.675" rather than
    # the stored 2.67499999…) so the rounding matches what is printed; a repr ends in ".5"
    # only when the float is exactly halfway. Python's round() is not used because it
    # rounds halves to even (round(12.5) == 12).
    return int(Decimal(repr(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
