"""The week-by-week activation plan for the first 12 weeks after go-live.

A fixed spine from the seeds (launch, role-specific reinforcement, the day-30
first-value check, retiring the old way, the expansion gate, the day-90 review)
filled with this deal's own barriers, stakeholders and blockers. The weekly
loop — usage, workflow proof, blockers by type, owner response — runs every week.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scoring.results import Score
from scoring.text import clause

if TYPE_CHECKING:
    from scoring.adoption import AdoptionLoop
    from scoring.stakeholders import StakeholderMap

WEEKS = 12
LOOP = ("Every week: pulse the first users, review usage and workflow proof, name blockers "
        "by type, assign each to the vendor or the customer, and confirm whether the old "
        "workflow is losing power.")
FOCUS = {
    1: "Launch the first workflow", 2: "Reinforce by role", 3: "Clear the first blockers",
    4: "First-value checkpoint (day 30)", 5: "Trust and manager validation",
    6: "Retire the old way", 7: "Widen to all first users", 8: "Expansion gate review",
    9: "Fix friction, reinforce habits", 10: "Prove the outcome",
    11: "Prepare the 90-day review", 12: "90-day review (day 90)",
}
SPINE = {
    1: "Run the first workflow in the product from day one, with the project team on hand.",
    2: "Reinforce by role: show each group what they now do differently, not a generic "
       "webinar.",
    4: "Check first value against the proof metric and its baseline.",
    5: "Have a manager accept the product's output as the source of truth, in front of the "
       "team.",
    6: "Managers stop accepting the old report or spreadsheet; confirm nobody still needs it.",
    8: "Expansion gate: expand only when first value is proven, health is healthy and not "
       "trending down, and the old workflow is losing power.",
    12: "Review against the success criteria agreed in the sale; decide on expansion or "
        "correction.",
}
SUS_WEEKS = {4: "Run the SUS questionnaire with the first users.",
             12: "Run the SUS questionnaire again and compare with week 4."}
"""Only when a SUS questionnaire exists to run."""
ADKAR_TACTICS = {
    "awareness": "explain why the change is happening and what it replaces",
    "desire": "show what is in it for them and who decided it",
    "knowledge": "role-specific training on their own cases",
    "ability": "coached practice on real work until they can do it alone",
    "reinforcement": "manager recognition, and retire the old way so it cannot pull back",
}
BLOCKER_OWNERS = {"product_friction": "Vendor", "trust": "Vendor with the customer's manager",
                  "workflow": "Customer owner", "capacity": "Customer owner",
                  "training": "Vendor", "commercial": "Account team"}


@dataclass(frozen=True)
class PlanItem:
    """One thing to do in a week, who does it, and what it comes from."""

    text: str
    owner: str
    source: str
    """spine, readiness, stakeholders or adoption."""


@dataclass(frozen=True)
class PlanWeek:
    """One week of the plan."""

    week: int
    focus: str
    items: tuple[PlanItem, ...]
    past: bool = False
    """Before the live deal's current week: what was planned, kept for the record."""


def activation_plan(readiness: Score | None, stakeholders: StakeholderMap | None,
                    adoption: AdoptionLoop | None, owner: str, *, current: int = 1,
                    sus: bool = False) -> tuple[PlanWeek, ...]:
    """Twelve weeks of focus and actions for this deal.

    `current` is the live deal's week: the weeks before it are past, and what this deal
    still has open that was planned for them moves to the current week. `sus`: a SUS
    questionnaire exists, so the plan runs it in weeks 4 and 12.
    """
    weeks: dict[int, list[PlanItem]] = {w: [] for w in range(1, WEEKS + 1)}
    customer = owner or "Customer owner"
    for week, text in SPINE.items():
        weeks[week].append(PlanItem(text, customer, "spine"))
    for week, text in SUS_WEEKS.items() if sus else ():
        weeks[week].append(PlanItem(text, "Vendor", "spine"))
    for index, barrier in enumerate(readiness.barriers if readiness else ()):
        week = 1 if barrier.must_have else 2 + index % 2
        prefix = "Before go-live: " if barrier.must_have else ""
        weeks[week].append(PlanItem(prefix + barrier.action, "Seller", "readiness"))
    if stakeholders is not None:
        _stakeholder_items(stakeholders, weeks)
    if adoption is not None and adoption.latest is not None:
        week = min(WEEKS, adoption.latest.week + 1)
        for blocker in adoption.latest.blockers:
            weeks[week].append(PlanItem(
                f"{blocker.label} ({blocker.count} this week): {blocker.response}",
                BLOCKER_OWNERS.get(blocker.category, customer), "adoption"))
    now = min(max(1, current), WEEKS)
    for week in range(1, now):
        open_items = [i for i in weeks[week] if i.source != "spine"]
        weeks[week] = [i for i in weeks[week] if i.source == "spine"]
        weeks[now] += [PlanItem("Still open: " + i.text.removeprefix("Before go-live: "),
                                i.owner, i.source) for i in open_items]
    return tuple(PlanWeek(w, FOCUS[w], tuple(items), w < now) for w, items in weeks.items())


def _stakeholder_items(stakeholders: StakeholderMap, weeks: dict[int, list[PlanItem]]) -> None:
    for person in sorted(stakeholders.stakeholders, key=lambda s: -(s.risk or 0)):
        who = f"{person.name} ({person.group_label})"
        owner = person.owner or "Seller"
        if person.unmitigated:
            concern = f" about: {clause(person.resistance)}" if person.resistance else ""
            weeks[1].append(PlanItem(f"Meet {who}{concern}; agree a mitigation and its owner.",
                                     owner, "stakeholders"))
        elif person.quadrant == "critical_blocker":
            plan = person.mitigation or "agree what would win them over"
            weeks[1].append(PlanItem(f"Win over {who}: {_closed(plan)}", owner,
                                     "stakeholders"))
        elif person.quadrant == "address_concerns":
            concern = person.resistance or "what would make them resist"
            weeks[3].append(PlanItem(f"Address {who}'s concerns: {_closed(concern)}", owner,
                                     "stakeholders"))
        elif person.quadrant == "key_ally":
            weeks[5].append(PlanItem(f"Ask {who} to validate the output in front of the team.",
                                     owner, "stakeholders"))
    for group in stakeholders.missing_groups:
        label = next((c.label for c in stakeholders.coverage if c.group == group), group)
        weeks[1].append(PlanItem(f"Map the missing group before launch: {label}.", "Seller",
                                 "stakeholders"))
    for segment in stakeholders.adkar:
        if segment.barrier:
            tactic = ADKAR_TACTICS[segment.barrier]
            weeks[2].append(PlanItem(f"{segment.label}: stuck at {segment.barrier} — {tactic}.",
                                     "Customer owner", "stakeholders"))


def _closed(text: str) -> str:
    """A sentence from someone's words: one full stop at the end, never two."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def plan_lines(plan: Sequence[PlanWeek]) -> list[str]:
    """The plan as plain text lines (CLI and tests)."""
    lines = []
    past = [w.week for w in plan if w.past]
    if past:
        lines.append(f"Weeks {past[0]}–{past[-1]}: past" if len(past) > 1
                     else f"Week {past[0]}: past")
    for week in plan:
        if week.past:
            continue
        lines.append(f"Week {week.week}: {week.focus}")
        lines += [f"  - {item.text} [{item.owner}]" for item in week.items]
    return lines
