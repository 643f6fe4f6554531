"""The mutual action plan on the seller's pages (login required): add, propose, change,
and export it as CSV or as an iCalendar file of due dates."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, url_for
from flask import request as req
from werkzeug.wrappers import Response

from assessments.errors import InputError, NotFound
from assessments.store import plans, service
from assessments.transfer.calendar import plan_csv, plan_ics
from assessments.web.auth import require_login
from assessments.web.context import definitions, store
from questionnaires.model import Scoring
from scoring.assess import Assessment
from scoring.commitments import SIDES, STATUSES
from scoring.ids import READINESS

bp = Blueprint("plan", __name__)
bp.before_request(require_login)
FIELDS = ("side", "text", "owner", "due", "status", "criterion", "week")


def _assessment(ident: str) -> Assessment:
    try:
        return store().assessment(ident)
    except (NotFound, ValueError):
        abort(404)


def _back(ident: str) -> Response:
    return redirect(url_for("seller.detail", ident=ident, _anchor="plan"), code=303)


def criteria() -> dict[str, str]:
    """The readiness check's criteria a commitment may serve: id → label."""
    q = definitions().get(READINESS)
    return {c.id: c.label.get() for c in ((q.scoring or Scoring()).criteria if q else ())}


def context() -> dict[str, Any]:
    """What the assessment page's plan section needs besides the roll-up."""
    return {"sides": SIDES, "statuses": STATUSES, "plan_criteria": criteria(),
            "today": service.now().date().isoformat()}


@bp.route("/assessments/<ident>/plan", methods=["POST"])
def add(ident: str) -> Response:
    """Add one commitment."""
    _assessment(ident)
    try:
        made = plans.add(store(), definitions(), ident,
                         {k: req.form.get(k, "") for k in FIELDS})
    except InputError as err:
        flash(f"Not added: {err}", "error")
    else:
        flash(f"Added: {made.text}", "info")
    return _back(ident)


@bp.route("/assessments/<ident>/plan/propose", methods=["POST"])
def propose(ident: str) -> Response:
    """Add the commitments the barriers and the activation plan call for."""
    _assessment(ident)
    added = plans.propose(store(), definitions(), ident)
    flash(f"Added {len(added)} commitment{'s' * (len(added) != 1)} from the barriers and "
          "the activation plan." if added else "The plan already has every commitment the "
          "barriers and the activation plan call for.", "info")
    return _back(ident)


@bp.route("/assessments/<ident>/plan/<commitment>", methods=["POST"])
def change(ident: str, commitment: str) -> Response:
    """Change a commitment's status, due date or owner."""
    _assessment(ident)
    try:
        changed = plans.change(store(), definitions(), ident, commitment,
                               {k: req.form[k] for k in FIELDS if k in req.form})
    except NotFound:
        abort(404)
    except InputError as err:
        flash(f"Not saved: {err}", "error")
    else:
        flash(f"Saved: {changed.text} ({STATUSES[changed.status].lower()})", "info")
    return _back(ident)


@bp.route("/assessments/<ident>/plan.csv")
def as_csv(ident: str) -> Response:
    """The plan as CSV."""
    _assessment(ident)
    body = plan_csv(store().commitments(ident), criteria())
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{ident}-plan.csv"'})


@bp.route("/assessments/<ident>/plan.ics")
def as_ics(ident: str) -> Response:
    """The open commitments' due dates as an iCalendar file."""
    assessment = _assessment(ident)
    body = plan_ics(assessment, store().commitments(ident), criteria(), service.now(),
                    req.host.split(":")[0] or "readygate")
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{ident}-plan.ics"'})
