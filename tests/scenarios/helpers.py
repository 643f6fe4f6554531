"""Scenario builders: responses as a responses file holds them, and what `score` printed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

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
