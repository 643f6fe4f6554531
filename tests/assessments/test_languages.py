"""A respondent's pages speak the link's language: the form's own words, its errors, thanks.

The questionnaire brings its labels in each language; the app brings the rest (section
counter, buttons, yes and no, messages, the privacy notice, the thanks and error pages)
from site/translations. Seller pages stay English.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from assessments.build import static_forms
from assessments.forms.classes import form_class
from assessments.store import service
from assessments.store.records import Invitation, new_id, new_token, token_hash
from assessments.web import language
from assessments.web.app import create_app
from scoring.assess import Assessment

CHECK = """\
    id: workplace
    title: {en: Workplace check, nl: Werkplekcheck}
    version: 1
    audience: [user]
    default_language: %(default)s
    sections:
      - id: use
        title: {en: Use, nl: Gebruik}
        questions:
          - id: daily
            type: yes_no
            required: true
            label: {en: "Do you use it every day?", nl: "Gebruik je het elke dag?"}
            criterion: use
      - id: numbers
        title: {en: Numbers, nl: Cijfers}
        questions:
          - id: hours
            type: integer
            min: 0
            max: 60
            label: {en: "How many hours a week?", nl: "Hoeveel uur per week?"}
            criterion: use
    scoring:
      criteria:
        - id: use
          label: {en: Use, nl: Gebruik}
          action: Ask again.
    """


def build_app(tmp_path: Path, *, default: str = "en", csrf: bool = False) -> Flask:
    """The real app with one questionnaire that has Dutch labels, and the assessment Acme."""
    path = tmp_path / "workplace.yaml"
    path.write_text(textwrap.dedent(CHECK) % {"default": default}, encoding="utf-8")
    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "WTF_CSRF_ENABLED": csrf, "SERVER_NAME": "rg.test",
                      "DEFINITIONS": [str(path)]})
    app.extensions["readygate"].store.save_assessment(Assessment("acme", "Acme",
                                                                 stage="closing"))
    return app


def link(app: Flask, **options: Any) -> str:
    """A new respondent link to the workplace check of Acme."""
    context = app.extensions["readygate"]
    with app.app_context():
        _, token = service.create_invitation(context.store, context.definitions, "acme",
                                             "workplace", role="user", **options)
    return f"/r/{token}"


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return build_app(tmp_path)


def text(response: Any) -> str:
    return str(response.get_data(as_text=True))


def test_a_dutch_link_speaks_dutch_throughout(app: Flask) -> None:
    client, url = app.test_client(), link(app, language="nl", name="Kim")
    page = text(client.get(url))
    assert '<html lang="nl">' in page
    assert "<legend>Deel 1 van 2: Gebruik</legend>" in page
    assert "<legend>Deel 2 van 2: Cijfers</legend>" in page
    assert re.search(r'value="yes"> Ja</label>', page) and re.search(r'value="no"> Nee</label>',
                                                                     page)
    assert '<button type="submit">Versturen</button>' in page
    assert "Voor Acme, Kim" in page and "Naar de inhoud" in page
    assert "Je antwoorden worden nooit met je naam getoond" in page
    for english in ("Section", ">Send<", "> Yes<", "> No<", "For Acme", "Your answers"):
        assert english not in page, english

    wrong = client.post(url, data={"hours": "99"})
    page = text(wrong)
    assert wrong.status_code == 400 and '<html lang="nl">' in page
    assert "Er is een probleem" in page
    assert "Gebruik je het elke dag? – Beantwoord deze vraag." in page
    assert "Het getal moet tussen 0 en 60 liggen." in page
    assert '<span class="visually-hidden">Fout: </span>' in page
    assert "Answer this question" not in page and "Number must be" not in page
    page = text(client.post(url, data={"daily": "yes", "hours": "veel"}))
    assert "Geen geldig geheel getal." in page

    sent = client.post(url, data={"daily": "yes", "hours": "12"})
    assert sent.status_code == 303
    thanks = text(client.get(sent.headers["Location"]))
    assert '<html lang="nl">' in thanks and "<title>Bedankt · readygate</title>" in thanks
    assert "Je antwoorden op <strong>Werkplekcheck</strong> zijn opgeslagen." in thanks
    assert f'Je kunt <a href="{url}">je antwoorden wijzigen</a>' in thanks
    assert "Thank you" not in thanks


def test_an_english_link_speaks_english(app: Flask) -> None:
    client, url = app.test_client(), link(app)
    page = text(client.get(url))
    assert '<html lang="en">' in page and "<legend>Section 1 of 2: Use</legend>" in page
    assert 'value="yes"> Yes</label>' in page and '<button type="submit">Send</button>' in page
    page = text(client.post(url, data={"hours": "99"}))
    assert "There is a problem" in page and "Answer this question." in page
    assert "Number must be between 0 and 60." in page
    thanks = text(client.get(client.post(url, data={"daily": "no"}).headers["Location"]))
    assert "<h1>Thank you</h1>" in thanks and "Bedankt" not in thanks


def test_without_a_link_language_the_questionnaire_default_decides(tmp_path: Path) -> None:
    app = build_app(tmp_path, default="nl")
    page = text(app.test_client().get(link(app)))
    assert '<html lang="nl">' in page and "Deel 1 van 2: Gebruik" in page


@pytest.mark.parametrize(("candidates", "spoken"), [
    (("nl", "en"), "nl"),
    (("nl-BE", "en"), "nl"),  # a regional code speaks its language's catalog
    (("de", "nl"), "nl"),  # no German catalog: the questionnaire's default, as its labels
    (("de", "en"), "en"),
    (("", "nl"), "nl"),
    (("x!", None), "en"),  # not a language at all: English, never an error
])
def test_the_first_language_with_a_catalog_is_spoken(candidates: tuple[str | None, ...],
                                                     spoken: str) -> None:
    assert language.choose(*candidates, among=language.spoken()) == spoken


def test_a_stored_link_in_a_language_without_a_catalog_opens_in_english(app: Flask) -> None:
    """Links made before languages were checked may name any language."""
    token, store = new_token(), app.extensions["readygate"].store
    store.add_invitation(Invitation(new_id("inv"), token_hash(token), "acme", "workplace",
                                    "user", language="x!"))
    response = app.test_client().get(f"/r/{token}")
    assert response.status_code == 200 and "Section 1 of 2: Use" in text(response)


def test_both_catalogs_are_shipped() -> None:
    assert {"en", "nl"} <= language.spoken()


def test_a_dead_links_page_speaks_its_language(app: Flask) -> None:
    url = link(app, language="nl")
    store = app.extensions["readygate"].store
    (invitation,) = store.invitations("acme")
    service.revoke(store, "acme", invitation.id)
    gone = app.test_client().get(url)
    page = text(gone)
    assert gone.status_code == 410 and '<html lang="nl">' in page
    assert "<h1>Deze link is ingetrokken</h1>" in page and "Vraag de persoon" in page
    assert "Fout 410" in page
    # An unknown token has no language: English.
    unknown = text(app.test_client().get("/r/no-such-token"))
    assert "This link does not exist" in unknown and '<html lang="en">' in unknown


def test_an_expired_form_says_so_in_the_links_language(tmp_path: Path) -> None:
    """CSRFProtect refuses the post before the view runs: the language is known by then."""
    app = build_app(tmp_path, csrf=True)
    page = text(app.test_client().post(link(app, language="nl"), data={"daily": "yes"}))
    assert "<h1>Het formulier is verlopen</h1>" in page and '<html lang="nl">' in page


def test_seller_pages_stay_english_after_a_dutch_page(app: Flask) -> None:
    """Requests that share one app context (as here) share `g`: each starts in English."""
    client, url = app.test_client(), link(app, language="nl")
    with app.app_context():
        assert "Versturen" in text(client.get(url))
        login = text(client.get("/login"))
    assert '<html lang="en">' in login and "Skip to content" in login


def test_a_static_form_and_its_answers_speak_the_questionnaires_language(
        tmp_path: Path) -> None:
    app = build_app(tmp_path, default="nl")
    context = app.extensions["readygate"]
    q = context.definitions["workplace"]
    with app.test_request_context():
        invitation, token = static_forms.open_link(context.store, q, "acme")
        hidden = {"assessment": "acme", "questionnaire": q.id, "role": invitation.role,
                  "token": token}
        page = static_forms.render_page(q, account="Acme", action="/collect", hidden=hidden)
    assert '<html lang="nl">' in page and "Deel 2 van 2: Cijfers" in page
    assert "Laat dit leeg" in page and "Voor Acme" in page and ">Versturen<" in page
    client = app.test_client()
    wrong = client.post("/collect", data={**hidden, "hours": "99"})
    page = text(wrong)
    assert wrong.status_code == 400 and "Je antwoorden zijn niet opgeslagen" in page
    assert "Het getal moet tussen 0 en 60 liggen." in page
    sent = client.post("/collect", data={**hidden, "daily": "yes"})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("?lang=nl")
    thanks = text(client.get(sent.headers["Location"]))
    assert "<h1>Bedankt</h1>" in thanks and '<html lang="nl">' in thanks


def test_a_form_class_says_its_own_words_in_each_requests_language(app: Flask) -> None:
    """Form classes are built once: their yes, no and messages are read when shown."""
    q = app.extensions["readygate"].definitions["workplace"]
    cls = form_class(q, audience="user", language="nl")
    for spoken, words in (("nl", ["Ja", "Nee"]), ("en", ["Yes", "No"]), ("nl", ["Ja", "Nee"])):
        with app.test_request_context():
            language.speak(spoken)
            assert [str(option.label.text) for option in cls().daily] == words
