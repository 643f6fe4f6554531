"""The assessment roll-up: what a deal review reads, from all of a deal's questionnaires.

Overall verdict: before go-live it is the pre-close readiness verdict (a `ready`
deal with a high stakeholder risk becomes `conditional`; a project's own
questionnaire can only lower it through its must-haves, see scoring.custom); once
live it is the latest week's adoption health. Next actions come in that order of
concern: readiness barriers (questionnaire order), the own questionnaires' barriers
(by id), stakeholder findings, then the latest week's blockers and pulse barriers —
once live, adoption comes first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from questionnaires.model import Questionnaire, Scoring
from scoring.adoption import AdoptionLoop, adoption_loop
from scoring.aggregate import score
from scoring.checkpoints import Checkpoint, checkpoints, failures, value_evidence
from scoring.commitments import Commitment, breaking
from scoring.commitments import actions as commitment_actions
from scoring.custom import capped, least_ready, own_actions, own_gates, own_scores
from scoring.handoff import HandoffPoint, handoff
from scoring.ids import (
    BUILTINS,
    CHECKPOINT,
    PULSE,
    READINESS,
    STAGE_LABELS,
    STAGE_QUESTIONNAIRES,
    STAGES,
    STAKEHOLDERS,
)
from scoring.instruments import display_round
from scoring.loopactions import failure_signals, loop_actions
from scoring.memo import remembered
from scoring.plan import PlanWeek, activation_plan
from scoring.proof import ProofMetric, proof_metric
from scoring.responses import MIN_GROUP, Response, current
from scoring.results import INSUFFICIENT, Action, Disagreement, Explanation, Score
from scoring.rounds import Change, Round, changes, rounds
from scoring.stakeholders import (
    GROUP_PHRASES,
    MISSING_GROUP_FINDINGS,
    StakeholderMap,
    stakeholder_map,
)

CADENCE = "first_workflow_cadence"
CADENCES = ("daily", "weekly", "monthly")


@dataclass(frozen=True)
class Assessment:
    """One customer engagement, from qualifying through go-live."""

    id: str
    account: str
    deal: str = ""
    owner: str = ""
    """The seller who owns the deal."""
    stage: str = "qualifying"
    close_date: str = ""
    go_live: str = ""
    questionnaires: tuple[str, ...] = ()
    """The ids of the questionnaires that apply; empty: the built-ins of its stage and
    every questionnaire of the project's own (see `applying`)."""

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"stage must be one of {', '.join(STAGES)}, got {self.stage!r}")
        # Read back from JSON as a list; a tuple keeps the record hashable and comparable.
        object.__setattr__(self, "questionnaires", tuple(self.questionnaires))


def applying(assessment: Assessment, available: Iterable[str]) -> tuple[str, ...]:
    """The questionnaires of `available` that apply to `assessment`, in the order given.

    Its own list when it names one; else the built-ins of its stage and every
    questionnaire that is not a built-in (a project adds its own to use them).
    """
    named = set(assessment.questionnaires)
    if not named:
        named = set(STAGE_QUESTIONNAIRES[assessment.stage])
        return tuple(q for q in available if q in named or q not in BUILTINS)
    return tuple(q for q in available if q in named)


@dataclass(frozen=True)
class Rollup:
    """Everything one assessment's report shows."""

    assessment: Assessment
    verdict: str
    verdict_label: str
    score: float | None
    coverage: float
    confidence: float
    failed_gates: tuple[str, ...]
    readiness: Score | None
    stakeholders: StakeholderMap | None
    adoption: AdoptionLoop | None
    questionnaires: Mapping[str, Score]
    next_actions: tuple[Action, ...]
    plan: tuple[PlanWeek, ...]
    handoff: tuple[HandoffPoint, ...]
    explain: Explanation
    disagreements: tuple[Disagreement, ...] = ()
    """Every questionnaire's disagreements, readiness first: shown wherever the verdict is."""
    min_group: int = MIN_GROUP
    """Confidential answers are shown only in totals over this many people."""
    own: tuple[str, ...] = ()
    """The project's own questionnaires someone answered, in id order (scoring.custom)."""
    rounds: tuple[Round, ...] = ()
    """The readiness check after each submission, oldest first (scoring.rounds)."""
    changed: tuple[Change, ...] = ()
    """What changed from the round before the latest to the latest."""
    commitments: tuple[Commitment, ...] = ()
    """The mutual action plan (scoring.commitments)."""
    slipped: tuple[Commitment, ...] = ()
    """Its customer commitments on must-haves that slipped: barriers."""
    proof: ProofMetric | None = None
    """The proof metric recorded before close, with its baseline and target."""
    checkpoints: tuple[Checkpoint, ...] = ()
    """The adoption checkpoints answered after go-live, by day (scoring.checkpoints)."""


