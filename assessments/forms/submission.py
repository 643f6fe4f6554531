"""Turn a bound questionnaire form into a Submission: relevant answers, evidence, errors.

Relevance comes first, so a hidden required question never blocks a submission; every
kept answer then goes through `questionnaires.answers.check_answer` and its `constraint`,
exactly as imports and scoring judge answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from wtforms import Form

from assessments.forms.fields import grade_of, text_of
from assessments.words import gettext, ngettext
from questionnaires.answers import (
    AnswerError,
    check_answer,
    check_row_count,
    holds,
    is_empty,
    relevant_answers,
    relevant_ids,
)
from questionnaires.model import Question, Questionnaire
from questionnaires.translation import N_

if TYPE_CHECKING:  # classes.py imports this module at run time
    from assessments.forms.classes import ItemView

CONSTRAINT_MESSAGE = N_("This answer is not accepted here; check it and try again.")
EXPIRED_MESSAGE = N_("The form expired or did not come from this site; send it again.")


class FieldError(NamedTuple):
    """One problem for the error summary: where (an element id), what, and why."""

    field_id: str
    label: str
    message: str


@dataclass(frozen=True)
class Submission:
    """A validated post: relevant answers in their normal shapes, evidence grades, errors."""

    answers: dict[str, object]
    evidence: dict[str, int]
    errors: tuple[FieldError, ...]

    @property
    def valid(self) -> bool:
        """Whether the answers can be stored."""
        return not self.errors


def _raw(field: Any) -> object:
    """The field's value as check_answer takes it; None when it could not be read."""
    if field.process_errors:
        return None
    data = field.data
    return data.isoformat() if isinstance(data, dt.date) else data


def _blank(field: Any) -> bool:
    return all(isinstance(v, str) and not v.strip() for v in field.raw_data or [])


def _message(err: AnswerError) -> str:
    """The answer check's message as a sentence, in the page's language."""
    text = gettext(err.template, **err.values)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _plain(value: object) -> object:
    """Stored shapes: lists rather than tuples, rows as dicts."""
    if isinstance(value, tuple):
        return [{k: _plain(v) for k, v in x.items()} if isinstance(x, Mapping) else x
                for x in value]
    return value


