"""In Chromium: a respondent fills a form halfway, saves it, comes back with the same link
another day and finishes it; with the script on, typing is saved and the page says so in a
status line a screen reader announces."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import respondent_link, violations

pytestmark = pytest.mark.slow
ACCOUNT = "tessaline-distribution"
DETAIL = "Totals differ from the old report by a few euros"


def mine(app: Any) -> list[Any]:
    store = app.extensions["readygate"].store
    return [r for r in store.responses(ACCOUNT) if r.name == "Robin"]


def test_fill_halfway_save_reopen_and_finish(live: tuple[str, Any], browser: Any) -> None:
    base, app = live
    link = respondent_link(app, base, ACCOUNT, "post-go-live-pulse")
    # Without JavaScript: the "Save and finish later" button keeps the answers.
    first = browser.new_context(java_script_enabled=False)
    page = first.new_page()
    page.goto(link)
    page.get_by_label("Every working day").check()
    page.locator("[data-question=blockers]").get_by_label("Trust", exact=False).first.check()
    page.locator("[data-question=blocker_trust_detail] textarea").fill(DETAIL)
    page.get_by_role("button", name="Save and finish later").click()
    page.wait_for_load_state()
    assert "Saved. Come back with the same link to finish" in page.inner_text("#save-status")
    first.close()
    assert mine(app) == []  # saved, not sent: nothing counts yet

    # Another day, another browser, the script on.
    later = browser.new_context()
    page = later.new_page()
    page.goto(link)
    assert "Your saved answers are filled in" in page.inner_text("#save-status")
    assert page.get_by_label("Every working day").is_checked()
    assert page.locator("[data-question=blocker_trust_detail] textarea").input_value() == DETAIL
    assert page.locator("#save-status").get_attribute("role") == "status"
    assert violations(page) == []
    # Typing is saved as it goes, and the status line says so.
    page.locator("[data-question=proof_decision]").get_by_label("Yes").check()
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    store = app.extensions["readygate"].store
    invitation = [i for i in store.invitations(ACCOUNT) if i.name == "Robin"][-1]
    draft = store.draft(ACCOUNT, "post-go-live-pulse", invitation.id, _week(app))
    assert draft is not None and ("proof_decision", "yes") in draft.fields
    assert violations(page) == []
    # The button's state, with the script on too.
    page.get_by_role("button", name="Save and finish later").click()
    page.wait_for_load_state()
    assert "Saved. Come back with the same link" in page.inner_text("#save-status")
    assert violations(page) == []
    page.get_by_role("button", name="Send").last.click()
    page.wait_for_url("**/thanks")
    (sent,) = mine(app)
    assert sent.answers["blocker_trust_detail"] == DETAIL
    assert sent.answers["proof_decision"] == "yes"
    # Reopened after sending: the answers sent, to change until the link closes.
    page.goto(link)
    assert "These are the answers you sent on" in page.inner_text("#save-status")
    assert page.locator("[data-question=blocker_trust_detail] textarea").input_value() == DETAIL
    later.close()


def _week(app: Any) -> int:
    from assessments.store import service

    store = app.extensions["readygate"].store
    return service.pulse_week(store.assessment(ACCOUNT), service.now())
