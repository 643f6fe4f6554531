"""A real server on loopback; Chromium and a page come from tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import serving


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """(base URL, app) of a real server with the demo data and a seller login."""
    from assessments.demo.load import load_demo
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True})
    store = app.extensions["readygate"].store
    load_demo(store)
    add_user(store, "sam", "correct horse battery")
    with serving(app) as base:
        yield base, app
