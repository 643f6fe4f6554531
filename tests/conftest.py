"""Shared fixtures: definition projects written into tmp_path from dedented strings."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

MINIMAL = """\
    id: mini
    title: Mini
    version: 1
    audience: seller
    sections:
      - id: basics
        title: Basics
        questions:
          - id: owner
            type: yes_no
            label: Is there a named owner?
            criterion: ownership
    scoring:
      criteria:
        - id: ownership
          label: Ownership
          action: Name an owner.
    """


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a dedented definition into tmp_path and return its path."""

    def _write(text: str, name: str = "def.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory for one test."""
    return tmp_path / "data"


@pytest.fixture
def app(data_dir: Path):  # type: ignore[no-untyped-def]
    """The real app on a fresh data directory, with one seller account (CSRF off)."""
    from assessments.web.app import create_app
    from assessments.web.auth import add_user
    from assessments.web.context import store

    application = create_app({"DATA": str(data_dir), "TESTING": True,
                              "WTF_CSRF_ENABLED": False, "SERVER_NAME": "rg.test"})
    with application.app_context():
        add_user(store(), "sam", "correct horse battery")
    return application


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """A test client that is not logged in."""
    return app.test_client()


@pytest.fixture
def seller(app):  # type: ignore[no-untyped-def]
    """A test client logged in as the seller 'sam'."""
    logged_in = app.test_client()
    response = logged_in.post("/login", data={"name": "sam",
                                              "password": "correct horse battery"})
    assert response.status_code == 302
    return logged_in


@pytest.fixture
def store(app):  # type: ignore[no-untyped-def]
    """The app's store."""
    return app.extensions["readygate"].store