class _Checker:
    """Validates one bound form; collects errors in form order and sets them on the fields."""

    def __init__(self, form: Any) -> None:
        self.form = form
        self.q: Questionnaire = form._questionnaire
        self.language: str | None = form._language
        self.items = [i for part in form._layout for i in part.items if i.type != "note"]
        self.problems: dict[str, str] = {}  # check_answer failures by field name
        self.errors: list[FieldError] = []

    def value(self, question: Question, field: Any) -> object:
        """The answer in its normal form, None when empty or invalid (noted in problems)."""
        raw = _raw(field)
        if is_empty(raw):
            return None
        try:
            return check_answer(question, raw)
        except AnswerError as err:
            self.problems[field.name] = _message(err)
            return None

    def row(self, item: ItemView, entry: Any, top: Mapping[str, object]
            ) -> tuple[dict[str, object], set[str]]:
        """A row's relevant answers and the ids of its shown questions (row + top answers)."""
        children = {c.id: self.q.question(c.id) for c in item.children}
        values = {k: self.value(c, entry.form[k]) for k, c in children.items()}
        kept = {k: v for k, v in values.items() if not is_empty(v)}
        for _ in range(len(children) + 1):  # hidden cells count as unanswered, as at top level
            scope = {**top, **kept}
            settled = {k: v for k, v in kept.items() if holds(children[k].relevant, scope)}
            if settled == kept:
                break
            kept = settled
        scope = {**top, **kept}
        return kept, {k for k, c in children.items() if holds(c.relevant, scope)}

    def answers(self) -> dict[str, object]:
        """Relevant answers; a repeat counts its rows, so settle repeats and relevance together."""
        context = {i.id: self.value(self.q.question(i.id), self.form[i.id])
                   for i in self.items if i.type != "repeat"}
        context = {k: v for k, v in context.items() if v is not None}
        kept = relevant_answers(self.q, context)
        repeats = [i for i in self.items if i.type == "repeat"]
        for _ in range(len(self.q.all_questions()) + 1):
            rows = {i.id: tuple(r for r in (self.row(i, e, kept)[0] for e in self.form[i.id]) if r)
                    for i in repeats}
            updated = {k: v for k, v in context.items() if k not in rows}
            updated.update((k, v) for k, v in rows.items() if v)
            if updated == context:
                break
            context, kept = updated, relevant_answers(self.q, updated)
        return kept

    def report(self, field: Any, label: str, messages: list[str]) -> None:
        field.errors = messages
        self.errors.extend(FieldError(field.id, label, m) for m in messages)

    def judge(self, question: Question, field: Any, label: str,
              scope: Mapping[str, object], value: object) -> bool:
        """Report the field's errors: WTForms', then check_answer's, then the constraint."""
        messages = [m for m in field.errors if isinstance(m, str)]
        if not messages and field.name in self.problems:
            messages = [self.problems[field.name]]
        if not messages and not is_empty(value) and not holds(question.constraint, scope, value):
            custom = question.constraint_message
            messages = [text_of(custom, self.language) if custom else gettext(CONSTRAINT_MESSAGE)]
        self.report(field, label, messages)
        return not messages

    def repeat(self, item: ItemView, question: Question, field: Any,
               kept: Mapping[str, object]) -> tuple[object, ...] | None:
        """Check every non-blank row; the rows to store, or None when any has errors."""
        field.errors = []
        own = len(self.errors)
        rows, filled = [], 0
        for position, entry in enumerate(field, start=1):
            values, shown = self.row(item, entry, kept)
            cells = [(c, entry.form[c.id]) for c in item.children]
            blank, before = all(_blank(f) for _, f in cells), len(self.errors)
            for child, cell in cells:
                if blank or child.id not in shown:
                    cell.errors = []
                    continue
                label = gettext("Row %(number)s: %(label)s", number=position, label=child.label)
                self.judge(self.q.question(child.id), cell, label, {**kept, **values},
                           values.get(child.id))
            if values:
                rows.append(values)
            filled += bool(values) or len(self.errors) > before
        messages = []
        # A filled-in row with a mistake already has its own error; count it as a row.
        if filled < question.min_rows:
            messages.append(ngettext("Fill in at least one row.", "Fill in at least %(num)d rows.",
                                     question.min_rows))
        try:
            # Rows posted past max_rows were never bound: count them, as an import does.
            check_row_count(question, getattr(field, "posted_rows", 0))
            check_answer(question, tuple(rows))
        except AnswerError as err:
            messages.append(_message(err))
        # Rows come after their repeat in the summary, as they do on the page.
        self.errors[own:own] = [FieldError(field.id, item.label, m) for m in messages]
        field.errors = messages
        return tuple(rows) if len(self.errors) == own else None

    def run(self) -> Submission:
        self.form.validate()
        kept = self.answers()
        shown = relevant_ids(self.q, kept)
        answers: dict[str, object] = {}
        evidence: dict[str, int] = {}
        for item in self.items:
            question, field = self.q.question(item.id), self.form[item.id]
            grade = self.form[item.evidence] if item.evidence else None
            if item.id not in shown:
                for hidden in _descendants(field) + ([grade] if grade else []):
                    hidden.errors = []
                continue
            if item.type == "repeat":
                rows = self.repeat(item, question, field, kept)
                if rows:
                    answers[item.id] = _plain(rows)
                continue
            value = kept.get(item.id)
            ok = self.judge(question, field, item.label, kept, value)
            if grade is not None:
                label = gettext("Evidence for this answer: %(question)s", question=item.label)
                ok = self.judge(question, grade, label, {}, None) and ok
            if ok and value is not None:
                answers[item.id] = _plain(value)
                if grade is not None:
                    evidence[item.id] = grade_of(grade)
        self.others()
        return Submission(answers, evidence, tuple(self.errors))

    def others(self) -> None:
        """Errors of fields that are not questions (the CSRF token) lead the summary."""
        names = {i.id for i in self.items} | {i.evidence for i in self.items if i.evidence}
        extra = [f for f in self.form if f.name not in names and f.errors]
        self.errors[:0] = [FieldError("", "", gettext(EXPIRED_MESSAGE) if f.name == "csrf_token"
                                      else m)
                           for f in extra for m in f.errors]


def _descendants(field: Any) -> list[Any]:
    if hasattr(field, "entries"):
        return [field] + [cell for entry in field for cell in entry.form]
    return [field]


def validate_form(form: Form) -> Submission:
    """Validate a bound form: drop irrelevant answers, then apply the definition's checks."""
    return _Checker(form).run()
