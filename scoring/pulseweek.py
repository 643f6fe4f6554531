"""One week of pulses: health, workflow proof, trend, the old way, instruments, segments.

The rules are scoring.adoption's; this module computes a single week against the weeks
before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires import Questionnaire, Scoring
from scoring.aggregate import Rescore, clean_answers, score
from scoring.blockers import Blocker, count_blockers
from scoring.firstvalue import FirstValue
from scoring.instruments import display_round
from scoring.measures import instrument_results
from scoring.responses import Response
from scoring.results import INSUFFICIENT, InstrumentResult, Score

TREND_STEP, PEAK_DROP, PEAK_WEEKS, FALLING_WEEKS, FALLING_SPAN = 5, 10, 4, 3, 5
LOSING_POWER_AT, HEALTHY = 67, "healthy"
USAGE, OLD_WORKFLOW, WORKFLOW_PROOF = "usage", "old_workflow", "workflow_proof"
STILL_PRIMARY, SOURCE_OF_TRUTH = "still_primary", "proof_source_of_truth"
UNASSIGNED, COMBINED, COMBINED_LABEL = "Unassigned", "combined", "Other respondents (combined)"
TOO_FEW = "Too few answers"


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
    def peak_drop(self) -> int | None:
        """Shown points below the recent peak, when that drop alone makes the trend down."""
        if self.peak is None or self.health is None:
            return None
        drop = self.peak - display_round(self.health)
        return drop if drop >= PEAK_DROP else None

    @property
    def proof_missing(self) -> bool:
        """Fewer than half of the week's people answered the workflow-proof questions."""
        return not self.too_few and self.proof_answered * 2 < self.respondents


def score_week(q: Questionnaire, number: int, kept: Sequence[Response], recent: Sequence[Response],
          before: Sequence[Week], rescore: Rescore, min_group: int, value: FirstValue,
          explained: bool = True) -> Week:
    """One week's figures, its trend against the weeks before it; under `min_group` people
    nothing but their count. `explained`: explain its score (the latest week's is shown)."""
    answers = [clean_answers(q, r) for r in kept]
    result = score(q, kept, min_group=min_group, rescore=rescore, each=False,
                   explained=explained)
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
    instruments = _shown(_merged(result, _relationship(q, recent)), min_group)
    umux, nps = _instrument(instruments, "umux_lite"), _instrument(instruments, "nps")
    segments, hidden = _segments(q, kept, min_group, rescore)
    return Week(
        week=number, respondents=n, health=health, band=band, band_label=label, trend=trend,
        delta=delta, since=since, usage=criteria.get(USAGE), blockers=count_blockers(answers),
        old_workflow=criteria.get(OLD_WORKFLOW), old_workflow_losing_power=no_longer * 2 > n,
        old_way_still_primary=sum(1 for a in answers if a.get(OLD_WORKFLOW) == STILL_PRIMARY),
        first_value=reported, umux_lite=umux.get("value"),
        umux_lite_sus=umux.get("sus_equivalent"), nps=nps.get("value"), nps_low=nps.get("low"),
        nps_high=nps.get("high"), segments=segments, hidden=hidden,
        score=dataclasses.replace(result, instruments=instruments),
        no_longer_main=no_longer, proof_answered=proof, peak=peak, peak_week=peak_week,
        nps_n=int(nps.get("n") or 0) if nps else 0,
        old_report=sum(1 for a in answers if a.get(SOURCE_OF_TRUTH) == "no"))


def _proof_answered(q: Questionnaire, answers: Sequence[Mapping[str, object]]) -> int:
    """People who answered at least half of the workflow-proof questions ("no exception
    this week" is an answer)."""
    proof = [x.id for x in q.top_questions if x.criterion == WORKFLOW_PROOF]
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
    values = [v for _, v in scored] + [now]
    changes = [b - a for a, b in zip(values, values[1:], strict=False)]
    running = len(changes) >= FALLING_WEEKS and all(c < 0 for c in changes[-FALLING_WEEKS:])
    # A slide that pauses (100, 97, 97, 94, 94, 91) falls as surely as one that does not.
    stepping = (sum(c < 0 for c in changes[-FALLING_SPAN:]) >= FALLING_WEEKS
                and not any(c > 0 for c in changes[-FALLING_SPAN:]))
    if peak - now >= PEAK_DROP or running or stepping:
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


def _instrument(instruments: Sequence[InstrumentResult], name: str
                ) -> Mapping[str, float | None]:
    """An instrument's value, count and detail this week; empty when it was not measured."""
    found = [i for i in instruments if i.name == name and i.value is not None]
    return ({"value": found[0].value, "n": float(found[0].n), **found[0].detail}
            if found else {})


def _shown(instruments: Sequence[InstrumentResult], min_group: int
           ) -> tuple[InstrumentResult, ...]:
    """Instruments over fewer than `min_group` people are not shown: one person's NPS is
    their own answer."""
    return tuple(i if i.n >= min_group else dataclasses.replace(i, value=None, detail={})
                 for i in instruments)


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
    result = score(q, members, rescore=rescore, each=False, explained=False, measured=False)
    return Segment(name, label, len(members), result.score, result.verdict)
