"""Respondent pages: /r/<token> opens one questionnaire of one assessment, nothing else."""

from __future__ import annotations

from flask import Blueprint, g, render_template, url_for
from werkzeug.exceptions import Gone, NotFound
from werkzeug.wrappers import Response

from assessments.store import service
from assessments.store.records import Invitation
from assessments.web import formpage, limits
from assessments.web.context import definitions, store
from questionnaires import Questionnaire
from scoring.adoption import not_due
from scoring.assess import Assessment
from scoring.ids import PULSE

bp = Blueprint("respond", __name__, url_prefix="/r")


class LinkNotFound(NotFound):
    """An unknown token."""

    title = "This link does not exist"
    message = ("Check that the whole link was copied. If it still does not open, ask the "
               "person who sent it for a new one.")


class LinkGone(Gone):
    """A revoked or expired token, or one whose questionnaire is no longer asked."""

    def __init__(self, state: str) -> None:
        super().__init__()
        self.title = {"revoked": "This link has been revoked",
                      "not asked": "This questionnaire is no longer asked"}.get(
                          state, "This link has expired")
        self.message = "Ask the person who sent it for a new link. Nothing you sent was lost."


def _invitation(token: str) -> Invitation:
    # Nothing longer can be a token; skip hashing absurd input.
    invitation = store().invitation_by_token(token) if len(token) <= 200 else None
    if invitation is None:
        raise LinkNotFound()
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
    invitation = _invitation(token)
    g.respondent = True
    q, assessment = _asked(invitation)
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
        omit=not_due(q, service.pulse_week(assessment, service.now())) if q.id == PULSE
        else frozenset(),
        intro=f"For {assessment.account}" + (f", {invitation.name}" if invitation.name
                                             else ""))


@bp.route("/<token>/thanks")
def thanks(token: str) -> str:
    """Confirmation after a submission; shows no scores and no other answers."""
    invitation = _invitation(token)
    q, _ = _asked(invitation)
    weekly = q.id == PULSE
    return render_template("thanks.html", title=q.title.get(invitation.language or None),
                           weekly=weekly, again=url_for("respond.form", token=token),
                           language=invitation.language or "en")
