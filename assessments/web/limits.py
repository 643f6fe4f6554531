"""The live app's rate limits: failed logins, posts to open links, and a daily cap.

The counters live in assessments.store.throttle, so every worker process sees the same ones; the
numbers come from the app's config (app.SETTINGS). Subjects are the user name, the client
address (`request.remote_addr`: behind a reverse proxy set PROXY_HOPS so it is the client's,
not the proxy's) and the open link.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from flask import current_app, request
from werkzeug.exceptions import TooManyRequests

from assessments.store.records import Invitation
from assessments.store.throttle import Hit, Rule
from assessments.web.context import throttle
from assessments.words import gettext, ngettext
from questionnaires.translation import N_
from scoring.assess import Assessment

HOUR = 3600
DAY = 86400
# Respondents on open links may read these: marked for the catalogs, said in their language.
CAP_TITLE = N_("This form is closed for today")
CAP_MESSAGE = N_("This form has received as many answers as it takes in one day. Nothing you "
                 "sent was stored; please send it again tomorrow.")
TOO_MANY_TITLE = N_("Too many attempts")


class Throttled(TooManyRequests):
    """A 429 with a page that says when to try again (and a Retry-After header).

    Raised while a request runs: the title and message are said in the page's language.
    """

    def __init__(self, seconds: int, title: str = TOO_MANY_TITLE,
                 message: str | None = None) -> None:
        super().__init__(retry_after=seconds)
        self.title = gettext(title)
        self.message = gettext(message) if message else too_many(seconds)


def too_many(seconds: int) -> str:
    """What a refused person reads."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("Too many attempts. Try again in %(num)d minute.",
                    "Too many attempts. Try again in %(num)d minutes.", minutes)


def address() -> str:
    """The client's address (ProxyFix puts the forwarded one here when PROXY_HOPS is set)."""
    return request.remote_addr or "unknown"


def _setting(key: str) -> int:
    return int(current_app.config[key])


def login_hits(name: str) -> list[Hit]:
    """A login attempt's counters: the account first, then the client address."""
    window = _setting("LOGIN_WINDOW_MINUTES") * 60
    return [(Rule("login-account", _setting("LOGIN_ACCOUNT_LIMIT"), window), name),
            (Rule("login-address", _setting("LOGIN_ADDRESS_LIMIT"), window), address())]


def count_post(invitation: Invitation) -> None:
    """Count a post to an open link against its address and its link (Throttled past one)."""
    wait = throttle().take([
        (Rule("post-address", _setting("COLLECT_ADDRESS_LIMIT"), HOUR), address()),
        (Rule("post-link", _setting("COLLECT_LINK_LIMIT"), HOUR), invitation.id)])
    if wait:
        raise Throttled(wait)


def _cap(assessment: str) -> Hit:
    return Rule("open-day", _setting("OPEN_LINK_DAILY_CAP"), DAY, aligned=True), assessment


def reserve_answer(invitation: Invitation) -> None:
    """Take one of today's open-link answers of the link's assessment, just before storing.

    Past the cap: Throttled, nothing is stored and the seller's pages say so. Taking is one
    step across processes, so no more than the cap is ever stored in a day.
    """
    hit = _cap(invitation.assessment)
    wait = throttle().take([hit])
    if wait:
        throttle().note(hit, invitation.questionnaire)
        raise Throttled(wait, CAP_TITLE, CAP_MESSAGE)


def cap_notices(assessments: Sequence[Assessment], titles: dict[str, str]) -> list[str]:
    """One line per open link refused today because its assessment reached the daily cap."""
    cap = _setting("OPEN_LINK_DAILY_CAP")
    refused = throttle().notes([_cap(a.id) for a in assessments])
    return [f"The open link of {titles.get(qid, qid)} for {a.account} reached today's cap of "
            f"{cap} answers; later posts were refused."
            for a, qids in zip(assessments, refused, strict=True) for qid in qids]
