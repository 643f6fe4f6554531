"""Trace every number of a score back to the answers that produced it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from questionnaires.answers import answer_text
from questionnaires.model import Question, Questionnaire, Scoring
from scoring.instruments import display_round
from scoring.questions import answer_score, evidence_factor
from scoring.responses import EVIDENCE_GRADES, Response
from scoring.results import Explanation

if TYPE_CHECKING:
    from scoring.aggregate import Combined, Seen


def _n(value: float | None) -> str:
    return "no score" if value is None else str(display_round(value))


def _respondent(question: Question, response: Response, seen: Seen) -> Explanation:
    who = f"{response.name or response.respondent} ({response.role})"
    if seen.answer is not None and not seen.relevant:
        return Explanation(who, "does not apply",
                           f"{_quoted(question, seen.answer)} drops out of the criterion")
    if not seen.relevant:
        return Explanation(who, "not asked", "the question was not relevant to their answers")
    if seen.score is None:
        return Explanation(who, "unanswered")
    return Explanation(who, _n(seen.score), _scored(question, seen))


def _quoted(question: Question, answer: object) -> str:
    return f"'{answer_text(question, answer)}'"


def _scored(question: Question, seen: Seen) -> str:
    answer, grade = seen.answer, seen.grade
    rule = f"{_quoted(question, answer)} scores {_n(seen.base)}"
    if seen.base != answer_score(question, answer):
        rule += " here (against the workflow's cadence)"
    if question.reverse:
        rule += " (reversed)"
    if question.evidence:
        name = EVIDENCE_GRADES.get(grade, "unknown") if grade is not None else "not given"
        rule += f" × evidence '{name}' ({display_round(evidence_factor(grade) * 3)}/3)"
    return rule


def _confidential(question: Question, answers: Sequence[object], min_group: int
                  ) -> Explanation:
    """Confidential answers as a tally, and only from `min_group` answers on."""
    count = len(answers)
    subject = f"{count} confidential {'answer' if count == 1 else 'answers'}"
    if count < min_group:
        return Explanation(subject, "", f"fewer than {min_group}: shown only in the totals")
    tally = Counter(answer_text(question, a) for a in answers)
    return Explanation(subject, "", ", ".join(f"'{text}' ×{n}" for text, n in
                                              sorted(tally.items(), key=lambda t: (-t[1], t[0]))))


def _question(question: Question, responses: Sequence[Response],
              views: Sequence[Mapping[str, Seen]], pooled: Seen, quotable: bool,
              min_group: int) -> Explanation:
    mine = [(r, v[question.id]) for r, v in zip(responses, views, strict=True)]
    parts = [_respondent(question, r, seen) for r, seen in mine if r.attributed]
    hidden = [seen.answer for r, seen in mine if not r.attributed and seen.answer is not None]
    if hidden:
        parts.append(_confidential(question, hidden, min_group))
    count = sum(1 for _, seen in mine if seen.score is not None)
    answers = f"{count} answer{'s' if count != 1 else ''}"
    if question.evidence and pooled.score is not None:
        whose = ("the customer side's answer: a fact about their own organisation"
                 if question.customer_fact and any(r.customer and seen.score is not None
                                                   for r, seen in mine)
                 else "the most cautious answer")
        # A lone confidential answer is not quoted, here as anywhere else.
        how = (_scored(question, pooled) if quotable else
               f"a confidential answer scoring {_n(pooled.base)} × evidence "
               f"'{EVIDENCE_GRADES.get(pooled.grade or 0, 'unknown')}'")
        rule = f"weight {question.weight:g}; {answers}; counts {whose}, {how}"
    else:
        rule = f"weight {question.weight:g}; {answers}, each role weighing the same"
    value = _n(pooled.score) if count else "unanswered"
    return Explanation(question.label.get(), value, rule, tuple(parts))


def explain_score(q: Questionnaire, responses: Sequence[Response],
                  views: Sequence[Mapping[str, Seen]], pooled: Mapping[str, Seen],
                  combined: Combined, confidence: float, quotable: Mapping[str, bool],
                  min_group: int) -> Explanation:
    """The explanation tree of one questionnaire's score; confidential answers as tallies
    (`quotable`: question id → whether its counted answer may be quoted)."""
    scoring = q.scoring or Scoring()
    policy = ("unanswered questions count 0" if scoring.missing == "zero"
              else "unanswered questions are left out")
    criteria = []
    for criterion, result in zip(scoring.criteria, combined.criteria, strict=True):
        questions = tuple(_question(q.question(qid), responses, views, pooled[qid],
                                    quotable[qid], min_group) for qid in result.questions)
        gate = " — must-have" if criterion.must_have else ""
        verdict = "passes" if result.passed else "fails"
        criteria.append(Explanation(
            criterion.label.get(), _n(result.score),
            f"weight {criterion.weight:g}; weighted mean of its questions ({policy}); "
            f"{verdict} at {criterion.pass_at:g}{gate}", questions))
    return Explanation(
        q.title.get(), _n(combined.score),
        f"weighted mean of the criteria with a score; coverage "
        f"{display_round(combined.coverage * 100)} %, confidence {display_round(confidence)}",
        tuple(criteria))
