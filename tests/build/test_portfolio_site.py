"""The static site's portfolio: a page per stage, verdict and owner, opened from disk, and
headings that sort the table in Chromium (the default order without JavaScript)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessments.build.stages import BuildResult
from assessments.errors import InputError
from assessments.store import service
from assessments.store.filestore import FileStore
from assessments.web.portfolio import slug
from tests.build.helpers import filter_pages

pytestmark = pytest.mark.slow

Run = Callable[..., BuildResult]
ROWS = "table.portfolio tbody tr"


def listed(page: Path) -> list[str]:
    """The assessment ids a built portfolio page lists, top to bottom."""
    body = page.read_text(encoding="utf-8").partition("<tbody>")[2]
    return re.findall(r'<tr>\s*<td[^>]*><a href="(?:\.\./\.\./)?([a-z0-9-]+)/index\.html">',
                      body)


def shown(tab: Any) -> list[str]:
    """The account names a browser tab's portfolio shows, top to bottom."""
    return [str(name) for name in tab.locator(f"{ROWS} td:first-child a").all_inner_texts()]


def test_each_filter_page_lists_its_assessments_and_no_page_is_empty(
        site: Path, store: FileStore, definitions: dict) -> None:
    everyone = store.assessments()
    rolled = {a.id: service.rollup(store, definitions, a.id) for a in everyone}
    assert listed(site / "index.html") == [a.id for a in everyone]

    def health(a: Any) -> str:
        latest = rolled[a.id].adoption.latest if rolled[a.id].adoption else None
        return latest.band if a.stage == "live" and latest and not latest.too_few else ""

    wanted = {"stage": lambda a: a.stage, "verdict": lambda a: rolled[a.id].verdict,
              "health": health, "owner": lambda a: slug(a.owner)}
    made = sorted(p.relative_to(site).as_posix() for folder in wanted
                  for p in (site / folder).glob("*/index.html"))
    assert made == filter_pages(store, definitions) and len(made) == 15
    for rel in made:
        facet, value, _ = rel.split("/")
        assert listed(site / rel) == [a.id for a in everyone if wanted[facet](a) == value], rel
        assert listed(site / rel)  # no page says "no assessment matches"


def test_the_filter_links_count_and_mark_the_page_they_are_on(site: Path) -> None:
    text = (site / "stage" / "live" / "index.html").read_text(encoding="utf-8")
    nav = text.partition('<nav class="filters"')[2].partition("</nav>")[0]
    assert re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)<', nav) == \
        [("index.html", "Live ")]
    assert '<a href="../../index.html">All assessments <span class="count">(6)</span></a>' \
        in nav
    assert '<a href="../../owner/tomas-reyes/index.html">Tomás Reyes ' in nav
    assert '<a href="../closing/index.html">Closing <span class="count">(2)</span></a>' in nav
    assert "?" not in nav  # a page opened from disk ignores a query string
    assert "2 of 6 assessments: stage Live." in text


def test_filter_report_and_pdf_links_work_from_disk(site: Path, page: Any) -> None:
    page.goto((site / "index.html").as_uri())
    filters = page.get_by_role("navigation", name="Filters")
    filters.get_by_role("link", name="Live (2)").click()
    assert page.url == (site / "stage" / "live" / "index.html").as_uri()
    assert shown(page) == ["Marlow Bay Hotels", "Tessaline Distribution"]
    filters.get_by_role("link", name="Jo Okafor (2)").click()
    assert page.url == (site / "owner" / "jo-okafor" / "index.html").as_uri()
    assert shown(page) == ["Brightmoor Clinics", "Marlow Bay Hotels"]
    pdf = page.locator(f"{ROWS} td.pdfs a").first.get_attribute("href")
    assert pdf == "../../brightmoor-clinics/report.pdf"
    assert (site / "owner" / "jo-okafor" / pdf).resolve().is_file()
    page.get_by_role("link", name="Marlow Bay Hotels", exact=True).click()
    assert page.url == (site / "marlow-bay-hotels" / "index.html").as_uri()
    page.go_back()
    filters.get_by_role("link", name="All assessments (6)").click()
    assert page.url == (site / "index.html").as_uri()
    assert len(shown(page)) == 6


