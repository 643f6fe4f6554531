"""axe-core in Chromium: no WCAG 2.1 A or AA violation on the respondent's pages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import login, respondent_link, violations

pytestmark = pytest.mark.slow


def test_form_error_state_and_thanks_pass_axe(live: tuple[str, Any], page: Any) -> None:
    base, app = live
    link = respondent_link(app, base, "tessaline-distribution", "post-go-live-pulse")
    page.goto(link)
    assert violations(page) == []
    # The error state: skip the required question and send.
    page.locator("[data-question=proof_decision]").get_by_label("Yes").check()
    page.locator("form.questionnaire").evaluate("f => f.noValidate = true")
    page.get_by_role("button", name="Send").last.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert violations(page) == []
    page.get_by_label("Every working day").check()
    page.get_by_role("button", name="Send").last.click()
    page.wait_for_url("**/thanks")
    assert violations(page) == []


def test_axe_really_runs_here(live: tuple[str, Any], page: Any) -> None:
    """A control: a page with a known violation is reported, under the app's own CSP."""
    base, _ = live
    page.goto(f"{base}/login")
    page.evaluate("document.querySelector('label').remove()")
    assert any(v.startswith("label:") for v in violations(page))


def test_stakeholder_form_and_seller_pages_pass_axe(live: tuple[str, Any],
                                                            page: Any) -> None:
    base, app = live
    page.goto(respondent_link(app, base, "orrin-valley", "stakeholder-map", "stakeholder"))
    assert violations(page) == []
    # Claims with evidence grades: each grade is described by the claim it grades.
    page.goto(respondent_link(app, base, "brightmoor-clinics", "pre-close-readiness",
                              "stakeholder"))
    assert violations(page) == []
    grade = page.locator("#owner__evidence")
    assert grade.get_attribute("aria-describedby") == "owner-q"
    assert page.locator("#owner-q").inner_text().startswith("Who owns the first workflow")
    login(page, base)
    assert violations(page) == []
    page.goto(f"{base}/assessments/orrin-valley")
    assert violations(page) == []
    # Readiness rounds, a mutual action plan with a slipped commitment, the tracker.
    page.goto(f"{base}/assessments/brightmoor-clinics")
    assert "Slipped: a barrier" in page.inner_text("main")
    assert violations(page) == []
    # The adoption checkpoint's form, as the seller answers it with the customer's owner.
    page.goto(f"{base}/assessments/tessaline-distribution/fill/adoption-checkpoint")
    assert "Which checkpoint is this?" in page.inner_text("main")
    assert violations(page) == []
    page.goto(f"{base}/assessments/orrin-valley/fill/stakeholder-map")
    assert violations(page) == []
