"""The JSON API under /api: assessments with their roll-ups, respondent links, responses.

Every request but /api/openapi.json carries an API token (`readygate token create`) as
`Authorization: Bearer <token>` and acts as that token's seller. The session cookie opens
nothing here, so no request can be forged from a browser and the blueprint is exempt from
CSRF (when registered). JSON in, JSON out; errors are {"error": "…"}
(assessments.web.security). A confidential respondent's answers appear only as the report
shows them: in the roll-up's totals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any

from flask import Blueprint, g, jsonify, request, url_for
from flask.blueprints import BlueprintSetupState
from werkzeug.exceptions import (
    BadRequest,
    Conflict,
    NotFound,
    Unauthorized,
    UnsupportedMediaType,
)
from werkzeug.wrappers import Response

from assessments import errors
from assessments.store import apitokens, service
from assessments.store.records import Invitation, User
from assessments.transfer import files as transfer
from assessments.transfer import jsontext
from assessments.web.context import definitions, min_group, store
from assessments.web.openapi import document
from assessments.web.reach import public_link
from assessments.web.security import API, json_error
from scoring.assess import Assessment
from scoring.responses import SELLER
from scoring.summary import rollup_data

bp = Blueprint("api", __name__, url_prefix=API)

ASSESSMENT_FIELDS = ("id", "account", "deal", "owner", "stage", "close_date", "go_live",
                     "questionnaires")
LINK_FIELDS = ("questionnaire", "role", "name", "segment", "language", "named",
               "expires_days")
RESPONSE_FIELDS = ("questionnaire", "answers", "evidence", "invitation")
SUMMARY = ("assessment", "verdict", "verdict_label", "score", "coverage", "confidence",
           "failed_gates")
"""What the list of assessments shows of each roll-up, in `readygate score --json`'s words."""


@bp.record_once
def _exempt_from_csrf(state: BlueprintSetupState) -> None:
    # The bearer token is the credential, sent by a program, never by a browser on its own.
    csrf = state.app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(bp)


@bp.before_request
def _authenticate() -> None:
    if request.endpoint == "api.openapi":
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _Unauthorized()  # security.API_MESSAGES says how to send one
    user = apitokens.verify(store(), token.strip())
    if user is None:
        raise _Unauthorized("the API token does not open the API: it is unknown or revoked, "
                            "or its user is gone; ask for a new one", "invalid_token")
    g.api_user = user


class _Unauthorized(Unauthorized):
    """No working API token: the answer says which scheme to use (RFC 6750)."""

    def __init__(self, message: str | None = None, error: str = "") -> None:
        super().__init__(message)
        self.challenge = 'Bearer realm="readygate"' + (f', error="{error}"' if error else "")

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        """Werkzeug's headers, and the challenge."""
        return [*super().get_headers(*args, **kwargs), ("WWW-Authenticate", self.challenge)]


@bp.errorhandler(errors.InputError)
def _bad_input(err: errors.InputError) -> tuple[Response, int, dict[str, str]]:
    return json_error(BadRequest(str(err)))


@bp.errorhandler(errors.NotFound)
def _missing(err: errors.NotFound) -> tuple[Response, int, dict[str, str]]:
    return json_error(NotFound(str(err)))


