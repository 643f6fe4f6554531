"""Respondents through the real app: submit, weekly pulses, and hostile input."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assessments.store import service
from scoring.assess import Assessment
from tests.helpers import SELLER_READINESS_FORM

PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "The totals differ from the old report",
         "umux_capabilities": "6", "umux_easy": "5", "recommend": "8"}


@pytest.fixture
def pulse_link(app, store):  # type: ignore[no-untyped-def]
    go_live = (dt.date.today() - dt.timedelta(days=3)).isoformat()  # in week 1
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    store.save_assessment(Assessment("other", "Other Co", stage="closing"))
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "post-go-live-pulse", role="user",
                                             name="Kim", segment="north")
    return f"/r/{token}"


def test_a_respondent_submits_and_sees_only_thanks(client, store, pulse_link) -> None:  # type: ignore[no-untyped-def]
    page = client.get(pulse_link).get_data(as_text=True)
    assert "Weekly pulse after go-live" in page and "Other Co" not in page
    response = client.post(pulse_link, data=PULSE)
    assert response.status_code == 303 and response.headers["Location"].endswith("/thanks")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you" in thanks and "score" not in thanks.lower()
    (stored,) = store.responses("acme")
    assert stored.answers["blockers"] == ["trust"] and stored.answers["recommend"] == 8
    assert stored.week == 1 and stored.name == "Kim" and stored.segment == "north"
    assert stored.role == "user" and stored.source == "web"


def test_answering_again_in_the_same_week_replaces_and_keeps_history(client, store,
                                                                     pulse_link) -> None:  # type: ignore[no-untyped-def]
    client.post(pulse_link, data=PULSE)
    client.post(pulse_link, data={**PULSE, "recommend": "3"})
    (current,) = store.responses("acme")
    assert current.answers["recommend"] == 3
    history = store.responses("acme", include_superseded=True)
    assert [r.superseded for r in history] == [True, False]


def test_errors_show_next_to_fields_and_keep_answers(client, store, pulse_link) -> None:  # type: ignore[no-untyped-def]
    response = client.post(pulse_link, data={**PULSE, "recommend": "",
                                             "blocker_trust_detail": "kept <b>text</b>",
                                             "blockers": ["none", "trust"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#blockers"' in page
    assert "kept &lt;b&gt;text&lt;/b&gt;" in page and "<b>text</b>" not in page
    assert store.responses("acme") == []


@pytest.mark.parametrize(("change", "why"), [
    ({"usage_frequency": "sometimes"}, "forged choice"),
    ({"recommend": "11"}, "out of range"),
    ({"umux_easy": "five"}, "not a number"),
    ({"blocker_trust_detail": "x" * 5000}, "too long"),
])
def test_forged_answers_are_refused(client, store, pulse_link, change, why) -> None:  # type: ignore[no-untyped-def]
    response = client.post(pulse_link, data={**PULSE, **change})
    assert response.status_code == 400, why
    assert store.responses("acme") == []


def test_unknown_fields_and_markup_are_harmless(client, store, pulse_link) -> None:  # type: ignore[no-untyped-def]
    response = client.post(pulse_link, data={**PULSE, "is_admin": "1", "assessment": "other",
                                             "questionnaire": "pre-close-readiness",
                                             "blocker_trust_detail": "<script>alert(1)</script>"})
    assert response.status_code == 303
    (stored,) = store.responses("acme")
    assert "is_admin" not in stored.answers and store.responses("other") == []
    assert stored.answers["blocker_trust_detail"] == "<script>alert(1)</script>"


def test_oversized_body_is_413(client, store, pulse_link) -> None:  # type: ignore[no-untyped-def]
    response = client.post(pulse_link, data={**PULSE, "padding": "x" * 600_000})
    assert response.status_code == 413 and store.responses("acme") == []


def test_missing_or_wrong_csrf_token_is_400(data_dir, store) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.app import create_app

    app = create_app({"DATA": str(data_dir), "TESTING": True})
    store = app.extensions["readygate"].store
    go_live = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "post-go-live-pulse", role="user")
    client = app.test_client()
    page = client.get(f"/r/{token}").get_data(as_text=True)
    real = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
        re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert real is not None
    for bad in ({}, {"csrf_token": "forged"}):
        response = client.post(f"/r/{token}", data={**PULSE, **bad})
        assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert store.responses("acme") == []
    ok = client.post(f"/r/{token}", data={**PULSE, "csrf_token": real.group(1)})
    assert ok.status_code == 303 and len(store.responses("acme")) == 1


def test_seller_fills_a_seller_questionnaire(seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    response = seller.post("/assessments/acme/fill/pre-close-readiness", data=SELLER_READINESS_FORM)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    (stored,) = store.responses("acme")
    assert stored.role == "seller" and stored.respondent == "sam"
    assert stored.evidence["owner"] == 2 and stored.evidence["first_workflow"] == 3
    again = seller.get("/assessments/acme/fill/pre-close-readiness").get_data(as_text=True)
    # The seller's form opens with their latest answers.
    assert re.search(r'<input checked [^>]*name="owner"[^>]*value="named_with_authority"', again)
    report = seller.get("/reports/acme/").get_data(as_text=True)
    assert "Named owner with authority" in report


def test_the_seller_sees_only_their_part_of_the_pulse(seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    # Before go-live the pulse does not apply: there is nothing to fill in.
    assert seller.get("/assessments/acme/fill/post-go-live-pulse").status_code == 404
    store.save_assessment(Assessment("acme", "Acme", stage="live"))
    page = seller.get("/assessments/acme/fill/post-go-live-pulse").get_data(as_text=True)
    assert "First value, confirmed" in page and "usage_frequency" not in page
    assert seller.get("/assessments/acme/fill/nope").status_code == 404
    assert seller.get("/assessments/nope/fill/pre-close-readiness").status_code == 404


def test_the_nps_is_asked_once_every_four_weeks(app, client, store) -> None:  # type: ignore[no-untyped-def]
    """Likelihood to recommend is a relationship measure: weeks 1, 5, 9 …, not weekly."""
    for days, asked in ((3, True), (10, False), (31, True)):
        ident = f"acme-{days}"
        go_live = (dt.date.today() - dt.timedelta(days=days)).isoformat()
        store.save_assessment(Assessment(ident, "Acme", stage="live", go_live=go_live))
        with app.app_context():
            _, token = service.create_invitation(
                store, app.extensions["readygate"].definitions, ident,
                "post-go-live-pulse", role="user")
        page = client.get(f"/r/{token}").get_data(as_text=True)
        assert ('name="recommend"' in page) is asked, days
        client.post(f"/r/{token}", data=PULSE)
        (stored,) = store.responses(ident)
        assert ("recommend" in stored.answers) is asked


def test_a_pulse_before_go_live_counts_as_week_0(app, client, store) -> None:  # type: ignore[no-untyped-def]
    """Before: stored without a week and silently left out of the adoption loop."""
    store.save_assessment(Assessment("early", "Early Co", stage="implementing"))
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "early", "post-go-live-pulse", role="user")
    assert client.post(f"/r/{token}", data=PULSE).status_code == 303
    (stored,) = store.responses("early")
    assert stored.week == 0


def test_a_link_can_fix_the_language(app, client, store, pulse_link) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "post-go-live-pulse", role="user",
                                             language="nl")
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "Wekelijkse check na livegang" in page
    assert "Heeft het nieuwe systeem deze week een echte beslissing beïnvloed?" in page
    assert "Did the new system influence a real decision" not in page
    assert '<html lang="nl">' in page


FIELDS = ["usage_frequency", "proof_decision", "blockers", "blocker_trust_detail",
          "umux_capabilities", "umux_easy", "recommend", "first_value_seen", "first_value",
          "trust_change", "old_workflow", "action", "junk"]


def test_no_post_ever_causes_a_server_error(app, store, pulse_link) -> None:  # type: ignore[no-untyped-def]
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    client = app.test_client()
    values = st.one_of(st.text(max_size=300), st.sampled_from(
        ["yes", "no", "trust", "none", "11", "-1", "1e309", "add:blockers", "remove:x:999999",
         "\x00", "<script>", "every_day"]))

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.dictionaries(st.sampled_from(FIELDS), st.lists(values, max_size=3)))
    def post(data: dict[str, list[str]]) -> None:
        response = client.post(pulse_link, data=data)
        assert response.status_code in (200, 303, 400, 413), response.status_code

    post()


def test_pages_lose_indentation_but_typed_text_keeps_it(client, pulse_link) -> None:  # type: ignore[no-untyped-def]
    typed = "line one\n    indented line\n\n  last"
    page = client.post(pulse_link, data={**PULSE, "usage_frequency": "forged",
                                         "blocker_trust_detail": typed}).get_data(as_text=True)
    assert "\n    indented line\n\n  last</textarea>" in page  # what the respondent typed
    assert "\n    <" not in page.split("<textarea", 1)[0]  # the template's indentation


READY = {"owner": "named_with_authority", "owner_name": "Ines Duarte, COO",
         "first_workflow": "agreed", "first_users": "group_informed", "data_access": "tested",
         "decision_change": "named", "proof_metric": "metric_baseline_target",
         "old_process": "agreed_with_date", "capacity": "on_calendar",
         "adoption_budget": "allocated", "stall_risks": "named_with_owner"}


def readiness_link(app, store, *, named: bool = False) -> str:  # type: ignore[no-untyped-def]
    if not store.has_assessment("acme"):
        store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "pre-close-readiness", role="stakeholder",
                                             name="Ines", named=named)
    return f"/r/{token}"


def test_a_customer_confirms_claims_without_the_sellers_grades(client, app, store) -> None:  # type: ignore[no-untyped-def]
    """The customer's answer is confirmation: no grade select, only a document box."""
    link = readiness_link(app, store)
    page = client.get(link).get_data(as_text=True)
    assert "Evidence for this answer" not in page and "seller's assumption" not in page.lower()
    assert page.count("I can point to a document that shows this") == 10
    assert 'type="checkbox"' in page and 'name="owner__evidence"' in page
    response = client.post(link, data={**READY, "owner__evidence": "y"})
    assert response.status_code == 303
    (stored,) = store.responses("acme")
    assert stored.evidence["owner"] == 3 and stored.evidence["capacity"] == 2
    assert stored.named is False


