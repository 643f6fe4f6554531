"""Question type → WTForms field: the registry that turns a definition's questions into fields.

A form class is built once and shown in many languages, so the words it carries of its own
(yes and no, messages, the evidence box) are lazy: each request reads them in its language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import wtforms.fields
from wtforms.fields import (
    BooleanField,
    FieldList,
    SelectField,
    SelectMultipleField,
)
from wtforms.utils import unset_value
from wtforms.validators import Length, NumberRange, Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from assessments.words import lazy_gettext, ngettext, translations
from questionnaires.answers import is_empty
from questionnaires.model import Label, Question
from questionnaires.translation import N_
from scoring.claims import CONFIRMED, DOCUMENTED
from scoring.responses import EVIDENCE_GRADES, SELLER

# WTForms 3.3 takes SelectChoice objects; earlier versions take (value, label) pairs.
SelectChoice: Any = getattr(wtforms.fields, "SelectChoice", None)

# Past this many choices a radio list gets too long to scan; a drop-down is shorter.
SELECT_AFTER = 7
EVIDENCE_SUFFIX = "__evidence"
REQUIRED_MESSAGE = N_("Answer this question.")
EVIDENCE_LABEL = N_("Evidence for this answer")
# What counts as a document (an email, a plan, meeting notes) the form's opening note says
# once: a phone downloads it once, not under every claim.
DOCUMENT_LABEL = N_("I can point to a document that shows this")
# WTForms' own messages a respondent can meet (a number that is not one, a forged choice),
# marked so that the catalogs carry them too: `Words` reads them from there.
WTFORMS_MESSAGES = (N_("Not a valid integer value."), N_("Not a valid float value."),
                    N_("Not a valid date value."), N_("Not a valid choice."),
                    N_("Invalid Choice: could not coerce."),
                    N_("Number must be at least %(min)s."), N_("Number must be at most %(max)s."),
                    N_("Number must be between %(min)s and %(max)s."))
# The names a standalone (static) form posts beside its questions.
TOKEN_FIELD = "token"
# A hyphen cannot occur in a question id, so the honeypot never shadows a question.
HONEYPOT_FIELD = "website-url"
HIDDEN_FIELDS = ("assessment", "questionnaire", "role")
POSTED_NAMES = frozenset({TOKEN_FIELD, HONEYPOT_FIELD, *HIDDEN_FIELDS})


class Words:
    """WTForms' own messages, from the app's catalogs in the page's language."""

    def gettext(self, string: str) -> str:
        """`string` in the page's language."""
        return str(translations().gettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of `singular`/`plural` for `n`, in the page's language."""
        return str(translations().ngettext(singular, plural, n))


WORDS = Words()


class Meta:
    """Options of every questionnaire form and row form (WTForms merges it into theirs)."""

    def get_translations(self, form: Any) -> Words:
        """WTForms' messages through the app's catalogs, not WTForms' own."""
        return WORDS


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: Any) -> None:
        """Refuse forged choices in WTForms' words, said here so that `make messages` finds
        its plural message (N_ cannot mark a singular and plural pair)."""
        try:
            super().pre_validate(form)
        except ValidationError:
            allowed = {str(value) for value, *_ in self.iter_choices()}
            forged = sorted(str(x) for x in set(self.data or ()) if str(x) not in allowed)
            raise ValidationError(ngettext(
                "'%(value)s' is not a valid choice for this field.",
                "'%(value)s' are not valid choices for this field.", len(forged),
                value="', '".join(forged))) from None


class Answered:
    """Validator for `required`: the answer may not be empty.

    `flag` decides whether browsers see the `required` attribute: only for questions that
    are always shown, since a hidden required input would block the browser from submitting.
    """

    def __init__(self, message: str = REQUIRED_MESSAGE, *, flag: bool) -> None:
        self.message = message
        self.field_flags = {"required": True} if flag else {}

    def __call__(self, form: Any, field: Any) -> None:
        raw = field.raw_data or []
        blank = all(isinstance(value, str) and not value.strip() for value in raw)
        if field.process_errors and not blank:
            raise StopValidation()  # keeps "not a valid number", which says more than "required"
        if blank or is_empty(field.data):
            field.errors[:] = []
            raise StopValidation(field.gettext(self.message))


