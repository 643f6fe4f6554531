"""Save and resume: a respondent's unfinished answers, and what they sent before.

A draft keeps the form's fields as they were typed, valid or not, so nothing typed is lost;
it is never scored (it is not a response) and nobody else sees it. Reopening a link shows
the draft, else the answers last sent (for a weekly pulse: this week's), to change and send
again. A draft older than the answers last sent is stale (they were sent after it) and is
not shown, so a crash between storing an answer and forgetting the draft loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assessments.store import service
from assessments.store.interface import Store
from assessments.store.records import Draft
from questionnaires import Questionnaire
from scoring.assess import Assessment
from scoring.ids import PULSE

NOT_KEPT = frozenset({"csrf_token", "action", "save"})
"""Fields of a post that are no answer: the CSRF token and the buttons."""
MAX_FIELDS = 500
MAX_CHARS = 200_000


@dataclass(frozen=True)
class Resumed:
    """What a reopened form starts from (at most one of the two)."""

    draft: Draft | None = None
    sent: tuple[Mapping[str, Any], Mapping[str, int], str] | None = None
    """The answers and evidence last sent (this week's, for a pulse), and when."""


def week(q: Questionnaire, assessment: Assessment, moment: dt.datetime) -> int | None:
    """The week a pulse's draft belongs to (None for other questionnaires)."""
    return service.pulse_week(assessment, moment) if q.id == PULSE else None


def keep(store: Store, q: Questionnaire, assessment: Assessment, respondent: str,
         fields: Iterable[tuple[str, str]], moment: dt.datetime | None = None) -> Draft:
    """Keep the posted fields as the respondent's draft (ValueError when too big)."""
    moment = moment or service.now()
    # A NUL character means nothing in a form and no database keeps it.
    kept = tuple((str(k).replace("\x00", ""), str(v).replace("\x00", ""))
                 for k, v in fields if k not in NOT_KEPT)
    if len(kept) > MAX_FIELDS or sum(len(k) + len(v) for k, v in kept) > MAX_CHARS:
        raise ValueError("the form is too long to keep")
    draft = Draft(assessment.id, q.id, respondent, week(q, assessment, moment), kept,
                  service.iso(moment))
    store.save_draft(draft)
    return draft


def forget(store: Store, q: Questionnaire, assessment: Assessment, respondent: str,
           moment: dt.datetime | None = None) -> None:
    """Forget the draft its answers were sent from."""
    store.drop_draft(assessment.id, q.id, respondent,
                     week(q, assessment, moment or service.now()))


def resume(store: Store, q: Questionnaire, assessment: Assessment, respondent: str,
           moment: dt.datetime | None = None) -> Resumed:
    """The draft to go on with, else the answers last sent (for a pulse: this week's)."""
    moment = moment or service.now()
    this_week = week(q, assessment, moment)
    mine = [r for r in store.responses(assessment.id, q.id)
            if r.respondent == respondent and (q.id != PULSE or r.week == this_week)]
    latest = mine[-1] if mine else None
    draft = store.draft(assessment.id, q.id, respondent, this_week)
    if draft is not None and (latest is None or draft.saved_at > latest.submitted_at):
        return Resumed(draft=draft)
    if latest is not None:
        return Resumed(sent=(latest.answers, latest.evidence, latest.submitted_at))
    return Resumed()
