"""The live app through its test client: login, seller pages, links, reports, headers."""

from __future__ import annotations

import re

import pytest

from assessments.store import service
from assessments.store.records import token_hash
from tests.helpers import SELLER_READINESS_FORM


def make(seller, ident="acme", **extra):  # type: ignore[no-untyped-def]
    data = {"id": ident, "account": "Acme <b>Corp</b>", "deal": "Pilot", "owner": "Sam",
            "stage": "closing", "close_date": "2026-12-01", "go_live": "2027-01-04", **extra}
    return seller.post("/assessments/new", data=data)


def link(seller, ident="acme", questionnaire="pre-close-readiness", **extra):  # type: ignore[no-untyped-def]
    response = seller.post(f"/assessments/{ident}/links", data={
        "questionnaire": questionnaire, "role": "stakeholder", "name": "Ines", **extra})
    assert response.status_code == 200
    return re.search(r'value="(http[^"]+/r/[^"]+)"', response.get_data(as_text=True)).group(1)


def test_every_seller_page_needs_a_login(client, seller) -> None:  # type: ignore[no-untyped-def]
    make(seller)
    for path in ["/", "/assessments/new", "/assessments/acme", "/assessments/acme/edit",
                 "/assessments/acme/fill/pre-close-readiness", "/reports/", "/reports/acme/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
    assert client.post("/assessments/acme/links", data={}).status_code == 302


def test_login_logout_and_wrong_password(client) -> None:  # type: ignore[no-untyped-def]
    wrong = client.post("/login", data={"name": "sam", "password": "nope nope nope"})
    assert wrong.status_code == 200 and "do not match" in wrong.get_data(as_text=True)
    right = client.post("/login?next=/reports/", data={"name": "sam",
                                                       "password": "correct horse battery"})
    assert right.headers["Location"] == "/reports/"
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_a_session_cookie_copied_before_logout_opens_nothing(app, seller) -> None:  # type: ignore[no-untyped-def]
    copied = seller.get_cookie("session", domain="rg.test").value
    assert seller.post("/logout").status_code == 302
    replayed = app.test_client()
    replayed.set_cookie("session", copied, domain="rg.test")
    for path in ["/", "/reports/"]:
        response = replayed.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_login_never_redirects_off_site(client) -> None:  # type: ignore[no-untyped-def]
    for target in ["https://evil.example/", "//evil.example/", "/\\evil"]:
        response = client.post(f"/login?next={target}", data={
            "name": "sam", "password": "correct horse battery"})
        assert response.headers["Location"] == "/", target


def test_create_edit_and_list(seller, store) -> None:  # type: ignore[no-untyped-def]
    assert make(seller).status_code == 302
    assert store.assessment("acme").account == "Acme <b>Corp</b>"
    page = seller.get("/").get_data(as_text=True)
    assert "Acme &lt;b&gt;Corp&lt;/b&gt;" in page and "<b>Corp" not in page
    assert "Insufficient data" in page
    seller.post("/assessments/acme/edit", data={"account": "Acme", "stage": "live",
                                                "go_live": "2027-01-04"})
    assert store.assessment("acme").stage == "live"


def test_the_seller_chooses_the_questionnaires_that_apply(seller, store) -> None:  # type: ignore[no-untyped-def]
    assert make(seller).status_code == 302
    page = seller.get("/assessments/acme").get_data(as_text=True)
    # Closing: the readiness check and the stakeholder map, not yet the weekly pulse.
    assert 'value="stakeholder-map"' in page and 'value="post-go-live-pulse"' not in page
    edit = seller.get("/assessments/acme/edit").get_data(as_text=True)
    assert '<legend>Questionnaires</legend>' in edit and 'value="post-go-live-pulse"' in edit
    saved = seller.post("/assessments/acme/edit", data={
        "account": "Acme", "stage": "closing",
        "questionnaires": ["pre-close-readiness", "post-go-live-pulse"]})
    assert saved.status_code == 302
    assert store.assessment("acme").questionnaires == ("pre-close-readiness",
                                                       "post-go-live-pulse")
    page = seller.get("/assessments/acme").get_data(as_text=True)
    assert 'value="post-go-live-pulse"' in page and 'value="stakeholder-map"' not in page
    refused = seller.post("/assessments/acme/links", data={
        "questionnaire": "stakeholder-map", "role": "stakeholder"})
    assert refused.status_code == 302  # back to the page, with the reason flashed
    assert store.invitations("acme") == []
    assert seller.get("/assessments/acme/fill/stakeholder-map").status_code == 404
    forged = seller.post("/assessments/acme/edit", data={
        "account": "Acme", "stage": "closing", "questionnaires": ["no-such-thing"]})
    assert forged.status_code == 400


def test_a_link_whose_questionnaire_was_taken_off_is_gone(seller, client, store) -> None:  # type: ignore[no-untyped-def]
    assert make(seller).status_code == 302
    url = link(seller, questionnaire="stakeholder-map")
    token = url.rsplit("/", 1)[1]
    assert client.get(f"/r/{token}").status_code == 200
    seller.post("/assessments/acme/edit", data={"account": "Acme", "stage": "closing",
                                                "questionnaires": ["pre-close-readiness"]})
    gone = client.get(f"/r/{token}")
    assert gone.status_code == 410
    assert "This questionnaire is no longer asked" in gone.get_data(as_text=True)
    assert client.post(f"/r/{token}", data={}).status_code == 410
    assert store.responses("acme") == []


def test_links_made_on_the_page_start_with_the_public_address(app, seller) -> None:  # type: ignore[no-untyped-def]
    app.config["PUBLIC_URL"] = "https://deals.example.com/readiness/"
    assert make(seller).status_code == 302
    assert link(seller).startswith("https://deals.example.com/readiness/r/")


@pytest.mark.parametrize(("field", "value", "says"), [
    ("id", "Bad Id", "is not valid"), ("close_date", "31/12/2026", "is not a date"),
    ("stage", "won", "Not a valid choice"), ("account", "", "This field is required")])
def test_bad_assessment_input_is_refused(seller, store, field, value, says) -> None:  # type: ignore[no-untyped-def]
    response = make(seller, **{field: value})
    assert response.status_code == 400 and says in response.get_data(as_text=True)
    assert store.assessments() == []


def test_duplicate_id_is_refused(seller, store) -> None:  # type: ignore[no-untyped-def]
    make(seller)
    again = make(seller, account="Other")
    assert again.status_code == 400 and "exists already" in again.get_data(as_text=True)
    assert store.assessment("acme").account == "Acme <b>Corp</b>"


def test_links_are_shown_once_and_stored_hashed(seller, store) -> None:  # type: ignore[no-untyped-def]
    make(seller)
    url = link(seller)
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 43  # 256 bits, URL-safe base64
    (invitation,) = store.invitations("acme")
    assert invitation.token_hash == token_hash(token) and invitation.name == "Ines"
    assert token not in seller.get("/assessments/acme").get_data(as_text=True)


def test_revoked_and_expired_links_answer_410(app, client, seller, store) -> None:  # type: ignore[no-untyped-def]
    make(seller)
    url = link(seller)
    path = url.split("rg.test", 1)[1]
    assert client.get(path).status_code == 200
    (invitation,) = store.invitations("acme")
    seller.post(f"/assessments/acme/links/{invitation.id}/revoke")
    gone = client.get(path)
    assert gone.status_code == 410 and "revoked" in gone.get_data(as_text=True)
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "stakeholder-map", role="stakeholder",
                                             expires_days=1)
    import datetime as dt
    (later,) = [i for i in store.invitations("acme") if not i.revoked]
    assert service.link_state(later, dt.datetime.now(dt.UTC) + dt.timedelta(days=2)) == \
        "expired"


