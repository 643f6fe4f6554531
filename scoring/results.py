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
class Disagreement:
    """Respondents far apart on one claim or criterion."""

    kind: str
    """`evidence` (grades two or more apart) or `criterion` (34 or more points apart)."""
    item: str
    label: str
    low: tuple[str, float]
    """(respondent, value) with the lowest value."""
    high: tuple[str, float]
    gap: float


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
    """The band, capped at the lowest band by a failed gate, or insufficient_data."""
    verdict_label: str
    coverage: float
    confidence: float
    confidence_label: str
    questions: tuple[QuestionResult, ...]
    criteria: tuple[CriterionResult, ...]
    failed_gates: tuple[str, ...]
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
