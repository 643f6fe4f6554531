"""What scoring one questionnaire returns: frozen dataclasses, nothing derived is stored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

INSUFFICIENT = "insufficient_data"


@dataclass(frozen=True)
class Explanation:
    """One number, the rule that produced it, and the numbers it came from."""

    subject: str
    value: str
    rule: str = ""
    parts: tuple[Explanation, ...] = ()

    def lines(self, depth: int = 0) -> list[str]:
        """The tree as indented text lines."""
        rule = f" — {self.rule}" if self.rule else ""
        value = f": {self.value}" if self.value else ""
        own = [f"{'  ' * depth}{self.subject}{value}{rule}"]
        return own + [line for part in self.parts for line in part.lines(depth + 1)]


@dataclass(frozen=True)
class Action:
    """A next step, where it comes from, and why."""

    text: str
    source: str
    reason: str
    owner: str = ""
    """Who carries it out, when the answers name them (a mitigation's owner); else the
    deal's owner drives it."""


@dataclass(frozen=True)
class QuestionResult:
    """A scored question, aggregated over respondents."""

    id: str
    criterion: str
    weight: float
    share: float
    """The question's share of the whole score (0–1) when it is relevant."""
    score: float | None
    relevant: bool
    answered: int
    """How many respondents answered it."""
    counted: object = None
    """For a claim: the answer value that counts (None when none does)."""
    counted_shown: bool = True
    """Whether a report may quote that answer: someone it may name gave it, or enough
    confidential respondents answered to show a tally."""


@dataclass(frozen=True)
class CriterionResult:
    """A criterion: the weighted mean of its questions."""

    id: str
    label: str
    weight: float
    must_have: bool
    pass_at: float
    action: str
    score: float | None
    passed: bool
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Barrier:
    """A criterion below its pass mark, with what to do about it."""

    criterion: str
    label: str
    score: float | None
    pass_at: float
    must_have: bool
    action: str


@dataclass(frozen=True)
class Answer:
    """One respondent's answer to one question, as it reads."""

    respondent: str
    role: str
    name: str
    attributed: bool
    """Whether a report may show it with the name (the seller's, or a named link's)."""
    customer: bool
    text: str


@dataclass(frozen=True)
class Disagreement:
    """Respondents whose answers to one question contradict each other (scoring.claims)."""

    item: str
    """The question id."""
    label: str
    criterion: str
    criterion_label: str
    """The criterion's label when the question is its only one; else empty."""
    must_have: bool
    between: str
    """`seller and customer`, `customer respondents`, `sellers` or `roles`."""
    reason: str
    """How far apart: "2 steps apart on the choice list", "yes against no" …"""
    low: Answer
    """The more cautious of the two answers furthest apart."""
    high: Answer
    answers: tuple[Answer, ...]
    """Everyone's answer to the question."""
    counted: str
    """For a claim: the answer that counts."""
    caps_at: str = ""
    """Seller and customer on a must-have: the band label the verdict is capped at (the
    second band, Conditional by default); empty when it caps nothing."""

    @property
    def caps(self) -> bool:
        """Whether it caps the verdict."""
        return bool(self.caps_at)


@dataclass(frozen=True)
class RespondentResult:
    """One respondent's own score."""

    respondent: str
    role: str
    name: str
    score: float | None
    coverage: float
    verdict: str
    criteria: Mapping[str, float | None]
    attributed: bool = True
    """Whether a report may show it under the respondent's name."""


@dataclass(frozen=True)
class InstrumentResult:
    """A standard instrument over all respondents."""

    name: str
    label: str
    value: float | None
    n: int
    detail: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    """Everything a deal review reads about one questionnaire's responses."""

    questionnaire: str
    respondents: int
    score: float | None
    band: str | None
    """The band of the score alone, before gates and coverage."""
    verdict: str
    """The band, capped at the lowest band by a failed gate and below the top band by a
    seller/customer disagreement on a must-have, or insufficient_data."""
    verdict_label: str
    coverage: float
    confidence: float
    confidence_label: str
    questions: tuple[QuestionResult, ...]
    criteria: tuple[CriterionResult, ...]
    failed_gates: tuple[str, ...]
    capped_by: tuple[str, ...]
    """Questions of must-have criteria on which seller and customer disagree: each caps the
    verdict below the top band."""
    barriers: tuple[Barrier, ...]
    by_respondent: tuple[RespondentResult, ...]
    disagreements: tuple[Disagreement, ...]
    instruments: tuple[InstrumentResult, ...]
    explain: Explanation

    def criterion(self, criterion_id: str) -> CriterionResult:
        """The result of one criterion (KeyError if none)."""
        for result in self.criteria:
            if result.id == criterion_id:
                return result
        raise KeyError(criterion_id)
