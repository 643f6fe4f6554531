"""The adoption checkpoints where the seller meets them: the assessment page says which is
due, the seller's form keeps each checkpoint apart, and the report shows them all."""

from __future__ import annotations

import datetime as dt
import re

from scoring.assess import Assessment

DAY_30 = {"checkpoint_day": "30", "proof_current": "66 % within 48 h",
          "proof_movement": "toward", "proof_movement__evidence": "2",
          "proof_confirmed_by": "Ines Duarte, COO", "issue_blocks": "no"}


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_seller_answers_checkpoints_and_the_report_shows_them(seller, store) -> None:  # type: ignore[no-untyped-def]
    go_live = (dt.date.today() - dt.timedelta(days=70)).isoformat()
    store.save_assessment(Assessment("acme", "Acme", owner="Sam", stage="live",
                                     go_live=go_live))
    page = words(seller.get("/assessments/acme").get_data(as_text=True))
    assert "The day-30 adoption checkpoint is overdue: it was due on" in page
    form = "/assessments/acme/fill/adoption-checkpoint"
    assert seller.post(form, data=DAY_30).status_code == 303
    assert seller.post(form, data={**DAY_30, "checkpoint_day": "60",
                                   "proof_movement": "reached"}).status_code == 303
    stored = store.responses("acme", "adoption-checkpoint")
    assert sorted(r.week for r in stored) == [30, 60]  # day 60's did not replace day 30's
    page = words(seller.get("/assessments/acme").get_data(as_text=True))
    assert "The day-90 adoption checkpoint is due on" in page
    report = words(seller.get("/reports/acme/").get_data(as_text=True))
    assert "Checkpoints after go-live" in report
    assert "Reached the target Ines Duarte, COO" in report
    assert "Moved towards the target Ines Duarte, COO" in report
