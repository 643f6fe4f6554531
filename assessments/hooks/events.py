"""What an event says: built from stored responses and roll-ups, never from answers.

An event is a JSON object `{"id", "type", "created_at", "data"}`. `response.submitted`
names the response and where it belongs, not what it says; the `*.changed` events carry
the old and the new value of an assessment's verdict, health or one of its gates.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from assessments.store.records import ResponseRecord
from scoring.assess import Rollup

SUBMITTED = "response.submitted"
VERDICT, HEALTH, GATE = "verdict.changed", "health.changed", "gate.changed"
PING = "ping"
"""What `readygate webhooks test` sends: no subscription needed, never stored."""
EXPANSION = "expansion"
"""The expansion gate's name among the must-have gates (`failed_gates` names those)."""

State = dict[str, Any]
"""What was last announced of an assessment: its verdict, health and gates."""


def new_event(kind: str, data: Mapping[str, Any], created_at: str) -> dict[str, Any]:
    """An event with a fresh id: the receiver's key for deduplicating deliveries."""
    return {"id": f"evt_{secrets.token_hex(10)}", "type": kind, "created_at": created_at,
            "data": dict(data)}


def submitted(record: ResponseRecord) -> tuple[str, dict[str, Any]]:
    """A stored response as a `response.submitted` event's type and data: no answers, no
    names (a confidential respondent stays so), only where the response belongs."""
    return SUBMITTED, {"assessment": record.assessment, "questionnaire": record.questionnaire,
                       "response": record.id, "role": record.role, "week": record.week,
                       "submitted_at": record.submitted_at}


def state_of(rollup: Rollup) -> State:
    """The verdict, the health band (None before a week with enough answers) and every gate
    that is not in its default state: failed must-haves, an open expansion gate."""
    adoption = rollup.adoption
    week = adoption.latest if adoption is not None else None
    gates: dict[str, str] = dict.fromkeys(rollup.failed_gates, "failed")
    if adoption is not None and adoption.expansion.open:
        gates[EXPANSION] = "open"
    return {"verdict": rollup.verdict,
            "health": week.band if week is not None and not week.too_few else None,
            "gates": gates}


def _default(gate: str) -> str:
    return "closed" if gate == EXPANSION else "passed"


def changes(assessment: str, old: State, new: State) -> list[tuple[str, dict[str, Any]]]:
    """The `*.changed` events (type, data) between two states of one assessment."""
    found: list[tuple[str, dict[str, Any]]] = []
    for kind, key in ((VERDICT, "verdict"), (HEALTH, "health")):
        if old.get(key) != new.get(key):
            found.append((kind, {"assessment": assessment, "old": old.get(key),
                                 "new": new.get(key)}))
    before, after = old.get("gates", {}), new.get("gates", {})
    for gate in sorted(set(before) | set(after)):
        was, now = before.get(gate, _default(gate)), after.get(gate, _default(gate))
        if was != now:
            found.append((GATE, {"assessment": assessment, "gate": gate, "old": was,
                                 "new": now}))
    return found
