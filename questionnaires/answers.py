"""What a valid answer is for each question type, and which questions are relevant.

Forms, imports and scoring all go through these, so an answer is judged the
same way wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from questionnaires.expressions import Expression, evaluate, truthy
from questionnaires.model import Question, Questionnaire
from questionnaires.translation import N_

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Invisible control characters (all but tab and line breaks) have no place in an answer
# and make pages invalid HTML.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class AnswerError(ValueError):
    """An answer that does not fit its question; the message says what is allowed.

    `template` (marked with N_) and `values` let a web form say it in the respondent's
    language: `template % values` is the message.
    """

    def __init__(self, question: str, template: str, **values: object) -> None:
        self.question = question
        self.template = template
        self.values = values
        super().__init__(f"question '{question}': {template % values if values else template}")


def is_empty(value: object) -> bool:
    """Whether a value counts as unanswered (None, '', or an empty list)."""
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _choice(q: Question, value: object) -> str:
    allowed = [c.value for c in q.choices]
    if not isinstance(value, str) or value not in allowed:
        raise AnswerError(q.id, N_("%(value)s is not one of its choices (%(allowed)s)"),
                          value=repr(value), allowed=", ".join(allowed))
    return value


def _choices(q: Question, value: object) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise AnswerError(q.id, N_("expected a list of choices, got %(value)s"), value=repr(value))
    picked = tuple(_choice(q, item) for item in items)
    if len(set(picked)) != len(picked):
        raise AnswerError(q.id, N_("a choice is selected twice"))
    return picked


def _whole(q: Question, value: object, low: float | None, high: float | None) -> int:
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,15}", value.strip()):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(q.id, N_("expected a whole number, got %(value)s"), value=repr(value))
    _bounds(q, value, low, high)
    return value


def _bounds(q: Question, value: float, low: float | None, high: float | None) -> None:
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise AnswerError(q.id, N_("%(value)s is outside %(low)s to %(high)s"),
                              value=f"{value:g}", low=f"{low:g}", high=f"{high:g}")
        if low is not None:
            raise AnswerError(q.id, N_("%(value)s is outside at least %(low)s"),
                              value=f"{value:g}", low=f"{low:g}")
        raise AnswerError(q.id, N_("%(value)s is outside at most %(high)s"),
                          value=f"{value:g}", high=f"{high:g}")


def _decimal(q: Question, value: object) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise AnswerError(q.id, N_("expected a number, got %(value)s"),
                              value=repr(value)) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError(q.id, N_("expected a number, got %(value)s"), value=repr(value))
    _bounds(q, float(value), q.min, q.max)
    return float(value)


def _text(q: Question, value: object) -> str:
    if not isinstance(value, str):
        raise AnswerError(q.id, N_("expected text, got %(value)s"), value=repr(value))
    if CONTROL.search(value):
        raise AnswerError(q.id, N_("contains invisible control characters; remove them"))
    limit = q.length_limit
    if limit is not None and len(value) > limit:
        raise AnswerError(q.id, N_("is %(length)s characters long; at most %(limit)s fit"),
                          length=len(value), limit=limit)
    if q.type == "email" and not EMAIL.match(value):
        raise AnswerError(q.id, N_("%(value)s is not an e-mail address"), value=repr(value))
    return value


def _date(q: Question, value: object) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise AnswerError(q.id, N_("%(value)s is not a date like 2026-03-31"),
                          value=repr(value)) from None


def _yes_no(q: Question, value: object) -> str:
    if value not in ("yes", "no"):
        raise AnswerError(q.id, N_("expected 'yes' or 'no', got %(value)s"), value=repr(value))
    return str(value)


def check_row_count(q: Question, rows: int) -> None:
    """AnswerError when a repeat has more rows than its `max_rows`."""
    if rows > q.max_rows:
        raise AnswerError(q.id, N_("has %(rows)s rows; at most %(limit)s fit"), rows=rows,
                          limit=q.max_rows)


def _rows(q: Question, value: object) -> tuple[Mapping[str, Any], ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(r, Mapping) for r in value):
        raise AnswerError(q.id, N_("expected a list of rows"))
    check_row_count(q, len(value))
    known = {child.id: child for child in q.questions}
    rows = []
    for row in value:
        unknown = sorted(set(row) - set(known))
        if unknown:
            raise AnswerError(q.id, N_("a row has unknown fields: %(fields)s"),
                              fields=", ".join(unknown))
        rows.append({k: check_answer(known[k], v) for k, v in row.items() if not is_empty(v)})
    return tuple(rows)


_CHECKS: dict[str, Callable[[Question, object], object]] = {
    "select_one": _choice,
    "select_multiple": _choices,
    "yes_no": _yes_no,
    "rating": lambda q, v: _whole(q, v, 1, q.points),
    "scale": lambda q, v: _whole(q, v, 0, 10),
    "integer": lambda q, v: _whole(q, v, q.min, q.max),
    "decimal": _decimal,
    "text": _text,
    "textarea": _text,
    "email": _text,
    "date": _date,
    "repeat": _rows,
}


def check_answer(question: Question, value: object) -> object:
    """The answer in its normal form (see scoring.responses), or AnswerError."""
    if question.type == "note":
        raise AnswerError(question.id, N_("is a note and takes no answer"))
    return _CHECKS[question.type](question, value)


def expression_values(answers: Mapping[str, object]) -> dict[str, object]:
    """Answers as expressions see them: a repeat's value is its number of rows."""
    return {k: _expression_value(v) for k, v in answers.items()}


