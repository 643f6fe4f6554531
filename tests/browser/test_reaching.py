"""In Chromium: a seller invites people by e-mail from the assessment page, the tracker
shows them, a link is replaced and a respondent stops the messages; axe finds no WCAG 2.1
A or AA violation on any of these pages and states."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import login, serving, violations

pytestmark = pytest.mark.slow
ACCOUNT = "tessaline-distribution"


@pytest.fixture
def live_mail(tmp_path: Path, smtp: Any) -> Iterator[tuple[str, Any]]:
    """(base URL, app) of a real server with the demo data, sending to the test server."""
    from assessments.demo.load import load_demo
    from assessments.project.smtp import MailSettings
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "MAIL": MailSettings(host="127.0.0.1", port=smtp.port, security="none",
                                          sender="Readiness team <readiness@example.com>")})
    store = app.extensions["readygate"].store
    load_demo(store)
    add_user(store, "sam", "correct horse battery", "Sam Rivera")
    with serving(app) as base:
        yield base, app


def test_invite_track_replace_and_unsubscribe(live_mail: tuple[str, Any], page: Any,
                                              smtp: Any) -> None:
    base, _ = live_mail
    login(page, base)
    page.goto(f"{base}/assessments/{ACCOUNT}")
    page.get_by_label("Questionnaire", exact=True).last.select_option(
        label="Weekly pulse after go-live")
    page.get_by_label("People").fill("Ada Lovelace, ada@customer.example\n"
                                     "Bram de Vries, bram@customer.example\n"
                                     "Cleo Okafor, cleo@customer.example")
    page.get_by_label("Replies go to").fill("sam@example.com")
    page.get_by_role("button", name="Send invitations").click()
    page.wait_for_load_state()
    assert "Sent 3 of 3." in page.inner_text("main")
    assert violations(page) == []
    assert len(smtp.messages) == 3 and smtp.messages[0]["Reply-To"] == "sam@example.com"

    page.goto(f"{base}/assessments/{ACCOUNT}")
    tracker = page.inner_text("main")
    # The demo's six pulse links and the three new ones; the new ones wait since today.
    assert re.search(r"Answered this week \(week \d+\): 0 of 9", tracker)
    assert re.search(r"waiting for .*Ada Lovelace \(since \d{4}-\d\d-\d\d\)", tracker)
    assert "ada@customer.example" in tracker
    assert violations(page) == []

    # A lost link: Bram gets a new one; the old one says it was replaced.
    old = re.search(r"(http\S+/r/[\w-]{43})\s", str(
        smtp.to("bram@customer.example")[0].get_body(preferencelist=("plain",)).get_content()))
    assert old
    page.get_by_role("button", name="Send Bram de Vries a new link (the old one stops)").click()
    page.wait_for_load_state()
    assert "Sent 1 of 1." in page.inner_text("main")
    assert smtp.messages[-1]["Subject"] == "Your new link: Weekly pulse after go-live"
    page.goto(old.group(1).replace("https://rg.example", base))
    assert "This link has been replaced" in page.inner_text("main")
    assert violations(page) == []

    # Ada stops the messages from the link in her e-mail's footer.
    unsubscribe = smtp.to("ada@customer.example")[0]["List-Unsubscribe"].strip("<>")
    page.goto(unsubscribe)
    assert violations(page) == []
    page.get_by_role("button", name="Send me no more messages").click()
    page.wait_for_load_state()
    assert "You will get no more messages" in page.inner_text("main")
    assert violations(page) == []
    login(page, base)
    page.goto(f"{base}/assessments/{ACCOUNT}")
    assert "asked for no more messages" in page.inner_text("main")
