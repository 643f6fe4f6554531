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
  peak over the four weeks before, or fell three weeks running; `up` when it rose more than
  5 points since the week before; `same` otherwise. Numbers are compared as shown.
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
from scoring.aggregate import MIN_COVERAGE, Rescore, clean_answers, score
from scoring.blockers import Blocker, count_blockers
from scoring.firstvalue import FirstValue, first_value
from scoring.instruments import display_round
from scoring.measures import instrument_results
from scoring.responses import MIN_GROUP, Response, current
from scoring.results import INSUFFICIENT, InstrumentResult, Score

__all__ = ["AdoptionLoop", "Blocker", "Gate", "Segment", "Week", "adoption_loop", "not_due"]

TREND_STEP, PEAK_DROP, PEAK_WEEKS, FALLING_WEEKS = 5, 10, 4, 3
LOSING_POWER_AT, HEALTHY = 67, "healthy"
USAGE, OLD_WORKFLOW, WORKFLOW_PROOF = "usage", "old_workflow", "workflow_proof"
USAGE_QUESTION, STILL_PRIMARY = "usage_frequency", "still_primary"
SOURCE_OF_TRUTH = "proof_source_of_truth"
CADENCE_SCORES: Mapping[str, Mapping[str, float | None]] = {
    "weekly": {"not_at_all": 0.0, "once": 100.0, "some_days": 100.0, "every_day": 100.0},
    "monthly": {"not_at_all": None, "once": 100.0, "some_days": 100.0, "every_day": 100.0},
}
"""Usage against the first workflow's cadence; a daily workflow keeps the definition's scores."""
UNASSIGNED, COMBINED, COMBINED_LABEL = "Unassigned", "combined", "Other respondents (combined)"
TOO_FEW = "Too few answers"
NO_PULSES = "No post-go-live pulses yet."


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
    """One week's pulses: health and trend, usage, proof, blockers, the old way, first value."""

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
    too_few: bool = False
    """Fewer than `min_group` people: nothing of the week is shown but its count."""
    no_longer_main: int = 0
    """People who say the old way is no longer their main way (rarely, or gone)."""
    proof_answered: int = 0
    """People who answered at least half of the workflow-proof questions asked of them."""
    peak: int | None = None
    """The highest shown health in the four weeks before, when the trend is measured on it."""
    peak_week: int | None = None
    nps_n: int = 0
    old_report: int = 0
    """People whose manager did not accept the product's output as the source of truth."""

    @property
    def proof_missing(self) -> bool:
        """Fewer than half of the week's people answered the workflow-proof questions."""
        return not self.too_few and self.proof_answered * 2 < self.respondents


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
                  cadence: str | None = None, min_group: int = MIN_GROUP) -> AdoptionLoop:
    """Score weekly pulses into the adoption loop (ValueError on an answer that does not fit).

    `cadence` is how often the first workflow runs (daily, weekly, monthly), as recorded
    before go-live; `min_group` the fewest people a week's figures may describe.
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
        [(r, clean_answers(q, r)) for r in sellers])
    weeks: list[Week] = []
    for number in sorted(by_week):
        kept = sorted(by_week[number], key=lambda r: (r.submitted_at, r.respondent))
        recent = [r for r in users if number - 4 < (r.week or 0) <= number]
        weeks.append(_week(q, number, kept, recent, weeks, rescore, min_group, value))
    gate = _gate(q, weeks, value)
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


def _week(q: Questionnaire, number: int, kept: Sequence[Response], recent: Sequence[Response],
          before: Sequence[Week], rescore: Rescore, min_group: int, value: FirstValue) -> Week:
    """One week's figures, its trend against the weeks before it."""
    answers = [clean_answers(q, r) for r in kept]
    result = score(q, kept, min_group=min_group, rescore=rescore)
    n = len(kept)
    reported = any(e.week == number and not e.confirmed for e in value.reports)
    if n < min_group:
        empty = dataclasses.replace(score(q, []), respondents=n)
        return Week(number, n, None, INSUFFICIENT, TOO_FEW, None, None, None, None, (), None,
                    False, 0, reported, None, None, None, None, None, (), 0, empty,
                    too_few=True)
    criteria = {c.id: c.score for c in result.criteria}
    proof = _proof_answered(q, answers)
    health = result.score
    band, label = result.verdict, result.verdict_label
    if band == HEALTHY and proof * 2 < n:
        band, label = _band_below(q, HEALTHY)
    trend, delta, since, peak, peak_week = _trend(health, number, before)
    no_longer = sum(1 for a in answers if _losing(q, a.get(OLD_WORKFLOW)))
    umux = _instrument(result, "umux_lite")
    relationship = _relationship(q, recent)
    nps = relationship.get("nps", {})
    segments, hidden = _segments(q, kept, min_group, rescore)
    return Week(
        week=number, respondents=n, health=health, band=band, band_label=label, trend=trend,
        delta=delta, since=since, usage=criteria.get(USAGE), blockers=count_blockers(answers),
        old_workflow=criteria.get(OLD_WORKFLOW), old_workflow_losing_power=no_longer * 2 > n,
        old_way_still_primary=sum(1 for a in answers if a.get(OLD_WORKFLOW) == STILL_PRIMARY),
        first_value=reported, umux_lite=umux.get("value"),
        umux_lite_sus=umux.get("sus_equivalent"), nps=nps.get("value"), nps_low=nps.get("low"),
        nps_high=nps.get("high"), segments=segments, hidden=hidden,
        score=dataclasses.replace(result, instruments=_merged(result, relationship)),
        no_longer_main=no_longer, proof_answered=proof, peak=peak, peak_week=peak_week,
        nps_n=int(nps.get("n") or 0),
        old_report=sum(1 for a in answers if a.get(SOURCE_OF_TRUTH) == "no"))


