"""The post-go-live adoption loop: weekly health, blockers, first value, expansion gate.

Inputs are pulses (`post-go-live-pulse`) with `week` = whole weeks since go-live. The rules:

- Each person counts once a week, with their latest pulse (scoring.responses.current).
  A pulse without a week — answered before go-live, or for an assessment without a go-live
  date — counts as week 0, never silently left out. The seller's part of the pulse
  (confirming first value with the customer's owner) is no user's answer: it counts for
  first value only.
- A week with fewer than `min_group` people shows no health, no blockers, nothing but its
  count ("too few answers this week"): pulse answers are confidential.
- A week's health is `scoring.score` over its pulses, usage scored against the first
  workflow's cadence recorded before go-live (a weekly workflow used once a week scores
  full marks; a monthly one is not expected every week); its band is the verdict
  (healthy ≥ 75, watch ≥ 50, at_risk below).
- Workflow proof is required: while fewer than half of the week's people answered the
  workflow-proof questions (at least half of those asked), health cannot be `healthy`
  (it shows as `watch` at best) and the gate stays closed. Unanswered proof is not proof.
- The old workflow is losing power only when most of the week's people (more than half)
  say it is no longer their main way (rarely used, or gone).
- Trend, on the weeks with a health: `down` when health fell 10 points or more below its
  peak over the four weeks before, fell three weeks running, or fell in three of the last
  five weeks without rising in any; `up` when it rose more than 5 points since the week
  before; `same` otherwise. Numbers are compared as shown.
- First value: scoring.firstvalue.
- Segments, only when a week has two or more segment values: `min_group` or more people are
  shown; smaller ones merge into one combined segment, shown from `min_group`, else counted.
- Instruments count distinct people: UMUX-Lite over the week's people; an instrument asked
  every n weeks (NPS) over each person's latest answer in the last n weeks.
- The expansion gate, on the latest week, is open only when first value is proven, health
  is healthy with its workflow proof, not trending down, and the old workflow is losing
  power.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires import Questionnaire, Scoring
from scoring.aggregate import MIN_COVERAGE, clean_answers
from scoring.blockers import Blocker
from scoring.firstvalue import Evidence, FirstValue, first_value
from scoring.instruments import display_round
from scoring.pulseweek import (
    FALLING_SPAN,
    FALLING_WEEKS,
    HEALTHY,
    OLD_WORKFLOW,
    PEAK_DROP,
    WORKFLOW_PROOF,
    Segment,
    Week,
    score_week,
)
from scoring.responses import MIN_GROUP, Response, current
from scoring.results import INSUFFICIENT

__all__ = ["FALLING_WEEKS", "OLD_WORKFLOW", "PEAK_DROP", "WORKFLOW_PROOF", "AdoptionLoop",
           "Blocker", "Gate", "Segment", "Week", "adoption_loop", "not_due"]

USAGE_QUESTION = "usage_frequency"
CADENCE_SCORES: Mapping[str, Mapping[str, float | None]] = {
    "weekly": {"not_at_all": 0.0, "once": 100.0, "some_days": 100.0, "every_day": 100.0},
    "monthly": {"not_at_all": None, "once": 100.0, "some_days": 100.0, "every_day": 100.0},
}
"""Usage against the first workflow's cadence; a daily workflow keeps the definition's scores."""
NO_PULSES = "No post-go-live pulses yet."


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
    """Pulses without a week, counted as week 0."""
    explain: tuple[str, ...]
    value: FirstValue | None = None


def adoption_loop(questionnaire: Questionnaire, responses: Sequence[Response], *,
                  cadence: str | None = None, min_group: int = MIN_GROUP,
                  measured: Sequence[Evidence] = (), failing: Sequence[str] = ()
                  ) -> AdoptionLoop:
    """Score weekly pulses into the adoption loop (ValueError on an answer that does not fit).

    `cadence` is how often the first workflow runs (daily, weekly, monthly), as recorded
    before go-live; `min_group` the fewest people a week's figures may describe.
    `measured`: first value from the proof metric (scoring.checkpoints); `failing`: failure
    signals of the checkpoints, each of which keeps the expansion gate closed.
    """
    q = questionnaire
    undated = sum(1 for r in responses if r.week is None)
    dated = [r if r.week is not None else dataclasses.replace(r, week=0)
             for r in current(responses)]
    users = [r for r in dated if r.customer]
    sellers = [r for r in dated if not r.customer]
    by_week: dict[int, list[Response]] = {}
    for response in users:
        by_week.setdefault(response.week or 0, []).append(response)
    rescore = ({USAGE_QUESTION: CADENCE_SCORES[cadence]}
               if cadence is not None and cadence in CADENCE_SCORES else {})
    value = first_value([(r, clean_answers(q, r)) for r in sorted(
        users, key=lambda r: (r.week or 0, r.submitted_at, r.respondent))],
        [(r, clean_answers(q, r)) for r in sellers], measured)
    weeks: list[Week] = []
    for number in sorted(by_week):
        kept = sorted(by_week[number], key=lambda r: (r.submitted_at, r.respondent))
        recent = [r for r in users if number - 4 < (r.week or 0) <= number]
        weeks.append(score_week(q, number, kept, recent, weeks, rescore, min_group, value,
                                explained=number == max(by_week)))
    gate = _gate(q, weeks, value)
    if failing:
        gate = Gate(False, (*gate.reasons, *failing))
    lines = [_week_line(w) for w in weeks]
    if undated:
        lines.append(f"{_count(undated, 'pulse')} without a week (answered before go-live or "
                     "without a go-live date) counted as week 0.")
    lines.append(_value_line(value))
    lines.append(_gate_line(weeks, gate))
    shown = [e.text for e in value.reports if e.confirmed or _shown_week(weeks, e.week)]
    return AdoptionLoop(tuple(weeks), weeks[-1] if weeks else None, value.proven, value.week,
                        tuple(dict.fromkeys(shown)), gate, undated, tuple(lines), value)


def not_due(q: Questionnaire, week: int) -> frozenset[str]:
    """Items of instruments asked every n weeks that this week's form leaves out: they are
    asked in weeks 1, 1 + n, 1 + 2n … (and before go-live, week 0)."""
    return frozenset(item for i in (q.scoring or Scoring()).instruments
                     if i.every_weeks > 1 and week > 1 and (week - 1) % i.every_weeks
                     for item in i.items)


def _shown_week(weeks: Sequence[Week], number: int) -> bool:
    return any(w.week == number and not w.too_few for w in weeks)


def _gate(q: Questionnaire, weeks: Sequence[Week], value: FirstValue) -> Gate:
    """The expansion gate on the latest week: every failing condition gives its reason."""
    if not weeks:
        return Gate(False, (NO_PULSES,))
    latest = weeks[-1]
    reasons = [] if value.proven else [_no_value_reason(value)]
    if latest.too_few:
        reasons.append(f"Too few answers in week {latest.week} ({latest.respondents}; "
                       "figures are shown from more people): health is not known.")
        return Gate(False, tuple(reasons))
    if latest.proof_missing:
        reasons.append(f"Workflow proof is missing: {latest.proof_answered} of "
                       f"{_count(latest.respondents, 'respondent')} answered the "
                       "workflow-proof questions in week "
                       f"{latest.week}; unanswered proof is not proof.")
    if latest.band != HEALTHY and not (latest.proof_missing and latest.score.verdict == HEALTHY):
        reasons.append(_health_reason(q, latest))
    if latest.trend == "down":
        reasons.append(_down_reason(latest))
    if not latest.old_workflow_losing_power:
        reasons.append(_old_way_reason(latest))
    return Gate(not reasons, tuple(reasons))


def _no_value_reason(value: FirstValue) -> str:
    if value.reporters == 1:
        return ("First value is not proven yet: one user has described it; it needs a second "
                "user, or the customer's owner confirming it with the seller.")
    vague = (f" ({_count(value.vague, 'user')} said they saw it without describing it "
             "concretely)" if value.vague else "")
    return ("First value is not proven yet: no respondent has described the product doing "
            f"the job it was bought for{vague}.")


def _down_reason(week: Week) -> str:
    if week.peak_drop is not None:
        return (f"Health is trending down: {display_round(week.health or 0)}, "
                f"{week.peak_drop} points below week {week.peak_week}'s {week.peak}.")
    return (f"Health is trending down: it fell {FALLING_WEEKS} weeks running, or in "
            f"{FALLING_WEEKS} of the last {FALLING_SPAN} weeks without rising.")


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
    k, n = week.no_longer_main, week.respondents
    return (f"The old workflow still holds power: {k} of {_count(n, 'respondent')} "
            f"{'says' if k == 1 else 'say'} it is no longer their main way; losing power "
            "needs more than half.")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _week_line(week: Week) -> str:
    """One week traced to its numbers."""
    if week.too_few:
        return (f"Week {week.week}: {_count(week.respondents, 'respondent')}, too few to show "
                "(pulse answers are confidential)")
    head = f"Week {week.week}: health {display_round(week.health or 0)} ({week.band_label})"
    if week.health is None:
        head = f"Week {week.week}: health not scored ({week.band_label})"
    if week.delta is not None:
        head += (f", {week.trend} ({week.delta:+d} since week {week.since}"
                 + (f"; peak {week.peak} in week {week.peak_week})" if week.trend == "down"
                    and week.peak is not None else ")"))
    parts = [head, _count(week.respondents, "respondent"),
             f"workflow proof from {week.proof_answered}"]
    if week.old_workflow is not None:
        state = "losing power" if week.old_workflow_losing_power else "still holding"
        parts.append(f"old way no longer the main way for {week.no_longer_main} ({state})")
    listed = ", ".join(f"{b.label.lower()} ×{b.count}" for b in week.blockers)
    parts.append(f"blockers: {listed}" if listed else "no blockers")
    if week.first_value:
        parts.append("first value described")
    if week.hidden:
        parts.append(f"{_count(week.hidden, 'respondent')} in segments too small to show "
                     "apart")
    return "; ".join(parts)


def _value_line(value: FirstValue) -> str:
    if not value.proven:
        return "First value: not proven yet."
    who = [f"described by {_count(value.reporters, 'user')}"] if value.reporters else []
    who += [f"confirmed by {e.by} in week {e.week}" for e in value.confirmations]
    return f"First value: proven in week {value.week} ({'; '.join(who)})."


def _gate_line(weeks: Sequence[Week], gate: Gate) -> str:
    """The gate traced to the latest week's numbers."""
    if not gate.open:
        at = f" at week {weeks[-1].week}" if weeks else ""
        return f"Expansion gate: closed{at}. " + " ".join(gate.reasons)
    latest = weeks[-1]
    return (f"Expansion gate: open at week {latest.week}: first value proven, health "
            f"{display_round(latest.health or 0.0)} ({latest.band_label}) with its workflow "
            f"proof and not trending down, the old way no longer the main way for "
            f"{latest.no_longer_main} of {latest.respondents}.")
