"""One message to one respondent: what it says, in their language, as an EmailMessage.

Each message says who asks and why (the questionnaire's `purpose`), how long the form takes,
who will see the answers (the same sentence the form shows), the link and when it expires.
It has a plain-text and an HTML part, a List-Unsubscribe header (one click, RFC 8058) and
no tracking of any kind. Headers are built by the standard library's `email` package, which
refuses a line break in any of them: a name can never add a header.
"""

from __future__ import annotations

import email.policy
import email.utils
import math
from dataclasses import dataclass
from email.message import EmailMessage

from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, select_autoescape

from assessments.paths import SITE
from assessments.project.smtp import MailSettings
from questionnaires import Questionnaire
from scoring.privacy import notice
from scoring.responses import SELLER

KINDS = ("invitation", "reminder", "replacement")
# Seconds a respondent takes for a question of each type, to say how long a form takes.
SECONDS = {"text": 45, "textarea": 60, "repeat": 120, "yes_no": 10}
DEFAULT_SECONDS = 20


@dataclass(frozen=True)
class Letter:
    """What one message says, before it is written out in a language."""

    kind: str
    """invitation, reminder or replacement."""
    to_name: str
    to_address: str
    language: str
    account: str
    asker: str
    """Who asks: the seller who sends it, else the deal's owner, else the organisation."""
    organisation: str
    title: str
    purpose: str
    minutes: int
    privacy: str
    link: str
    unsubscribe: str
    expires: str = ""
    """The date the link stops opening the form ('' for never)."""
    weekly: bool = False


def minutes(q: Questionnaire, audience: str) -> int:
    """About how many minutes the form takes `audience`, in whole minutes (at least 1).

    Questions shown only on some answers (`relevant`) are left out: most people never see
    most of them (the pulse asks what went wrong only about what went wrong)."""
    seconds = sum(SECONDS.get(x.type, DEFAULT_SECONDS)
                  for s in q.sections if (not s.audience or audience in s.audience)
                  and s.relevant is None
                  for x in s.questions if x.answers and x.relevant is None)
    return max(1, math.ceil(seconds / 60))


def purpose(q: Questionnaire, language: str | None) -> str:
    """Why the questionnaire is asked, in one sentence: its `purpose`, else the first
    sentence of its description."""
    if q.purpose is not None:
        return q.purpose.get(language)
    if q.description is None:
        return ""
    text = " ".join(q.description.get(language).split())
    ends = [i for i in (text.find(". "), text.find("? "), text.find("! ")) if i >= 0]
    return text[:min(ends) + 1] if ends else text


def privacy(q: Questionnaire, audience: str, named: bool, min_group: int,
            language: str = "") -> str:
    """Who will see the answers: the sentence the form itself shows, in `language`."""
    return notice(customer=audience != SELLER, named=named,
                  claims=any(x.evidence for x in q.scored_questions), min_group=min_group,
                  translate=_translations(language).gettext)


_env = Environment(loader=FileSystemLoader(str(SITE / "templates" / "mail")),
                   autoescape=select_autoescape(enabled_extensions=("html",),
                                                default_for_string=False),
                   extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                   keep_trailing_newline=True)


def _translations(language: str) -> NullTranslations:
    """The catalog of `language` (the words as written when there is none)."""
    return Translations.load(str(SITE / "translations"), [language or "en"])


def render(letter: Letter) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a letter in its language."""
    env = _env.overlay()
    env.install_gettext_translations(  # type: ignore[attr-defined]  # added by ext.i18n
        _translations(letter.language), newstyle=True)
    subject = " ".join(env.get_template("subject.txt").render(l=letter).split())
    return (subject, env.get_template("letter.txt").render(l=letter),
            env.get_template("letter.html").render(l=letter, subject=subject))


def message(letter: Letter, settings: MailSettings, reply_to: str = "") -> EmailMessage:
    """The letter as a message from the project's sender, ready to send."""
    subject, text, html = render(letter)
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["From"] = settings.sender
    msg["To"] = email.utils.formataddr((letter.to_name, letter.to_address))
    if reply_to:
        msg["Reply-To"] = reply_to
    msg["Subject"] = subject
    msg["Date"] = email.utils.formatdate(usegmt=True)
    msg["Message-ID"] = email.utils.make_msgid(
        domain=settings.sender_address.rpartition("@")[2] or None)
    msg["List-Unsubscribe"] = f"<{letter.unsubscribe}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    msg["Content-Language"] = letter.language or "en"  # set_content drops Content-* headers
    return msg
