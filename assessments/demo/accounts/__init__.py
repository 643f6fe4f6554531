"""The demo deals, as data: six fictional accounts, one module each, one or more per stage.

Every company, person and number here is invented. `assessments.demo.load` turns these
entries into stored records (ids, definition versions, invitation tokens); this module
only says who answered what, and when.

The stories, and what the scores make of them:

- Halden Freight (qualifying): an excited sponsor, nobody named to own the work.
- Brightmoor Clinics (closing): owner, workflow and baseline in place; capacity is not.
- Fennick Packaging (closing): the seller sees a ready deal, the plant manager does not.
- Orrin Valley Credit Union (implementing): ready, with a mitigated sceptic.
- Tessaline Distribution (live): trust and training blockers, then first value in week 5.
- Marlow Bay Hotels (live): a decent start that drifts under capacity and app friction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scoring.assess import Assessment
from scoring.selfreports import ADKAR_ITEMS

READINESS, STAKEHOLDERS, PULSE = "pre-close-readiness", "stakeholder-map", "post-go-live-pulse"

SELLERS: Mapping[str, str] = {
    "priya": "Priya Raman",
    "jo": "Jo Okafor",
    "tomas": "Tomás Reyes",
    "sam": "Sam Berg",
}
"""The vendor's sellers: user name → display name. They answer as `seller`."""


@dataclass(frozen=True)
class Invitee:
    """A customer respondent's personal link; `key` is how `Said.who` refers to it."""

    key: str
    questionnaire: str
    role: str
    name: str
    segment: str = ""
    created_at: str = ""
    expires_at: str = ""
    revoked: bool = False
    open: bool = False
    named: bool = False
    """A named link: the customer's answers carry their name in reports."""


@dataclass(frozen=True)
class Said:
    """One submission: `who` is an `Invitee.key` or a seller's user name."""

    questionnaire: str
    who: str
    submitted_at: str
    answers: Mapping[str, Any]
    evidence: Mapping[str, int] = field(default_factory=dict)
    week: int | None = None


@dataclass(frozen=True)
class Account:
    """One demo deal: the assessment, the links sent out, and what came back."""

    assessment: Assessment
    invitees: tuple[Invitee, ...]
    said: tuple[Said, ...]


# The seven workflow-proof questions, in form order; `pulse` reads them from one string.
PROOF = ("proof_decision", "proof_workflow", "proof_source_of_truth", "proof_exception",
         "proof_artifact_retired", "proof_outcome", "proof_trust")
YES_NO = {"y": "yes", "n": "no"}
NPS_EVERY = 4


def confirmed(go_live: str, seller: str, week: int, what: str, by: str) -> Said:
    """The seller confirms first value with the customer's owner, on the Friday of `week`."""
    friday = dt.date.fromisoformat(go_live) + dt.timedelta(days=7 * (week - 1) + 4)
    return Said(PULSE, seller, f"{friday.isoformat()}T17:30:00",
                {"first_value_confirmed": "yes", "first_value_confirmation": what,
                 "first_value_confirmed_by": by}, week=week)


def pulse(go_live: str, who: str, week: int, time: str, usage: str, proof: str, trust: str,
          old: str, umux: tuple[int, int], recommend: int,
          blockers: Mapping[str, str] | None = None, value: str = "", seen: bool = False
          ) -> Said:
    """A weekly pulse, sent on the Friday of `week` (week 1 starts on `go_live`).

    `proof` answers PROOF in order: y yes, n no, - "no exception this week" (for the
    exception question) or left blank. `recommend` is asked once every four weeks (weeks 1,
    5, 9 …), as the form asks it; other weeks leave it out.
    `blockers` maps each blocker type to what happened; none means nothing got in the way.
    `value` is the first value the respondent describes this week; `seen` says they saw it
    (in an earlier week) without describing it again.
    """
    friday = dt.date.fromisoformat(go_live) + dt.timedelta(days=7 * (week - 1) + 4)
    answers: dict[str, Any] = {"usage_frequency": usage}
    answers.update({q: YES_NO[a] for q, a in zip(PROOF, proof, strict=True) if a != "-"})
    if proof[PROOF.index("proof_exception")] == "-":
        answers["proof_exception"] = "no_exception"
    answers.update(trust_change=trust, old_workflow=old, umux_capabilities=umux[0],
                   umux_easy=umux[1], blockers=list(blockers or ["none"]),
                   first_value_seen="yes" if value or seen else "no")
    if (week - 1) % NPS_EVERY == 0:
        answers["recommend"] = recommend
    answers.update({f"blocker_{kind}_detail": text for kind, text in (blockers or {}).items()})
    if value:
        answers["first_value"] = value
    return Said(PULSE, who, f"{friday.isoformat()}T{time}:00", answers, week=week)


def person(name: str, group: str, influence: int, stance: str, desired: str, success: str = "",
           resistance: str = "", mitigation: str = "", owner: str = "", wanted: str = "yes"
           ) -> dict[str, Any]:
    """One row of a seller's stakeholder map (empty texts are left out, as a form would)."""
    row: dict[str, Any] = {"name": name, "group": group, "wanted": wanted,
                           "influence": influence, "stance": stance, "desired_stance": desired}
    row.update({k: v for k, v in (("success", success), ("resistance", resistance),
                                  ("mitigation", mitigation), ("owner", owner)) if v})
    return row


def adkar(who: str, at: str, group: str, ratings: tuple[int, int, int, int, int],
          success: str, resistance: str, wanted: str = "yes") -> Said:
    """A stakeholder's own answers: role group, whether they wanted it, success, resistance,
    ADKAR ratings 1–5 (an element of several items gets its rating on each)."""
    answers: dict[str, Any] = {"role_group": group, "wanted_it": wanted, "my_success": success,
                               "my_resistance": resistance}
    for element, rating in zip(ADKAR_ITEMS, ratings, strict=True):
        answers.update(dict.fromkeys(ADKAR_ITEMS[element], rating))
    return Said(STAKEHOLDERS, who, at, answers)


# --- Halden Freight: qualifying. The sponsor is excited; nobody owns the work. ---


def accounts() -> tuple[Account, ...]:
    """Every demo account, in stage order (imported here to keep each deal in its module)."""
    from assessments.demo.accounts.brightmoor import BRIGHTMOOR
    from assessments.demo.accounts.fennick import FENNICK
    from assessments.demo.accounts.halden import HALDEN
    from assessments.demo.accounts.marlow import MARLOW
    from assessments.demo.accounts.orrin import ORRIN
    from assessments.demo.accounts.tessaline import TESSALINE

    return (HALDEN, BRIGHTMOOR, FENNICK, ORRIN, TESSALINE, MARLOW)
