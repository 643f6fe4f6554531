"""The mutual action plan as the pages and the CLI change it: checked commitments, the
plan proposed from the barriers and the activation plan, and status changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from assessments.errors import InputError
from assessments.store import metadata, service
from assessments.store.interface import Store
from assessments.store.records import new_id
from questionnaires import Questionnaire
from questionnaires.model import Scoring
from scoring.commitments import SIDES, STATUSES, Commitment, proposals
from scoring.ids import READINESS

TEXT_LIMIT = 300
WEEKS = 12


def make(fields: Mapping[str, Any], readiness: Questionnaire | None,
         ident: str = "") -> Commitment:
    """A checked commitment from form or CLI fields (InputError says what is wrong)."""
    side = str(fields.get("side") or "")
    if side not in SIDES:
        raise InputError(f"side {side!r}: use {' or '.join(SIDES)}")
    text = " ".join(str(fields.get("text") or "").split())
    if not text:
        raise InputError("say what is committed, e.g. “Name the first workflow's owner”")
    if len(text) > TEXT_LIMIT:
        raise InputError(f"the commitment is {len(text)} characters; at most {TEXT_LIMIT}")
    bad = metadata.unprintable(text)
    if bad:
        raise InputError(f"the commitment holds the control character {bad}; remove it")
    owner = metadata.check_text("name", str(fields.get("owner") or "").strip())
    due = service.check_date(str(fields.get("due") or "").strip(), "due date")
    status = str(fields.get("status") or "open")
    if status not in STATUSES:
        raise InputError(f"status {status!r}: use {', '.join(STATUSES)}")
    criteria = {c.id: c.label.get() for c in
                ((readiness.scoring or Scoring()).criteria if readiness else ())}
    criterion = str(fields.get("criterion") or "")
    if criterion and criterion not in criteria:
        raise InputError(f"criterion {criterion!r}: use one of the readiness check's: "
                         f"{', '.join(criteria) or 'none'}")
    week = fields.get("week")
    if week in ("", None):
        week = None
    else:
        try:
            week = int(week)
        except (TypeError, ValueError):
            raise InputError(f"week {week!r}: use a week of the plan, 1 to {WEEKS}") from None
        if not 1 <= week <= WEEKS:
            raise InputError(f"week {week}: use a week of the plan, 1 to {WEEKS}")
    return Commitment(ident or new_id("c"), side, text, owner, due, status, criterion, week)


def add(store: Store, definitions: Mapping[str, Questionnaire], ident: str,
        fields: Mapping[str, Any]) -> Commitment:
    """Add one commitment to an assessment's plan."""
    store.assessment(ident)
    made = make(fields, definitions.get(READINESS))
    store.add_commitments(ident, [made])
    return made


def change(store: Store, definitions: Mapping[str, Questionnaire], ident: str,
           commitment: str, fields: Mapping[str, Any]) -> Commitment:
    """Change a commitment's status, due date, owner or text (checked as a new one)."""
    def apply(old: Commitment) -> Commitment:
        merged = {**dataclasses.asdict(old), **{k: v for k, v in fields.items()
                                                 if v is not None}}
        return make(merged, definitions.get(READINESS), old.id)
    return store.change_commitment(ident, commitment, apply)


def propose(store: Store, definitions: Mapping[str, Questionnaire], ident: str,
            today: dt.date | None = None) -> list[Commitment]:
    """Add the commitments the barriers and the activation plan call for, leaving out any
    the plan has already (the same side and words); the ones added."""
    rolled = service.rollup(store, definitions, ident)
    today = today or service.now().date()
    barriers = rolled.readiness.barriers if rolled.readiness else ()
    have = {(c.side, c.text) for c in store.commitments(ident)}
    fresh = []
    for c in proposals(barriers, rolled.plan, rolled.assessment.go_live, today,
                       rolled.assessment.owner):
        if (c.side, c.text) not in have:
            have.add((c.side, c.text))
            fresh.append(dataclasses.replace(c, id=new_id("c")))
    store.add_commitments(ident, fresh)
    return fresh
