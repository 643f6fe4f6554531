"""What scoring reads: one respondent's answers to one questionnaire."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
