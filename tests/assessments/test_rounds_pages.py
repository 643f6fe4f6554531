"""Readiness rounds where people read them: the report page, the seller's assessment page
and the portfolio's sparklines (the executive PDF's line is checked with the PDFs)."""

from __future__ import annotations

import re

from assessments.demo.load import load_demo

ROUNDED = "brightmoor-clinics"


def test_the_report_says_what_changed_and_lists_every_round(app, seller, store) -> None:  # type: ignore[no-untyped-def]
    load_demo(store, only=(ROUNDED,))
    page = seller.get(f"/reports/{ROUNDED}/").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Since the round before" in text
    assert ("Round 3 (2026-11-06, Marit Solberg, Head of Patient Access) against round 2 "
            "(2026-11-03): score 45 → 53") in text
    assert "Better: ▲ Barrier cleared: Decision made differently" in text
    assert re.search(r"3 2026-11-06 Marit Solberg.*2 2026-11-03 Jo Okafor.*"
                     r"1 2026-10-13 Jo Okafor 9 Not ready", text)
    assert 'aria-label="Readiness score by round: 9, 45, 53"' in page
    assessment = seller.get(f"/assessments/{ROUNDED}").get_data(as_text=True)
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", assessment))
    assert "Readiness rounds" in said and "score 45 → 53" in said


def test_the_portfolio_draws_each_deals_trend(app, seller, store) -> None:  # type: ignore[no-untyped-def]
    load_demo(store)
    page = seller.get("/reports/").get_data(as_text=True)
    lines = re.findall(r'<svg class="sparkline"[^>]*aria-label="([^"]+)"', page)
    assert "Readiness by round: 9, 45, 53" in lines
    # A live deal draws its weekly health instead.
    assert any(label.startswith("Weekly health, weeks 1 to") for label in lines)
