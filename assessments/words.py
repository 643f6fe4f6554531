"""The app's own words in the page's language: Flask-Babel's gettext, typed.

A respondent's pages speak their link's language (assessments.web.language chooses it);
every other page speaks English, the language these words are written in. The catalogs
live in site/translations; `make messages` finds each call by its name (docs/languages.md).
"""

from __future__ import annotations

from typing import Any

import flask_babel
from babel.support import NullTranslations
from flask import current_app, has_app_context
from flask_babel.speaklater import LazyString


def translations() -> NullTranslations:
    """The page's catalog; none (the words as written) outside an app with Flask-Babel."""
    if has_app_context() and "babel" in current_app.extensions:
        found: NullTranslations = flask_babel.get_translations()
        return found
    return NullTranslations()


def gettext(message: str, **values: object) -> str:
    """`message` in the page's language, its %(name)s places filled from `values`."""
    text = str(translations().gettext(message))
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of the message for `n` in the page's language (%(num)d is `n`)."""
    return str(translations().ngettext(singular, plural, n)) % {"num": n, **values}


def lazy_gettext(message: str) -> Any:
    """`message`, translated each time it is shown: for the words a form class keeps
    (built once, shown in many languages). Mark the literal with N_ for the catalogs."""
    return LazyString(gettext, message)
