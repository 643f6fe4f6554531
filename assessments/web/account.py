"""The logged-in seller's own account: the name their answers and reports show."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import DataRequired

from assessments.errors import InputError
from assessments.web.auth import current_user, rename_user, require_login
from assessments.web.context import store

bp = Blueprint("account", __name__)
bp.before_request(require_login)


def _stripped(text: str | None) -> str | None:
    return text.strip() if text else text


class AccountForm(FlaskForm):
    """The seller's display name (its length and characters are `rename_user`'s to check)."""

    display_name = StringField(
        "Your name", validators=[DataRequired("Enter your name.")], filters=[_stripped],
        description="How your answers and the reports name you, e.g. Sam Rivera.")


@bp.route("/account", methods=["GET", "POST"])
def edit() -> tuple[str, int] | Response:
    """Change the logged-in seller's display name."""
    login = current_user() or ""
    user = store().user(login)
    form = AccountForm(data={"display_name": user.display_name if user else ""}
                       if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            renamed = rename_user(store(), login, form.display_name.data or "")
        except InputError as err:
            form.display_name.errors = [*form.display_name.errors, str(err)]
        else:
            flash(f"Your name is now {renamed.display_name}.", "info")
            return redirect(url_for("account.edit"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("account.html", form=form), status


@bp.app_template_global()
def seller_name() -> str:
    """The logged-in seller's display name for the page header ('' when they have none)."""
    user = store().user(current_user() or "")
    return user.display_name if user else ""
