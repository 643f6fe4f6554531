"""A seller invites eight people to the weekly pulse from a CSV file; they receive their
links by e-mail (read back from a real SMTP server on loopback), three answer, `remind`
reaches the other five once, and the tracker shows it all, without anyone's answers.
A lost link is replaced and its answers stay one person's history; someone who asks for
no more messages gets none."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from assessments.store.filestore import FileStore
from assessments.store.records import Invitation
from tests.helpers import run as cli

PEOPLE = "name,email,segment\n" + "".join(
    f"{name},{name.split()[0].lower()}@customer.example,{site}\n" for name, site in [
        ("Ada Lovelace", "Leeds"), ("Bram de Vries", "Leeds"), ("Cleo Okafor", "Wakefield"),
        ("Dev Patel", "Wakefield"), ("Eli Novak", "Leeds"), ("Fay Moreau", "Wakefield"),
        ("Gus Lindqvist", "Leeds"), ("Hana Sato", "Wakefield")])
PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "The totals differ from the old report",
         "umux_capabilities": "6", "umux_easy": "5", "recommend": "8"}
LINK = re.compile(r"https://rg\.example/r/([A-Za-z0-9_-]{43})\s")


def token_of(msg: Any) -> str:
    found = LINK.search(str(msg.get_body(preferencelist=("plain",)).get_content()))
    assert found
    return found.group(1)


def days_pass(store: FileStore, ident: str, days: int) -> None:
    """Move every message of the assessment `days` into the past, as if they had passed."""
    def earlier(stamp: str) -> str:
        return (dt.datetime.fromisoformat(stamp) - dt.timedelta(days=days)).isoformat() \
            if stamp else ""

    for inv in store.invitations(ident):
        def change(i: Invitation) -> Invitation:
            return dataclasses.replace(i, sent_at=earlier(i.sent_at),
                                       reminded_at=earlier(i.reminded_at))
        store.change_invitation(ident, inv.id, change)


@pytest.fixture
def project(mail_folder: Path) -> Path:
    tmp_path = mail_folder
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    go_live = (dt.date.today() - dt.timedelta(days=15)).isoformat()  # in week 3
    made = cli("new", "tess", "--account", "Tessaline Distribution", "--owner", "Sam Rivera",
               "--stage", "live", "--go-live", go_live)
    assert made.exit_code == 0, made.output
    return tmp_path


@pytest.fixture
def web(project: Path) -> Any:
    from assessments.project.config import locate
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    settings = locate(None, project)
    app = create_app({"DATA": str(project / "data"), "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "MAIL": settings.mail,
                      "PUBLIC_URL": "https://rg.example", "ORGANISATION": "Northwind"})
    add_user(app.extensions["readygate"].store, "sam", "correct horse battery", "Sam Rivera")
    return app


def test_eight_invited_three_answer_five_reminded_once(project: Path, smtp: Any,
                                                       web: Any) -> None:
    invited = cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    assert invited.exit_code == 0, invited.output
    assert len(smtp.messages) == 8
    tokens = {m["To"].addresses[0].addr_spec: token_of(m) for m in smtp.messages}
    respondent = web.test_client()
    for who in ("ada", "cleo", "eli"):
        token = tokens[f"{who}@customer.example"]
        assert respondent.get(f"/r/{token}").status_code == 200
        assert respondent.post(f"/r/{token}", data=PULSE).status_code == 303
    # Bram opens his link but does not answer.
    assert respondent.get(f"/r/{tokens['bram@customer.example']}").status_code == 200
    store = FileStore(project / "data")

    # Just invited: nobody is due a reminder yet.
    assert "nobody to remind" in cli("remind", "tess").output
    days_pass(store, "tess", 3)
    dry = cli("remind", "--dry-run")
    assert dry.exit_code == 0 and "5 would be reminded (dry run: nothing sent)" in dry.output
    assert len(smtp.messages) == 8
    reminded = cli("remind", "tess", "--after-days", "3")
    assert reminded.exit_code == 0, reminded.output
    assert "reminded 5 of 5" in reminded.output
    reminders = smtp.messages[8:]
    assert sorted(m["To"].addresses[0].addr_spec.split("@")[0] for m in reminders) == [
        "bram", "dev", "fay", "gus", "hana"]
    assert all(m["Subject"] == "Reminder: Weekly pulse after go-live" for m in reminders)
    assert all("you have not answered this week's" in str(
        m.get_body(preferencelist=("plain",)).get_content()) for m in reminders)
    # Once: running it again the same day reaches nobody.
    assert "nobody to remind" in cli("remind", "tess", "--after-days", "3").output
    assert len(smtp.messages) == 13
    # The reminder's link and the first one both open Dev's form.
    dev = [m for m in smtp.messages if "dev@" in str(m["To"])]
    assert len(dev) == 2 and token_of(dev[0]) != token_of(dev[1])
    assert respondent.get(f"/r/{token_of(dev[1])}").status_code == 200
    assert respondent.get(f"/r/{token_of(dev[0])}").status_code == 200

    # The tracker, as the seller sees it: counts, who waits, the week, never an answer.
    seller = web.test_client()
    seller.post("/login", data={"name": "sam", "password": "correct horse battery"})
    page = seller.get("/assessments/tess").get_data(as_text=True)
    assert "Answered this week (week 3): <strong>3 of 8</strong>" in page
    waiting = page[page.index("waiting for"):page.index("</p>", page.index("waiting for"))]
    for name in ("Bram de Vries", "Dev Patel", "Fay Moreau", "Gus Lindqvist", "Hana Sato"):
        assert name in waiting
    assert "Ada Lovelace" not in waiting
    assert "The totals differ from the old report" not in page  # no answer is shown
    listed = cli("links", "tess").output
    assert "Weekly pulse after go-live: answered this week 3 of 8" in listed
    assert listed.count(": answered weeks 3") == 3
    assert "Bram de Vries: opened; reminded 1×" in listed


def test_a_lost_link_is_replaced_and_the_answers_stay_one_persons(
        project: Path, smtp: Any, web: Any) -> None:
    cli("invite", "tess", "post-go-live-pulse", "--email", "ada@customer.example",
        "--name", "Ada Lovelace")
    first = token_of(smtp.messages[0])
    respondent = web.test_client()
    assert respondent.post(f"/r/{first}", data=PULSE).status_code == 303
    store = FileStore(project / "data")
    (inv,) = store.invitations("tess")
    replaced = cli("resend", "tess", inv.id)
    assert replaced.exit_code == 0, replaced.output
    assert smtp.messages[1]["Subject"] == "Your new link: Weekly pulse after go-live"
    second = token_of(smtp.messages[1])
    assert respondent.get(f"/r/{first}").status_code == 410  # the lost link stops
    assert respondent.post(f"/r/{second}", data={**PULSE, "recommend": "9"}).status_code == 303
    answers = store.responses("tess", include_superseded=True)
    assert {r.respondent for r in answers} == {inv.id}  # one person's history
    assert [r.superseded for r in answers] == [True, False]


def test_no_more_messages_after_unsubscribing(project: Path, smtp: Any, web: Any) -> None:
    cli("invite", "tess", "post-go-live-pulse", "--contacts", "people.csv")
    ada = next(m for m in smtp.messages if "ada@" in str(m["To"]))
    url = ada["List-Unsubscribe"].strip("<>").removeprefix("https://rg.example")
    respondent = web.test_client()
    page = respondent.get(url)
    assert page.status_code == 200 and "<form" in page.get_data(as_text=True)
    # A mail program's one-click unsubscribe (RFC 8058) posts without any session.
    done = respondent.post(url, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    days_pass(FileStore(project / "data"), "tess", 4)
    reminded = cli("remind", "tess")
    assert "reminded 7 of 7" in reminded.output
    assert len([m for m in smtp.messages if "ada@" in str(m["To"])]) == 1
    # The link itself still opens the form: only the messages stop.
    assert respondent.get(f"/r/{token_of(ada)}").status_code == 200
