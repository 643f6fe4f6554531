"""POST /collect: answers from static form pages (assessments.build.static_forms).

The page's `token` is the credential: it must open an open link of the page's assessment
and questionnaire. No session, so no CSRF token (the blueprint is exempt when registered).
Answers go through the same form and checks as a web submission; open links never replace
earlier answers. A filled-in honeypot gets the thank-you page and stores nothing. Posts are
rate-limited per client address and per link, and an assessment stores at most
OPEN_LINK_DAILY_CAP open-link answers a day (assessments.web.limits): past either, 429.
The pages it answers with speak the static page's language: its questionnaire's default.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.wrappers import Response
from wtforms import Form

from assessments.forms import classes as forms
from assessments.forms.fields import HIDDEN_FIELDS, HONEYPOT_FIELD, TOKEN_FIELD
from assessments.store import service
from assessments.store.records import Invitation
from assessments.web import language, limits
from assessments.web.context import definitions, store
from assessments.web.respond import LinkGone, LinkNotFound
from assessments.words import gettext

bp = Blueprint("collector", __name__, url_prefix="/collect")

# The longest definition posts a few hundred fields; beyond this the post is not a form's.
MAX_FIELDS = 500
MAX_TOKEN = 200  # nothing longer can be a token; skip hashing absurd input

class Mismatch(BadRequest):
    """A page whose hidden fields name another assessment, questionnaire or role."""

    # Properties: the error page reads them in the page's language.
    @property
    def title(self) -> str:
        """The error page's heading."""
        return gettext("This form does not match its link")

    @property
    def message(self) -> str:
        """What to do about it."""
        return gettext("The form was changed after it was published. Open it again from the "
                       "address you were given; if that does not help, ask the person who "
                       "sent it.")


class TooManyFields(RequestEntityTooLarge):
    """More fields than any questionnaire posts."""

    @property
    def message(self) -> str:
        """The error page's sentence."""
        return gettext("What was sent has more fields than any form here posts.")


@bp.record_once
def _exempt_from_csrf(state: BlueprintSetupState) -> None:
    # Session CSRF tokens cannot live in a static page; the posted link token stands in.
    csrf = state.app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(bp)


def _open_invitation(token: str) -> Invitation:
    invitation = store().invitation_by_token(token) if 0 < len(token) <= MAX_TOKEN else None
    # A personal link's token is no key here: say it does not exist, as for any other.
    if invitation is None or not invitation.open:
        raise LinkNotFound()
    state = service.link_state(invitation)
    if state != "ok":
        raise LinkGone(state)
    return invitation


def _check_hidden(invitation: Invitation, posted: Any) -> None:
    expected = {"assessment": invitation.assessment, "questionnaire": invitation.questionnaire,
                "role": invitation.role}
    for name in HIDDEN_FIELDS:
        values = posted.getlist(name)
        if values and any(v != expected[name] for v in values):
            raise Mismatch()


@bp.route("", methods=["POST"])
def collect() -> Response | tuple[str, int]:
    """Store one static page's answers, then show the thank-you page."""
    posted = request.form
    page = definitions().get(str(posted.get("questionnaire", "")))
    language.speak(page.default_language if page is not None else None)
    if sum(len(values) for _, values in posted.lists()) > MAX_FIELDS:
        raise TooManyFields()
    if any(v.strip() for v in posted.getlist(HONEYPOT_FIELD)):
        # Answer exactly as for a person, before the token is looked at: a bot learns nothing.
        return redirect(_thanks(), code=303)
    invitation = _open_invitation(posted.get(TOKEN_FIELD, ""))
    language.speak_for(invitation)
    limits.count_post(invitation)  # bad posts count too: a flood of them costs the same
    _check_hidden(invitation, posted)
    assessment = store().assessment(invitation.assessment)
    q = service.asked(definitions(), assessment, invitation.questionnaire)
    if q is None:
        abort(410)  # its definition was removed, or the seller took it off the assessment
    cls = forms.form_class(q, audience=invitation.role, language=invitation.language or None,
                           base=Form)
    result = forms.validate_form(cls(formdata=posted))
    if not result.valid:
        return render_template("collect_problems.html", errors=result.errors), 400
    who = service.Respondent(invitation.role, invitation.id, segment=invitation.segment,
                             replaces=False)
    limits.reserve_answer(invitation)
    service.submit(store(), q, assessment, result.answers,
                   result.evidence, who, source="static")
    return redirect(_thanks(), code=303)


def _thanks() -> str:
    """The thank-you page's address; it names the page's language unless that is English."""
    spoken = language.current()
    if spoken == language.SOURCE:
        return url_for("collector.thanks")
    return url_for("collector.thanks", lang=spoken)


@bp.route("/thanks")
def thanks() -> str:
    """A plain confirmation: no scores, no answers, nothing about the assessment."""
    language.speak(request.args.get("lang"))
    return render_template("collect_thanks.html")