def test_a_heading_sorts_the_table_when_pressed(site: Path, store: FileStore, definitions: dict,
                                               page: Any) -> None:
    everyone = store.assessments()
    scores = {a.account: service.rollup(store, definitions, a.id).score for a in everyone}
    assert None not in scores.values()
    rising = sorted(scores, key=lambda account: scores[account] or 0)
    page.goto((site / "index.html").as_uri())
    assert shown(page) == [a.account for a in everyone]
    score = page.get_by_role("columnheader", name="Score")
    assert score.get_attribute("aria-sort") is None
    score.get_by_role("button", name="Score").click()
    assert score.get_attribute("aria-sort") == "ascending"
    assert shown(page) == rising
    score.get_by_role("button").click()
    assert score.get_attribute("aria-sort") == "descending"
    assert shown(page) == rising[::-1]
    # By keyboard too; one heading at a time says how the table is sorted.
    stage = page.get_by_role("columnheader", name="Stage")
    stage.get_by_role("button").focus()
    page.keyboard.press("Enter")
    assert stage.get_attribute("aria-sort") == "ascending"
    assert score.get_attribute("aria-sort") is None
    order = ["Qualifying", "Closing", "Implementing", "Live"]
    stages = page.locator(f"{ROWS} td:nth-child(3)").all_inner_texts()
    assert stages == sorted(stages, key=order.index)
    page.get_by_role("columnheader", name="Account").get_by_role("button").focus()
    page.keyboard.press("Space")
    assert shown(page) == sorted(scores)
    assert page.locator("th[aria-sort]").count() == 1


def test_a_filter_page_sorts_its_own_rows(site: Path, page: Any) -> None:
    page.goto((site / "owner" / "priya-raman" / "index.html").as_uri())
    before = shown(page)
    page.get_by_role("button", name="Account").click()
    page.get_by_role("button", name="Account").click()
    assert shown(page) == sorted(before, reverse=True) and len(before) == 2


def test_without_javascript_the_default_order_shows(site: Path, store: FileStore,
                                                    browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((site / "index.html").as_uri())
        assert shown(tab) == [a.account for a in store.assessments()]
        assert tab.locator("table.portfolio th button").count() == 0
        assert tab.locator("th[aria-sort]").count() == 0
        tab.goto((site / "verdict" / "not_ready" / "index.html").as_uri())
        assert shown(tab) == ["Fennick Packaging", "Halden Freight"]
    finally:
        context.close()


def test_a_changed_deal_rewrites_only_the_portfolio_pages_that_list_it(
        run: Run, store: FileStore, tmp_path: Path) -> None:
    run()
    marlow = store.assessment("marlow-bay-hotels")
    service.update_assessment(store, marlow.id, {**dataclasses.asdict(marlow),
                                                 "deal": "Work orders, all six hotels"})
    again = run()
    assert sorted(again.pages_written) == [
        "health/at_risk/index.html", "index.html", "marlow-bay-hotels/index.html",
        "owner/jo-okafor/index.html", "stage/live/index.html", "verdict/at_risk/index.html"]
    assert again.removed == []
    assert "all six hotels" in (tmp_path / "site" / "stage" / "live" / "index.html"
                                ).read_text(encoding="utf-8")


@pytest.mark.parametrize("ident", ["stage", "verdict", "health", "owner"])
def test_an_assessment_named_like_a_filter_folder_is_refused(run: Run, store: FileStore,
                                                             ident: str) -> None:
    service.create_assessment(store, {"id": ident, "account": "Folder Ltd"})
    with pytest.raises(InputError, match=f"'{ident}' cannot be published"):
        run()
