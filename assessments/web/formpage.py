"""One questionnaire page: show it, handle repeat-row buttons, validate, save, redirect."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import redirect, render_template, request
from werkzeug.wrappers import Response

from assessments.forms import classes as forms
from assessments.web.context import min_group
from assessments.words import gettext
from questionnaires import Questionnaire
from scoring.privacy import notice
from scoring.responses import SELLER

Save = Callable[[dict[str, object], dict[str, int]], object]


def show(q: Questionnaire, *, audience: str, language: str | None, action: str, save: Save,
         done: str, intro: str = "", named: bool = False,
         initial: tuple[Mapping[str, Any], Mapping[str, int]] | None = None,
         omit: frozenset[str] = frozenset()) -> str | Response | tuple[str, int]:
    """GET shows the form; POST saves valid answers (303 to `done`) or shows errors (400).

    The page says who will see the answers: `named` for a named link (a seller's answers
    always carry their name). `omit` leaves out questions not asked this time. Labels come
    in `language`; the page's own words in the request's (assessments.web.language).
    """
    cls = forms.form_class(q, audience=audience, language=language, omit=omit)
    privacy = notice(customer=audience != SELLER, named=named,
                     claims=any(x.evidence for x in q.all_questions()), min_group=min_group(),
                     translate=gettext)
    page = _Page(language, action, intro, privacy)
    if request.method != "POST":
        data = forms.initial_data(q, *initial) if initial else None
        return _render(q, cls(data=data), (), page)
    moved = forms.row_round_trip(cls, request.form)
    if moved is not None:  # "add a row" or "remove row n": no judgement yet
        return _render(q, moved, (), page)
    form = cls()
    result = forms.validate_form(form)
    if not result.valid:
        return _render(q, form, result.errors, page), 400
    save(result.answers, result.evidence)
    return redirect(done, code=303)


@dataclass(frozen=True)
class _Page:
    language: str | None
    action: str
    intro: str
    privacy: str


def _render(q: Questionnaire, form: Any, errors: Sequence[Any], page: _Page) -> str:
    # A definition can bring its own page: questionnaire-<id>.html wins when it exists.
    return squeeze(render_template([f"questionnaire-{q.id}.html", "questionnaire.html"], q=q,
                                   form=form, errors=errors,
                                   language=page.language or q.default_language,
                                   action=page.action, intro=page.intro,
                                   privacy=page.privacy))


_KEEP = re.compile(r"(<textarea\b.*?</textarea>|<pre\b.*?</pre>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def squeeze(html: str) -> str:
    """Drop the templates' indentation from a page; text in textarea and pre stays as typed.

    Respondents may be on slow phone connections; the indentation is for template readers.
    """
    parts = _KEEP.split(html)
    return "".join(part if index % 2 else _INDENT.sub("\n", part)
                   for index, part in enumerate(parts))
