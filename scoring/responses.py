"""What scoring reads: one respondent's answers to one questionnaire."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

SELLER = "seller"
MIN_GROUP = 3
"""Fewest customer respondents whose answers a report may show together (a setting)."""

# Answer values, by question type: select_one, yes_no ('yes'/'no'), text, textarea,
# email and date (ISO 'YYYY-MM-DD') are str; select_multiple a tuple of str; rating,
# scale and integer int; decimal float; repeat a tuple of row mappings (id → answer).
Answer = object

EVIDENCE_GRADES: Mapping[int, str] = {
    0: "unknown",
    1: "seller's assumption",
    2: "customer confirmed",
    3: "documented",
}


@dataclass(frozen=True)
class Response:
    """One respondent's submitted answers to one questionnaire."""

    respondent: str
    """Stable id of the respondent; per-respondent results are keyed by it."""
    role: str
    """The audience the respondent answered as: seller, stakeholder or user."""
    answers: Mapping[str, Answer]
    """Question id → answer. A missing id, None, '' or () is unanswered."""
    evidence: Mapping[str, int] = field(default_factory=dict)
    """Question id → evidence grade 0–3 for questions with `evidence: true`."""
    name: str = ""
    segment: str = ""
    """A group to break results down by (a team, a region); never shown under 3 people."""
    week: int | None = None
    """For weekly pulses: whole weeks since go-live (week 1 is the first week)."""
    submitted_at: str = ""
    """ISO 8601 timestamp."""
    named: bool = False
    """Answered on a named link: shown with the name. Customer answers are confidential by
    default (shown only in totals over `min_group` people); a seller's always carry a name."""

    @property
    def customer(self) -> bool:
        """Whether a customer respondent gave it (anyone but the seller)."""
        return self.role != SELLER

    @property
    def attributed(self) -> bool:
        """Whether reports may show these answers with the respondent's name."""
        return self.named or not self.customer


def current(responses: Sequence[Response]) -> list[Response]:
    """Each respondent's latest answer (per week, for weekly pulses), in input order.

    A later submission by the same respondent replaces the earlier one: it stays in the
    store as history but is never counted twice. The latest is the greatest `submitted_at`;
    of equal times, the later in the input, as a resubmission would be. A response without
    a respondent id cannot be matched and stands alone.
    """
    latest: dict[object, int] = {}
    for index, response in enumerate(responses):
        key: object = ((response.respondent, response.role, response.week)
                       if response.respondent else index)
        held = latest.get(key)
        if held is None or response.submitted_at >= responses[held].submitted_at:
            latest[key] = index
    kept = set(latest.values())
    return [r for index, r in enumerate(responses) if index in kept]
