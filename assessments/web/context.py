"""The running app's context: one typed object, reached through `context()`.

Blueprints read the store, the definitions and the settings from here, never from the
app module, so `create_app` can import them without a circle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app

from assessments.project.brand import Brand
from assessments.store.interface import Store
from assessments.store.throttle import Limits
from questionnaires import Questionnaire

KEY = "readygate"


@dataclass(frozen=True)
class AppContext:
    """What every request of one app shares: loaded once by `create_app`."""

    store: Store
    definitions: Mapping[str, Questionnaire]
    throttle: Limits
    min_group: int
    brand: Brand = Brand()
    """The organisation, logo and accent that pages and PDFs carry."""
    made: dict[str, Any] | None = None
    """A build's app (its store stands still while it freezes and prints): what it has
    worked out per assessment, made once for the portfolio, the report and both PDFs.
    None in the live app, whose store changes with every answer."""


def context() -> AppContext:
    """The context of the app handling the current request."""
    found = current_app.extensions[KEY]
    assert isinstance(found, AppContext)
    return found


def store() -> Store:
    """The store of the running app."""
    return context().store


def throttle() -> Limits:
    """The rate-limit counters of the running app (shared with its other workers)."""
    return context().throttle


def min_group() -> int:
    """Fewest customer respondents whose answers a page may show together."""
    return context().min_group


def definitions() -> Mapping[str, Questionnaire]:
    """The loaded, checked questionnaire definitions by id."""
    return context().definitions
