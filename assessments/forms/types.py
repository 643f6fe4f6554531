"""Every question type in one registry: its web form field, its scorer, how it prints.

One row per type of the definition format (`questionnaires.model.QUESTION_TYPES`); a test
checks that every type has its row and that every row names a field factory, a scorer and
a macro of `templates/print_types.html` that exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from wtforms import Form
from wtforms.fields import (
    DateField,
    EmailField,
    FloatField,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)

from assessments.forms.fields import (
    SELECT_AFTER,
    Context,
    FieldFactory,
    Meta,
    MultiCheckboxField,
    RowList,
    clean_text,
    common,
    option,
    text_of,
)
from assessments.words import lazy_gettext
from questionnaires.model import Question
from questionnaires.translation import N_
from scoring.questions import SCORERS

Scorer = Callable[[Question, object], float | None]


@dataclass(frozen=True)
class QuestionType:
    """Everything about one question type."""

    field: FieldFactory
    """The unbound WTForms field for a question of this type (None for a note)."""
    scorer: Scorer | None
    """Its answer's score before evidence (`scoring.questions.SCORERS`); None: a note or a
    repeat, which hold no answer of their own."""
    printed: str | None
    """The macro of templates/print_types.html that prints it on a blank form; None: the
    blank form lays it out itself (a note's text, a repeat's rows)."""


def _select_one(q: Question, ctx: Context) -> Any:
    choices = [option(c.value, text_of(c.label, ctx.language)) for c in q.choices]
    if len(choices) > SELECT_AFTER:
        return SelectField(choices=[option("", lazy_gettext(N_("Choose an answer"))), *choices],
                           **common(q, ctx))
    return RadioField(choices=choices, **common(q, ctx))


def _select_multiple(q: Question, ctx: Context) -> Any:
    choices = [option(c.value, text_of(c.label, ctx.language)) for c in q.choices]
    return MultiCheckboxField(choices=choices, **common(q, ctx))


def _yes_no(q: Question, ctx: Context) -> Any:
    return RadioField(choices=[option("yes", lazy_gettext(N_("Yes"))),
                               option("no", lazy_gettext(N_("No")))], **common(q, ctx))


def _points(low: int, high: Callable[[Question], int]) -> FieldFactory:
    def factory(q: Question, ctx: Context) -> Any:
        top = high(q)
        anchors = {low: text_of(q.low_label, ctx.language),
                   top: text_of(q.high_label, ctx.language)}
        choices = [option(i, f"{i} – {anchors[i]}" if anchors.get(i) else str(i))
                   for i in range(low, top + 1)]
        # data-number tells relevance.js to read the checked value as a number, as the
        # server does.
        return RadioField(choices=choices, coerce=int, render_kw={"data-number": True},
                          **common(q, ctx))
    return factory


def _plain(cls: Any, *, cleaned: bool = False) -> FieldFactory:
    def factory(q: Question, ctx: Context) -> Any:
        return cls(filters=[clean_text], **common(q, ctx)) if cleaned else cls(**common(q, ctx))
    return factory


def _repeat(q: Question, ctx: Context) -> Any:
    row = replace(ctx, always_shown=False)  # a blank extra row must not block submitting
    return RowList(FormField(row_form(q, row)), min_entries=max(1, q.min_rows),
                   max_entries=q.max_rows, label=text_of(q.label, ctx.language),
                   description=text_of(q.hint, ctx.language))


TYPES: Mapping[str, QuestionType] = {
    "select_one": QuestionType(_select_one, SCORERS["select_one"], "tick_one"),
    "select_multiple": QuestionType(_select_multiple, SCORERS["select_multiple"], "tick_any"),
    "yes_no": QuestionType(_yes_no, SCORERS["yes_no"], "yes_no"),
    "rating": QuestionType(_points(1, lambda q: q.points), SCORERS["rating"], "points"),
    "scale": QuestionType(_points(0, lambda q: 10), SCORERS["scale"], "points"),
    "integer": QuestionType(_plain(IntegerField), SCORERS["integer"], "number"),
    "decimal": QuestionType(_plain(FloatField), SCORERS["decimal"], "number"),
    "text": QuestionType(_plain(StringField, cleaned=True), SCORERS["text"], "line"),
    "textarea": QuestionType(_plain(TextAreaField, cleaned=True), SCORERS["textarea"],
                             "lines"),
    "date": QuestionType(_plain(DateField), SCORERS["date"], "date"),
    "email": QuestionType(_plain(EmailField, cleaned=True), SCORERS["email"], "email"),
    "repeat": QuestionType(_repeat, None, None),
    "note": QuestionType(lambda q, ctx: None, None, None),
}


def make_field(question: Question, ctx: Context) -> Any:
    """The unbound field for a question, or None for a note."""
    return TYPES[question.type].field(question, ctx)


def row_form(q: Question, ctx: Context) -> type[Form]:
    """A plain form class for one row of a repeat (plain: rows carry no CSRF token of their own)."""
    fields: dict[str, Any] = {child.id: make_field(child, ctx) for child in q.questions}
    fields["Meta"] = Meta  # question ids start with a small letter: no clash
    return type(f"{q.id}_row", (Form,), {k: v for k, v in fields.items() if v is not None})


PRINTED: Mapping[str, str] = {name: row.printed for name, row in TYPES.items() if row.printed}
"""Question type → the macro that prints its answer space on a blank form."""
