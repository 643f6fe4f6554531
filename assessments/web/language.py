"""Which language a page speaks: Flask-Babel's set-up and each request's locale.

A respondent's pages (the link's form, its thanks page, its error pages) speak the link's
language, else the questionnaire's default language, else English; every other page speaks
English, the language the code's words are written in. A language can be spoken when its
catalog is compiled under site/translations/<code>/LC_MESSAGES/messages.mo (docs/languages.md).
"""

from __future__ import annotations

import functools
from typing import Any

from flask import Flask, g
from flask_babel import Babel, get_locale, refresh

from assessments.paths import SITE
from assessments.store.records import Invitation
from assessments.web.context import definitions

TRANSLATIONS = SITE / "translations"
"""One folder per language code, each with LC_MESSAGES/messages.po and its compiled .mo."""
SOURCE = "en"
"""The language of the words in the code and templates."""


@functools.cache  # the catalogs ship with the package: they do not change while it runs
def spoken() -> frozenset[str]:
    """The language codes with a compiled catalog, and English."""
    found = {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.mo")}
    return frozenset(found | {SOURCE})


def choose(*candidates: str | None, among: frozenset[str]) -> str:
    """The first candidate `among` the spoken languages ('nl-BE' as 'nl'), else English."""
    for code in candidates:
        if not code:
            continue
        for form in (code, code.replace("_", "-").split("-")[0].lower()):
            if form in among:
                return form
    return SOURCE


def speak(*candidates: str | None) -> str:
    """Make this request's page speak the first spoken candidate (else English); its code."""
    chosen = choose(*candidates, among=spoken())
    g.language = chosen
    refresh()  # Flask-Babel keeps the first locale it was asked for: drop it
    return chosen


def speak_for(invitation: Invitation | None) -> str:
    """A respondent's pages: the link's language, else its questionnaire's default."""
    if invitation is None:
        return speak()
    q = definitions().get(invitation.questionnaire)
    return speak(invitation.language, q.default_language if q is not None else None)


def current() -> str:
    """The language `speak` chose for this request (Flask-Babel's locale selector)."""
    return str(g.get("language") or SOURCE)


def page_language() -> str:
    """The language the page is rendered in, as <html lang> wants it ('pt-BR')."""
    locale = get_locale()
    return str(locale).replace("_", "-") if locale is not None else SOURCE


def init_app(app: Flask) -> None:
    """Set up Flask-Babel: catalogs from site/translations, the locale from `speak`."""
    Babel(app, locale_selector=current, default_translation_directories=str(TRANSLATIONS))
    app.jinja_env.globals["page_language"] = page_language

    @app.url_value_preprocessor
    def _english_first(endpoint: str | None, values: dict[str, Any] | None) -> None:
        # Every request starts in English: a caller that runs several requests in one app
        # context (tests, scripts) shares one `g`, and with it the last page's language.
        g.pop("language", None)
        refresh()
