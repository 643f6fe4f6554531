"""Confidential answers, through the real app: links, forms, the report page and its PDF.

Before: the report's appendix (page and PDF) listed every named respondent's answers — a
person who "did not want it", desire 2 of 5, "I'll keep my sheet" — and each user's
weekly pulse by name, although the form said other respondents do not see them.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest

from assessments.report.pdf import Renderer
from assessments.store import service
from scoring.assess import Assessment

pytestmark = pytest.mark.slow

ADKAR = ("adkar_awareness", "adkar_desire", "adkar_knowledge_what", "adkar_knowledge_how",
         "adkar_ability_time", "adkar_ability_access", "adkar_ability_skills",
         "adkar_reinforcement")
PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "none",
         "umux_capabilities": "6", "umux_easy": "5", "first_value_seen": "no"}


def link(app: Any, store: Any, questionnaire: str, role: str, name: str, *,
         named: bool = False) -> str:
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", questionnaire, role=role, name=name,
                                             named=named)
    return f"/r/{token}"


def own(group: str, wanted: str, desire: int, resistance: str) -> dict[str, str]:
    answers = {item: "4" for item in ADKAR}
    answers.update(adkar_desire=str(desire), role_group=group, wanted_it=wanted,
                   my_success="Fewer spreadsheets to keep in step.", my_resistance=resistance)
    return answers


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


def test_reports_show_confidential_answers_only_in_totals(app: Any, client: Any, seller: Any,
                                                          store: Any, tmp_path: Path) -> None:
    go_live = (dt.date.today() - dt.timedelta(days=15)).isoformat()
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    people = [("Dana Vos", own("daily_user", "no", 2, "I'll keep my sheet.")),
              ("Eli Berg", own("daily_user", "yes", 4, "Double entry in the switch.")),
              ("Flo Maas", own("manager", "yes", 5, "No time in December."))]
    for name, answers in people:
        form = link(app, store, "stakeholder-map", "stakeholder", name)
        page = client.get(form).get_data(as_text=True)
        assert "never shown with your name" in page
        assert client.post(form, data=answers).status_code == 303
    gus = link(app, store, "stakeholder-map", "stakeholder", "Gus Named", named=True)
    assert "will be shown with your name" in client.get(gus).get_data(as_text=True)
    client.post(gus, data=own("approver", "yes", 5, "Month-end close clashes."))
    for name in ("Kim Pulse", "Lee Pulse"):
        client.post(link(app, store, "post-go-live-pulse", "user", name), data=PULSE)

    html = seller.get("/reports/acme/").get_data(as_text=True)
    pdf = tmp_path / "report.pdf"
    Renderer().render(html, pdf)
    for text in (html, text_of(pdf)):
        # Confidential people are never named, nor their answers tied to them.
        for name in ("Dana", "Eli Berg", "Flo Maas", "Kim Pulse", "Lee Pulse"):
            assert name not in text, name
        # Three confidential self-reports: their free text as comments without names ...
        assert "keep my sheet" in text and "No time in December" in text
        assert "3 confidential answers, in totals" in text
        # ... the named link's answers under the name.
        assert "Gus Named" in text and "Month-end close clashes" in text
    # Two pulses this week: no health, nothing of theirs, only their count.
    assert "Week 3: too few answers this week (2;" in html
    assert "2 confidential answers: too few to show" in html
    assert "Every working day ×" not in html
