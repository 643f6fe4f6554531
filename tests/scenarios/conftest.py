"""Scenario tests: several respondents, several weeks, run as a user would run them.

Every case goes through `readygate score --responses FILE` (JSON and text), the command
the cases were first reproduced with. `deal` writes the file and runs both.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assessments.cli import main

READY = {"owner": "named_with_authority", "owner_name": "Ana Ruiz, COO",
         "first_workflow": "agreed", "first_workflow_cadence": "weekly",
         "first_users": "group_informed", "data_access": "tested", "decision_change": "named",
         "proof_metric": "metric_baseline_target", "old_process": "agreed_with_date",
         "capacity": "on_calendar", "adoption_budget": "allocated",
         "stall_risks": "named_with_owner"}
CLAIMS = ("owner", "first_workflow", "first_users", "data_access", "decision_change",
          "proof_metric", "old_process", "capacity", "adoption_budget", "stall_risks")
DOCUMENTED = dict.fromkeys(CLAIMS, 3)


def said(questionnaire: str, who: str, role: str, answers: Mapping[str, Any], *,
         evidence: Mapping[str, int] | None = None, at: str = "2026-11-02T09:00:00",
         name: str = "", week: int | None = None, named: bool = False,
         segment: str = "") -> dict[str, Any]:
    """One response as the responses file holds it."""
    item: dict[str, Any] = {"questionnaire": questionnaire, "respondent": who, "role": role,
                            "name": name or who.title(), "submitted_at": at,
                            "answers": dict(answers), "named": named}
    if evidence:
        item["evidence"] = dict(evidence)
    if week is not None:
        item["week"] = week
    if segment:
        item["segment"] = segment
    return item


def seller(answers: Mapping[str, Any] = READY, evidence: Mapping[str, int] = DOCUMENTED,
           **kw: Any) -> dict[str, Any]:
    """The seller's pre-close readiness check (documented unless told otherwise)."""
    return said("pre-close-readiness", "sam", "seller", answers, evidence=evidence,
                name="Sam Rivera", at=kw.pop("at", "2026-11-01T09:00:00"), **kw)


def customer(answers: Mapping[str, Any] = READY, who: str = "ines", **kw: Any
             ) -> dict[str, Any]:
    """A customer respondent's answers to the same readiness check."""
    return said("pre-close-readiness", who, "stakeholder", answers, **kw)


@dataclass(frozen=True)
class Result:
    """What `readygate score` printed, as JSON and as text."""

    data: dict[str, Any]
    text: str

    @property
    def pre(self) -> dict[str, Any]:
        return dict(self.data["questionnaires"]["pre-close-readiness"])


Deal = Callable[..., Result]


@pytest.fixture
def deal(tmp_path: Path) -> Deal:
    """Score these responses for one assessment through the CLI, as JSON and as text."""

    def run(responses: Sequence[Mapping[str, Any]], *, stage: str = "closing",
            go_live: str = "", extra: Sequence[str] = ()) -> Result:
        path = tmp_path / "responses.json"
        assessment = {"id": "acme", "account": "Acme", "stage": stage}
        if go_live:
            assessment["go_live"] = go_live
        path.write_text(json.dumps({"assessment": assessment, "responses": list(responses)}),
                        encoding="utf-8")
        outputs = []
        for flags in (["--json"], []):
            result = CliRunner().invoke(main, [*extra, "score", "--responses", str(path),
                                               *flags])
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
        return Result(json.loads(outputs[0]), outputs[1])

    return run
