"""The seller's ways to reach respondents (login required): invite a list by e-mail, remind
those who have not answered, and replace a lost link."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from assessments.errors import InputError, NotFound
from assessments.forms.fields import option
from assessments.mail import send
from assessments.mail.contacts import COLUMNS, read_contacts
from assessments.project.smtp import MailSettings
from assessments.store import service
from assessments.web.auth import current_user, require_login
from assessments.web.context import definitions, min_group, store
from scoring.assess import Assessment, applying
from scoring.ids import RESPONDENT_ROLES

bp = Blueprint("reach", __name__)
bp.before_request(require_login)
MAX_LIST = 256 * 1024  # bytes of a pasted or uploaded list: thousands of rows


class InviteForm(FlaskForm):
    """People to invite to one questionnaire by e-mail."""

    questionnaire = SelectField("Questionnaire")
    people = TextAreaField(
        "People", validators=[Length(max=MAX_LIST)],
        description="One person per line: name, e-mail. Or paste a spreadsheet's CSV with a "
                    f"header row naming its columns ({', '.join(COLUMNS)}).",
        render_kw={"rows": 6})
    upload = FileField("Or upload a CSV file")
    expires_days = IntegerField("Links expire after (days, optional)",
                                validators=[Optional(), NumberRange(1, 3650)])
    reply_to = StringField("Replies go to (your e-mail, optional)",
                           validators=[Length(max=254)])


def mail_settings() -> MailSettings:
    """The app's SMTP settings (not set: e-mail cannot go out)."""
    found = current_app.config.get("MAIL")
    return found if isinstance(found, MailSettings) else MailSettings()


def invite_form(assessment: Assessment) -> InviteForm:
    """The invite form, offering the questionnaires respondents answer."""
    form = InviteForm()
    form.questionnaire.choices = [
        option(qid, definitions()[qid].title.get()) for qid in applying(assessment, definitions())
        if set(definitions()[qid].audience) & set(RESPONDENT_ROLES)]
    return form


def _assessment(ident: str) -> Assessment:
    try:
        return store().assessment(ident)
    except (NotFound, ValueError):
        abort(404)


def public_base() -> str:
    """The app's public address (the project's base_url or READYGATE_URL) when one is set,
    else the address this page was asked at."""
    public = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    return public or request.host_url.rstrip("/") + request.script_root


def public_link(token: str) -> str:
    """A respondent link at the app's public address."""
    return public_base() + url_for("respond.form", token=token).removeprefix(
        request.script_root)


def _sender(reply_to: str = "") -> send.Sender:
    user = store().user(current_user() or "")
    return send.Sender(mail_settings(), public_base(),
                       organisation=str(current_app.config.get("ORGANISATION") or ""),
                       asker=user.shown_as if user else "",
                       reply_to=service.check_email(reply_to) if reply_to else "",
                       min_group=min_group())


def _list_text(form: InviteForm) -> str:
    upload = form.upload.data
    if upload and getattr(upload, "filename", ""):
        raw = upload.read(MAX_LIST + 1)
        if len(raw) > MAX_LIST:
            raise InputError("the file is too long: at most 256 KB at once")
        try:
            return str(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise InputError("the file is not UTF-8 text: save it as CSV UTF-8") from None
    text = (form.people.data or "").strip()
    first = text.splitlines()[0].lower() if text else ""
    if "email" in first:  # a spreadsheet's CSV, header and all
        return text
    # Typed lines: "name, e-mail" or the address alone, read as the CSV they stand for.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email"])
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"[,;\t]", line)]
        writer.writerow(["", cells[0]] if len(cells) == 1 else cells[:2])
    return out.getvalue()


@bp.route("/assessments/<ident>/invite", methods=["POST"])
def invite(ident: str) -> str | Response:
    """E-mail a link to each person on the list; show what happened to each."""
    assessment = _assessment(ident)
    form = invite_form(assessment)
    back = redirect(url_for("seller.detail", ident=ident, _anchor="invite"))
    if not form.validate_on_submit():
        for field, errors in form.errors.items():
            flash(f"{getattr(form, field).label.text}: {'; '.join(errors)}", "error")
        return back
    q = definitions()[form.questionnaire.data or ""]
    try:
        people = read_contacts(_list_text(form), q, source="the list")
        outcomes = send.invite(store(), definitions(), ident, q.id, people,
                               _sender(form.reply_to.data or ""),
                               expires_days=form.expires_days.data)
    except InputError as err:
        for line in str(err).splitlines():
            flash(line, "error")
        return back
    return render_template("sent.html", assessment=assessment, outcomes=outcomes,
                           title=q.title.get(), what="Invitations")


@bp.route("/assessments/<ident>/remind", methods=["POST"])
def remind(ident: str) -> str | Response:
    """Remind everyone of this assessment whose link is open and unanswered."""
    assessment = _assessment(ident)
    try:
        outcomes = send.remind(store(), definitions(), _sender(), ident=ident)
    except InputError as err:
        flash(str(err), "error")
        return redirect(url_for("seller.detail", ident=ident, _anchor="tracker"))
    if not outcomes:
        flash("Nobody to remind: everyone has answered, or had a message in the last "
              "3 days.", "info")
        return redirect(url_for("seller.detail", ident=ident, _anchor="tracker"))
    return render_template("sent.html", assessment=assessment, outcomes=outcomes,
                           title="", what="Reminders")


@bp.route("/assessments/<ident>/links/<invitation>/resend", methods=["POST"])
def resend(ident: str, invitation: str) -> str | Response:
    """Replace a lost link: the old one stops, the new one is e-mailed or shown once."""
    assessment = _assessment(ident)
    try:
        settings = mail_settings()
        inv, token, outcome = send.resend(store(), definitions(), ident, invitation,
                                          _sender() if settings.configured else None)
    except NotFound:
        abort(404)
    except InputError as err:
        flash(str(err), "error")
        return redirect(url_for("seller.detail", ident=ident, _anchor="tracker"))
    title = definitions()[inv.questionnaire].title.get() \
        if inv.questionnaire in definitions() else inv.questionnaire
    if outcome is None:
        return render_template("link_created.html", assessment=assessment, invitation=inv,
                               link=public_link(token), title=title, replaced=True)
    return render_template("sent.html", assessment=assessment, outcomes=[outcome],
                           title=title, what="A new link")


def tracker_context(assessment: Assessment) -> dict[str, Any]:
    """What the assessment page's tracker shows."""
    return {"tallies": service.tracker(store(), assessment.id),
            "mail_ready": mail_settings().configured,
            "invite_form": invite_form(assessment)}