def _expression_value(value: object) -> object:
    return (len(value) if isinstance(value, tuple) and value and isinstance(value[0], Mapping)
            else value)


def holds(expr: Expression | None, answers: Mapping[str, object],
          current: object = None) -> bool:
    """Whether a `relevant` or `constraint` expression holds (absent means yes)."""
    return expr is None or truthy(evaluate(expr, expression_values(answers), current))


def relevant_answers(q: Questionnaire, answers: Mapping[str, object]) -> dict[str, object]:
    """Drop answers to questions that are not relevant, as a form would hide them.

    A hidden question counts as unanswered for the questions after it, so this
    runs to a fixed point (the loader refuses cycles, so it settles).
    """
    return relevant(q, answers)[0]


def relevant(q: Questionnaire, answers: Mapping[str, object]
             ) -> tuple[dict[str, object], set[str]]:
    """`relevant_answers` and the `relevant_ids` they leave shown, in one go."""
    current = {k: v for k, v in answers.items() if not is_empty(v)}
    # Each pass drops at least one answer or settles, so there are at most this many.
    for _ in range(len(q.top_questions) + 1):
        shown = relevant_ids(q, current)
        kept = {x.id: current[x.id] for x in q.top_questions
                if x.id in shown and x.id in current}
        if len(kept) == len(current):  # kept is a part of current: the same
            break
        current = kept
    return current, shown


_SHOWN: dict[tuple[int, tuple[object, ...]], tuple[Questionnaire, frozenset[str]]] = {}
_SHOWN_MAX = 4096


def relevant_ids(q: Questionnaire, answers: Mapping[str, object]) -> set[str]:
    """Ids of top-level questions shown for these answers.

    Only the answers the `relevant` expressions read decide it, so respondents who gave
    the same ones share one evaluation (many do: a few choices, many people)."""
    try:
        key = (id(q), tuple(typed_key(_expression_value(answers.get(name)))
                            for name in q.relevance_reads))
        found = _SHOWN.get(key)
    except TypeError:  # an answer that cannot be a key: evaluate every time
        return _relevant_ids(q, expression_values(answers))
    if found is None or found[0] is not q:
        if len(_SHOWN) >= _SHOWN_MAX:
            _SHOWN.clear()
        found = _SHOWN[key] = (q, frozenset(_relevant_ids(q, expression_values(answers))))
    return set(found[1])


def typed_key(value: object) -> object:
    """A key that tells apart what Python's == does not: True, 1 and 1.0."""
    if isinstance(value, tuple):
        return tuple(typed_key(v) for v in value)
    return type(value), value


def _relevant_ids(q: Questionnaire, values: Mapping[str, object]) -> set[str]:

    def holds_here(expr: Expression | None) -> bool:
        return expr is None or truthy(evaluate(expr, values))

    shown: set[str] = set()
    for section in q.sections:
        if holds_here(section.relevant):
            shown.update(x.id for x in section.questions if holds_here(x.relevant))
    return shown


# --------------------------------------------------------------------------- reading

def _label(q: Question, value: object) -> str:
    return next((c.label.get() for c in q.choices if c.value == value), str(value))


def _labels(q: Question, value: object) -> str:
    if not isinstance(value, tuple | list):
        return _label(q, value)
    return "; ".join(_label(q, item) for item in value)


def _as_stored(q: Question, value: object) -> str:
    # A whole decimal reads as the number it is: 12, not 12.0.
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


# Question type → how its answer reads; the others (numbers, text, dates) as stored.
_READ: dict[str, Callable[[Question, object], str]] = {
    "select_one": _label,
    "select_multiple": _labels,
    "yes_no": lambda q, v: {"yes": "Yes", "no": "No"}.get(str(v), str(v)),
    "rating": lambda q, v: f"{v} of {q.points}",
    "scale": lambda q, v: f"{v} of 10",
}


def answer_text(question: Question, value: object) -> str:
    """An answer as the respondent read it: labels, not stored values."""
    return _READ.get(question.type, _as_stored)(question, value)


def not_applicable(question: Question, value: object) -> bool:
    """Whether the answer says the question does not apply (a `not_applicable` choice)."""
    return any(c.not_applicable and c.value == value for c in question.choices)

