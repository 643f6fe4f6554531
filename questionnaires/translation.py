"""Marking words for translation in code that must not depend on a translation library.

The pure packages mark the messages a respondent may read with `N_`; `make messages`
extracts them into the catalogs under site/translations, and the web app translates them
where it shows them (see docs/languages.md).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark `message` for the catalogs; it stays as written, to be translated where shown."""
    return message
