"""The seller's pages (login required): assessments, links, responses, seller questionnaires."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from assessments.errors import InputError, NotFound
from assessments.forms.fields import MultiCheckboxField, option
from assessments.report.sections import sections
from assessments.store import service
from assessments.web import formpage, limits, plan, reach, respond
from assessments.web.auth import current_user, require_login
from assessments.web.context import definitions, min_group, store
from questionnaires import Questionnaire
from scoring.alerts import alerts
from scoring.assess import Assessment, applying
from scoring.checkpoints import next_due
from scoring.ids import CHECKPOINT, PULSE, RESPONDENT_ROLES, STAGE_LABELS, STAGES

bp = Blueprint("seller", __name__)
bp.before_request(require_login)


class AssessmentForm(FlaskForm):
    """An assessment's details."""

    id = StringField("Id (lowercase letters, digits and -)", validators=[Length(max=63)])
    account = StringField("Account", validators=[DataRequired(), Length(max=200)])
    deal = StringField("Deal", validators=[Length(max=200)])
    owner = StringField("Deal owner", validators=[Length(max=200)])
    stage = SelectField("Stage", choices=[option(s, STAGE_LABELS[s]) for s in STAGES])
    close_date = StringField("Close date", validators=[Length(max=10)],
                             render_kw={"type": "date"})
    go_live = StringField("Go-live date", validators=[Length(max=10)],
                          render_kw={"type": "date"})
    questionnaires = MultiCheckboxField(
        "Questionnaires", description="Tick none for the default: the built-in questionnaires "
        "of its stage and every one of your own.")


class LinkForm(FlaskForm):
    """A new respondent link."""

    questionnaire = SelectField("Questionnaire")
    role = SelectField("Respondent", choices=[
        option("", "The one the questionnaire is for"), option("stakeholder", "Stakeholder"),
        option("user", "User")], default="")
    name = StringField("Name (optional)", validators=[Length(max=120)])
    segment = StringField("Team or group (optional)", validators=[Length(max=80)])
    language = StringField("Language code (optional: one the questionnaire is written in, "
                           "e.g. nl)", validators=[Length(max=12)])
    expires_days = IntegerField("Expires after (days, optional)",
                                validators=[Optional(), NumberRange(1, 3650)])
    named = BooleanField("Named: show the answers with this person's name")


def _assessment(ident: str) -> Assessment:
    try:
        return store().assessment(ident)
    except (NotFound, ValueError):
        abort(404)


@bp.route("/")
def dashboard() -> str:
    """Every assessment with its verdict, score and last response."""
    rows = []
    assessments = store().assessments()
    today = service.now().date()
    found = []
    for assessment in assessments:
        rolled = service.rollup(store(), definitions(), assessment.id,
                                min_group=min_group())
        rows.append((assessment, rolled, service.last_response(store(), assessment.id)))
        found += alerts(rolled, today)
    return render_template("dashboard.html", rows=rows, stages=STAGE_LABELS,
                           user=current_user(), notices=limits.cap_notices(assessments, _titles()),
                           alerts=found)


def _titles() -> dict[str, str]:
    return {q.id: q.title.get() for q in definitions().values()}


@bp.route("/assessments/new", methods=["GET", "POST"])
def new() -> tuple[str, int] | Response:
    """Create an assessment."""
    form = _assessment_form()
    if form.validate_on_submit():
        try:
            created = service.create_assessment(store(), form.data, definitions())
        except InputError as err:
            flash(str(err), "error")
        else:
            flash(f"Created {created.account}.", "info")
            return redirect(url_for("seller.detail", ident=created.id))
    return _edit_page(form, None)


