"""A real browser fills questionnaires: a conditional question and repeat rows."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import login, respondent_link

pytestmark = pytest.mark.slow


def test_pulse_with_a_conditional_question(live: tuple[str, Any], page: Any) -> None:
    base, app = live
    page.goto(respondent_link(app, base, "tessaline-distribution", "post-go-live-pulse"))
    detail = page.locator("[data-question=blocker_trust_detail]")
    assert detail.is_hidden()  # hidden until the trust blocker is ticked
    page.get_by_label("Every working day").check()
    page.locator("[data-question=proof_decision]").get_by_label("Yes").check()
    page.locator("[data-question=blockers]").get_by_label("Trust", exact=False).first.check()
    assert detail.is_visible()
    detail.locator("textarea").fill("Totals differ from the old report by a few euros")
    page.locator("[data-question=umux_easy]").get_by_label("6", exact=True).check()
    page.get_by_role("button", name="Send").last.click()
    page.wait_for_url("**/thanks")
    assert "Thank you" in page.content()
    store = app.extensions["readygate"].store
    mine = [r for r in store.responses("tessaline-distribution") if r.name == "Robin"]
    assert len(mine) == 1
    answers = mine[0].answers
    assert answers["blockers"] == ["trust"] and answers["umux_easy"] == 6
    assert answers["blocker_trust_detail"] == "Totals differ from the old report by a few euros"
    assert "proof_workflow" not in answers  # left blank, so not stored


def test_unticking_hides_and_drops_the_conditional_answer(live: tuple[str, Any],
                                                          page: Any) -> None:
    base, app = live
    page.goto(respondent_link(app, base, "tessaline-distribution", "post-go-live-pulse"))
    page.get_by_label("Every working day").check()
    trust = page.locator("[data-question=blockers]").get_by_label("Trust", exact=False).first
    trust.check()
    page.locator("[data-question=blocker_trust_detail] textarea").fill("typed, then unticked")
    trust.uncheck()
    page.get_by_role("button", name="Send").last.click()
    page.wait_for_url("**/thanks")
    store = app.extensions["readygate"].store
    (mine,) = [r for r in store.responses("tessaline-distribution") if r.name == "Robin"]
    assert "blocker_trust_detail" not in mine.answers


def test_seller_maps_stakeholders_in_repeat_rows(live: tuple[str, Any], page: Any) -> None:
    base, app = live
    login(page, base)
    page.goto(f"{base}/assessments/brightmoor-clinics/fill/stakeholder-map")
    fill_row(page, 1, name="Dana <Ops> Smit", group="Approved the purchase", influence="5",
             stance="Supportive")
    page.get_by_role("button", name="Add a row").click()
    fill_row(page, 2, name="Piet de Vries", group="Manages the people who use it",
             influence="4", stance="Resistant")
    page.locator("li.row[data-prefix='stakeholders-1-'] [data-question=wanted]").get_by_label(
        "Did not want it").check()
    page.get_by_role("button", name="Send").last.click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert not summary.count(), summary.inner_text()
    page.wait_for_url(f"{base}/assessments/brightmoor-clinics")
    store = app.extensions["readygate"].store
    mine = [r for r in store.responses("brightmoor-clinics", "stakeholder-map")
            if r.respondent == "sam"]
    assert len(mine) == 1
    rows = mine[0].answers["stakeholders"]
    assert [r["name"] for r in rows] == ["Dana <Ops> Smit", "Piet de Vries"]
    assert rows[1]["influence"] == 4 and rows[1]["stance"] == "resistant"
    assert rows[1]["group"] == "manager" and rows[1]["wanted"] == "no"


def fill_row(page: Any, n: int, *, name: str, group: str, influence: str, stance: str) -> None:
    """Fill row n by the labels a seller sees."""
    row = page.locator(f"li.row[data-prefix='stakeholders-{n - 1}-']")
    row.locator("[data-question=name] input").fill(name)
    for question, answer in (("group", group), ("influence", influence), ("stance", stance),
                             ("desired_stance", "Supportive")):
        cell = row.locator(f"[data-question={question}]")
        cell.get_by_label(answer, exact=False).first.check()
