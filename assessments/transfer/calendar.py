"""The mutual action plan out of readygate: a CSV for a spreadsheet or a CRM, and an
iCalendar file (RFC 5545) of the due dates for the owners' calendars.

Every text is the seller's or the customer's own words: a CSV cell a spreadsheet would run
as a formula keeps a leading ', and iCalendar text is escaped (\\, ; , and line breaks) and
folded at 75 octets, so no text can start a line of its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

from assessments.transfer.files import cell
from scoring.assess import Assessment
from scoring.commitments import SIDES, STATUSES, Commitment, serves

COLUMNS = ("id", "side", "commitment", "owner", "due", "status", "serves")


def plan_csv(commitments: Sequence[Commitment], criteria: Mapping[str, str]) -> str:
    """One row per commitment (`criteria`: id → label, for what each serves)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for c in commitments:
        writer.writerow([cell(v) for v in (c.id, SIDES.get(c.side, c.side), c.text, c.owner,
                                           c.due, STATUSES.get(c.status, c.status),
                                           serves(c, criteria))])
    return out.getvalue()


def plan_ics(assessment: Assessment, commitments: Sequence[Commitment],
             criteria: Mapping[str, str], stamp: dt.datetime, domain: str = "readygate") -> str:
    """An all-day event on each open commitment's due date."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//readygate//mutual action plan//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_text(assessment.account + ': mutual action plan')}"]
    when = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for c in commitments:
        if not c.due or c.status in ("done", "dropped"):
            continue
        day = dt.date.fromisoformat(c.due)
        about = [f"{SIDES.get(c.side, c.side)} commitment for {assessment.account}"]
        if c.owner:
            about.append(f"Owner: {c.owner}")
        if serves(c, criteria):
            about.append(f"Serves: {serves(c, criteria)}")
        about.append(f"Status: {STATUSES.get(c.status, c.status)}")
        lines += ["BEGIN:VEVENT", f"UID:{c.id}.{assessment.id}@{domain}",
                  f"DTSTAMP:{when}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_text(c.text)}", f"DESCRIPTION:{_text(chr(10).join(about))}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped, a line break as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next, after a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)