@bp.route("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document describing every endpoint (no token needed)."""
    return jsonify(document())


@bp.route("/assessments")
def assessments() -> Response:
    """Every assessment with the summary of its roll-up."""
    return jsonify(assessments=[_summary(a.id) for a in store().assessments()])


@bp.route("/assessments", methods=["POST"])
def create_assessment() -> tuple[Response, int, dict[str, str]]:
    """Create an assessment; answers with its roll-up."""
    fields = _assessment_fields(_body(ASSESSMENT_FIELDS))
    created = service.create_assessment(store(), fields, definitions())
    location = url_for("api.assessment", ident=created.id)
    return jsonify(_rollup(created.id)), 201, {"Location": location}


@bp.route("/assessments/<ident>")
def assessment(ident: str) -> Response:
    """One assessment's roll-up, as `readygate score --json` prints it."""
    _assessment(ident)
    return jsonify(_rollup(ident))


@bp.route("/assessments/<ident>", methods=["PATCH"])
def change_assessment(ident: str) -> Response:
    """Change the fields given of an assessment (its id stays); answers with its roll-up."""
    current = _assessment(ident)
    changes = _assessment_fields(_body(ASSESSMENT_FIELDS))
    if changes.get("id", ident) != ident:
        raise BadRequest("id cannot change: create a new assessment with that id instead")
    fields = {**dataclasses.asdict(current), "questionnaires": list(current.questionnaires),
              **changes}
    service.update_assessment(store(), ident, fields, definitions())
    return jsonify(_rollup(ident))


@bp.route("/assessments/<ident>/invitations", methods=["POST"])
def invite(ident: str) -> tuple[Response, int]:
    """Create a respondent link; its token and address are shown this once."""
    _assessment(ident)
    data = _body(LINK_FIELDS)
    named = data.get("named", False)
    if not isinstance(named, bool):
        raise BadRequest(f"named must be true or false, not {_kind(named)}")
    days = data.get("expires_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool)):
        raise BadRequest(f"expires_days must be a whole number of days, not {_kind(days)}")
    made, token = service.create_invitation(
        store(), definitions(), ident, _text(data, "questionnaire", required=True),
        role=_text(data, "role") or None, name=_text(data, "name"),
        segment=_text(data, "segment"), language=_text(data, "language"),
        expires_days=days, named=named)
    return jsonify(invitation=_link(made), link=public_link(token), token=token), 201


@bp.route("/assessments/<ident>/invitations/<invitation>", methods=["DELETE"])
def revoke(ident: str, invitation: str) -> Response:
    """Revoke a respondent link: it no longer opens its form."""
    _assessment(ident)
    return jsonify(invitation=_link(service.revoke(store(), ident, invitation)))


@bp.route("/assessments/<ident>/responses", methods=["POST"])
def submit(ident: str) -> tuple[Response, int]:
    """Store one respondent's answers, checked by the form a respondent would post."""
    found = _assessment(ident)
    data = _body(RESPONSE_FIELDS)
    who, qid = _respondent(ident, _text(data, "invitation"), _text(data, "questionnaire"))
    q = service.asked(definitions(), found, qid)
    if q is None:
        raise BadRequest(f"questionnaire {qid!r} is not asked in {ident} (its `questionnaires` "
                         f"name those that are); known: {', '.join(sorted(definitions()))}")
    answers, evidence = data.get("answers"), data.get("evidence") or {}
    if not isinstance(answers, dict) or not isinstance(evidence, dict):
        raise BadRequest("answers (required) and evidence must be objects: question id → "
                         "answer, question id → grade")
    clean, grades = transfer.validate_answers(q, who.role, answers, evidence)
    stored = service.submit(store(), q, found, clean, grades, who, source="api")
    return jsonify(response={"id": stored.id, "assessment": stored.assessment,
                             "questionnaire": stored.questionnaire, "role": stored.role,
                             "week": stored.week, "submitted_at": stored.submitted_at}), 201


@bp.route("/assessments/<ident>/responses")
def export(ident: str) -> Response:
    """The responses `readygate export` writes, but a confidential respondent's: those the
    report shows only in totals (`withheld` counts them). `?history=true` adds replaced ones."""
    _assessment(ident)
    history = request.args.get("history", "false").lower()
    if history not in ("true", "false"):
        raise BadRequest(f"history must be true or false, not {history!r}")
    records = transfer.export_records(store(), ident, history == "true")
    shown = [r for r in records if r.to_response().attributed]
    return jsonify(responses=transfer.export_items(shown), withheld=len(records) - len(shown))


def _assessment(ident: str) -> Assessment:
    try:
        return store().assessment(ident)
    except (errors.NotFound, ValueError):
        raise NotFound(f"there is no assessment {ident!r}: GET {API}/assessments lists "
                       "them") from None


def _rollup(ident: str) -> dict[str, Any]:
    return rollup_data(service.rollup(store(), definitions(), ident, min_group=min_group()))


def _summary(ident: str) -> dict[str, Any]:
    data = _rollup(ident)
    return {**{k: data[k] for k in SUMMARY},
            "next_action": data["next_actions"][0] if data["next_actions"] else None,
            "last_response": service.last_response(store(), ident) or None,
            "url": url_for("api.assessment", ident=ident)}


def _link(invitation: Invitation) -> dict[str, Any]:
    """A link as the API shows it: never a token or its hash, nor an e-mail address."""
    keys = ("id", "assessment", "questionnaire", "role", "name", "segment", "language",
            "named", "open", "expires_at", "created_at", "revoked")
    return {**{k: getattr(invitation, k) for k in keys},
            "state": service.link_state(invitation)}


def _respondent(ident: str, link: str, qid: str) -> tuple[service.Respondent, str]:
    """Who answers, and which questionnaire: a link's respondent, else the token's seller."""
    if link:
        found = store().invitation(ident, link)
        state = service.link_state(found)
        if state != "ok":
            raise Conflict(f"the link {found.id} is {state}: it takes no more answers")
        if qid and qid != found.questionnaire:
            raise BadRequest(f"questionnaire: the link {found.id} opens "
                             f"{found.questionnaire!r}, not {qid!r}")
        return service.Respondent(found.role, found.id, found.name, found.segment,
                                  replaces=not found.open, named=found.named), \
            found.questionnaire
    if not qid:
        raise BadRequest("questionnaire is required (or the invitation whose respondent "
                         "answers)")
    q = definitions().get(qid)
    if q is not None and SELLER not in q.audience:
        raise BadRequest(f"questionnaire {qid!r} is answered through respondent links, not "
                         "by the seller: name the link in `invitation`")
    user: User = g.api_user
    return service.Respondent(SELLER, user.name, user.shown_as), qid


def _body(fields: Collection[str]) -> dict[str, Any]:
    """The request's JSON object, its keys among `fields`."""
    if not request.is_json:
        raise UnsupportedMediaType()
    try:
        data = jsontext.loads(request.get_data().decode("utf-8"), "body")
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8 text") from None
    if not isinstance(data, dict):
        raise BadRequest(f"the body must be a JSON object, not {_kind(data)}")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise BadRequest(f"unknown field {unknown[0]!r}: use {', '.join(fields)}")
    return data


def _assessment_fields(data: dict[str, Any]) -> dict[str, Any]:
    for name in ASSESSMENT_FIELDS[:-1]:
        _text(data, name)
    return data


def _text(data: dict[str, Any], name: str, *, required: bool = False) -> str:
    """A text field of the body ('' when absent or null)."""
    value = data.get(name)
    if value is None and required:
        raise BadRequest(f"{name} is required")
    if value is not None and not isinstance(value, str):
        raise BadRequest(f"{name} must be text (a JSON string), not {_kind(value)}")
    return value or ""


def _kind(value: object) -> str:
    """What a JSON value is, as an error message names it."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "text" if isinstance(value, str) else "null"

