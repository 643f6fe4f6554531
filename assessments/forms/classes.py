"""Web forms built from questionnaire definitions: build them, and add or remove rows.

One form class per (questionnaire, digest, audience, language, base), built once. Field
names are question ids, so posted data, static forms and CSV columns line up. Validation
lives in `assessments.forms.submission` and is re-exported here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import Form

from assessments.forms.fields import EVIDENCE_SUFFIX, Context, Meta, evidence_field, text_of
from assessments.forms.submission import FieldError, Submission, validate_form
from assessments.forms.types import make_field
from questionnaires.expressions import Expression, as_data
from questionnaires.model import Question, Questionnaire
from scoring.claims import DOCUMENTED
from scoring.responses import SELLER

__all__ = ["FieldError", "ItemView", "SectionView", "Submission", "apply_row_action",
           "form_class", "initial_data", "is_row_action", "row_round_trip", "validate_form"]

# Names the page itself posts: the row buttons and Flask-WTF's token.
RESERVED_NAMES = frozenset({"action", "csrf_token"})


@dataclass(frozen=True)
class ItemView:
    """A question as the template shows it, with its texts in the form's language."""

    id: str
    type: str
    label: str
    hint: str = ""
    relevant: str = ""
    """JSON of the `relevant` tree for relevance.js, '' when always shown."""
    evidence: str = ""
    """Name of the paired evidence select, '' when none."""
    children: tuple[ItemView, ...] = ()


@dataclass(frozen=True)
class SectionView:
    """A section as one fieldset: 'Section n of m: title'."""

    id: str
    number: int
    total: int
    title: str
    description: str
    relevant: str
    items: tuple[ItemView, ...]


_CACHE: dict[tuple[object, ...], type[Form]] = {}
_LOCK = threading.Lock()


def form_class(q: Questionnaire, *, audience: str, language: str | None = None,
               base: type = FlaskForm, omit: frozenset[str] = frozenset()) -> type[Form]:
    """The form class for this questionnaire, audience and language, built once and reused.

    `omit` leaves questions out (an instrument not due this week).
    """
    if audience not in q.audience:
        raise ValueError(f"questionnaire '{q.id}' is for {', '.join(q.audience)}, "
                         f"not for '{audience}'")
    # Without a digest (a questionnaire built in code) the object itself is the version.
    key = (q.id, q.digest or id(q), audience, language, base, omit)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = _build(q, audience, language, base, omit)
        return _CACHE[key]


# In a single-quoted attribute only & < > ' need escaping; JSON's own \u escapes do that
# and keep the value valid JSON, where HTML escaping would turn every " into &#34;.
_ATTRIBUTE_SAFE = str.maketrans({"&": "\\u0026", "<": "\\u003c", ">": "\\u003e",
                                 "'": "\\u0027"})


def _relevant_json(expr: Expression | None) -> Markup:
    """The expression tree as JSON, safe inside a single-quoted HTML attribute."""
    if expr is None:
        return Markup("")
    text = json.dumps(as_data(expr), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_ATTRIBUTE_SAFE))


def _check_names(questions: list[Question] | tuple[Question, ...], base: type,
                 reserved: frozenset[str] = RESERVED_NAMES) -> None:
    """Refuse ids that would shadow the form's own attributes or the page's posted names."""
    ids = {x.id for x in questions}
    for question in questions:
        names = [question.id] + ([question.id + EVIDENCE_SUFFIX] if question.evidence else [])
        for name in names:
            if (name in reserved or hasattr(base, name) or hasattr(base, "validate_" + name)
                    or (name != question.id and name in ids)):
                raise ValueError(f"question '{question.id}' of a web form cannot use the name "
                                 f"'{name}': the form needs it; rename the question")


def _item(question: Question, language: str | None) -> ItemView:
    evidence = question.id + EVIDENCE_SUFFIX if question.evidence and question.answers else ""
    children = tuple(_item(child, language) for child in question.questions)
    return ItemView(question.id, question.type, text_of(question.label, language),
                    text_of(question.hint, language), _relevant_json(question.relevant),
                    evidence, children)


def _build(q: Questionnaire, audience: str, language: str | None, base: type,
           omit: frozenset[str]) -> type[Form]:
    sections = [s for s in q.sections if not s.audience or audience in s.audience]
    if omit:
        sections = [replace(s, questions=tuple(x for x in s.questions if x.id not in omit))
                    for s in sections]
        sections = [s for s in sections if s.questions]
    attrs: dict[str, Any] = {}
    views = []
    _check_names([x for s in sections for x in s.questions], base)
    for number, section in enumerate(sections, start=1):
        for question in section.questions:
            _check_names(question.questions, Form, frozenset())  # row names carry a prefix
            shown = section.relevant is None and question.relevant is None
            field = make_field(question, Context(language, shown))
            if field is not None:
                attrs[question.id] = field
            if question.evidence and question.answers:
                attrs[question.id + EVIDENCE_SUFFIX] = evidence_field(audience)
        items = tuple(_item(x, language) for x in section.questions)
        views.append(SectionView(section.id, number, len(sections),
                                 text_of(section.title, language),
                                 text_of(section.description, language),
                                 _relevant_json(section.relevant), items))
    # Underscored and capitalised names cannot clash with question ids, which start with a
    # small letter. Meta: WTForms' own messages in the page's language.
    attrs.update(_questionnaire=q, _layout=tuple(views), _audience=audience, _language=language,
                 Meta=Meta)
    name = "".join(part.title() for part in re.split(r"[^a-z0-9]+", q.id)) + "Form"
    return type(name, (base,), attrs)


