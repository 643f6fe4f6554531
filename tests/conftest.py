"""Shared fixtures: definitions written into tmp_path, the app and its clients, and one
headless Chromium (Debian's, driven by Playwright) with a fresh page per test.

Plain helpers and constants live in tests/helpers.py, not here: no module imports a conftest.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Property tests try 50 examples each in `make test`; HYPOTHESIS_PROFILE=thorough tries 1,000
# (before a release, or after a change to scoring or the expression language). A test that
# names its own max_examples keeps it.
settings.register_profile("everyday", max_examples=50)
settings.register_profile("thorough", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "everyday"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first (otherwise in collection order), so that under pytest-xdist the
    long ones start early and the short ones fill the gaps instead of waiting behind them."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own cookies) per test."""
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def smtp() -> Iterator[Any]:
    """A real SMTP server (aiosmtpd) on loopback that keeps every message it accepts.

    `smtp.refuse` holds addresses it refuses (550); `smtp.drop_after = n` makes it hang up
    on the message after the n-th it accepted, as a server that fails mid-batch does.
    """
    from aiosmtpd.controller import Controller

    from tests.helpers import Mailbox, free_port

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def mail_folder(tmp_path: Path, smtp: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's working folder: a project whose mail goes to the test SMTP server, with
    no setting from the environment above it."""
    from tests.helpers import mail_project, no_settings_from_outside

    no_settings_from_outside(monkeypatch)
    monkeypatch.chdir(tmp_path)
    mail_project(tmp_path, smtp.port)
    return tmp_path


ENGINES = ("tinydb", "postgresql")
"""Every store engine: a store test asking for `open_engine` runs once on each."""


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster for this test process (tests/postgres.py)."""
    from tests.postgres import cluster

    with cluster() as found:
        yield found


@pytest.fixture(params=ENGINES)
def open_engine(request: pytest.FixtureRequest) -> Callable[[Path], Any]:
    """Opens a store in a data folder, once on TinyDB files and once on a fresh PostgreSQL
    database (the same database for every call in one test, as several processes share
    one)."""
    from assessments.store.interface import open_store

    if request.param == "tinydb":
        return lambda folder: open_store(folder, "")
    url = request.getfixturevalue("database_url")
    return lambda folder: open_store(folder, url)


@pytest.fixture
def database_url(postgres: Any) -> Iterator[str]:
    """A fresh PostgreSQL database with the store's tables (this process's connections to
    it closed afterwards)."""
    from assessments.store.sqlengine import release

    url = str(postgres.new_database())
    yield url
    release(url)
