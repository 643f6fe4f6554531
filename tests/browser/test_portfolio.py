"""The live app's portfolio in Chromium: filter links and sorting headings are plain links
that work without JavaScript; the page passes axe and fits a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import login, violations

pytestmark = pytest.mark.slow
ROWS = "table.portfolio tbody tr"


def test_filters_and_headings_work_without_javascript(live: tuple[str, Any],
                                                      browser: Any) -> None:
    base, _ = live
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                                                        "height": 800})
    try:
        tab = context.new_page()
        login(tab, base)
        tab.goto(f"{base}/reports/")
        filters = tab.get_by_role("navigation", name="Filters")
        filters.get_by_role("link", name="Live (2)").click()
        assert tab.url == f"{base}/reports/?stage=live"
        filters.get_by_role("link", name="Priya Raman (1)").click()
        assert tab.url == f"{base}/reports/?stage=live&owner=priya-raman"
        assert tab.locator(ROWS).count() == 1
        filters.get_by_role("link", name="All (2)").last.click()
        tab.get_by_role("link", name="Score (sort ascending)").click()
        assert tab.url == f"{base}/reports/?stage=live&sort=score"
        scores = tab.locator(f"{ROWS} td:nth-child(5)").all_inner_texts()
        assert [int(s) for s in scores] == sorted(int(s) for s in scores)
        tab.get_by_role("link", name="Score (sort descending)").click()
        assert tab.get_by_role("columnheader", name="Score").get_attribute("aria-sort") == \
            "descending"
        scores = tab.locator(f"{ROWS} td:nth-child(5)").all_inner_texts()
        assert [int(s) for s in scores] == sorted((int(s) for s in scores), reverse=True)
    finally:
        context.close()


def test_the_filtered_sorted_portfolio_passes_axe_and_fits_a_phone(live: tuple[str, Any],
                                                                   browser: Any) -> None:
    # axe runs as a script, so this page has JavaScript (the portfolio itself has none).
    base, _ = live
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        tab = context.new_page()
        login(tab, base)
        tab.goto(f"{base}/reports/?stage=live&sort=score&order=desc")
        assert tab.locator("script").count() == 0
        assert violations(tab) == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_an_empty_result_passes_axe_and_leads_back(live: tuple[str, Any], page: Any) -> None:
    base, _ = live
    login(page, base)
    page.goto(f"{base}/reports/?stage=live&verdict=ready")
    assert page.get_by_text("No assessment matches stage Live, verdict Ready.").is_visible()
    assert violations(page) == []
    page.get_by_role("link", name="Show every assessment").click()
    assert page.locator(ROWS).count() == 6
