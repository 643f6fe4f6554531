"""Seller accounts: hashed passwords in the store, session login, a login gate."""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from assessments.errors import InputError
from assessments.store import metadata
from assessments.store.interface import Store
from assessments.store.records import User
from assessments.web import limits
from assessments.web.context import store, throttle

bp = Blueprint("auth", __name__)
USER_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 10
@functools.cache
def _dummy_hash() -> str:
    """Compared against when the user does not exist, so both paths cost one hash check.

    Made on first use, not at import: a scrypt hash costs time every command would pay."""
    return generate_password_hash("not a real password")


class LoginForm(FlaskForm):
    """User name and password."""

    name = StringField("User name", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])


def add_user(data: Store, name: str, password: str, display_name: str = "") -> User:
    """Create a seller account (InputError for a bad name, a taken name or a short password);
    `display_name` is how answers and reports name them (default: the login)."""
    if not USER_NAME.match(name):
        raise InputError(f"user name {name!r} is not valid: use letters, digits and . _ @ -")
    _check_password(password)
    display_name = metadata.check_text("name", display_name.strip())
    if data.user(name) is not None:
        raise InputError(f"user {name!r} exists already")
    user = User(name, generate_password_hash(password),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                display_name=display_name)
    data.add_user(user)
    return user


def set_password(data: Store, name: str, password: str) -> User:
    """Give a seller a new password and end every session of theirs (InputError if none)."""
    _check_password(password)
    if data.user(name) is None:
        raise InputError(f"there is no user {name!r}: create it with `readygate adduser {name}`")
    return data.update_user(name, password_hash=generate_password_hash(password))


def rename_user(data: Store, name: str, display_name: str) -> User:
    """Give a seller the name answers and reports show (InputError if there is no user)."""
    display_name = metadata.check_text("name", display_name.strip())
    if data.user(name) is None:
        raise InputError(f"there is no user {name!r}: create it with `readygate adduser {name}`")
    return data.rename_user(name, display_name)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password is too short: use at least {MIN_PASSWORD} characters")


def check_login(data: Store, name: str, password: str) -> bool:
    """Whether the name and password match a user."""
    user = data.user(name)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(user.password_hash, password)


def current_user() -> str | None:
    """The logged-in seller's name, if any and their session has not been ended."""
    name = session.get("user")
    if not isinstance(name, str):
        return None
    user = store().user(name)
    # A logout, a new password or a removed account ends every session from before it.
    if user is None or session.get("version") != user.session_version:
        session.clear()
        return None
    return name


def require_login() -> Response | None:
    """Send anyone not logged in to the login page (a before_request hook)."""
    if current_user() is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def _safe_next(target: str | None) -> str:
    # Only same-site paths: a crafted ?next= must not bounce a seller to another site.
    # Browsers read "/\\host" as "//host", so a backslash anywhere is refused too.
    if not target or not target.startswith("/") or target.startswith("//") or \
            "\\" in target or urlsplit(target).netloc:
        return url_for("seller.dashboard")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int, dict[str, str]]:
    """Log a seller in; too many failures for the name or the address answer 429."""
    form = LoginForm()
    if form.validate_on_submit():
        name = form.name.data or ""
        hits = limits.login_hits(name)
        # Counted as a failure before the password is checked, so parallel guesses cannot
        # slip past the limit; a success gives the count back.
        wait = throttle().take(hits)
        if wait:
            message = limits.too_many(wait)
            return render_template("login.html", form=form, refused=message), 429, \
                {"Retry-After": str(wait)}
        if check_login(store(), name, form.password.data or "") and \
                (user := store().user(name)) is not None:
            throttle().forget(hits[:1])
            throttle().give_back(hits[1:])
            session.clear()  # a fresh session: no fixation across the login
            session.permanent = True  # ends after SESSION_HOURS without a request
            session["user"] = user.name
            session["version"] = user.session_version
            return redirect(_safe_next(request.args.get("next")))
        flash("That user name and password do not match.", "error")
    return render_template("login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Log out (a POST, so it carries the CSRF token) and end every session of the user."""
    name = current_user()
    if name is not None:
        store().update_user(name)
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
