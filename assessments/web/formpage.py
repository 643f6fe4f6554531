"""One questionnaire page: show it, handle repeat-row buttons, validate, save, redirect.

With a `Keeper` (a personal link, a seller), the page also saves and resumes: "Save and
finish later" keeps the fields as typed (a post with `save`), a script keeps them as they
are typed (a post with the X-Readygate-Autosave header: 204), and reopening the page starts
from that draft, else from the answers last sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import redirect, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from assessments.forms import classes as forms
from assessments.store.drafts import Resumed
from assessments.web.context import min_group
from assessments.words import gettext
from questionnaires import Questionnaire
from scoring.privacy import notice
from scoring.responses import SELLER

Save = Callable[[dict[str, object], dict[str, int]], object]
AUTOSAVE = "X-Readygate-Autosave"


@dataclass(frozen=True)
class Keeper:
    """Save and resume for one respondent's form."""

    resumed: Callable[[], Resumed]
    keep: Callable[[Sequence[tuple[str, str]]], object]
    forget: Callable[[], object]


def show(q: Questionnaire, *, audience: str, language: str | None, action: str, save: Save,
         done: str, intro: str = "", named: bool = False, keeper: Keeper | None = None,
         omit: frozenset[str] = frozenset(), layout: str = "base.html"
         ) -> str | Response | tuple[str, int]:
    """GET shows the form; POST saves valid answers (303 to `done`) or shows errors (400).

    The page says who will see the answers: `named` for a named link (a seller's answers
    always carry their name). `omit` leaves out questions not asked this time. Labels come
    in `language`; the page's own words in the request's (assessments.web.language).
    `keeper` saves and resumes; `layout` is the page the form sits in.
    """
    cls = forms.form_class(q, audience=audience, language=language, omit=omit)
    privacy = notice(customer=audience != SELLER, named=named,
                     claims=any(x.evidence for x in q.all_questions()), min_group=min_group(),
                     translate=gettext)
    page = _Page(language, action, intro, privacy, keeper is not None, layout)
    if request.method != "POST":
        return _opened(q, cls, page, keeper)
    if keeper is not None and (request.headers.get(AUTOSAVE) or "save" in request.form):
        try:
            keeper.keep(list(request.form.items(multi=True)))
        except ValueError:  # more than any form of this questionnaire posts
            if request.headers.get(AUTOSAVE):
                return "", 413
            return _render(q, cls(), (), page, gettext(
                "Not saved: the form is too long to keep. Send it instead.")), 413
        if request.headers.get(AUTOSAVE):
            return "", 204
        return _render(q, cls(), (), page, gettext(
            "Saved. Come back with the same link to finish: your answers count once you "
            "send them."))
    moved = forms.row_round_trip(cls, request.form)
    if moved is not None:  # "add a row" or "remove row n": no judgement yet
        return _render(q, moved, (), page)
    form = cls()
    result = forms.validate_form(form)
    if not result.valid:
        return _render(q, form, result.errors, page), 400
    save(result.answers, result.evidence)
    if keeper is not None:
        keeper.forget()
    return redirect(done, code=303)


def _opened(q: Questionnaire, cls: Any, page: _Page, keeper: Keeper | None) -> str:
    """The form as it opens: from the draft, else from the answers last sent, else empty."""
    resumed = keeper.resumed() if keeper is not None else Resumed()
    if resumed.draft is not None:
        return _render(q, cls(formdata=MultiDict(list(resumed.draft.fields))), (), page,
                       gettext("Your saved answers are filled in (saved %(when)s UTC). Send "
                               "them when you are done.",
                               when=resumed.draft.saved_at[:16].replace("T", " ")))
    if resumed.sent is not None:
        answers, evidence, when = resumed.sent
        return _render(q, cls(data=forms.initial_data(q, answers, evidence)), (), page,
                       gettext("These are the answers you sent on %(date)s. Change what you "
                               "like and send them again: the newest answers count.",
                               date=when[:10]))
    return _render(q, cls(), (), page)


@dataclass(frozen=True)
class _Page:
    language: str | None
    action: str
    intro: str
    privacy: str
    saves: bool = False
    layout: str = "base.html"


def _render(q: Questionnaire, form: Any, errors: Sequence[Any], page: _Page,
            status: str = "") -> str:
    # A definition can bring its own page: questionnaire-<id>.html wins when it exists.
    return squeeze(render_template([f"questionnaire-{q.id}.html", "questionnaire.html"], q=q,
                                   form=form, errors=errors,
                                   language=page.language or q.default_language,
                                   action=page.action, intro=page.intro,
                                   privacy=page.privacy, saves=page.saves,
                                   layout=page.layout, status=status))


_KEEP = re.compile(r"(<textarea\b.*?</textarea>|<pre\b.*?</pre>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def squeeze(html: str) -> str:
    """Drop the templates' indentation from a page; text in textarea and pre stays as typed.

    Respondents may be on slow phone connections; the indentation is for template readers.
    """
    parts = _KEEP.split(html)
    return "".join(part if index % 2 else _INDENT.sub("\n", part)
                   for index, part in enumerate(parts))
