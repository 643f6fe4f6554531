"""A seller's own account page: the name answers and reports show, never the login."""

from __future__ import annotations

import re

import pytest

from assessments.report import keys
from assessments.store.records import ResponseRecord
from scoring.assess import Assessment

PASSWORD = "correct horse battery"
LOGIN = "q7login"
"""A login that no page has any other reason to show, so finding it in HTML is a leak."""
SELLER_ANSWERS = {
    "owner": "named_with_authority", "owner__evidence": "2", "owner_name": "Ines",
    "first_workflow": "agreed", "first_workflow__evidence": "3", "first_users": "unknown",
    "data_access": "unknown", "decision_change": "none", "proof_metric": "none",
    "old_process": "none", "capacity": "none", "stall_risks": "not_discussed"}


def logged_in(app, login: str):  # type: ignore[no-untyped-def]
    """A test client logged in as `login`."""
    browser = app.test_client()
    assert browser.post("/login", data={"name": login, "password": PASSWORD}).status_code == 302
    return browser


def shown(store, login: str) -> str:  # type: ignore[no-untyped-def]
    return store.user(login).display_name


def test_the_account_page_needs_a_login(client, store) -> None:  # type: ignore[no-untyped-def]
    for response in (client.get("/account"),
                     client.post("/account", data={"display_name": "Mallory"})):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=/account")
    assert shown(store, "sam") == ""


def test_a_rename_needs_the_forms_csrf_token(data_dir) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(data_dir), "TESTING": True, "SERVER_NAME": "rg.test"})
    store = app.extensions["readygate"].store
    add_user(store, "sam", PASSWORD, "Sam")
    browser = app.test_client()

    def token(path: str) -> str:
        page = browser.get(path).get_data(as_text=True)
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert found is not None, path
        return found.group(1)

    browser.post("/login", data={"name": "sam", "password": PASSWORD,
                                 "csrf_token": token("/login")})
    real = token("/account")
    for forged in ({}, {"csrf_token": "forged"}):
        response = browser.post("/account", data={"display_name": "Mallory", **forged})
        assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert shown(store, "sam") == "Sam"
    ok = browser.post("/account", data={"display_name": "Sam Rivera", "csrf_token": real})
    assert ok.status_code == 303 and shown(store, "sam") == "Sam Rivera"


@pytest.mark.parametrize(("name", "message"), [
    ("", "Enter your name."),
    ("   ", "Enter your name."),
    ("x" * 121, "name is 121 characters long; at most 120 fit"),
    ("Sam\x07Rivera", "name holds the control character U+0007; remove it"),
    ("Sam\nRivera", "name holds the control character U+000A; remove it"),
])
def test_a_bad_name_is_refused_and_nothing_changes(app, seller, store, name: str,
                                                   message: str) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.auth import rename_user

    rename_user(store, "sam", "Sam Rivera")
    response = seller.post("/account", data={"display_name": name})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and 'aria-invalid="true"' in page
    assert shown(store, "sam") == "Sam Rivera"


def test_the_name_is_trimmed_and_the_longest_allowed_fits(seller, store) -> None:  # type: ignore[no-untyped-def]
    response = seller.post("/account", data={"display_name": "  Sam Rivera \t"})
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    assert shown(store, "sam") == "Sam Rivera"
    assert seller.post("/account", data={"display_name": "x" * 120}).status_code == 303
    assert shown(store, "sam") == "x" * 120


def test_a_rename_shows_everywhere_and_no_page_shows_the_login(app, store) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.auth import add_user

    add_user(store, LOGIN, PASSWORD)  # no display name yet: the answer is stored under the login
    browser = logged_in(app, LOGIN)
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    posted = browser.post("/assessments/acme/fill/pre-close-readiness", data=SELLER_ANSWERS)
    assert posted.status_code == 303
    form = browser.get("/account").get_data(as_text=True)
    assert "Your account" in form and LOGIN not in form

    renamed = browser.post("/account", data={"display_name": "Sam Rivera"},
                           follow_redirects=True)
    assert "Your name is now Sam Rivera." in renamed.get_data(as_text=True)
    (record,) = store.responses("acme")
    assert record.respondent == LOGIN and record.name == "Sam Rivera"
    for path in ["/", "/assessments/acme", "/account", "/reports/acme/", "/reports/"]:
        page = browser.get(path).get_data(as_text=True)
        assert LOGIN not in page, path
        if path != "/reports/":  # the portfolio names accounts, not people
            assert "Sam Rivera" in page, path
    report = browser.get("/reports/acme/").get_data(as_text=True)
    assert "Sam Rivera" in report and "Seller" in report

    browser.post("/account", data={"display_name": "Samira Rivera"})
    report = browser.get("/reports/acme/").get_data(as_text=True)
    assert "Samira Rivera" in report and "Sam Rivera" not in report


def test_a_name_with_markup_is_escaped(seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    assert seller.post("/assessments/acme/fill/pre-close-readiness",
                       data=SELLER_ANSWERS).status_code == 303
    flashed = seller.post("/account", data={"display_name": "<b>Sam</b>"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Your name is now &lt;b&gt;Sam&lt;/b&gt;." in flashed
    assert shown(store, "sam") == "<b>Sam</b>"
    for path in ["/", "/account", "/assessments/acme", "/reports/acme/"]:
        page = seller.get(path).get_data(as_text=True)
        assert "&lt;b&gt;Sam&lt;/b&gt;" in page and "<b>Sam</b>" not in page, path


def test_only_a_sellers_answers_take_their_new_name(store) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.auth import add_user, rename_user

    add_user(store, "kim", PASSWORD)
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    base = ResponseRecord("", "acme", "pre-close-readiness", "1", "", "seller", {})
    store.add_responses([
        ResponseRecord(**{**vars(base), "respondent": "sam", "name": "sam"}),
        ResponseRecord(**{**vars(base), "respondent": "kim", "name": "Kim (then)"}),
        ResponseRecord(**{**vars(base), "role": "stakeholder", "respondent": "sam",
                          "name": "Sam Okafor"})])
    rename_user(store, "sam", "Sam Rivera")
    # kim has no display name: their answer keeps the name it was given.
    assert [r.name for r in store.responses("acme")] == ["Sam Rivera", "Kim (then)",
                                                         "Sam Okafor"]


def test_a_rename_makes_the_next_pdf_fresh(seller, store) -> None:  # type: ignore[no-untyped-def]
    assessment = Assessment("acme", "Acme", stage="closing")
    store.save_assessment(assessment)
    seller.post("/assessments/acme/fill/pre-close-readiness", data=SELLER_ANSWERS)
    before = keys.assessment_key(store, {}, assessment)
    assert seller.post("/account", data={"display_name": "Sam Rivera"}).status_code == 303
    assert keys.assessment_key(store, {}, assessment) != before
