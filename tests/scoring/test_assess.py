"""scoring.assess: the roll-up a deal review reads."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import questionnaires
from assessments.transfer.responsefile import read_responses
from scoring import Response
from scoring.assess import Assessment, Rollup, assess
from scoring.plan import WEEKS
from tests.helpers import HEALTHY_PULSE

ROOT = Path(__file__).resolve().parents[2]
DEFS = {q.id: q for q in questionnaires.load()}


def northwind() -> tuple[Assessment, dict[str, list[Response]]]:
    return read_responses(ROOT / "examples" / "northwind.json", DEFS)


def rollup() -> Rollup:
    info, responses = northwind()
    return assess(info, DEFS, responses)


def test_verdict_gates_and_first_action() -> None:
    result = rollup()
    assert result.verdict == "not_ready" and result.failed_gates == ("ownership", "data_access")
    first = result.next_actions[0]
    assert first.source == "pre-close-readiness" and first.text.startswith("Ask the sponsor")
    assert "must-have" in first.reason


def test_stakeholder_findings_become_actions() -> None:
    texts = [a.text for a in rollup().next_actions]
    assert any(t.startswith("Agree a mitigation for Piet de Vries") for t in texts)
    assert "Ask whoever approved the purchase what success looks like for them and what " \
           "would make them resist; write both on the map." in texts


def test_handoff_has_seven_points_from_the_answers() -> None:
    points = {p.key: p for p in rollup().handoff}
    assert list(points) == ["workflow", "users", "old_process", "outcome", "risks", "signals",
                            "owner"]
    # Ines herself (a named link) says she cannot make tradeoffs: her answer counts.
    assert points["owner"].answer == ("Ines Duarte, Head of Operations EU (A named person "
                                      "who cannot make tradeoffs: the customer's answer, "
                                      "which counts)")
    assert points["owner"].sources == ("owner_name",)
    assert points["old_process"].answer == "The 'Exceptions master' spreadsheet"
    assert "3.2 days" in points["outcome"].answer
    assert "Piet de Vries (Manages the people who use it, did not want it) is a critical " \
           "blocker" in points["risks"].answer


def test_plan_covers_twelve_weeks_with_this_deals_items() -> None:
    plan = rollup().plan
    assert [w.week for w in plan] == list(range(1, WEEKS + 1))
    week1 = [i.text for i in plan[0].items]
    assert any(t.startswith("Before go-live: Ask the sponsor") for t in week1)
    assert any(t.startswith("Meet Piet de Vries") for t in week1)
    assert any("Expansion gate" in i.text for i in plan[7].items)


def test_high_stakeholder_risk_caps_a_ready_deal() -> None:
    info, responses = northwind()
    seller = responses["pre-close-readiness"][0]
    top = {q.id: max(q.choices, key=lambda c: c.score or 0).value
           for q in DEFS["pre-close-readiness"].all_questions() if q.choices}
    strong = replace(seller, answers={**seller.answers, **top},
                     evidence=dict.fromkeys(top, 3))
    ready = assess(info, DEFS, {"pre-close-readiness": [strong]})
    assert ready.verdict == "ready"
    capped = assess(info, DEFS, {"pre-close-readiness": [strong],
                                 "stakeholder-map": responses["stakeholder-map"]})
    assert capped.stakeholders is not None and capped.stakeholders.risk_level == "high"
    assert capped.verdict == "conditional" and "stakeholder risk" in capped.explain.rule


def test_live_without_pulses_is_insufficient() -> None:
    info, responses = northwind()
    live = assess(replace(info, stage="live"), DEFS, responses)
    assert live.verdict == "insufficient_data" and live.adoption is not None
    assert live.adoption.expansion.open is False


def test_live_verdict_is_adoption_health() -> None:
    info, _ = northwind()
    people = [Response(f"u{i}", "user", HEALTHY_PULSE, week=3) for i in range(3)]
    live = assess(replace(info, stage="live"), DEFS, {"post-go-live-pulse": people})
    assert live.verdict == "healthy" and live.score is not None and live.score > 90
    assert live.adoption is not None and live.adoption.expansion.open


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(ValueError, match="stage must be one of"):
        Assessment("x", "X", stage="won")


def test_responses_file_errors_say_where(tmp_path: Path) -> None:
    from assessments.errors import InputError

    bad = tmp_path / "bad.json"
    bad.write_text('{"assessment": {"id": "x", "account": "X"},\n "responses": [}')
    with pytest.raises(InputError, match=r"bad.json:2:16: not valid JSON"):
        read_responses(bad, DEFS)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"assessment": {"id": "x", "account": "X"}, "responses": [
        {"questionnaire": "pre-close-readiness", "answers": {"owner": "maybe"}}]}))
    with pytest.raises(InputError, match=r"responses\[0\]: question 'owner': 'maybe' is not"):
        read_responses(wrong, DEFS)


def test_handoff_ignores_answers_to_hidden_questions() -> None:
    info, responses = northwind()
    seller = responses["pre-close-readiness"][0]
    hidden = replace(seller, answers={**seller.answers, "owner": "none",
                                      "owner_name": "Ghost Owner"})
    points = {p.key: p for p in assess(info, DEFS, {"pre-close-readiness": [hidden]}).handoff}
    assert "Ghost" not in points["owner"].answer
    assert points["owner"].answer == "Nobody named yet"