def test_unknown_tokens_answer_404_with_a_clear_page(client) -> None:  # type: ignore[no-untyped-def]
    for token in ["x", "a" * 43, "%00" * 30, "<script>"]:
        response = client.get(f"/r/{token}")
        assert response.status_code == 404
        assert "This link does not exist" in response.get_data(as_text=True)
    assert client.get("/r/../../etc/passwd").status_code == 404


def test_a_link_opens_only_its_own_form(seller, client) -> None:  # type: ignore[no-untyped-def]
    make(seller)
    make(seller, "other", account="Other Co")
    path = link(seller).split("rg.test", 1)[1]
    page = client.get(path).get_data(as_text=True)
    assert "Pre-close implementation readiness" in page and "Other Co" not in page
    for elsewhere in ["/", "/assessments/acme", "/assessments/other", "/reports/acme/",
                      "/reports/"]:
        assert client.get(elsewhere).status_code == 302  # to the login page


def test_security_headers(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True)


def test_report_page_shows_scores_and_explanation(seller) -> None:  # type: ignore[no-untyped-def]
    make(seller)
    page = seller.get("/reports/acme/").get_data(as_text=True)
    assert "How the numbers were reached" in page and "Activation plan" in page
    assert seller.get("/reports/nope/").status_code == 404


def test_every_demo_link_opens_or_is_gone(client, store) -> None:  # type: ignore[no-untyped-def]
    from assessments.demo.load import demo_data, demo_token, load_demo

    load_demo(store)
    seen = set()
    for account in demo_data():
        for n, invitation in enumerate(account.invitations, 1):
            response = client.get(f"/r/{demo_token(account.assessment.id, n)}")
            state = service.link_state(invitation)
            assert response.status_code == (200 if state == "ok" else 410), invitation.id
            seen.add(response.status_code)
    assert seen == {200, 410}


def test_reports_name_a_seller_by_their_display_name(app, seller, store) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.auth import rename_user

    rename_user(store, "sam", "Sam Rivera")
    assert make(seller).status_code == 302
    posted = seller.post("/assessments/acme/fill/pre-close-readiness", data=SELLER_READINESS_FORM)
    assert posted.status_code == 303
    (record,) = store.responses("acme")
    assert record.respondent == "sam" and record.name == "Sam Rivera"
    page = seller.get("/reports/acme/").get_data(as_text=True)
    assert "Sam Rivera" in page and ">sam<" not in page and "sam (seller)" not in page
