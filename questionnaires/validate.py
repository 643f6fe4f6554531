"""Validate a whole submission against a definition, the same way for every source.

Web forms, static-form posts and imports all end here, so an answer accepted
in one place is accepted in all: unknown questions are refused, answers to
irrelevant questions dropped, each kept answer checked for its type, choices,
bounds and length, then required and constraint rules applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from questionnaires.answers import AnswerError, check_answer, holds, is_empty, relevant_answers
from questionnaires.model import Question, Questionnaire, Section


@dataclass(frozen=True)
class FieldError:
    """One problem with one answer."""

    question: str
    message: str


def sections_for(q: Questionnaire, audience: str) -> tuple[Section, ...]:
    """The sections a respondent of this audience sees."""
    return tuple(s for s in q.sections if not s.audience or audience in s.audience)


def questions_for(q: Questionnaire, audience: str) -> dict[str, Question]:
    """Top-level questions a respondent of this audience answers, by id."""
    return {x.id: x for s in sections_for(q, audience) for x in s.questions if x.answers or
            x.type == "repeat"}


def validate(q: Questionnaire, answers: Mapping[str, object], *, audience: str,
             evidence: Mapping[str, object] | None = None
             ) -> tuple[dict[str, object], dict[str, int], list[FieldError]]:
    """(clean answers, clean evidence grades, errors in questionnaire order)."""
    asked = questions_for(q, audience)
    errors: list[FieldError] = []
    typed: dict[str, object] = {}
    for key, value in answers.items():
        if key not in asked:
            errors.append(FieldError(key, f"'{key}' is not a question of {q.id} for a "
                                          f"{audience}"))
        elif not is_empty(value):
            try:
                typed[key] = check_answer(asked[key], value)
            except AnswerError as err:
                errors.append(FieldError(key, str(err).split(": ", 1)[1]))
    kept = relevant_answers(q, typed)
    shown = _shown(q, kept, asked)
    for question in asked.values():
        if question.id not in shown:
            continue
        value = kept.get(question.id)
        if question.required and is_empty(value) and not _has_error(errors, question.id):
            errors.append(FieldError(question.id, "An answer is required."))
        elif value is not None and not holds(question.constraint, kept, current=value):
            message = question.constraint_message.get() if question.constraint_message \
                else "This answer is not allowed here."
            errors.append(FieldError(question.id, message))
        if question.type == "repeat":
            errors += _rows(question, value if isinstance(value, tuple) else (), kept)
    grades = _grades(asked, kept, evidence or {}, errors)
    order = {qid: n for n, qid in enumerate(asked)}
    errors.sort(key=lambda e: order.get(e.question, len(order)))
    return kept, grades, errors


def _has_error(errors: list[FieldError], question: str) -> bool:
    return any(e.question == question for e in errors)


def _shown(q: Questionnaire, kept: Mapping[str, object], asked: Mapping[str, Question]
           ) -> set[str]:
    shown: set[str] = set()
    for section in q.sections:
        if holds(section.relevant, kept):
            shown.update(x.id for x in section.questions if x.id in asked
                         and holds(x.relevant, kept))
    return shown


def _rows(question: Question, rows: tuple[Mapping[str, object], ...],
          top: Mapping[str, object]) -> list[FieldError]:
    """Row rules: a row's own relevant and required, seen with the top-level answers."""
    errors = []
    if len(rows) < question.min_rows:
        errors.append(FieldError(question.id, f"At least {question.min_rows} row"
                                 f"{'s are' if question.min_rows > 1 else ' is'} needed."))
    for index, row in enumerate(rows):
        seen = {**top, **row}
        for child in question.questions:
            if not holds(child.relevant, seen):
                continue
            value = row.get(child.id)
            where = f"{question.id}-{index}-{child.id}"
            if child.required and is_empty(value):
                errors.append(FieldError(where, f"Row {index + 1}: an answer is required."))
            elif value is not None and not holds(child.constraint, seen, current=value):
                text = child.constraint_message.get() if child.constraint_message else \
                    "This answer is not allowed here."
                errors.append(FieldError(where, f"Row {index + 1}: {text}"))
    return errors


def _grades(asked: Mapping[str, Question], kept: Mapping[str, object],
            evidence: Mapping[str, object], errors: list[FieldError]) -> dict[str, int]:
    grades = {}
    for key, value in evidence.items():
        question = asked.get(key)
        if question is None or not question.evidence:
            errors.append(FieldError(key, f"'{key}' takes no evidence grade"))
            continue
        grade = int(value) if isinstance(value, str) and value.isdigit() else value
        if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 3:
            errors.append(FieldError(key, f"evidence grade must be 0–3, got {value!r}"))
        elif key in kept:
            grades[key] = grade
    return grades
