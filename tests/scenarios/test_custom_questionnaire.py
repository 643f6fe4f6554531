"""A project's own questionnaire, end to end: web forms, roll-up, report page and PDF.

Before: its must-have failed in `score --json`, yet the report had no section for it, its
actions never reached the next actions and the verdict stayed `ready`. The worked example
in docs/scoring.md ("Your own questionnaires in the roll-up") is this test's deal: keep
the two in step.
"""

from __future__ import annotations

import html
import re
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

import questionnaires
from assessments.report.pdf import Renderer
from assessments.store import service
from scoring.summary import rollup_data, rollup_lines
from tests.scenarios.helpers import CLAIMS, READY

SECURITY = """\
    id: security-review
    title: Security & data review
    version: 1
    audience: [seller, stakeholder]
    sections:
      - id: review
        title: Where the security review stands
        questions:
          - id: dpa
            type: select_one
            label: Is the data-processing agreement signed?
            criterion: dpa
            required: true
            choices:
              - {value: none, label: Not started, score: 0}
              - {value: draft, label: In legal review, score: 50}
              - {value: signed, label: Signed by both sides, score: 100}
          - id: sso
            type: yes_no
            label: Does single sign-on work in the test tenant?
            criterion: sso
          - id: notes
            type: textarea
            label: What the security team still asks for
    scoring:
      missing: zero
      criteria:
        - id: dpa
          label: Data-processing agreement <DPA> signed
          weight: 2
          must_have: true
          pass_at: 60
          action: Send the DPA to the customer's legal team and agree a signing date.
        - id: sso
          label: Single sign-on tested
          weight: 1
          action: Test single sign-on with the customer's identity team.
      bands:
        - {id: cleared, label: Cleared, min: 75}
        - {id: in_review, label: Under review, min: 50}
        - {id: blocked, label: Blocked, min: 0}
    """
OWN = "security-review"
OWN_ANCHOR = f"questionnaire-{OWN}"
SELLER_SAYS = {"dpa": "signed", "sso": "yes"}
CUSTOMER_SAYS = {"dpa": "none", "sso": "yes", "notes": "Pen test <script>alert(1)</script>"}


@pytest.fixture
def definitions(tmp_path: Path) -> dict[str, questionnaires.Questionnaire]:
    """The built-ins and the project's own security review, loaded together."""
    folder = tmp_path / "definitions"
    folder.mkdir()
    (folder / f"{OWN}.yaml").write_text(textwrap.dedent(SECURITY), encoding="utf-8")
    return {q.id: q for q in questionnaires.load([questionnaires.BUILTIN_DIR, folder])}


@pytest.fixture
def own_app(tmp_path: Path, definitions: dict[str, questionnaires.Questionnaire]) -> Any:
    """The real app with those definitions and one seller account (CSRF off)."""
    from assessments.web.app import create_app
    from assessments.web.auth import add_user
    from assessments.web.context import store

    application = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                              "WTF_CSRF_ENABLED": False, "SERVER_NAME": "rg.test"},
                             definitions=definitions)
    with application.app_context():
        add_user(store(), "sam", "correct horse battery")
    return application


def logged_in(app: Any) -> Any:
    """A client logged in as the seller."""
    client = app.test_client()
    assert client.post("/login", data={"name": "sam",
                                       "password": "correct horse battery"}).status_code == 302
    return client


def post(client: Any, path: str, data: dict[str, Any]) -> None:
    """Submit a form and expect the redirect a saved answer gives."""
    response = client.post(path, data=data)
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]


