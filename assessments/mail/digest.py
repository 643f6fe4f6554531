"""The alerts by e-mail: one plain message listing every deal's alerts, for the sales lead
or a deal's owner (their own address given on the command line)."""

from __future__ import annotations

import email.policy
import email.utils
from collections.abc import Sequence
from email.message import EmailMessage

from assessments.project.smtp import MailSettings
from scoring.alerts import Alert


def lines(found: Sequence[Alert]) -> list[str]:
    """The alerts as text, grouped by deal: what `readygate alerts` prints."""
    out: list[str] = []
    deal = ""
    for a in found:
        if a.assessment != deal:
            deal = a.assessment
            out.append(f"{a.account} ({a.owner or 'no owner'})")
        out.append(f"  - {a.title}: {a.text}")
    return out


def message(found: Sequence[Alert], settings: MailSettings, to: str) -> EmailMessage:
    """A plain-text message with the alerts, from the project's sender to `to`."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = settings.sender
    msg["To"] = to
    deals = len({a.assessment for a in found})
    msg["Subject"] = (f"readygate: {len(found)} alert{'s' * (len(found) != 1)} in "
                      f"{deals} deal{'s' * (deals != 1)}")
    msg["Date"] = email.utils.formatdate(usegmt=True)
    msg["Message-ID"] = email.utils.make_msgid(
        domain=settings.sender_address.rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content("\n".join(lines(found)) + "\n")
    return msg