def readable(form: Any, field: Any) -> None:
    """Stop at unreadable input: "not a valid number" says it all; range checks add noise."""
    if field.process_errors:
        raise StopValidation()


class RowList(FieldList):  # type: ignore[type-arg]
    """A repeat's rows; a forged row number is ignored rather than raising.

    FieldList keeps the first `max_entries` rows posted and drops the rest without a word;
    `posted_rows` keeps the count, so the form can say there were too many.
    """

    posted_rows = 0

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        """Bind the rows, counting how many were posted."""
        self.posted_rows = len(set(self._extract_indices(self.name, formdata))) \
            if formdata else 0
        super().process(formdata, data, extra_filters)

    def _extract_indices(self, prefix: str, formdata: Any) -> Iterator[int]:
        # FieldList would int() any run of digits; past 4300 digits Python refuses to.
        for key in formdata:
            if key.startswith(prefix + "-"):
                index = key[len(prefix) + 1:].split("-", 1)[0]
                if index.isascii() and index.isdigit() and len(index) <= 6:
                    yield int(index)


@dataclass(frozen=True)
class Context:
    """What a factory needs beyond the question: the language, and how the field is shown."""

    language: str | None = None
    always_shown: bool = True
    """No `relevant` on the question or its section, and not inside a repeat row."""


FieldFactory = Callable[[Question, Context], Any]


def text_of(label: Label | None, language: str | None) -> str:
    """A label's text in `language` (else the default language); '' for no label."""
    return label.get(language) if label is not None else ""


def clean_text(value: object) -> object:
    """Trim text and use one kind of line break, so lengths match what the browser counted;
    a NUL character, which no text means and no database keeps, is dropped."""
    if not isinstance(value, str):
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def option(value: object, label: str) -> Any:
    """One choice as this WTForms version wants it declared."""
    return SelectChoice(value, label) if SelectChoice is not None else (value, label)


def _number(value: float | None) -> float | int | None:
    # `min="1"` reads better than `min="1.0"` in the page and means the same.
    return int(value) if value is not None and float(value).is_integer() else value


def _validators(q: Question, ctx: Context) -> list[Any]:
    checks: list[Any] = [Answered(flag=ctx.always_shown) if q.required else Optional(), readable]
    if q.length_limit is not None:  # WTForms fills in %(max)s
        checks.append(Length(max=q.length_limit,
                             message=lazy_gettext(N_("Use at most %(max)s characters."))))
    if q.min is not None or q.max is not None:
        checks.append(NumberRange(min=_number(q.min), max=_number(q.max)))
    return checks


def common(q: Question, ctx: Context) -> dict[str, Any]:
    """The label, hint and validators every answer field takes."""
    return {"label": text_of(q.label, ctx.language),
            "description": text_of(q.hint, ctx.language),
            "validators": _validators(q, ctx)}


class DocumentField(BooleanField):
    """A customer's "I can point to a document" under a claim.

    Their answer to the claim already *is* customer confirmation; the box lifts it to
    documented. Customers are never asked for the seller's evidence grades.
    """

    @property
    def grade(self) -> int:
        """Documented (3) when ticked, else customer confirmed (2)."""
        return DOCUMENTED if self.data else CONFIRMED


def evidence_field(audience: str) -> Any:
    """The field paired with an `evidence: true` claim: the seller grades how they know it
    (unanswered means unknown, 0); a customer only says whether they can point to a document."""
    if audience != SELLER:
        return DocumentField(lazy_gettext(DOCUMENT_LABEL))
    grades = [option(grade, name[:1].upper() + name[1:])
              for grade, name in EVIDENCE_GRADES.items()]
    return SelectField(lazy_gettext(EVIDENCE_LABEL), choices=grades, coerce=int,
                       default=min(EVIDENCE_GRADES))


def grade_of(field: Any) -> int:
    """The evidence grade a claim's paired field says."""
    return field.grade if isinstance(field, DocumentField) else int(field.data)