def pdf_text(pdf: Path) -> str:
    """The PDF's text, whitespace collapsed (pdftotext breaks lines where the page does)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


@pytest.mark.slow
def test_an_own_questionnaires_failed_must_have_reaches_verdict_actions_page_and_pdf(
        own_app: Any, definitions: dict[str, questionnaires.Questionnaire],
        tmp_path: Path) -> None:
    seller = logged_in(own_app)
    store = own_app.extensions["readygate"].store
    post(seller, "/assessments/new", {"id": "acme", "account": "Acme & Sons", "deal": "Pilot",
                                      "owner": "Sam", "stage": "closing"})
    readiness = {**READY, **{f"{c}__evidence": "3" for c in CLAIMS}}
    post(seller, "/assessments/acme/fill/pre-close-readiness", readiness)
    post(seller, f"/assessments/acme/fill/{OWN}", SELLER_SAYS)

    # The seller alone says the DPA is signed: the review passes and the deal is ready.
    alone = service.rollup(store, definitions, "acme")
    assert (alone.verdict, alone.score, alone.failed_gates) == ("ready", 100, ())
    alone_own = alone.questionnaires[OWN]
    assert (alone_own.score, alone_own.verdict, alone.own) == (100, "cleared", (OWN,))

    # The customer's security lead answers through their own link: nothing is started.
    with own_app.app_context():
        _, token = service.create_invitation(store, definitions, "acme", OWN,
                                             role="stakeholder", name="Ines")
    customer = own_app.test_client()
    assert "Is the data-processing agreement signed?" in customer.get(
        f"/r/{token}").get_data(as_text=True)
    post(customer, f"/r/{token}", CUSTOMER_SAYS)

    rolled = service.rollup(store, definitions, "acme")
    own = rolled.questionnaires[OWN]
    assert own.respondents == 2 and own.criterion("dpa").score == 50  # (100 + 0) / 2
    assert own.score == pytest.approx(200 / 3)  # (50 × 2 + 100 × 1) / 3, shown as 67
    assert (own.band, own.verdict) == ("in_review", "blocked")
    # The readiness check still reads 100 and ready; the failed must-have caps the deal.
    assert rolled.readiness is not None and rolled.readiness.verdict == "ready"
    assert (rolled.verdict, rolled.verdict_label) == ("not_ready", "Not ready")
    assert rolled.score == 100 and rolled.failed_gates == (f"{OWN}/dpa",)
    assert rolled.explain.rule == ("closing: pre-close readiness, capped at not ready: "
                                   "Security & data review fails a must-have "
                                   "(Data-processing agreement <DPA> signed)")
    # After the readiness barriers (none) and before the stakeholder findings.
    first, second = rolled.next_actions[:2]
    assert (first.source, second.source) == (OWN, "stakeholder-map")
    assert first.text == "Send the DPA to the customer's legal team and agree a signing date."
    assert first.reason == ("Security & data review — Data-processing agreement <DPA> signed: "
                            "50 below 60 (must-have)")
    data = rollup_data(rolled)
    assert (data["verdict"], data["score"], data["failed_gates"]) == \
        ("not_ready", 100, [f"{OWN}/dpa"])
    assert data["questionnaires"][OWN]["failed_gates"] == ["dpa"]
    assert f"Failed gates: {OWN}/dpa" in rollup_lines(rolled)

    page = seller.get("/reports/acme/").get_data(as_text=True)
    assert "<DPA>" not in page and "<script>alert" not in page
    start = page.index(f'<section id="{OWN_ANCHOR}"')
    section = page[start:page.index("</section>", start)]
    assert page.index('<section id="criteria"') < start < page.index(
        '<section id="stakeholders"')
    assert f'<a href="#{OWN_ANCHOR}">Security &amp; data review</a>' in page  # contents
    assert '<h2 id="questionnaire-security-review-title">Security &amp; data review</h2>' \
        in section
    assert section.count('class="chart chart-criteria"') == 1
    assert "Data-processing agreement &lt;DPA&gt; signed: 50 of 100" in section  # chart title
    assert '<table class="criteria-table">' in section
    assert re.search(r'<tr class="fails must-have"><th scope="row">Data-processing agreement '
                     r'&lt;DPA&gt; signed</th>', section)
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)))
    assert "It caps the deal's verdict at not ready" in text
    assert "Send the DPA to the customer's legal team and agree a signing date." in text
    assert "1 customer respondent answered on confidential links" in text
    assert page.count('class="chart chart-criteria"') == 2  # readiness and the review

    out = tmp_path / "report.pdf"
    Renderer().render(page, out)
    printed = pdf_text(out)
    assert "Security & data review" in printed and "Not ready" in printed
    assert "It caps the deal's verdict at not ready" in printed
    assert "Send the DPA to the customer's legal team and agree a signing date." in printed
    assert "capped at not ready: Security & data review fails a must-have" in printed


def test_an_unanswered_own_questionnaire_changes_nothing(
        own_app: Any, definitions: dict[str, questionnaires.Questionnaire]) -> None:
    seller = logged_in(own_app)
    store = own_app.extensions["readygate"].store
    post(seller, "/assessments/new", {"id": "acme", "account": "Acme", "stage": "closing"})
    post(seller, "/assessments/acme/fill/pre-close-readiness",
         {**READY, **{f"{c}__evidence": "3" for c in CLAIMS}})
    rolled = service.rollup(store, definitions, "acme")
    assert (rolled.verdict, rolled.failed_gates, rolled.own) == ("ready", (), ())
    assert all(a.source != OWN for a in rolled.next_actions)
    page = seller.get("/reports/acme/").get_data(as_text=True)
    assert OWN_ANCHOR not in page and "Security &amp; data review" not in page
