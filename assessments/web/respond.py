"""Respondent pages: /r/<token> opens one questionnaire of one assessment, nothing else.

Every page of a link speaks the link's language (assessments.web.language), its error pages
too: the language is chosen from the token before anything else runs, CSRF checks included.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import Blueprint, g, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import Gone, NotFound
from werkzeug.wrappers import Response

from assessments.store import drafts, service
from assessments.store.records import Invitation, token_hash
from assessments.web import formpage, language, limits
from assessments.web.context import definitions, store
from assessments.words import gettext
from questionnaires import Questionnaire
from scoring.adoption import not_due
from scoring.assess import Assessment
from scoring.ids import PULSE

bp = Blueprint("respond", __name__, url_prefix="/r")


class LinkNotFound(NotFound):
    """An unknown token."""

    # Properties: the error page reads them in the page's language.
    @property
    def title(self) -> str:
        """The error page's heading."""
        return gettext("This link does not exist")

    @property
    def message(self) -> str:
        """What to do about it."""
        return gettext("Check that the whole link was copied. If it still does not open, ask "
                       "the person who sent it for a new one.")


class LinkGone(Gone):
    """A revoked or expired token, or one whose questionnaire is no longer asked."""

    def __init__(self, state: str) -> None:
        super().__init__()
        self.state = state

    @property
    def title(self) -> str:
        """The error page's heading: why the link no longer opens its form."""
        if self.state == "revoked":
            return gettext("This link has been revoked")
        if self.state == "not asked":
            return gettext("This questionnaire is no longer asked")
        if self.state == "replaced":
            return gettext("This link has been replaced")
        return gettext("This link has expired")

    @property
    def message(self) -> str:
        """What to do about it."""
        if self.state == "replaced":
            return gettext("Use the link in the newest message you were sent. Nothing you "
                           "sent was lost.")
        return gettext("Ask the person who sent it for a new link. Nothing you sent was lost.")


def find(token: str) -> Invitation | None:
    """The invitation of a token, None for an unknown one."""
    # Nothing longer can be a token; skip hashing absurd input. A replaced token finds its
    # invitation too, so that its page says it was replaced (`_invitation`).
    return store().invitation_by_token(token, replaced=True) if len(token) <= 200 else None


@bp.url_value_preprocessor
def _speak(endpoint: str | None, values: dict[str, Any] | None) -> None:
    # Before CSRFProtect's check, so that its error page speaks the link's language too.
    g.link = find(str((values or {}).get("token", "")))
    language.speak_for(g.link)


def _invitation() -> Invitation:
    invitation: Invitation | None = g.link
    if invitation is None:
        raise LinkNotFound()
    if token_hash(str(request.view_args.get("token", "") if request.view_args else "")) \
            not in invitation.tokens:
        raise LinkGone("replaced")
    state = service.link_state(invitation)
    if state != "ok":
        raise LinkGone(state)
    return invitation


def _asked(invitation: Invitation) -> tuple[Questionnaire, Assessment]:
    """The link's questionnaire and assessment; gone when the questionnaire no longer applies
    (the seller took it off the assessment, or the project removed its definition)."""
    assessment = store().assessment(invitation.assessment)
    q = service.asked(definitions(), assessment, invitation.questionnaire)
    if q is None:
        raise LinkGone("not asked")
    return q, assessment


@bp.route("/<token>", methods=["GET", "POST"])
def form(token: str) -> str | Response | tuple[str, int]:
    """The one questionnaire this link opens."""
    invitation = _invitation()
    g.respondent = True
    q, assessment = _asked(invitation)
    if not invitation.opened_at and not invitation.open and request.method == "GET":
        # The tracker's "opened": once, at the first visit (a written time, no cookie).
        store().change_invitation(invitation.assessment, invitation.id, lambda i: (
            i if i.opened_at else dataclasses.replace(i, opened_at=service.iso(service.now()))))
    who = service.Respondent(invitation.role, invitation.id, invitation.name,
                             invitation.segment, replaces=not invitation.open,
                             named=invitation.named)

    def save(answers: dict[str, object], evidence: dict[str, int]) -> object:
        if invitation.open:  # the static pages' link: the same limits as /collect
            limits.count_post(invitation)
            limits.reserve_answer(invitation)
        return service.submit(store(), q, assessment, answers, evidence, who)

    return formpage.show(
        q, audience=invitation.role, language=invitation.language or None,
        action=url_for("respond.form", token=token), save=save,
        done=url_for("respond.thanks", token=token), named=invitation.named,
        # An open link is anyone's: nothing to resume, and nobody's answers to show.
        keeper=None if invitation.open else keeper(q, assessment, invitation.id),
        omit=not_due(q, service.pulse_week(assessment, service.now())) if q.id == PULSE
        else frozenset(),
        intro=_intro(assessment.account, invitation.name))


def keeper(q: Questionnaire, assessment: Assessment, respondent: str) -> formpage.Keeper:
    """Save and resume for one respondent (a personal link's id, or a seller's login)."""
    return formpage.Keeper(
        resumed=lambda: drafts.resume(store(), q, assessment, respondent),
        keep=lambda fields: drafts.keep(store(), q, assessment, respondent, fields),
        forget=lambda: drafts.forget(store(), q, assessment, respondent))


def _intro(account: str, name: str) -> str:
    """Whom the form is for: "For Acme", or "For Acme, Kim" on a personal link."""
    if name:
        return gettext("For %(account)s, %(name)s", account=account, name=name)
    return gettext("For %(account)s", account=account)


@bp.route("/<token>/thanks")
def thanks(token: str) -> str:
    """Confirmation after a submission; shows no scores and no other answers."""
    invitation = _invitation()
    q, _ = _asked(invitation)
    weekly = q.id == PULSE
    return render_template("thanks.html", title=q.title.get(invitation.language or None),
                           weekly=weekly, again=url_for("respond.form", token=token),
                           language=invitation.language or q.default_language)


@bp.record_once
def _exempt_unsubscribe(state: BlueprintSetupState) -> None:
    # A mail program's one-click unsubscribe (RFC 8058) posts without a session: the
    # token in the address is the credential, as for the form itself.
    csrf = state.app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(unsubscribe)


@bp.route("/<token>/unsubscribe", methods=["GET", "POST"])
def unsubscribe(token: str) -> str:
    """No more messages about this link's form (the link itself keeps working)."""
    invitation: Invitation | None = g.link
    if invitation is None or invitation.open:
        raise LinkNotFound()
    q = definitions().get(invitation.questionnaire)
    title = q.title.get(invitation.language or None) if q else ""
    done = invitation.unsubscribed
    if request.method == "POST" and not done:
        store().change_invitation(invitation.assessment, invitation.id,
                                  lambda i: dataclasses.replace(i, unsubscribed=True))
        done = True
    return render_template("unsubscribe.html", title=title, done=done,
                           action=url_for("respond.unsubscribe", token=token),
                           form=url_for("respond.form", token=token))
