"""Invitations, reminders and replacement links by e-mail, read back from a real SMTP server
on loopback; a server that refuses an address or hangs up mid-batch; the list's checks."""

from __future__ import annotations

import io
import re
from dataclasses import replace as dataclass_replace
from pathlib import Path
from typing import Any

import pytest

from assessments.store.filestore import FileStore
from tests.helpers import mail_project, no_settings_from_outside
from tests.helpers import run as cli

PEOPLE = """name,email,segment,language,named
Ada Lovelace,ada@customer.example,Leeds,,yes
Bram de Vries,bram@customer.example,Leeds,nl,
Cleo Okafor,cleo@customer.example,Wakefield,,
Dev Patel,dev@customer.example,Wakefield,,
Eli Novak,eli@customer.example,Leeds,,
Fay Moreau,fay@customer.example,Wakefield,,
Gus Lindqvist,gus@customer.example,Leeds,,
Hana Sato,hana@customer.example,Wakefield,,
"""
LINK = re.compile(r"https://rg\.example/r/([A-Za-z0-9_-]{43})(?!/)")


@pytest.fixture
def project(mail_folder: Path) -> Path:
    """A project whose mail goes to the test server, with a live deal."""
    tmp_path = mail_folder
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    made = cli("new", "tess", "--account", "Tessaline", "--owner", "Sam Rivera",
               "--stage", "live", "--go-live", "2026-11-02")
    assert made.exit_code == 0, made.output
    return tmp_path


def body(msg: Any, kind: str = "plain") -> str:
    return str(msg.get_body(preferencelist=(kind,)).get_content())


def token_in(msg: Any) -> str:
    found = LINK.search(body(msg))
    assert found, body(msg)
    return found.group(1)


