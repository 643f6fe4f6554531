"""A roll-up as JSON-ready data and as plain text lines: what `readygate score` prints."""

from __future__ import annotations

from typing import Any

from scoring.assess import Rollup
from scoring.ids import STAGE_LABELS
from scoring.instruments import display_round
from scoring.plan import LOOP, plan_lines
from scoring.privacy import disagreement_data, disagreement_text
from scoring.results import Score


def _shown(value: float | None) -> int | None:
    return None if value is None else display_round(value)


def _questionnaire(result: Score, min_group: int) -> dict[str, Any]:
    return {
        "score": _shown(result.score),
        "band": result.band,
        "verdict": result.verdict,
        "coverage": round(result.coverage, 3),
        "confidence": _shown(result.confidence),
        "respondents": result.respondents,
        "failed_gates": list(result.failed_gates),
        "criteria": {c.id: {"label": c.label, "score": _shown(c.score), "passed": c.passed,
                            "must_have": c.must_have, "pass_at": c.pass_at}
                     for c in result.criteria},
        "capped_by": list(result.capped_by),
        "disagreements": [disagreement_data(d, min_group) for d in result.disagreements],
        "instruments": {i.name: {"value": i.value, "n": i.n, **i.detail}
                        for i in result.instruments},
    }


def _text(value: int | None) -> str:
    return "no score" if value is None else str(value)


def rollup_data(rollup: Rollup) -> dict[str, Any]:
    """The roll-up as plain data: scores as shown (0–100 integers), coverage as 0–1."""
    a = rollup.assessment
    data: dict[str, Any] = {
        "assessment": {"id": a.id, "account": a.account, "deal": a.deal, "owner": a.owner,
                       "stage": a.stage, "close_date": a.close_date, "go_live": a.go_live},
        "verdict": rollup.verdict,
        "verdict_label": rollup.verdict_label,
        "score": _shown(rollup.score),
        "coverage": round(rollup.coverage, 3),
        "confidence": _shown(rollup.confidence),
        "failed_gates": list(rollup.failed_gates),
        "disagreements": [disagreement_text(d, rollup.min_group)
                          for d in rollup.disagreements],
        "next_actions": [{"action": x.text, "source": x.source, "reason": x.reason}
                         for x in rollup.next_actions],
        "questionnaires": {qid: _questionnaire(s, rollup.min_group)
                           for qid, s in rollup.questionnaires.items()},
        "rounds": [{"round": r.number, "at": r.at, "by": r.by, "score": r.shown,
                    "verdict": r.result.verdict} for r in rollup.rounds],
        "changed": [{"kind": c.kind, "item": c.item, "text": c.text, "better": c.better}
                    for c in rollup.changed],
        "handoff": {p.key: {"question": p.question, "answer": p.answer, "known": p.known}
                    for p in rollup.handoff},
        "plan": [{"week": w.week, "focus": w.focus, "past": w.past,
                  "items": [{"text": i.text, "owner": i.owner, "source": i.source}
                            for i in w.items]} for w in rollup.plan],
    }
    if rollup.stakeholders is not None:
        people = rollup.stakeholders
        data["stakeholders"] = {"risk_level": people.risk_level,
                                "risk_score": _shown(people.risk_score),
                                "missing_groups": list(people.missing_groups),
                                "incomplete_groups": list(people.incomplete_groups),
                                "adkar": [{"group": g.group, "label": g.label, "people": g.n,
                                           "at_barrier": g.at_barrier, "barrier": g.barrier}
                                          for g in people.adkar],
                                "adkar_caps_readiness": people.adkar_caps,
                                "findings": list(people.findings)}
    if rollup.adoption is not None:
        loop = rollup.adoption
        value = loop.value
        data["adoption"] = {
            "weeks": [{"week": w.week, "health": _shown(w.health), "band": w.band,
                       "trend": w.trend, "respondents": w.respondents,
                       "too_few_answers": w.too_few,
                       "workflow_proof_answered": w.proof_answered,
                       "old_way_no_longer_main": w.no_longer_main,
                       "old_way_losing_power": w.old_workflow_losing_power,
                       "blockers": {b.category: b.count for b in w.blockers}}
                      for w in loop.weeks],
            "pulses_counted_as_week_0": loop.undated,
            "first_value_proven": loop.first_value_proven,
            "first_value": {
                "week": loop.first_value_week,
                "reported_by_users": value.reporters if value else 0,
                "confirmed_by": [e.by for e in value.confirmations] if value else []},
            "expansion_gate": {"open": loop.expansion.open,
                               "reasons": list(loop.expansion.reasons)},
        }
    return data


def rollup_lines(rollup: Rollup) -> list[str]:
    """A short human summary: verdict, gates, next actions, handoff, plan."""
    a = rollup.assessment
    score = "no score" if rollup.score is None else f"score {display_round(rollup.score)}"
    lines = [f"{a.account}{' — ' + a.deal if a.deal else ''} ({STAGE_LABELS[a.stage]})",
             f"Verdict: {rollup.verdict_label} ({score}, coverage "
             f"{display_round(rollup.coverage * 100)} %, confidence "
             f"{display_round(rollup.confidence)})"]
    if rollup.failed_gates:
        lines.append(f"Failed gates: {', '.join(rollup.failed_gates)}")
    if rollup.disagreements:
        lines.append(f"Disagreements ({len(rollup.disagreements)}):")
        lines += [f"  - {disagreement_text(d, rollup.min_group)}"
                  for d in rollup.disagreements]
    if len(rollup.rounds) > 1:
        last, before = rollup.rounds[-1], rollup.rounds[-2]
        lines.append(f"Readiness rounds: {len(rollup.rounds)}; round {last.number} "
                     f"({last.at[:10]}, {last.by}) against round {before.number}: score "
                     f"{_text(before.shown)} → {_text(last.shown)}")
        lines += [f"  {'+' if c.better else '-'} {c.text}" for c in rollup.changed]
    if rollup.stakeholders is not None:
        lines.append(f"Stakeholder risk: {rollup.stakeholders.risk_level}")
    if rollup.adoption is not None:
        gate = rollup.adoption.expansion
        lines.append(f"Expansion gate: {'open' if gate.open else 'closed'}")
        lines += [f"  - {reason}" for reason in gate.reasons]
    lines.append("Next actions:")
    lines += [f"  {n}. {x.text} ({x.reason})" for n, x in enumerate(rollup.next_actions, 1)]
    lines.append("Adoption hypothesis:")
    lines += [f"  {p.question} {p.answer}" for p in rollup.handoff]
    lines += ["Activation plan:", f"  {LOOP}"] + ["  " + line for line in
                                                   plan_lines(rollup.plan)]
    return lines
