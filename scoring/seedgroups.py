"""The seed's four stakeholder groups: who covers them, and whether their two questions are
answered.

"Map the stakeholder landscape. Who will use the product daily. Who will manage it. Who
approved the purchase. Who did not want it. For each group ask two questions. What does
success look like for them specifically. What would make them resist adoption." A group
is covered by map rows or by its people's own answers; "did not want it" is asked apart
from the role, so a manager who did not want it covers both groups.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SEED_GROUPS: tuple[str, ...] = ("daily_user", "manager", "approver", "did_not_want")
DID_NOT_WANT, NOT_WANTED = "did_not_want", "no"
DID_NOT_WANT_LABEL = "Did not want it"
MISSING_GROUP_FINDINGS: Mapping[str, str] = {
    "daily_user": "No one mapped who will use it daily: ask which team does the work each day.",
    "manager": "No one mapped who will manage it: ask who runs the team that will use it.",
    "approver": "No one mapped who approved it: ask who signed off the purchase, and why.",
    "did_not_want": ("No one mapped who did not want it: ask the sponsor who argued against "
                     "the purchase."),
}
GROUP_PHRASES: Mapping[str, str] = {
    "daily_user": "the daily users", "manager": "the managers",
    "approver": "whoever approved the purchase", "did_not_want": "those who did not want it",
}


@dataclass(frozen=True)
class Member:
    """Someone on the map or answering for themselves, as group coverage reads them."""

    group: str | None
    did_not_want: bool
    success: bool
    """What success looks like for them is answered."""
    resistance: bool
    """What would make them resist is answered."""


@dataclass(frozen=True)
class GroupCoverage:
    """Whether a seed group is mapped, by map rows or by its own respondents, and whether
    what success looks like for it and what would make it resist are answered."""

    group: str
    label: str
    covered: bool
    count: int
    rows: int
    respondents: int
    success: bool = False
    resistance: bool = False

    @property
    def complete(self) -> bool:
        """Mapped, with both seed questions answered for someone in it."""
        return self.covered and self.success and self.resistance


def seed_coverage(rows: Sequence[Member], selves: Sequence[Member], labels: Mapping[str, str]
                  ) -> tuple[GroupCoverage, ...]:
    """Each seed group: who is in it, and whether its two seed questions are answered."""
    found = []
    for group in SEED_GROUPS:
        def within(m: Member, group: str = group) -> bool:
            return m.did_not_want if group == DID_NOT_WANT else m.group == group

        mine, own = [m for m in rows if within(m)], [m for m in selves if within(m)]
        found.append(GroupCoverage(
            group, labels.get(group, DID_NOT_WANT_LABEL), bool(mine or own),
            len(mine) + len(own), rows=len(mine), respondents=len(own),
            success=any(m.success for m in (*mine, *own)),
            resistance=any(m.resistance for m in (*mine, *own))))
    return tuple(found)


def incomplete(group: GroupCoverage) -> str:
    """The finding for a covered group without its two seed answers."""
    asked = [q for done, q in ((group.success, "what success looks like"),
                               (group.resistance, "what would make them resist")) if not done]
    return (f"The map is incomplete for {GROUP_PHRASES[group.group]}: nobody has said "
            f"{' or '.join(asked)} — ask them.")
