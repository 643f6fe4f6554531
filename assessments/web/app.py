"""The Flask application factory: collect (forms, seller pages) and publish (read-only)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

import questionnaires
from assessments.paths import SITE
from assessments.project.brand import Brand, brand_of
from assessments.project.config import Project, locate, public_url
from assessments.store.interface import Store, database_url, open_store
from assessments.web.context import KEY, AppContext

MAX_BODY = 512 * 1024  # the longest definition's answers fit many times over
# Security settings: each a config key, also read from READYGATE_<KEY>; see docs/live-app.md.
SETTINGS = {
    "LOGIN_ACCOUNT_LIMIT": 5,  # failed logins per user name per window
    "LOGIN_ADDRESS_LIMIT": 20,  # failed logins per client address per window
    "LOGIN_WINDOW_MINUTES": 15,
    "COLLECT_ADDRESS_LIMIT": 30,  # posts to open links per client address per hour
    "COLLECT_LINK_LIMIT": 100,  # posts per open link per hour
    "OPEN_LINK_DAILY_CAP": 200,  # open-link answers stored per assessment per day (UTC)
    "SESSION_HOURS": 12,  # a login ends after this long without a request
    "PROXY_HOPS": 0,  # reverse proxies in front whose X-Forwarded-For/-Proto to trust
}


def create_app(config: Mapping[str, Any] | None = None, *, store: Store | None = None,
               definitions: Mapping[str, questionnaires.Questionnaire] | None = None,
               collect: bool = True, brand: Brand | None = None) -> Flask:
    """Build the app; `collect=False` registers only the read-only publish pages.

    `brand`: one checked already (a build's), instead of checking the settings' again.

    Settings come from `config`, else READYGATE_* variables, else the project's
    readygate.toml (READYGATE_CONFIG, or the nearest one in the current folder or a
    parent), else the defaults; so `create_app()` under any WSGI server runs the project.
    `store` and `definitions` default to the data directory `config["DATA"]` and to the
    definitions in `config["DEFINITIONS"]` (folders or files), else the project's.
    """
    # A caller that names the data directory (the CLI, a build) has read its project already:
    # a readygate.toml in the current folder must neither override nor break it.
    project = Project() if config and "DATA" in config else locate(
        Path(os.environ["READYGATE_CONFIG"]) if os.environ.get("READYGATE_CONFIG") else None,
        Path.cwd())
    app = Flask(__name__, template_folder=str(SITE / "templates"),
                static_folder=str(SITE / "static"))
    app.config.update(
        DATA=os.environ.get("READYGATE_DATA") or str(project.data),
        DATABASE_URL=database_url(project.database_url),
        DEFINITIONS=None,
        PUBLIC_URL=public_url(project),
        MAX_CONTENT_LENGTH=MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        MIN_GROUP=int(os.environ.get("READYGATE_MIN_GROUP") or project.min_group),
        ORGANISATION=project.organisation,
        LOGO=str(project.logo) if project.logo else "",
        ACCENT=project.accent,
        MAIL=project.mail,
        BRAND_ASSETS="",
        **{key: os.environ.get(f"READYGATE_{key}") or default
           for key, default in SETTINGS.items()},
    )
    # Templates are indented for people; pages need not carry that indentation.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.update(config or {})
    app.config["READYGATE_COLLECT"] = collect
    _security_settings(app, config or {})
    brand = brand or _brand(app)
    if store is None:
        store = open_store(app.config["DATA"], app.config["DATABASE_URL"])
    app.config.setdefault("SECRET_KEY", None)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = store.secret_key()
    secret = app.config["SECRET_KEY"]
    if definitions is None:
        library = questionnaires.Library(questionnaires.load(app.config["DEFINITIONS"])) \
            if app.config["DEFINITIONS"] else questionnaires.load_library(
                project.definitions, builtins=project.builtin_questionnaires)
        definitions = {q.id: q for q in library.questionnaires}
    app.extensions[KEY] = AppContext(
        store=store, definitions=definitions, min_group=int(app.config["MIN_GROUP"]),
        throttle=store.limits(secret if isinstance(secret, bytes) else str(secret).encode()),
        brand=brand,
        made=None if collect else {})
    from assessments.web import (
        account,
        api,
        auth,
        collector,
        language,
        pdfs,
        plan,
        publish,
        reach,
        respond,
        security,
        seller,
    )
    from assessments.web import brand as branding
    from questionnaires.expressions import plain_number
    from scoring.instruments import display_round
    from scoring.text import clause, sentence

    app.add_template_filter(display_round, "display_round")
    app.add_template_filter(plain_number, "plain_number")
    app.add_template_filter(sentence, "sentence")
    app.add_template_filter(clause, "clause")
    app.jinja_env.globals["organisation"] = brand.organisation
    # The live app's PDFs read the logo from a copy beside its cached PDFs (see web/brand.py).
    app.config["BRAND_ASSETS"] = app.config["BRAND_ASSETS"] or str(
        store.root / pdfs.FOLDER / pdfs.ASSETS)
    app.jinja_env.globals.update(brand=brand, print_logo=branding.print_logo(
        brand, Path(app.config["BRAND_ASSETS"])))
    language.init_app(app)  # respondents' pages in their language; the rest in English
    security.init_app(app, style=brand.style)
    app.register_blueprint(publish.bp, url_prefix="/reports" if collect else "")
    if brand.logo:
        app.register_blueprint(branding.bp)
    if collect:
        CSRFProtect(app)
        app.register_blueprint(auth.bp)
        app.register_blueprint(seller.bp)
        app.register_blueprint(account.bp)
        app.register_blueprint(reach.bp)
        app.register_blueprint(plan.bp)
        app.register_blueprint(respond.bp)
        app.register_blueprint(collector.bp)  # exempts itself from CSRF: see collector.py
        app.register_blueprint(pdfs.bp, url_prefix="/reports")
        app.register_blueprint(api.bp)  # exempts itself from CSRF: see api.py
    return app


def _brand(app: Flask) -> Brand:
    """The organisation, logo and accent of the settings (checked: ValueError)."""
    logo = app.config["LOGO"]
    return brand_of(str(app.config["ORGANISATION"] or ""), Path(logo) if logo else None,
                    str(app.config["ACCENT"] or ""))


def _security_settings(app: Flask, given: Mapping[str, Any]) -> None:
    """Check SETTINGS (ValueError naming every bad one) and derive Flask's from them."""
    problems = []
    for key in SETTINGS:
        least = 0 if key == "PROXY_HOPS" else 1
        try:
            value = int(app.config[key])
        except (TypeError, ValueError):
            value = least - 1
        if value < least:
            problems.append(f"{key} (or READYGATE_{key}) is {app.config[key]!r}: use a whole "
                            f"number of at least {least}")
        app.config[key] = value
    if problems:
        raise ValueError("\n".join(problems))
    if "PERMANENT_SESSION_LIFETIME" not in given:
        app.config["PERMANENT_SESSION_LIFETIME"] = dt.timedelta(hours=app.config["SESSION_HOURS"])
    if "SESSION_COOKIE_SECURE" not in given:
        # Served over https: the login cookie must never travel over plain http.
        app.config["SESSION_COOKIE_SECURE"] = \
            str(app.config["PUBLIC_URL"]).lower().startswith("https://")
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

