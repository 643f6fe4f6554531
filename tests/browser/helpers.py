"""Plain browser helpers: Debian's Chromium, a respondent link, a seller login, axe-core."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from assessments.store import service

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def chromium_path() -> str:
    """Debian's Chromium; the tests fail (not skip) without it, so CI cannot hide it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: apt-get install -y chromium (.ci/run does this)")


def respondent_link(app: Any, base: str, assessment: str, questionnaire: str,
                    role: str = "user") -> str:
    store = app.extensions["readygate"].store
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             assessment, questionnaire, role=role,
                                             name="Robin", segment="leeds")
    return f"{base}/r/{token}"


def login(page: Any, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill("sam")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")


def violations(page: Any) -> list[str]:
    """Each violation as 'rule: first offending element' (WCAG 2.1 A and AA rules)."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {v['nodes'][0]['html'][:120]}" for v in
            result.response["violations"]]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve `app` on a free loopback port in a thread; its base URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