def initial_data(q: Questionnaire, answers: Mapping[str, object],
                 evidence: Mapping[str, int] | None = None) -> dict[str, object]:
    """Stored answers and grades as `data=` for a form opened again (pass it on GET only).

    On a POST the posted data must win: an unchecked radio posts nothing, and WTForms would
    keep the stored answer in its place.
    """
    questions = {x.id: x for x in q.all_questions()}
    data = {key: _field_value(questions[key], value) for key, value in answers.items()
            if key in questions}
    data.update((key + EVIDENCE_SUFFIX, grade) for key, grade in (evidence or {}).items())
    return data


def _field_value(question: Question, value: object) -> object:
    if question.type == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    if question.type == "repeat" and isinstance(value, list | tuple):
        rows = [row for row in value if isinstance(row, Mapping)][: question.max_rows]
        return [{c.id: _field_value(c, row[c.id]) for c in question.questions if c.id in row}
                for row in rows]
    return value


# ---------------------------------------------------------------------------------------------
# Rows without JavaScript: buttons post action=add:<repeat> or action=remove:<repeat>:<index>.

ACTION = re.compile(r"(add):([a-z][a-z0-9_]*)|(remove):([a-z][a-z0-9_]*):([0-9]{1,4})", re.ASCII)


def is_row_action(formdata: Mapping[str, Any]) -> bool:
    """Whether the post came from an add-row or remove-row button rather than from submit."""
    value = formdata.get("action")
    return isinstance(value, str) and value.startswith(("add:", "remove:"))


def apply_row_action(form_cls: type[Form], formdata: Any) -> MultiDict[str, Any]:
    """The posted data with its row added or removed, rows renumbered 0…n-1.

    An unknown repeat or row leaves the data as it was; adding stops at `max_rows`.
    """
    data: MultiDict[str, Any] = MultiDict(list(_pairs(formdata)))
    data.poplist("action")
    match = ACTION.fullmatch(str(formdata.get("action", "")))
    name = (match.group(2) or match.group(4)) if match else ""
    layout = [i for part in form_cls._layout for i in part.items]  # type: ignore[attr-defined]
    if not match or name not in {i.id for i in layout if i.type == "repeat"}:
        return data
    question: Question = form_cls._questionnaire.question(name)  # type: ignore[attr-defined]
    pattern = re.compile(rf"{re.escape(name)}-([0-9]{{1,6}})(?:-(.*))?", re.ASCII | re.DOTALL)
    rows: dict[int, list[tuple[str, list[Any]]]] = {}
    kept: MultiDict[str, Any] = MultiDict()
    for key, values in data.lists():
        found = pattern.fullmatch(key)
        if found:
            rows.setdefault(int(found.group(1)), []).append((found.group(2) or "", values))
        else:
            kept.setlist(key, values)
    ordered = [rows[i] for i in sorted(rows)][: question.max_rows]
    ordered += [[] for _ in range(max(1, question.min_rows) - len(ordered))]
    if match.group(1) and len(ordered) < question.max_rows:
        ordered.append([])
    elif match.group(3) and int(match.group(5)) < len(ordered):
        del ordered[int(match.group(5))]
    for position, cells in enumerate(ordered):
        kept.setlist(f"{name}-{position}", ["row"])  # the row marker keeps blank rows
        for rest, values in cells:
            if rest:
                kept.setlist(f"{name}-{position}-{rest}", values)
    return kept


def _pairs(formdata: Any) -> Iterable[tuple[str, Any]]:
    if hasattr(formdata, "lists"):
        for key, values in formdata.lists():
            yield from ((key, v) for v in values)
    else:
        yield from formdata.items()


def row_round_trip(form_cls: type[Form], formdata: Any) -> Form | None:
    """For an add/remove-row post: the form re-bound to the changed rows (not validated).

    None when the post is a real submission. Render the result with no errors.
    """
    if not is_row_action(formdata):
        return None
    return form_cls(formdata=apply_row_action(form_cls, formdata))


def as_formdata(q: Questionnaire, answers: Mapping[str, Any],
                evidence: Mapping[str, Any] | None = None, *, audience: str = SELLER
                ) -> MultiDict[str, Any]:
    """Answers as a browser would post them, so other sources go through the same form.

    A customer's form has a document box where the seller's has a grade: grade 3
    (documented) ticks it, any other grade leaves it as plain customer confirmation.
    """
    posted: MultiDict[str, Any] = MultiDict()
    for key, value in answers.items():
        question = next((x for x in q.all_questions() if x.id == key), None)
        if question is not None and question.type == "repeat" and isinstance(value, list | tuple):
            for index, row in enumerate(value):
                posted.add(f"{key}-{index}", "row")
                for cell, cell_value in (row.items() if isinstance(row, Mapping) else ()):
                    _post(posted, f"{key}-{index}-{cell}", cell_value)
        else:
            _post(posted, key, value)
    for key, grade in (evidence or {}).items():
        if audience == SELLER:
            posted.add(key + EVIDENCE_SUFFIX, str(grade))
        elif str(grade) == str(DOCUMENTED):
            posted.add(key + EVIDENCE_SUFFIX, "y")
    return posted


def _post(posted: MultiDict[str, Any], name: str, value: Any) -> None:
    for item in value if isinstance(value, list | tuple) else [value]:
        if item is not None:
            posted.add(name, str(item) if not isinstance(item, str) else item)