@bp.route("/assessments/<ident>/edit", methods=["GET", "POST"])
def edit(ident: str) -> tuple[str, int] | Response:
    """Change an assessment's details."""
    assessment = _assessment(ident)
    form = _assessment_form(vars(assessment) if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            service.update_assessment(store(), ident, form.data, definitions())
        except InputError as err:
            flash(str(err), "error")
        else:
            flash("Saved.", "info")
            return redirect(url_for("seller.detail", ident=ident))
    return _edit_page(form, assessment)


def _edit_page(form: AssessmentForm, assessment: Assessment | None) -> tuple[str, int]:
    """The form again; after a failed POST with 400 so clients see it was refused."""
    status = 400 if request.method == "POST" else 200
    return render_template("assessment_edit.html", form=form, assessment=assessment), status


def _assessment_form(data: dict[str, object] | None = None) -> AssessmentForm:
    form = AssessmentForm(data=data)
    form.questionnaires.choices = [option(q.id, q.title.get()) for q in definitions().values()]
    return form


def _applying(assessment: Assessment) -> list[Questionnaire]:
    """The questionnaires that apply to `assessment`, in definition order."""
    return [definitions()[qid] for qid in applying(assessment, definitions())]


def _link_form(assessment: Assessment) -> LinkForm:
    form = LinkForm()
    form.questionnaire.choices = [
        option(q.id, q.title.get()) for q in _applying(assessment)
        if set(q.audience) & set(RESPONDENT_ROLES)]
    return form


@bp.route("/assessments/<ident>")
def detail(ident: str) -> str:
    """Links, responses and the questionnaires the seller fills in."""
    assessment = _assessment(ident)
    invitations = store().invitations(ident)
    rolled = service.rollup(store(), definitions(), ident, min_group=min_group())
    return render_template(
        "assessment.html", assessment=assessment, form=_link_form(assessment),
        readiness=sections(rolled, definitions())[0], rolled=rolled, **plan.context(),
        due=next_due(assessment.go_live, rolled.checkpoints, service.now().date())
        if assessment.stage == "live" and CHECKPOINT in applying(assessment, definitions())
        else None, checkpoint=CHECKPOINT,
        invitations=[(i, service.link_state(i)) for i in invitations],
        responses=store().responses(ident, include_superseded=True),
        seller_questionnaires=[q for q in _applying(assessment) if "seller" in q.audience],
        titles=_titles(), notices=limits.cap_notices([assessment], _titles()),
        stages=STAGE_LABELS, min_group=min_group(),
        pulse_undated=not assessment.go_live and any(
            i.questionnaire == PULSE for i in invitations),
        **reach.tracker_context(assessment))


@bp.route("/assessments/<ident>/links", methods=["POST"])
def create_link(ident: str) -> str | Response:
    """Create a respondent link and show it once."""
    assessment = _assessment(ident)
    form = _link_form(assessment)
    if not form.validate_on_submit():
        for field, errors in form.errors.items():
            flash(f"{getattr(form, field).label.text}: {'; '.join(errors)}", "error")
        return redirect(url_for("seller.detail", ident=ident))
    try:
        invitation, token = service.create_invitation(
            store(), definitions(), ident, form.questionnaire.data or "",
            role=form.role.data or None, name=form.name.data or "",
            segment=form.segment.data or "", language=form.language.data or "",
            expires_days=form.expires_days.data, named=bool(form.named.data))
    except InputError as err:
        flash(str(err), "error")
        return redirect(url_for("seller.detail", ident=ident))
    link = reach.public_link(token)
    return render_template("link_created.html", assessment=assessment, invitation=invitation,
                           link=link, title=definitions()[invitation.questionnaire].title.get())


@bp.route("/assessments/<ident>/links/<invitation>/revoke", methods=["POST"])
def revoke(ident: str, invitation: str) -> Response:
    """Revoke a link."""
    _assessment(ident)
    try:
        service.revoke(store(), ident, invitation)
    except NotFound:
        abort(404)
    flash("The link is revoked; it now answers that it is no longer valid.", "info")
    return redirect(url_for("seller.detail", ident=ident))


@bp.route("/assessments/<ident>/fill/<qid>", methods=["GET", "POST"])
def fill(ident: str, qid: str) -> str | Response | tuple[str, int]:
    """The seller fills a seller questionnaire, starting from their latest answers."""
    assessment = _assessment(ident)
    q = definitions().get(qid)
    if q is None or "seller" not in q.audience or q not in _applying(assessment):
        abort(404)
    user = current_user() or ""
    account = store().user(user)
    who = service.Respondent("seller", user, account.shown_as if account else user)

    def save(answers: dict[str, object], evidence: dict[str, int]) -> object:
        stored = service.submit(store(), q, assessment, answers, evidence, who)
        flash(f"Saved your answers to {q.title.get()}: they count from now on.", "info")
        return stored

    return formpage.show(
        q, audience="seller", language=None,
        action=url_for("seller.fill", ident=ident, qid=qid), save=save,
        done=url_for("seller.detail", ident=ident),
        intro=f"{assessment.account}: your view as the seller",
        keeper=respond.keeper(q, assessment, user), layout="seller_base.html")