def assess(assessment: Assessment, definitions: Mapping[str, Questionnaire],
           responses: Mapping[str, Sequence[Response]], *, min_group: int = MIN_GROUP,
           history: Sequence[Response] = (), commitments: Sequence[Commitment] = (),
           today: dt.date | None = None) -> Rollup:
    """Combine an assessment's questionnaires into verdict, actions, plan and handoff.

    `min_group`: confidential customer answers are shown only in totals over this many.
    Only the questionnaires that apply to the assessment (`applying`) take part.
    `history`: every submission of the readiness check, replaced ones too, for its rounds
    (the verdict reads only each respondent's latest answer in `responses`).
    `commitments`: the mutual action plan, as of `today` (default: the system's date).
    """
    with remembered():
        rolled = _assess(assessment, definitions, responses, min_group=min_group)
        asks = READINESS in applying(assessment, definitions)
        q = definitions.get(READINESS) if asks else None
        if commitments:
            rolled = _committed(rolled, q, tuple(commitments), today or dt.date.today())
        if q is None or not history:
            return rolled
        made = rounds(q, history, min_group=min_group)
        moved = changes(q, made[-2], made[-1]) if len(made) > 1 else ()
        return dataclasses.replace(rolled, rounds=made, changed=moved)


def _committed(rolled: Rollup, readiness: Questionnaire | None,
               commitments: tuple[Commitment, ...], today: dt.date) -> Rollup:
    """The roll-up with its plan: a slipped customer commitment on a must-have is a
    barrier, first among the next actions, and keeps the deal from ready before go-live."""
    late = breaking(commitments, readiness, today)
    verdict, label, why = rolled.verdict, rolled.verdict_label, rolled.explain.rule
    bands = sorted((readiness.scoring or Scoring()).bands if readiness else (),
                   key=lambda b: b.min, reverse=True)
    if (late and rolled.assessment.stage != "live" and len(bands) > 1
            and verdict == bands[0].id):
        verdict, label = bands[1].id, bands[1].label.get()
        why += (f", capped at {label.lower()}: a customer commitment on a must-have "
                "slipped")
    return dataclasses.replace(
        rolled, verdict=verdict, verdict_label=label, commitments=commitments, slipped=late,
        next_actions=(*commitment_actions(late, readiness), *rolled.next_actions),
        explain=dataclasses.replace(rolled.explain, value=label, rule=why))


