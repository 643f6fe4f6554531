"""What to do next on a live deal, and which failure signals fire.

A live deal's next actions start with the live deal: the expansion gate when it is open,
else what keeps it closed (in this order: too few answers, health trending down, workflow
proof missing, the week's weakest criteria, first value, the old way), then the week's
blockers by type. Mitigations and readiness barriers from before go-live come after.

Failure signals are the handoff's "which signals indicate adoption is failing"; each that
can be read off the pulses says whether it fires now, and on what evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from questionnaires import Questionnaire, Scoring
from scoring.adoption import (
    OLD_WORKFLOW,
    WORKFLOW_PROOF,
    AdoptionLoop,
    Week,
)
from scoring.ids import PULSE
from scoring.instruments import display_round
from scoring.results import Action

FIRST_VALUE = "first_value"
AT_RISK, OLD_WAY_WEEK, VALUE_WEEK = "at_risk", 6, 4


def loop_actions(q: Questionnaire, loop: AdoptionLoop) -> list[Action]:
    """The live deal's actions, most urgent first (none without pulses)."""
    week = loop.latest
    if week is None:
        return []
    criteria = {c.id: c for c in (q.scoring or Scoring()).criteria}

    def act(criterion: str, reason: str) -> list[Action]:
        found = criteria.get(criterion)
        return [Action(found.action.get(), PULSE, reason)] if found else []

    if week.too_few:
        return [Action("Ask the customer's owner to remind the first users to answer this "
                       "week's pulse: with fewer than the minimum, nothing can be shown.",
                       PULSE, f"too few answers in week {week.week} ({week.respondents})")]
    actions: list[Action] = []
    if loop.expansion.open:
        actions.append(Action("The expansion gate is open: agree with the customer's owner on "
                              "the next workflow or team, reusing what worked in the first.",
                              PULSE, f"first value proven, week {week.week} healthy with its "
                                     "workflow proof, the old way losing power"))
    if week.trend == "down":
        actions.append(Action(f"Find out with the customer's owner what changed since week "
                              f"{week.peak_week or week.since}: name the blocker and who acts "
                              "on it this week.", PULSE, _down(week)))
    if week.proof_missing:
        actions += act(WORKFLOW_PROOF, f"workflow proof from {week.proof_answered} of "
                                       f"{week.respondents} in week {week.week}")
    actions += [Action(b.action, PULSE, f"{b.label}: {_n(b.score)} in week {week.week}")
                for b in week.score.barriers if b.criterion != WORKFLOW_PROOF
                or not week.proof_missing]
    if not loop.first_value_proven and not any(b.criterion == FIRST_VALUE
                                               for b in week.score.barriers):
        actions += act(FIRST_VALUE, f"first value not proven by week {week.week}")
    if not week.old_workflow_losing_power and not any(
            b.criterion == OLD_WORKFLOW for b in week.score.barriers):
        actions += act(OLD_WORKFLOW, f"the old way is still the main way for most in week "
                                     f"{week.week}")
    actions += [Action(b.response, PULSE, f"{b.label} blocker named by {b.count} in week "
                       f"{week.week}") for b in week.blockers]
    return actions


def _n(value: float | None) -> str:
    return "no score" if value is None else str(display_round(value))


def _down(week: Week) -> str:
    if week.peak_drop is not None:
        return (f"health {_n(week.health)} in week {week.week}, {week.peak_drop} below week "
                f"{week.peak_week}'s peak")
    return "health fell three of the last weeks without rising"


def failure_signals(loop: AdoptionLoop | None, resistors: Sequence[str]) -> list[str]:
    """The signals that adoption is failing, each marked when it fires now."""
    scored = [w for w in (loop.weeks if loop else ()) if not w.too_few]
    week = scored[-1] if scored else None
    repeated = _repeated(scored)
    found = [
        ("weekly health below 50 (at risk)",
         f"week {week.week} at {_n(week.health)}"
         if week and week.band == AT_RISK else ""),
        ("health trending down: 10 points or more below its recent peak, or falling three "
         "weeks running", _down(week) if week and week.trend == "down" else ""),
        ("the old report or spreadsheet still the main way after week 6",
         f"no longer the main way for only {week.no_longer_main} of {week.respondents} in "
         f"week {week.week}" if week and week.week > OLD_WAY_WEEK
         and not week.old_workflow_losing_power else ""),
        ("the same blocker type named two weeks running",
         f"{repeated} in weeks {scored[-2].week} and {scored[-1].week}" if repeated else ""),
        ("managers still ask for the old report",
         f"{week.old_report} of {week.respondents} say their manager did not accept its "
         f"output in week {week.week}" if week and week.old_report * 2 > week.respondents
         else ""),
        ("no first value described by week 4",
         f"not proven by week {week.week}" if week and week.week >= VALUE_WEEK and loop
         and not loop.first_value_proven else ""),
    ]
    return [f"{text} — firing now: {evidence}" if evidence else text
            for text, evidence in found] + [f"{who} still resisting" for who in resistors]


def _repeated(weeks: Sequence[Week]) -> str:
    """Blocker types named in each of the last two weeks, when those weeks are running."""
    if len(weeks) < 2 or weeks[-2].week != weeks[-1].week - 1:
        return ""
    both = [b.label.lower() for b in weeks[-1].blockers
            if b.category in {c.category for c in weeks[-2].blockers}]
    return ", ".join(both)


