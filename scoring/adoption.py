"""The post-go-live adoption loop: weekly health, blockers, first value, expansion gate.

Inputs are pulses (`post-go-live-pulse`) with `week` = whole weeks since go-live. The rules:

- Pulses without a week are left out and counted in `undated`. A respondent who answered
  twice in one week counts once, with their latest answers by `submitted_at` (equal times:
  the later in the input, as a resubmission would be); a pulse without a respondent id
  stands alone. Only weeks with pulses are listed.
- A week's health is `scoring.score` over that week's pulses; its band is the verdict
  (healthy ≥ 75, watch ≥ 50, at_risk below, or insufficient_data).
- Numbers are compared as shown (rounded half away from zero). Trend compares the week's
  health with the previous week that had one: up when it rose by more than 5 points, down
  when it fell by more than 5, same within ±5; no trend for the first scored week.
- The old workflow is losing power when the week's `old_workflow` criterion is 67 or more
  (most say the old way is used "rarely" or is "gone"), or when it rose by more than 5
  points since the previous week that had one: the old way weakening counts before it is gone.
- First value: a week proves it when a respondent answered yes to `first_value_seen` and
  described it in `first_value`. Once proven it stays proven.
- Segments, only when a week has two or more segment values: 3 or more respondents are shown;
  smaller ones merge into one combined segment, shown from 3, else counted in `hidden`.
- The expansion gate, on the latest week, is open only when first value is proven, health
  is healthy, health is not trending down, and the old workflow is losing power.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires import Questionnaire, Scoring
from scoring.aggregate import MIN_COVERAGE, clean_answers, score
from scoring.blockers import Blocker, count_blockers
from scoring.instruments import display_round
from scoring.responses import Response
from scoring.results import INSUFFICIENT, Score

__all__ = ["AdoptionLoop", "Blocker", "Gate", "Segment", "Week", "adoption_loop"]

TREND_STEP, LOSING_POWER_AT, MIN_SEGMENT, HEALTHY = 5, 67, 3, "healthy"
USAGE, OLD_WORKFLOW, STILL_PRIMARY = "usage", "old_workflow", "still_primary"
FIRST_VALUE_SEEN, FIRST_VALUE = "first_value_seen", "first_value"
UNASSIGNED, COMBINED, COMBINED_LABEL = "Unassigned", "combined", "Other respondents (combined)"
NO_PULSES = "No post-go-live pulses yet."
NO_FIRST_VALUE = ("First value is not proven yet: no respondent has described the product "
                  "doing the job it was bought for.")


@dataclass(frozen=True)
class Segment:
    """One group of respondents in one week, large enough to show on its own."""

    segment: str
    label: str
    n: int
    health: float | None
    band: str


@dataclass(frozen=True)
class Week:
    """One week's pulses: health and trend, usage, blockers, the old way, first value."""

    week: int
    respondents: int
    health: float | None
    band: str
    band_label: str
    trend: str | None
    delta: int | None  # shown points since week `since`, the last week with a health score
    since: int | None
    usage: float | None
    blockers: tuple[Blocker, ...]
    old_workflow: float | None
    old_workflow_losing_power: bool
    old_way_still_primary: int
    first_value: bool
    umux_lite: float | None
    umux_lite_sus: float | None
    nps: float | None
    nps_low: float | None
    nps_high: float | None
    segments: tuple[Segment, ...]
    hidden: int
    score: Score


@dataclass(frozen=True)
class Gate:
    """Whether expansion may go ahead, and if not, why not."""

    open: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class AdoptionLoop:
    """The weekly loop after go-live, first value and the expansion gate."""

    weeks: tuple[Week, ...]
    latest: Week | None
    first_value_proven: bool
    first_value_week: int | None
    first_value_evidence: tuple[str, ...]
    expansion: Gate
    undated: int
    explain: tuple[str, ...]


