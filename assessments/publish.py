"""Read-only pages: the portfolio and each assessment's report (frozen by `build`)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from werkzeug.wrappers import Response

from assessments import service
from assessments.app import definitions, store
from assessments.auth import require_login
from assessments.store import NotFound
from scoring.assess import STAGE_LABELS
from scoring.plan import LOOP

bp = Blueprint("publish", __name__, url_prefix="/reports")


@bp.before_request
def gate() -> Response | None:
    """In the live app reports show scores, so they are for logged-in sellers only."""
    if current_app.config.get("READYGATE_COLLECT"):
        return require_login()
    return None


@bp.route("/")
def index() -> str:
    """Every assessment: account, stage, verdict, score, confidence, next action."""
    rows = [(a, service.rollup(store(), definitions(), a.id),
             service.last_response(store(), a.id)) for a in store().assessments()]
    return render_template("portfolio.html", rows=rows, stages=STAGE_LABELS)


@bp.route("/<ident>/")
def report(ident: str) -> str:
    """One assessment's readiness report with the explanation of every number."""
    try:
        rolled = service.rollup(store(), definitions(), ident)
    except (NotFound, ValueError):
        abort(404)
    return render_template("report.html", r=rolled, a=rolled.assessment, stages=STAGE_LABELS,
                           loop=LOOP, definitions=definitions())
