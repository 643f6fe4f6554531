"""Trace every number of a score back to the answers that produced it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from questionnaires.model import Question, Questionnaire, Scoring
from scoring.instruments import display_round
from scoring.questions import answer_score, evidence_factor
from scoring.responses import EVIDENCE_GRADES, Response
from scoring.results import Explanation

if TYPE_CHECKING:
    from scoring.aggregate import Combined, Seen


def _n(value: float | None) -> str:
    return "no score" if value is None else str(display_round(value))


def _answer_text(question: Question, answer: object) -> str:
    labels = {c.value: c.label.get() for c in question.choices}
    if isinstance(answer, tuple):
        return ", ".join(f"'{labels.get(str(a), a)}'" for a in answer)
    return f"'{labels.get(str(answer), answer)}'"


def _respondent(question: Question, response: Response, seen: Seen) -> Explanation:
    who = f"{response.name or response.respondent} ({response.role})"
    answer = response.answers.get(question.id)
    if not seen.relevant:
        return Explanation(who, "not asked", "the question was not relevant to their answers")
    if seen.score is None:
        return Explanation(who, "unanswered")
    base = answer_score(question, answer)
    rule = f"{_answer_text(question, answer)} scores {_n(base)}"
    if question.reverse:
        rule += " (reversed)"
    if question.evidence:
        grade = seen.grade
        name = EVIDENCE_GRADES.get(grade, "unknown") if grade is not None else "not given"
        rule += f" × evidence '{name}' ({display_round(evidence_factor(grade) * 3)}/3)"
    return Explanation(who, _n(seen.score), rule)


def explain_score(q: Questionnaire, responses: Sequence[Response],
                  views: Sequence[Mapping[str, Seen]], pooled: Mapping[str, Seen],
                  combined: Combined, confidence: float) -> Explanation:
    """The explanation tree of one questionnaire's score."""
    scoring = q.scoring or Scoring()
    policy = ("unanswered questions count 0" if scoring.missing == "zero"
              else "unanswered questions are left out")
    criteria = []
    for criterion, result in zip(scoring.criteria, combined.criteria, strict=True):
        questions = []
        for qid in result.questions:
            question = q.question(qid)
            parts = tuple(_respondent(question, r, v[qid])
                          for r, v in zip(responses, views, strict=True))
            count = sum(1 for v in views if v[qid].score is not None)
            answers = f"{count} answer{'s' if count != 1 else ''}"
            rule = f"weight {question.weight:g}; {answers}, each role weighing the same"
            value = _n(pooled[qid].score) if count else "unanswered"
            questions.append(Explanation(question.label.get(), value, rule, parts))
        gate = " — must-have" if criterion.must_have else ""
        verdict = "passes" if result.passed else "fails"
        criteria.append(Explanation(
            criterion.label.get(), _n(result.score),
            f"weight {criterion.weight:g}; weighted mean of its questions ({policy}); "
            f"{verdict} at {criterion.pass_at:g}{gate}", tuple(questions)))
    return Explanation(
        q.title.get(), _n(combined.score),
        f"weighted mean of the criteria with a score; coverage "
        f"{display_round(combined.coverage * 100)} %, confidence {display_round(confidence)}",
        tuple(criteria))
