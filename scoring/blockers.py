"""Adoption blockers by type, each with the response it calls for.

"Adoption is slow" is not a diagnosis: a pulse names the blocker's category (the
`blockers` question) and says what happened (`blocker_<category>_detail`). Each
category needs a different response, so the registry below pairs them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["BLOCKERS", "BLOCKER_CATEGORIES", "NO_BLOCKER", "Blocker", "count_blockers"]

BLOCKERS = "blockers"
NO_BLOCKER = "none"

# category → (label, recommended response), in the order the report lists ties.
BLOCKER_CATEGORIES: Mapping[str, tuple[str, str]] = {
    "product_friction": (
        "Product friction",
        "Fix it, offer a workaround, or change the default; decide on the roadmap item.",
    ),
    "trust": (
        "Trust",
        "Bring evidence: show where the output comes from, make it auditable, "
        "have a manager validate it, or narrow the use case.",
    ),
    "workflow": (
        "Workflow",
        "The customer decides which old process changes, and by when.",
    ),
    "capacity": (
        "Capacity",
        "Adjust the timeline, reduce the scope, or secure a stronger owner.",
    ),
    "training": (
        "Training",
        "Role-specific reinforcement for the people stuck, not another generic webinar.",
    ),
    "commercial": (
        "Commercial",
        "Revisit the use case or the promise the product was sold on.",
    ),
}


@dataclass(frozen=True)
class Blocker:
    """One blocker category in one week: how many ticked it, what they said, what to do."""

    category: str
    label: str
    count: int
    details: tuple[str, ...]
    response: str


def detail_question(category: str) -> str:
    """The id of the question that asks what exactly happened for a category."""
    return f"blocker_{category}_detail"


def count_blockers(answers: Sequence[Mapping[str, object]]) -> tuple[Blocker, ...]:
    """Blockers ticked in these (cleaned) answers: most-ticked first, ties in registry order."""
    counts = dict.fromkeys(BLOCKER_CATEGORIES, 0)
    details: dict[str, list[str]] = {category: [] for category in BLOCKER_CATEGORIES}
    for answer in answers:
        ticked = answer.get(BLOCKERS)
        picked = (ticked,) if isinstance(ticked, str) else ticked
        if not isinstance(picked, tuple | list):
            continue
        # A value outside the registry (including "none") is not a blocker to act on.
        for category in dict.fromkeys(v for v in picked if v in BLOCKER_CATEGORIES):
            counts[category] += 1
            text = answer.get(detail_question(category))
            if isinstance(text, str) and text.strip():
                details[category].append(text.strip())
    order = {category: index for index, category in enumerate(BLOCKER_CATEGORIES)}
    found = sorted((c for c, n in counts.items() if n), key=lambda c: (-counts[c], order[c]))
    return tuple(
        Blocker(c, BLOCKER_CATEGORIES[c][0], counts[c], tuple(details[c]),
                BLOCKER_CATEGORIES[c][1])
        for c in found
    )