def test_a_list_is_invited_by_email(project: Path, smtp: Any) -> None:
    result = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv",
                 "--reply-to", "sam@northwind.example")
    assert result.exit_code == 0, result.output
    assert "invited 8 of 8" in result.output
    assert len(smtp.messages) == 8
    store = FileStore(project / "data")
    ada = smtp.to("ada@customer.example")[0]
    assert ada["From"] == "Readiness team <readiness@northwind.example>"
    assert ada["To"] == "Ada Lovelace <ada@customer.example>"
    assert ada["Reply-To"] == "sam@northwind.example"
    assert ada["Subject"] == "Sam Rivera asks for your view: Weekly pulse after go-live"
    text, html = body(ada), body(ada, "html")
    assert "Sam Rivera of Northwind Software asks you to answer “Weekly pulse after " \
           "go-live” for Tessaline." in text
    assert "It takes about" in text and "minutes" in text
    assert "shown with your name" in text  # a named link says so
    assert "never shown with your name" in body(smtp.to("cleo@customer.example")[0])
    token = token_in(ada)
    assert f'href="https://rg.example/r/{token}"' in html
    unsubscribe = f"<https://rg.example/r/{token}/unsubscribe>"
    assert ada["List-Unsubscribe"] == unsubscribe
    assert ada["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<img" not in html  # no tracking pixel, no image at all
    opened = store.invitation_by_token(token)
    assert opened is not None and opened.email == "ada@customer.example" and opened.named
    assert opened.sent_at and opened.segment == "Leeds"
    # Every link is different and opens its own person's invitation.
    tokens = {token_in(m) for m in smtp.messages}
    assert len(tokens) == 8
    assert len({store.invitation_by_token(t).id for t in tokens}) == 8  # type: ignore[union-attr]
    # The envelope goes to the person alone.
    assert sorted(rcpt for _, rcpts in smtp.envelopes for rcpt in rcpts) == sorted(
        re.findall(r"[a-z]+@customer\.example", PEOPLE))
    # Again: everyone has theirs already, nobody gets a second message.
    again = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    assert again.exit_code == 0 and again.output.count("already sent") == 8
    assert len(smtp.messages) == 8


def test_a_bad_list_sends_nothing_and_names_each_row(project: Path, smtp: Any) -> None:
    (project / "bad.csv").write_text(
        "name,email,language,named\n"
        "Ada,ada@customer.example,,\n"
        "Bram,not-an-address,,\n"
        "Cleo,cleo@customer.example,klingon,\n"
        "Dev,dev@customer.example,,maybe\n"
        "Eli,ada@customer.example,,\n", encoding="utf-8")
    result = cli("invite", "tess", "post-go-live-pulse", "--contacts", "bad.csv")
    assert result.exit_code == 1
    assert "bad.csv, row 3: 'not-an-address' is not an e-mail address" in result.output
    assert "row 4: “Weekly pulse after go-live” is not written in 'klingon'; use en or nl" \
        in result.output
    assert "row 5: named 'maybe': use yes or no" in result.output
    assert "row 6: ada@customer.example is on row 2 already" in result.output
    assert "4 problems; nothing was sent" in result.output
    assert smtp.messages == [] and FileStore(project / "data").invitations("tess") == []


def test_a_server_that_hangs_up_mid_batch_is_resumed(project: Path, smtp: Any) -> None:
    smtp.drop_after = 3
    first = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    assert first.exit_code == 1
    assert "invited 3 of 8; 5 got nothing: run the same command again" in first.output
    assert first.output.count(": not sent (the mail server hung up") \
        + first.output.count(": not sent (the mail server closed") == 5
    store = FileStore(project / "data")
    invitations = store.invitations("tess")
    assert len(invitations) == 8  # every link was stored before the first message
    assert sum(bool(i.sent_at) for i in invitations) == 3
    assert all(i.send_error for i in invitations if not i.sent_at)
    listed = cli("links", "tess").output
    assert listed.count(": sent") == 3 and listed.count(": not sent") == 5
    got = {m["To"].addresses[0].addr_spec for m in smtp.messages}
    smtp.drop_after = None
    second = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    assert second.exit_code == 0, second.output
    assert "invited 5 of 8" in second.output and second.output.count("already sent") == 3
    assert len(smtp.messages) == 8
    assert {m["To"].addresses[0].addr_spec for m in smtp.messages[3:]}.isdisjoint(got)
    # The five new links open their forms; nobody got two.
    assert all(store.invitation_by_token(token_in(m)) for m in smtp.messages)
    assert len(store.invitations("tess")) == 8 and all(i.sent_at for i in
                                                       store.invitations("tess"))


def test_a_refused_address_does_not_stop_the_rest(project: Path, smtp: Any) -> None:
    smtp.refuse = {"cleo@customer.example"}
    result = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    assert result.exit_code == 1
    assert "row 4: Cleo Okafor <cleo@customer.example>: refused (the mail server refused " \
        "it: 550" in result.output
    assert len(smtp.messages) == 7
    smtp.refuse = set()
    again = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    assert "invited 1 of 8" in again.output and len(smtp.to("cleo@customer.example")) == 1


def test_one_address_and_a_dutch_message(project: Path, smtp: Any) -> None:
    result = cli("invite", "tess", "post-go-live-pulse", "--email", "bram@customer.example",
                 "--name", "Bram de Vries", "--language", "nl")
    assert result.exit_code == 0, result.output
    (msg,) = smtp.messages
    assert msg["Content-Language"] == "nl"
    assert msg["Subject"] == "Sam Rivera vraagt je mening: Wekelijkse check na livegang"
    text, html = body(msg), body(msg, "html")
    assert text.startswith("Hallo Bram de Vries,")
    assert "Sam Rivera van Northwind Software vraagt je om “Wekelijkse check na " \
           "livegang” in te vullen voor Tessaline. Je antwoorden laten zien" in text
    assert "Het kost ongeveer" in text and "Open je formulier:" in text
    assert "Your" not in text and "minutes" not in text  # nothing left in English
    assert '<html lang="nl">' in html and "Open je formulier</a>" in html
    wrong = cli("invite", "tess", "post-go-live-pulse", "--email", "x@customer.example",
                "--language", "xx")
    assert wrong.exit_code == 1 and "is not written in 'xx'; use en or nl" in wrong.output


def test_mail_not_set_up_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_settings_from_outside(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "readygate.toml").write_text('data = "data"\n', encoding="utf-8")
    cli("new", "tess", "--account", "Tessaline", "--stage", "live")
    result = cli("invite", "tess", "post-go-live-pulse", "--email", "a@customer.example")
    assert result.exit_code == 1 and "add smtp_host and mail_from" in result.output
    assert FileStore(tmp_path / "data").invitations("tess") == []


def test_a_base_url_must_be_an_address(project: Path) -> None:
    result = cli("invite", "tess", "post-go-live-pulse", "--base-url", "notaurl")
    assert result.exit_code == 1
    assert "--base-url 'notaurl' is not an http:// or https:// address" in result.output
    assert FileStore(project / "data").invitations("tess") == []


def test_a_name_cannot_add_a_header(project: Path, smtp: Any) -> None:
    result = cli("invite", "tess", "post-go-live-pulse", "--email", "a@customer.example",
                 "--name", "Ada\r\nBcc: everyone@elsewhere.example")
    assert result.exit_code == 1 and "control character" in result.output
    assert smtp.messages == []


def test_the_password_comes_from_the_environment_and_is_never_shown(
        project: Path, smtp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    mail_project(project, smtp.port, smtp_user="readiness@northwind.example")
    monkeypatch.setenv("READYGATE_SMTP_PASSWORD", "s3cret-pa55word")
    # The test server offers no login: the command fails, and says so without the password.
    result = cli("invite", "tess", "post-go-live-pulse", "--email", "a@customer.example")
    assert result.exit_code == 1
    assert "s3cret-pa55word" not in result.output
    stored = "".join(p.read_text() for p in (project / "data").rglob("*.json"))
    assert "s3cret-pa55word" not in stored


def test_the_assessment_page_invites_a_pasted_list(tmp_path: Path, smtp: Any) -> None:
    from assessments.project.smtp import MailSettings
    from assessments.web.app import create_app
    from assessments.web.auth import add_user
    from scoring.assess import Assessment

    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "PUBLIC_URL": "https://rg.example",
                      "MAIL": MailSettings(host="127.0.0.1", port=smtp.port, security="none",
                                          sender="Team <team@northwind.example>")})
    store = app.extensions["readygate"].store
    store.save_assessment(Assessment("tess", "Tessaline", stage="live", go_live="2026-11-02"))
    add_user(store, "sam", "correct horse battery", "Sam Rivera")
    seller = app.test_client()
    seller.post("/login", data={"name": "sam", "password": "correct horse battery"})
    bad = seller.post("/assessments/tess/invite", follow_redirects=True, data={
        "questionnaire": "post-go-live-pulse",
        "people": "Ada Lovelace, ada@customer.example\nBram, bram at customer\n"})
    page = bad.get_data(as_text=True)
    assert "the list, row 3: &#39;bram at customer&#39; is not an e-mail address" in page
    assert "1 problem; nothing was sent" in page
    assert smtp.messages == [] and store.invitations("tess") == []
    good = seller.post("/assessments/tess/invite", data={
        "questionnaire": "post-go-live-pulse", "reply_to": "sam@northwind.example",
        "people": "Ada Lovelace, ada@customer.example\nbram@customer.example\n"})
    shown = good.get_data(as_text=True)
    assert good.status_code == 200 and "Sent 2 of 2." in shown
    assert "Ada Lovelace &lt;ada@customer.example&gt;" in shown
    assert {m["To"] for m in smtp.messages} == {"Ada Lovelace <ada@customer.example>",
                                               "bram@customer.example"}
    assert smtp.messages[0]["Subject"].startswith("Sam Rivera asks for your view")
    assert all(m["Reply-To"] == "sam@northwind.example" for m in smtp.messages)
    # A spreadsheet's CSV, uploaded: semicolons, a byte-order mark, a Dutch row.
    sheet = "\ufeffname;email;language\nCleo Okafor;cleo@customer.example;nl\n".encode()
    uploaded = seller.post("/assessments/tess/invite", content_type="multipart/form-data",
                           data={"questionnaire": "post-go-live-pulse",
                                 "upload": (io.BytesIO(sheet), "people.csv")})
    assert "Sent 1 of 1." in uploaded.get_data(as_text=True)
    assert smtp.messages[-1]["Subject"] == "Sam Rivera vraagt je mening: Wekelijkse check " \
        "na livegang"


def test_the_email_package_refuses_a_line_break_in_any_header() -> None:
    """Names are checked before they are stored; the message's own headers refuse a line
    break too, should one ever get that far."""
    from assessments.mail.compose import Letter, message
    from assessments.project.smtp import MailSettings

    letter = Letter(kind="invitation", to_name="Ada\r\nBcc: all@elsewhere.example",
                    to_address="ada@customer.example", language="en", account="Tessaline",
                    asker="Sam", organisation="", title="Pulse", purpose="", minutes=3,
                    privacy="", link="https://rg.example/r/x", unsubscribe="https://rg.example/u")
    with pytest.raises(ValueError):
        message(letter, MailSettings(host="h", sender="Team <team@northwind.example>"))
    html_letter = dataclass_replace(letter, to_name="Ada", account="<script>x</script>")
    msg = message(html_letter, MailSettings(host="h", sender="Team <team@northwind.example>"))
    assert "<script>x</script>" not in body(msg, "html")
    assert "&lt;script&gt;x&lt;/script&gt;" in body(msg, "html")
