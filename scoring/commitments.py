"""The mutual action plan: commitments, each explicit — who, by when, for what.

"Adoption is a sequence of commitments." Each commitment has a side (the customer's or the
vendor's), an owner, a due date, a status (open, done, slipped, dropped) and what it
serves: a readiness criterion, or a week of the activation plan.

What a commitment does to the verdict, and only this: a customer commitment that serves a
must-have criterion and has slipped (marked so, or still open after its due date) is a
barrier. It comes first among the next actions, and it keeps a deal from `ready` (the
verdict is capped at the second band, as a must-have disagreement caps it): a customer who
does not do what the must-have needs has not shown they will. A commitment kept raises
nothing by itself — evidence still comes from the answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from questionnaires.model import Questionnaire, Scoring
from scoring.plan import PlanWeek
from scoring.results import Action, Barrier

CUSTOMER, VENDOR = "customer", "vendor"
SIDES = {CUSTOMER: "Customer", VENDOR: "Vendor"}
STATUSES = {"open": "Open", "done": "Done", "slipped": "Slipped", "dropped": "Dropped"}
SOURCE = "commitments"


@dataclass(frozen=True)
class Commitment:
    """One step of the mutual action plan."""

    id: str
    side: str
    """customer or vendor."""
    text: str
    owner: str = ""
    due: str = ""
    """ISO date; empty for none."""
    status: str = "open"
    criterion: str = ""
    """The readiness criterion it serves, if any."""
    week: int | None = None
    """The activation plan's week it serves, if any."""

    def late(self, today: dt.date) -> bool:
        """Slipped: marked so, or still open after its due date."""
        if self.status == "slipped":
            return True
        return (self.status == "open" and bool(self.due)
                and dt.date.fromisoformat(self.due) < today)


def serves(c: Commitment, criteria: Mapping[str, str]) -> str:
    """What a commitment serves, in words (`criteria`: id → label)."""
    if c.criterion:
        return criteria.get(c.criterion, c.criterion)
    return f"Week {c.week} of the plan" if c.week else ""


def breaking(commitments: Iterable[Commitment], readiness: Questionnaire | None,
             today: dt.date) -> tuple[Commitment, ...]:
    """The customer's slipped commitments on the readiness check's must-have criteria."""
    must = {c.id for c in (readiness.scoring or Scoring()).criteria if c.must_have} \
        if readiness is not None else set()
    return tuple(c for c in commitments
                 if c.side == CUSTOMER and c.criterion in must and c.late(today))


def actions(late: Sequence[Commitment], readiness: Questionnaire | None) -> list[Action]:
    """A next action for each of them: agree a new date, or treat the criterion as failing."""
    labels = {c.id: c.label.get() for c in (readiness.scoring or Scoring()).criteria} \
        if readiness is not None else {}
    found = []
    for c in late:
        label = labels.get(c.criterion, c.criterion)
        due = f", due {c.due}" if c.due else ""
        who = c.owner or "the customer"
        found.append(Action(
            f"Agree a new date with {who} for “{c.text}”, or treat {label} as failing.",
            SOURCE, f"customer commitment slipped{due}, on the must-have {label}",
            c.owner))
    return found


def proposals(barriers: Sequence[Barrier], plan: Sequence[PlanWeek], go_live: str,
              today: dt.date, seller: str = "") -> list[Commitment]:
    """Commitments to start the plan from: one per readiness barrier (the seller's, due in
    a week for a must-have, else two), then the activation plan's items not yet past (the
    vendor's where the seller — `seller`, the deal's owner — carries them out, else the
    customer's), each due on the Friday of its week after go-live (without a go-live date,
    counted from today). Ids are left empty."""
    found = [Commitment("", VENDOR, b.action, seller, (today + dt.timedelta(
        days=7 if b.must_have else 14)).isoformat(), criterion=b.criterion) for b in barriers]
    start = dt.date.fromisoformat(go_live) if go_live else today
    for week in plan:
        if week.past:
            continue
        due = start + dt.timedelta(days=7 * (week.week - 1) + 4)
        for item in week.items:
            if item.source == "readiness":  # a barrier's action: proposed above
                continue
            ours = item.owner in ("Seller", "Vendor") or (seller and item.owner == seller)
            side = VENDOR if ours else CUSTOMER
            owner = "" if item.owner in ("Seller", "Vendor", "Customer owner") else item.owner
            found.append(Commitment("", side, item.text, owner, due.isoformat(),
                                    week=week.week))
    return found
