"""Alerts: what needs attention, on the seller's dashboard and from `readygate alerts`,
also by e-mail through a real SMTP server on loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assessments.demo.load import load_demo
from assessments.store.filestore import FileStore
from tests.helpers import run


def test_the_dashboard_lists_what_needs_attention(seller, store) -> None:  # type: ignore[no-untyped-def]
    load_demo(store)
    page = seller.get("/").get_data(as_text=True)
    assert "Needs attention" in page
    assert "Customer commitment slipped</strong>: “Sign off the DPIA for PAS appointment " \
        "slots”" in page
    assert "Health at risk</strong>: week 7: health 17, at risk" in page  # Marlow Bay
    assert "Must-have gate newly failed</strong>: Named owner with authority, First workflow " \
        "agreed" in page  # Fennick: the plant manager's round


def test_the_alerts_command_prints_mails_and_speaks_json(mail_folder: Path, smtp: Any) -> None:
    load_demo(FileStore(mail_folder / "data"))
    printed = run("alerts")
    assert printed.exit_code == 0, printed.output
    assert "Marlow Bay Hotels (Jo Okafor)\n  - Health at risk: week 7" in printed.output
    data = json.loads(run("alerts", "--json").output.split("\ne-mailed")[0])
    assert {a["kind"] for a in data} >= {"at_risk", "gate_failed", "commitment_slipped"}
    sent = run("alerts", "--email", "lead@northwind.example")
    assert sent.exit_code == 0 and "e-mailed" in sent.output
    (msg,) = smtp.messages
    assert msg["To"] == "lead@northwind.example" and msg["Subject"].startswith("readygate: ")
    assert "Customer commitment slipped" in str(msg.get_body().get_content())


def test_each_owner_gets_the_alerts_of_their_own_deals(mail_folder: Path, smtp: Any) -> None:
    with (mail_folder / "readygate.toml").open("a", encoding="utf-8") as config:
        config.write('owner_emails = {"Jo Okafor" = "jo@northwind.example"}\n')
    load_demo(FileStore(mail_folder / "data"))
    sent = run("alerts", "--email-owners")
    assert sent.exit_code == 0, sent.output
    (msg,) = smtp.messages
    assert msg["To"] == "jo@northwind.example"
    text = str(msg.get_body().get_content())
    assert "Brightmoor Clinics (Jo Okafor)" in text and "Marlow Bay Hotels (Jo Okafor)" in text
    assert "Fennick Packaging" not in text  # Tomás Reyes's deal
    assert "no address in owner_emails for Priya Raman, Tomás Reyes" in sent.output


def test_an_owner_address_that_is_not_one_is_refused(mail_folder: Path) -> None:
    with (mail_folder / "readygate.toml").open("a", encoding="utf-8") as config:
        config.write('owner_emails = {"Jo Okafor" = "jo at northwind"}\n')
    result = run("alerts")
    assert result.exit_code == 1
    assert "owner_emails" in result.output and "'jo at northwind' is not an e-mail address" \
        in result.output