def _proof_answered(q: Questionnaire, answers: Sequence[Mapping[str, object]]) -> int:
    """People who answered at least half of the workflow-proof questions ("no exception
    this week" is an answer)."""
    proof = [x.id for s in q.sections for x in s.questions if x.criterion == WORKFLOW_PROOF]
    return sum(1 for a in answers if proof and sum(x in a for x in proof) * 2 >= len(proof))


def _losing(q: Questionnaire, answer: object) -> bool:
    """Whether an answer to the old-way question says it is no longer the main way."""
    try:
        question = q.question(OLD_WORKFLOW)
    except KeyError:
        return False
    scores = {c.value: c.score for c in question.choices}
    return (scores.get(str(answer)) or 0) >= LOSING_POWER_AT


def _band_below(q: Questionnaire, band: str) -> tuple[str, str]:
    bands = sorted((q.scoring or Scoring()).bands, key=lambda b: b.min, reverse=True)
    index = next(i for i, b in enumerate(bands) if b.id == band)
    below = bands[min(index + 1, len(bands) - 1)]
    return below.id, below.label.get()


def _trend(health: float | None, number: int, before: Sequence[Week]
           ) -> tuple[str | None, int | None, int | None, int | None, int | None]:
    """(trend, delta since the last scored week, that week, the recent peak, its week)."""
    scored = [(w.week, display_round(w.health)) for w in before if w.health is not None]
    if health is None or not scored:
        return None, None, None, None, None
    now = display_round(health)
    since, last = scored[-1]
    delta = now - last
    peak_week, peak = max(scored[-PEAK_WEEKS:], key=lambda p: (p[1], p[0]))
    values = [v for _, v in scored[-FALLING_WEEKS:]] + [now]
    falling = len(values) > FALLING_WEEKS and all(b < a for a, b in zip(values, values[1:],
                                                                        strict=False))
    if peak - now >= PEAK_DROP or falling:
        return "down", delta, since, peak, peak_week
    return ("up" if delta > TREND_STEP else "same"), delta, since, peak, peak_week


def _relationship(q: Questionnaire, recent: Sequence[Response]
                  ) -> dict[str, dict[str, float | None]]:
    """Instruments asked every n weeks (NPS): each person's latest answer in the last n."""
    found: dict[str, dict[str, float | None]] = {}
    for instrument in (q.scoring or Scoring()).instruments:
        if instrument.every_weeks <= 1:
            continue
        newest = max((r.week or 0 for r in recent), default=0)
        window = [r for r in recent if (r.week or 0) > newest - instrument.every_weeks]
        people: dict[str, Mapping[str, object]] = {}
        ordered = sorted(window, key=lambda r: (r.week or 0, r.submitted_at, r.respondent))
        for index, r in enumerate(ordered):
            answers = clean_answers(q, r)
            if any(item in answers for item in instrument.items):
                people[r.respondent or f"#{index}"] = answers
        sole = dataclasses.replace(q, scoring=dataclasses.replace(
            q.scoring or Scoring(), instruments=(instrument,)))
        (result,) = instrument_results(sole, list(people.values()))
        found[instrument.name] = {"value": result.value, "n": float(result.n), **result.detail}
    return found


def _merged(result: Score, relationship: Mapping[str, Mapping[str, float | None]]
            ) -> tuple[InstrumentResult, ...]:
    """The week's instruments, those asked every n weeks over the distinct recent people."""
    return tuple(dataclasses.replace(i, value=relationship[i.name]["value"],
                                     n=int(relationship[i.name]["n"] or 0),
                                     detail={k: v for k, v in relationship[i.name].items()
                                             if k not in ("value", "n")})
                 if i.name in relationship else i for i in result.instruments)


def _instrument(result: Score, name: str) -> Mapping[str, float | None]:
    """An instrument's value and detail this week; empty when it was not measured."""
    found = [i for i in result.instruments if i.name == name and i.value is not None]
    return {"value": found[0].value, **found[0].detail} if found else {}


def _segments(q: Questionnaire, kept: Sequence[Response], min_group: int, rescore: Rescore
              ) -> tuple[tuple[Segment, ...], int]:
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
        if len(groups[name]) >= min_group:
            shown.append(_segment(q, name, name or UNASSIGNED, groups[name], rescore))
        else:
            small += groups[name]
    if not small:
        return tuple(shown), 0
    if len(small) >= min_group:
        shown.append(_segment(q, COMBINED, COMBINED_LABEL, small, rescore))
        return tuple(shown), 0
    # Hiding only the small group would not protect it: the week's total minus the
    # shown segments gives it away. So a week with anyone hidden shows no segments.
    return (), len(small)


def _segment(q: Questionnaire, name: str, label: str, members: Sequence[Response],
             rescore: Rescore) -> Segment:
    result = score(q, members, rescore=rescore)
    return Segment(name, label, len(members), result.score, result.verdict)


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
    if week.peak is not None and week.health is not None and \
            week.peak - display_round(week.health) >= PEAK_DROP:
        return (f"Health is trending down: {display_round(week.health)}, "
                f"{week.peak - display_round(week.health)} points below week "
                f"{week.peak_week}'s {week.peak}.")
    return f"Health is trending down: it fell {FALLING_WEEKS} weeks running."


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
