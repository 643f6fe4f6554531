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
    4: "Check first value against the proof metric and its baseline; run SUS with the first "
       "users.",
    5: "Have a manager accept the product's output as the source of truth, in front of the "
       "team.",
    6: "Managers stop accepting the old report or spreadsheet; confirm nobody still needs it.",
    8: "Expansion gate: expand only when first value is proven, health is healthy and not "
       "trending down, and the old workflow is losing power.",
    12: "Review against the success criteria agreed in the sale; run SUS again; decide on "
        "expansion or correction.",
}
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


def activation_plan(readiness: Score | None, stakeholders: StakeholderMap | None,
                    adoption: AdoptionLoop | None, owner: str) -> tuple[PlanWeek, ...]:
    """Twelve weeks of focus and actions for this deal."""
    weeks: dict[int, list[PlanItem]] = {w: [] for w in range(1, WEEKS + 1)}
    customer = owner or "Customer owner"
    for week, text in SPINE.items():
        weeks[week].append(PlanItem(text, customer, "spine"))
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
    return tuple(PlanWeek(w, FOCUS[w], tuple(items)) for w, items in weeks.items())


def _stakeholder_items(stakeholders: StakeholderMap, weeks: dict[int, list[PlanItem]]) -> None:
    for person in sorted(stakeholders.stakeholders, key=lambda s: -(s.risk or 0)):
        who = f"{person.name} ({person.group_label})"
        owner = person.owner or "Seller"
        if person.unmitigated:
            concern = f" about: {person.resistance}" if person.resistance else ""
            weeks[1].append(PlanItem(f"Meet {who}{concern}; agree a mitigation and its owner.",
                                     owner, "stakeholders"))
        elif person.quadrant == "critical_blocker":
            plan = person.mitigation or "agree what would win them over"
            weeks[1].append(PlanItem(f"Win over {who}: {plan}.", owner, "stakeholders"))
        elif person.quadrant == "address_concerns":
            concern = person.resistance or "what would make them resist"
            weeks[3].append(PlanItem(f"Address {who}'s concerns: {concern}.", owner,
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


def plan_lines(plan: Sequence[PlanWeek]) -> list[str]:
    """The plan as plain text lines (CLI and tests)."""
    lines = []
    for week in plan:
        lines.append(f"Week {week.week}: {week.focus}")
        lines += [f"  - {item.text} [{item.owner}]" for item in week.items]
    return lines