def adoption_loop(questionnaire: Questionnaire, responses: Sequence[Response]) -> AdoptionLoop:
    """Score weekly pulses into the adoption loop (ValueError on an answer that does not fit)."""
    q = questionnaire
    by_week: dict[int, list[Response]] = {}
    for response in responses:
        if response.week is not None:
            by_week.setdefault(response.week, []).append(response)
    undated = len(responses) - sum(len(group) for group in by_week.values())
    weeks: list[Week] = []
    lines: list[str] = []
    evidence: list[str] = []
    for number in sorted(by_week):
        kept, replaced = _latest(by_week[number])
        answers = [clean_answers(q, r) for r in kept]
        texts = _value_texts(answers)
        evidence = list(dict.fromkeys([*evidence, *texts]))
        week = _week(q, number, kept, answers, bool(texts), weeks)
        weeks.append(week)
        lines.append(_week_line(week, replaced))
    proven = [w.week for w in weeks if w.first_value]
    gate = _gate(q, weeks, bool(proven))
    if undated:
        lines.append(f"{_count(undated, 'response')} without a week left out.")
    lines.append(f"First value: proven in week {proven[0]}." if proven
                 else "First value: not proven yet.")
    lines.append(_gate_line(weeks, gate))
    return AdoptionLoop(tuple(weeks), weeks[-1] if weeks else None, bool(proven),
                        proven[0] if proven else None, tuple(evidence), gate, undated,
                        tuple(lines))


def _latest(responses: Sequence[Response]) -> tuple[list[Response], int]:
    """Each respondent's latest pulse in a week, and how many earlier ones it replaced."""
    latest: dict[object, Response] = {}
    for index, response in enumerate(responses):
        key: object = response.respondent or index
        if key not in latest or response.submitted_at >= latest[key].submitted_at:
            latest[key] = response
    # A fixed order keeps details and evidence the same however the input was ordered.
    kept = sorted(latest.values(), key=lambda r: (r.submitted_at, r.respondent))
    return kept, len(responses) - len(kept)


def _value_texts(answers: Sequence[Mapping[str, object]]) -> list[str]:
    """First-value descriptions from respondents who said they saw it."""
    return [text.strip() for a in answers if a.get(FIRST_VALUE_SEEN) == "yes"
            and isinstance(text := a.get(FIRST_VALUE), str) and text.strip()]


def _week(q: Questionnaire, number: int, kept: Sequence[Response],
          answers: Sequence[Mapping[str, object]], first_value: bool,
          before: Sequence[Week]) -> Week:
    """One week's figures, its trend against the weeks before it."""
    result = score(q, kept)
    health = result.score
    previous = [(w.week, w.health) for w in before if w.health is not None]
    since, last = previous[-1] if previous and health is not None else (None, None)
    delta = None if last is None or health is None else display_round(health) - display_round(last)
    trend = (None if delta is None else "up" if delta > TREND_STEP
             else "down" if delta < -TREND_STEP else "same")
    # A definition without one of these criteria simply has no figure for it.
    criteria = {c.id: c.score for c in result.criteria}
    old = criteria.get(OLD_WORKFLOW)
    earlier = [w.old_workflow for w in before if w.old_workflow is not None]
    losing = old is not None and (
        display_round(old) >= LOSING_POWER_AT
        or bool(earlier) and display_round(old) - display_round(earlier[-1]) > TREND_STEP)
    umux, nps = _instrument(result, "umux_lite"), _instrument(result, "nps")
    segments, hidden = _segments(q, kept)
    return Week(
        week=number, respondents=len(kept), health=health, band=result.verdict,
        band_label=result.verdict_label, trend=trend, delta=delta, since=since,
        usage=criteria.get(USAGE), blockers=count_blockers(answers),
        old_workflow=old, old_workflow_losing_power=losing,
        old_way_still_primary=sum(1 for a in answers if a.get(OLD_WORKFLOW) == STILL_PRIMARY),
        first_value=first_value,
        umux_lite=umux.get("value"), umux_lite_sus=umux.get("sus_equivalent"),
        nps=nps.get("value"), nps_low=nps.get("low"), nps_high=nps.get("high"),
        segments=segments, hidden=hidden, score=result)


def _instrument(result: Score, name: str) -> Mapping[str, float | None]:
    """An instrument's value and detail this week; empty when it was not measured."""
    found = [i for i in result.instruments if i.name == name and i.value is not None]
    return {"value": found[0].value, **found[0].detail} if found else {}


def _segments(q: Questionnaire, kept: Sequence[Response]) -> tuple[tuple[Segment, ...], int]:
    """Segments big enough to show, and how many respondents could not be shown at all."""
    groups: dict[str, list[Response]] = {}
    for response in kept:
        groups.setdefault(response.segment, []).append(response)
    # With one segment value the week's own total already says everything.
    if len(groups) < 2:
        return (), 0
    shown: list[Segment] = []
    small: list[Response] = []
    for name in sorted(groups, key=lambda s: (s == "", s)):
        if len(groups[name]) >= MIN_SEGMENT:
            shown.append(_segment(q, name, name or UNASSIGNED, groups[name]))
        else:
            small += groups[name]
    if not small:
        return tuple(shown), 0
    if len(small) >= MIN_SEGMENT:
        shown.append(_segment(q, COMBINED, COMBINED_LABEL, small))
        return tuple(shown), 0
    # Hiding only the small group would not protect it: the week's total minus the
    # shown segments gives it away. So a week with anyone hidden shows no segments.
    return (), len(small)


