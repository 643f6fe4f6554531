"""The Flask application factory: collect (forms, seller pages) and publish (read-only)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_wtf.csrf import CSRFProtect

import questionnaires
from assessments.store import Store
from scoring.responses import MIN_GROUP

SITE = Path(__file__).resolve().parent.parent / "site"
MAX_BODY = 512 * 1024  # the longest definition's answers fit many times over


def create_app(config: Mapping[str, Any] | None = None, *, collect: bool = True) -> Flask:
    """Build the app; `collect=False` registers only the read-only publish pages."""
    app = Flask(__name__, template_folder=str(SITE / "templates"),
                static_folder=str(SITE / "static"))
    app.config.update(
        DATA=os.environ.get("READYGATE_DATA", "instance"),
        DEFINITIONS=None,
        PUBLIC_URL=os.environ.get("READYGATE_URL", ""),
        MAX_CONTENT_LENGTH=MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        MIN_GROUP=int(os.environ.get("READYGATE_MIN_GROUP") or MIN_GROUP),
    )
    # Templates are indented for people; pages need not carry that indentation.
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.config.update(config or {})
    app.config["READYGATE_COLLECT"] = collect
    store = Store.open(app.config["DATA"])
    app.config.setdefault("SECRET_KEY", None)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = store.secret_key()
    paths = app.config["DEFINITIONS"] or (questionnaires.BUILTIN_DIR,)
    app.extensions["readygate"] = {
        "store": store,
        "definitions": {q.id: q for q in questionnaires.load(paths)},
    }
    from assessments import auth, collector, publish, respond, security, seller
    from scoring.instruments import display_round

    app.add_template_filter(display_round, "display_round")
    security.init_app(app)
    app.register_blueprint(publish.bp, url_prefix="/reports" if collect else "")
    if collect:
        CSRFProtect(app)
        app.register_blueprint(auth.bp)
        app.register_blueprint(seller.bp)
        app.register_blueprint(respond.bp)
        app.register_blueprint(collector.bp)  # exempts itself from CSRF: see collector.py
    return app


def store() -> Store:
    """The store of the running app."""
    result: Store = current_app.extensions["readygate"]["store"]
    return result


def min_group() -> int:
    """Fewest customer respondents whose answers a page may show together."""
    return int(current_app.config["MIN_GROUP"])


def definitions() -> dict[str, questionnaires.Questionnaire]:
    """The loaded, checked questionnaire definitions by id."""
    result: dict[str, questionnaires.Questionnaire] = \
        current_app.extensions["readygate"]["definitions"]
    return result
