"""One answer to one question → a score from 0 to 100, with evidence applied."""

from __future__ import annotations

from collections.abc import Callable

from questionnaires.model import Question

EVIDENCE_LEVELS = 3


def _choice(q: Question, answer: object) -> float | None:
    scores = {c.value: c.score for c in q.choices}
    return scores.get(str(answer))


def _choices(q: Question, answer: object) -> float | None:
    # A multiple-choice question is a checklist: each ticked item adds its score.
    scores = {c.value: c.score or 0.0 for c in q.choices}
    items = answer if isinstance(answer, tuple | list) else (answer,)
    return min(100.0, sum(scores.get(str(item), 0.0) for item in items))


def _yes_no(q: Question, answer: object) -> float | None:
    return 100.0 if answer == "yes" else 0.0


def _linear(low: int, high: Callable[[Question], int]) -> Callable[[Question, object], float]:
    def score(q: Question, answer: object) -> float:
        top = high(q)
        return (float(answer) - low) / (top - low) * 100  # type: ignore[arg-type]

    return score


def _stated(q: Question, answer: object) -> float | None:
    # A stated fact (a name, a number, a date) counts fully; evidence says how well.
    return 100.0


SCORERS: dict[str, Callable[[Question, object], float | None]] = {
    "select_one": _choice,
    "select_multiple": _choices,
    "yes_no": _yes_no,
    "rating": _linear(1, lambda q: q.points),
    "scale": _linear(0, lambda q: 10),
    "integer": _stated,
    "decimal": _stated,
    "text": _stated,
    "textarea": _stated,
    "date": _stated,
    "email": _stated,
}
REVERSIBLE = frozenset({"yes_no", "rating", "scale"})


def answer_score(question: Question, answer: object) -> float | None:
    """The answer's score before evidence, 0–100 (None when the question is not scorable)."""
    scorer = SCORERS.get(question.type)
    if scorer is None:
        return None
    score = scorer(question, answer)
    if score is not None and question.reverse and question.type in REVERSIBLE:
        score = 100.0 - score
    return score


def evidence_factor(grade: int | None) -> float:
    """A claim counts in proportion to its evidence: grade / 3 (unknown or missing → 0).

    0 unknown → 0, 1 seller's assumption → 1/3, 2 customer confirmed → 2/3,
    3 documented → 1. So "the team is excited" at full marks, asserted by the
    seller, scores 33 — a third of a documented named owner.
    """
    if grade is None:
        return 0.0
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 3:
        raise ValueError(f"evidence grade must be 0–3, got {grade!r}")
    return grade / EVIDENCE_LEVELS


def question_score(question: Question, answer: object, grade: int | None) -> float | None:
    """The score an answer earns: answer score × evidence factor for evidence questions."""
    score = answer_score(question, answer)
    if score is None or not question.evidence:
        return score
    return score * evidence_factor(grade)