def _assess(assessment: Assessment, definitions: Mapping[str, Questionnaire],
            responses: Mapping[str, Sequence[Response]], *, min_group: int) -> Rollup:
    definitions = {qid: definitions[qid] for qid in applying(assessment, definitions)}
    responses = {qid: current(rs) for qid, rs in responses.items() if qid in definitions}
    pulses = responses.get(PULSE, ())
    live = assessment.stage == "live"
    made = checkpoints(definitions[CHECKPOINT], responses.get(CHECKPOINT, ()),
                       min_group=min_group) if CHECKPOINT in definitions else ()
    adoption = adoption_loop(definitions[PULSE], pulses, min_group=min_group,
                             cadence=_cadence(responses.get(READINESS, ())),
                             measured=value_evidence(made), failing=failures(made)
                             ) if PULSE in definitions and (live or pulses) else None
    # The pulse block describes the latest week's people, never every week pooled.
    latest = adoption.latest.score if adoption and adoption.latest else None
    scores = {qid: latest if qid == PULSE and latest else
              made[-1].result if qid == CHECKPOINT and made else
              score(definitions[qid], rs, min_group=min_group)
              for qid, rs in responses.items() if qid in definitions}
    readiness = scores.get(READINESS)
    people = (stakeholder_map(definitions[STAKEHOLDERS], responses.get(STAKEHOLDERS, ()),
                              min_group=min_group)
              if STAKEHOLDERS in definitions else None)
    verdict, label, value, coverage, confidence, why = _verdict(assessment, readiness, people,
                                                                adoption)
    own = own_scores(definitions, scores)
    if not live and READINESS in definitions:
        # Once live the verdict is adoption health: no gate of before go-live caps it.
        bands = (definitions[READINESS].scoring or Scoring()).bands
        verdict, label, why = capped(verdict, label, why, bands, own, definitions)
    elif not live and (weakest := least_ready(own, definitions)) is not None:
        # No readiness check applies (a project without the built-ins, or a deal that left
        # it out): the least ready of the deal's own questionnaires decides.
        verdict, label, value = weakest.verdict, weakest.verdict_label, weakest.score
        coverage, confidence = weakest.coverage, weakest.confidence
        why = (f"{STAGE_LABELS[assessment.stage].lower()}: no readiness check applies; the "
               f"least ready of the deal's own questionnaires, "
               f"{definitions[weakest.questionnaire].title.get()}")
    owner_point = handoff(definitions.get(READINESS), responses.get(READINESS, ()), readiness,
                          (), ())[-1]
    customer_owner = owner_point.plain if owner_point.known else ""
    return Rollup(
        assessment=assessment, verdict=verdict, verdict_label=label, score=value,
        coverage=coverage, confidence=confidence,
        failed_gates=(*(readiness.failed_gates if readiness else ()), *own_gates(own)),
        readiness=readiness, stakeholders=people, adoption=adoption, questionnaires=scores,
        next_actions=tuple(_actions(readiness, people, adoption, live, definitions,
                                    [*_checkpoint_actions(made), *own_actions(own,
                                                                             definitions)])),
        plan=activation_plan(readiness, people, adoption, customer_owner,
                             current=_current_week(adoption) if live else 1,
                             sus=any(i.name == "sus" for q in definitions.values()
                                     for i in (q.scoring.instruments if q.scoring else ()))),
        handoff=handoff(definitions.get(READINESS), responses.get(READINESS, ()), readiness,
                        _risks(people), failure_signals(adoption, _resistors(people))),
        explain=Explanation(assessment.account, label, why, (
            *(s.explain for s in scores.values()),
            *_traces("Stakeholder risk", people.risk_level if people else None,
                     people.explain if people else ()),
            *_traces("Adoption", "expansion gate " + ("open" if adoption.expansion.open
                                                      else "closed") if adoption else None,
                     adoption.explain if adoption else ()))),
        disagreements=(*(d for qid in (READINESS, *sorted(set(scores) - {READINESS}))
                         if qid in scores for d in scores[qid].disagreements),
                       *(people.disagreements if people else ())),
        min_group=min_group,
        own=tuple(s.questionnaire for s in own),
        proof=proof_metric(definitions.get(READINESS), responses.get(READINESS, ())),
        checkpoints=made,
    )


def _verdict(a: Assessment, readiness: Score | None, people: StakeholderMap | None,
             adoption: AdoptionLoop | None
             ) -> tuple[str, str, float | None, float, float, str]:
    """(verdict, label, score, coverage, confidence, the rule that decided it)."""
    if a.stage == "live":
        week = adoption.latest if adoption else None
        if week is None:
            return INSUFFICIENT, "Insufficient data", None, 0.0, 0.0, "live, but no pulses yet"
        if week.too_few:
            return (INSUFFICIENT, "Too few answers", None, 0.0, 0.0,
                    f"live: too few answers in week {week.week} to show its health")
        s = week.score
        why = f"live: adoption health in week {week.week}"
        if week.proof_missing and s.verdict != week.band:
            why += ", held below healthy: too few answered the workflow-proof questions"
        return (week.band, week.band_label, week.health, s.coverage, s.confidence, why)
    if readiness is None:
        return INSUFFICIENT, "Insufficient data", None, 0.0, 0.0, "no readiness answers yet"
    verdict, label = readiness.verdict, readiness.verdict_label
    why = f"{STAGE_LABELS[a.stage].lower()}: pre-close readiness"
    if readiness.capped_by and not readiness.failed_gates and readiness.band != verdict:
        why += ", capped at conditional: seller and customer disagree on a must-have"
    if verdict == "ready" and people is not None and people.risk_level == "high":
        verdict, label = "conditional", "Conditional"
        why += ", capped at conditional by a high stakeholder risk"
    elif verdict == "ready" and people is not None and people.adkar_caps:
        verdict, label = "conditional", "Conditional"
        why += (", capped at conditional: stakeholders' own answers put a third or more of a "
                "group at an ADKAR barrier point")
    return (verdict, label, readiness.score, readiness.coverage, readiness.confidence, why)


