"""The mutual action plan where people use it: the seller adds, proposes and changes
commitments on the assessment page, downloads them as CSV and as a calendar file, and the
report shows them; `readygate plan` does the same from the command line."""

from __future__ import annotations

import csv
import io
import re

from scoring.assess import Assessment
from tests.helpers import run

DPIA = "Sign off the DPIA, the PAS slots; then tell IT"


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_seller_keeps_the_plan_on_the_assessment_page(seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("acme", "Acme", owner="Sam Rivera", stage="closing",
                                     go_live="2027-02-01"))
    added = seller.post("/assessments/acme/plan", follow_redirects=True, data={
        "text": DPIA, "side": "customer", "owner": "Lisette Moreau", "due": "2026-11-27",
        "criterion": "data_access"})
    assert f"Added: {DPIA}" in words(added.get_data(as_text=True))
    bad = seller.post("/assessments/acme/plan", follow_redirects=True, data={
        "text": "x", "side": "customer", "due": "27/11/2026"})
    assert "Not added: due date &#39;27/11/2026&#39; is not a date like 2026-03-31" in \
        bad.get_data(as_text=True)
    (c,) = store.commitments("acme")
    slipped = seller.post(f"/assessments/acme/plan/{c.id}", follow_redirects=True,
                          data={"status": "slipped", "due": "2026-11-27",
                                "owner": "Lisette Moreau, IG"})
    assert store.commitments("acme")[0].owner == "Lisette Moreau, IG"
    page = words(slipped.get_data(as_text=True))
    assert "Slipped: a barrier" in page
    report = words(seller.get("/reports/acme/").get_data(as_text=True))
    assert "Mutual action plan" in report and "Slipped (a barrier)" in report
    proposed = seller.post("/assessments/acme/plan/propose", follow_redirects=True)
    assert re.search(r"Added \d+ commitments from the barriers", proposed.get_data(as_text=True))
    again = seller.post("/assessments/acme/plan/propose", follow_redirects=True)
    assert "already has every commitment" in again.get_data(as_text=True)


def test_the_plan_downloads_as_csv_and_a_calendar(seller, store) -> None:  # type: ignore[no-untyped-def]
    store.save_assessment(Assessment("acme", "Acme; Ltd", stage="closing"))
    seller.post("/assessments/acme/plan", data={
        "text": DPIA, "side": "customer", "owner": "=HYPERLINK(\"x\")", "due": "2026-12-04",
        "criterion": "data_access"})
    seller.post("/assessments/acme/plan", data={"text": "Done already", "side": "vendor",
                                                "due": "2026-12-01", "status": "done"})
    table = seller.get("/assessments/acme/plan.csv")
    assert table.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.get_data(as_text=True))))
    assert rows[0]["commitment"] == DPIA and rows[0]["serves"] == "Data and system access"
    assert rows[0]["owner"].startswith("'=")  # a spreadsheet would run it: kept as text
    ics = seller.get("/assessments/acme/plan.ics")
    assert ics.headers["Content-Type"].startswith("text/calendar")
    text = ics.get_data(as_text=True)
    assert text.count("BEGIN:VEVENT") == 1  # a commitment done has no date left to keep
    assert "DTSTART;VALUE=DATE:20261204" in text
    assert "SUMMARY:Sign off the DPIA\\, the PAS slots\\; then tell IT" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF, nothing else breaks


def test_the_plan_command(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import no_settings_from_outside

    no_settings_from_outside(monkeypatch)
    data = str(tmp_path / "data")
    assert run("--data", data, "new", "acme", "--account", "Acme", "--stage",
               "closing").exit_code == 0
    empty = run("--data", data, "plan", "acme")
    assert "no commitments yet" in empty.output
    added = run("--data", data, "plan", "acme", "--add", DPIA, "--side", "customer",
                "--owner", "Lisette", "--due", "2026-11-20", "--criterion", "data_access")
    assert added.exit_code == 0, added.output
    ident = added.output.split()[1].rstrip(":")
    late = run("--data", data, "plan", "acme", "--status", f"{ident}=slipped",
               "--ics", str(tmp_path / "plan.ics"))
    assert f"{ident}: slipped" in late.output and "SLIPPED: a barrier" in late.output
    assert (tmp_path / "plan.ics").read_text().startswith("BEGIN:VCALENDAR")
    wrong = run("--data", data, "plan", "acme", "--status", f"{ident}=later")
    assert wrong.exit_code == 1 and "status 'later': use open, done, slipped, dropped" in \
        wrong.output