def test_every_form_says_who_will_see_the_answers(client, app, store) -> None:  # type: ignore[no-untyped-def]
    confidential = client.get(readiness_link(app, store)).get_data(as_text=True)
    assert "never shown with your name" in confidential
    assert "only in totals over at least 3 people" in confidential
    named = client.get(readiness_link(app, store, named=True)).get_data(as_text=True)
    assert "will be shown with your name to the seller&#39;s team" in named
    assert "never shown with your name" not in named


def test_the_seller_is_told_when_pulses_have_no_go_live_date(app, seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("early", "Early Co", stage="implementing"))
    page = seller.get("/assessments/early").get_data(as_text=True)
    assert "There is no go-live date" not in page
    with app.app_context():
        service.create_invitation(store, app.extensions["readygate"].definitions, "early",
                                  "post-go-live-pulse", role="user")
    page = seller.get("/assessments/early").get_data(as_text=True)
    assert "There is no go-live date, so weekly pulses cannot be placed in a week" in page


def test_two_people_on_one_open_link_are_two_respondents(app, client, store) -> None:  # type: ignore[no-untyped-def]
    """Before: both posts carried the link's id, so the later replaced the earlier."""
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "pre-close-readiness",
                                             role="stakeholder", open_link=True)
        client.post(f"/r/{token}", data={**READY, "owner": "none"})
        client.post(f"/r/{token}", data=READY)
        rolled = service.rollup(store, app.extensions["readygate"].definitions, "acme")
    assert rolled.readiness is not None and rolled.readiness.respondents == 2
    assert rolled.readiness.criterion("ownership").score == 0  # the cautious one counts