def _actions(readiness: Score | None, people: StakeholderMap | None,
             adoption: AdoptionLoop | None, live: bool,
             definitions: Mapping[str, Questionnaire], own: list[Action]) -> list[Action]:
    still = "still open from before go-live: " if live else ""
    before = [Action(b.action, READINESS, f"{still}{b.label}: {_shown(b.score)} below "
                     f"{b.pass_at:g}{' (must-have)' if b.must_have else ''}")
              for b in (readiness.barriers if readiness else ())]
    if readiness is None and READINESS in definitions:
        before = [Action("Fill in the pre-close readiness check with what is true today, and "
                         "ask the customer's owner to confirm it.", READINESS,
                         "no readiness answers yet")]
    before += own
    mapped = _people_actions(people) if people else []
    after = (loop_actions(definitions[PULSE], adoption)
             if adoption is not None and PULSE in definitions else [])
    return after + mapped + before if live else before + mapped + after


def _checkpoint_actions(made: Sequence[Checkpoint]) -> list[Action]:
    """The latest checkpoint's barriers, with the day they were found."""
    if not made:
        return []
    latest = made[-1]
    return [Action(b.action, CHECKPOINT, f"day {latest.day} checkpoint: {b.label}: "
                   f"{_shown(b.score)} below {b.pass_at:g}"
                   f"{' (must-have)' if b.must_have else ''}")
            for b in latest.result.barriers]


def _people_actions(people: StakeholderMap) -> list[Action]:
    """Resistors and blockers by risk, groups stuck at an ADKAR barrier, then groups nobody
    mapped or mapped without their two seed answers."""
    actions = []
    for s in sorted(people.stakeholders, key=lambda s: -(s.risk or 0)):
        who, risk = f"{s.name} ({s.group_label})", f"risk {_shown(s.risk)}"
        if s.unmitigated and s.mitigation:
            actions.append(Action(f"Name who carries out the mitigation for {who}: "
                                  f"{s.mitigation}", STAKEHOLDERS,
                                  f"resistor whose mitigation has no owner, {risk}"))
        elif s.unmitigated:
            about = f" ({s.resistance})" if s.resistance else ""
            actions.append(Action(f"Agree a mitigation for {who}{about} and who carries it out.",
                                  STAKEHOLDERS, f"resistor without a mitigation, {risk}"))
        elif s.quadrant == "critical_blocker" and s.mitigation:
            actions.append(Action(f"Carry out the mitigation for {who}: {s.mitigation}",
                                  STAKEHOLDERS, f"critical blocker, {risk}", s.owner or ""))
    if not people.stakeholders and not people.respondents:
        return [Action("Map the stakeholders: who uses it daily, who manages it, who "
                       "approved it, who did not want it.", STAKEHOLDERS,
                       "no stakeholder map yet")]
    actions += [Action(b.action, STAKEHOLDERS, b.reason) for b in people.adkar_barriers]
    actions += [Action(MISSING_GROUP_FINDINGS[g], STAKEHOLDERS, "a seed group nobody mapped")
                for g in people.missing_groups if g in MISSING_GROUP_FINDINGS]
    actions += [Action(f"Ask {GROUP_PHRASES[c.group]} what success looks like for them and "
                       "what would make them resist; write both on the map.", STAKEHOLDERS,
                       f"the map is incomplete for {GROUP_PHRASES[c.group]}")
                for c in people.coverage if c.group in people.incomplete_groups]
    return actions


def _traces(subject: str, value: str | None, lines: Sequence[str]) -> tuple[Explanation, ...]:
    """Plain trace lines as one explanation node (none when there is nothing to trace)."""
    if value is None:
        return ()
    return (Explanation(subject, value, "", tuple(Explanation(line, "") for line in lines)),)


def _shown(value: float | None) -> str:
    return "no score" if value is None else str(display_round(value))


def _risks(people: StakeholderMap | None) -> list[str]:
    if people is None:
        return []
    return [f"{s.name} ({s.group_label}) is a critical blocker"
            for s in people.stakeholders if s.quadrant == "critical_blocker"]


def _resistors(people: StakeholderMap | None) -> list[str]:
    return [f"{p.name} ({p.group_label})" for p in (people.stakeholders if people else ())
            if p.resistor]


def _cadence(readiness: Sequence[Response]) -> str | None:
    """How often the first workflow runs. Where answers differ, the most frequent counts
    (the more cautious: weekly use of a daily workflow is not full use)."""
    said = {str(r.answers.get(CADENCE)) for r in readiness} & set(CADENCES)
    return min(said, key=CADENCES.index, default=None)


def _current_week(adoption: AdoptionLoop | None) -> int:
    """The week a live deal's plan stands in: that of its latest pulses."""
    return max(1, adoption.latest.week) if adoption and adoption.latest else 1