def _segment(q: Questionnaire, name: str, label: str, members: Sequence[Response]) -> Segment:
    result = score(q, members)
    return Segment(name, label, len(members), result.score, result.verdict)


def _gate(q: Questionnaire, weeks: Sequence[Week], proven: bool) -> Gate:
    """The expansion gate on the latest week: every failing condition gives its reason."""
    if not weeks:
        return Gate(False, (NO_PULSES,))
    latest = weeks[-1]
    reasons = [] if proven else [NO_FIRST_VALUE]
    if latest.band != HEALTHY:
        reasons.append(_health_reason(q, latest))
    if latest.trend == "down":
        reasons.append(f"Health is trending down: −{abs(latest.delta or 0)} points "
                       f"since week {latest.since}.")
    if not latest.old_workflow_losing_power:
        reasons.append(_old_way_reason(latest))
    return Gate(not reasons, tuple(reasons))


def _health_reason(q: Questionnaire, week: Week) -> str:
    bands = sorted((q.scoring or Scoring()).bands, key=lambda b: b.min, reverse=True)
    healthy = next((b for b in bands if b.id == HEALTHY), bands[0])
    need = f"not {healthy.label.get()} ({display_round(healthy.min)} or more)"
    if week.health is None or week.band == INSUFFICIENT:
        # Floored, not rounded: 49.6 % shown as "50 %" would contradict "under 50 %".
        answered, least = int(100 * week.score.coverage), display_round(100 * MIN_COVERAGE)
        return (f"Health is {week.band_label}: {answered} % of the questions were answered in "
                f"week {week.week}, under the {least} % needed to score it, {need}.")
    return f"Health is {week.band_label} ({display_round(week.health)}), {need}."


def _old_way_reason(week: Week) -> str:
    if week.old_workflow is None:
        return (f"Whether the old workflow is losing power is unknown: no respondent in "
                f"week {week.week} said whether the old way is still in use.")
    k, n = week.old_way_still_primary, week.respondents
    held = (f"{k} of {_count(n, 'respondent')} {'says' if k == 1 else 'say'} the old way is "
            "still the main way" if k else "the old way is still used alongside the new system")
    return (f"The old workflow still holds power: {held} (old-way score "
            f"{display_round(week.old_workflow)}; losing power needs {LOSING_POWER_AT} or "
            f"more, or a rise of more than {TREND_STEP} points).")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _week_line(week: Week, replaced: int) -> str:
    """One week traced to its numbers."""
    shown = "not scored" if week.health is None else display_round(week.health)
    head = f"Week {week.week}: health {shown} ({week.band_label})"
    if week.delta is not None:
        if week.trend == "same":
            head += f", same as week {week.since} ({week.delta:+d})"
        else:
            head += f", {week.trend} {abs(week.delta)} from week {week.since}"
    parts = [head, _count(week.respondents, "respondent")]
    if week.old_workflow is not None:
        state = "losing power" if week.old_workflow_losing_power else "still holding"
        parts.append(f"old way {display_round(week.old_workflow)} ({state})")
    listed = ", ".join(f"{b.label.lower()} ×{b.count}" for b in week.blockers)
    parts.append(f"blockers: {listed}" if listed else "no blockers")
    if week.first_value:
        parts.append("first value described")
    if replaced:
        parts.append(f"{_count(replaced, 'earlier answer')} replaced by the same "
                     "respondent's later one")
    if week.hidden:
        parts.append(f"{_count(week.hidden, 'respondent')} in segments under {MIN_SEGMENT} "
                     "not shown apart")
    return "; ".join(parts)


def _gate_line(weeks: Sequence[Week], gate: Gate) -> str:
    """The gate traced to the latest week's numbers."""
    if not gate.open:
        at = f" at week {weeks[-1].week}" if weeks else ""
        return f"Expansion gate: closed{at}. " + " ".join(gate.reasons)
    latest = weeks[-1]
    return (f"Expansion gate: open at week {latest.week}: first value proven, health "
            f"{display_round(latest.health or 0.0)} ({latest.band_label}) and not trending "
            f"down, old way {display_round(latest.old_workflow or 0.0)} and losing power.")
