"""Save and resume: a personal link keeps a half-answered form, shows the answers last sent
when reopened (a pulse: this week's), and a draft never counts in a score."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assessments.store import drafts, service
from scoring.assess import Assessment
from tests.helpers import SELLER_READINESS_FORM

PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "The totals differ from the old report",
         "umux_capabilities": "6", "umux_easy": "5", "recommend": "8"}
HALF = {"usage_frequency": "some_days",
        "blocker_trust_detail": "Half a thought about the totals <b>not bold</b>"}


@pytest.fixture
def link(app, store):  # type: ignore[no-untyped-def]
    go_live = (dt.date.today() - dt.timedelta(days=10)).isoformat()  # in week 2
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    with app.app_context():
        invitation, token = service.create_invitation(
            store, app.extensions["readygate"].definitions, "acme", "post-go-live-pulse",
            name="Kim")
    return f"/r/{token}", invitation


def test_save_and_finish_later_without_javascript(app, client, store, link) -> None:  # type: ignore[no-untyped-def]
    url, invitation = link
    form = client.get(url).get_data(as_text=True)
    assert "Save and finish later" in form
    saved = client.post(url, data={**HALF, "save": "1"})
    assert saved.status_code == 200
    assert "Saved. Come back with the same link to finish" in saved.get_data(as_text=True)
    assert store.responses("acme") == []  # a draft is no answer
    with app.app_context():
        rolled = service.rollup(store, app.extensions["readygate"].definitions, "acme")
    assert rolled.adoption is None or rolled.adoption.weeks == ()
    # Another day, another browser: the same link opens the form as it was left.
    later = app.test_client().get(url).get_data(as_text=True)
    assert "Your saved answers are filled in" in later
    assert re.search(r'<input[^>]*checked[^>]*value="some_days"|<input[^>]*value="some_days"'
                     r'[^>]*checked', later)
    assert "Half a thought about the totals &lt;b&gt;not bold&lt;/b&gt;" in later
    # Sending it counts it and forgets the draft.
    sent = client.post(url, data=PULSE)
    assert sent.status_code == 303
    assert len(store.responses("acme")) == 1
    assert store.draft("acme", "post-go-live-pulse", invitation.id, 2) is None


def test_typing_is_saved_as_it_goes(client, store, link) -> None:  # type: ignore[no-untyped-def]
    url, invitation = link
    # What the page's script posts: the form as typed, with its header; nothing to show.
    typed = client.post(url, data={**HALF, "recommend": "42"},
                        headers={"X-Readygate-Autosave": "1"})
    assert typed.status_code == 204 and typed.get_data() == b""
    draft = store.draft("acme", "post-go-live-pulse", invitation.id, 2)
    assert draft is not None and ("recommend", "42") in draft.fields  # kept as typed
    assert store.responses("acme") == []
    page = client.get(url).get_data(as_text=True)
    assert "Half a thought about the totals" in page


def test_a_reopened_link_shows_what_was_sent_to_change_it(app, client, store, link) -> None:  # type: ignore[no-untyped-def]
    url, _ = link
    client.post(url, data=PULSE)
    again = app.test_client().get(url).get_data(as_text=True)
    assert "These are the answers you sent on" in again
    assert "The totals differ from the old report" in again
    assert client.post(url, data={**PULSE, "umux_easy": "2"}).status_code == 303
    answers = store.responses("acme", include_superseded=True)
    assert [r.superseded for r in answers] == [True, False]
    assert answers[-1].answers["umux_easy"] == 2


def test_a_pulse_reopens_with_this_weeks_answers_only(app, client, store, link) -> None:  # type: ignore[no-untyped-def]
    url, invitation = link
    q = app.extensions["readygate"].definitions["post-go-live-pulse"]
    assessment = store.assessment("acme")
    last_week = service.now() - dt.timedelta(days=7)
    who = service.Respondent("user", invitation.id, "Kim")
    with app.app_context():
        service.submit(store, q, assessment, {"usage_frequency": "every_day"}, {}, who,
                       moment=last_week)
    page = client.get(url).get_data(as_text=True)
    assert "These are the answers you sent" not in page  # a new week starts empty
    # Last week's draft is last week's.
    drafts.keep(store, q, assessment, invitation.id, [("recommend", "2")], moment=last_week)
    assert "Your saved answers" not in client.get(url).get_data(as_text=True)


def test_a_draft_older_than_the_answers_sent_is_not_shown(app, client, store, link) -> None:  # type: ignore[no-untyped-def]
    url, invitation = link
    q = app.extensions["readygate"].definitions["post-go-live-pulse"]
    assessment = store.assessment("acme")
    # A crash between storing the answers and forgetting the draft leaves a stale draft.
    drafts.keep(store, q, assessment, invitation.id, [("recommend", "2")],
                moment=service.now() - dt.timedelta(hours=1))
    with app.app_context():
        service.submit(store, q, assessment, {"usage_frequency": "every_day"}, {},
                       service.Respondent("user", invitation.id, "Kim"))
    page = client.get(url).get_data(as_text=True)
    assert "These are the answers you sent on" in page and "Your saved answers" not in page


def test_an_open_link_keeps_nothing(app, client, store, link) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        _, token = service.create_invitation(store, app.extensions["readygate"].definitions,
                                             "acme", "post-go-live-pulse", open_link=True)
    page = client.get(f"/r/{token}").get_data(as_text=True)
    assert "Save and finish later" not in page and "data-autosave" not in page
    client.post(f"/r/{token}", data=PULSE)
    assert "These are the answers you sent" not in client.get(f"/r/{token}").get_data(
        as_text=True)  # anyone's link: nobody's answers are shown on it


def test_the_seller_saves_resumes_and_keeps_the_navigation(seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("acme", "Acme", stage="closing"))
    url = "/assessments/acme/fill/pre-close-readiness"
    page = seller.get(url).get_data(as_text=True)
    assert 'aria-label="Main"' in page and "Save and finish later" in page
    seller.post(url, data={"owner": "named_with_authority", "save": "1"})
    assert "Your saved answers are filled in" in seller.get(url).get_data(as_text=True)
    assert store.responses("acme") == []
    sent = seller.post(url, data=SELLER_READINESS_FORM, follow_redirects=True)
    shown = sent.get_data(as_text=True)
    assert "Saved your answers to Pre-close implementation readiness" in shown
    assert 'aria-label="Main"' in shown and len(store.responses("acme")) == 1
