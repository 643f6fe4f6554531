"""The JSON API's OpenAPI 3.1 document: every endpoint with its request and response schemas.

Served at /api/openapi.json. A test calls every endpoint and checks each real answer
against the schema written here, so the document cannot drift from what the API does.
"""

from __future__ import annotations

import functools
from typing import Any

from scoring.ids import RESPONDENT_ROLES, STAGES

Schema = dict[str, Any]
JSON = "application/json"


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: Schema, *required: str, more: bool = False) -> Schema:
    """An object with these properties; `more`: other keys may come too (the roll-up grows)."""
    return {"type": "object", "properties": properties, "required": list(required),
            "additionalProperties": more}


def _list(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def _maybe(kind: str) -> Schema:
    return {"type": [kind, "null"]}


TEXT: Schema = {"type": "string"}
DATE: Schema = {"type": "string", "description": "YYYY-MM-DD, or empty"}
SHOWN: Schema = {**_maybe("integer"), "description": "0–100 as shown; null: no score"}
COVERAGE: Schema = {"type": "number", "minimum": 0, "maximum": 1}
FREE: Schema = {"type": "object"}

ASSESSMENT = _object({
    "id": TEXT, "account": TEXT, "deal": TEXT, "owner": TEXT,
    "stage": {"enum": list(STAGES)}, "close_date": DATE, "go_live": DATE},
    "id", "account", "deal", "owner", "stage", "close_date", "go_live")
ASSESSMENT_INPUT: dict[str, Schema] = {
    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$",
           "description": "lowercase letters, digits and -"},
    "account": {"type": "string", "description": "the customer's name"},
    "deal": _maybe("string"), "owner": _maybe("string"),
    "stage": {"enum": [*STAGES, None]},
    "close_date": {**_maybe("string"), "description": "YYYY-MM-DD"},
    "go_live": {**_maybe("string"), "description": "YYYY-MM-DD"},
    "questionnaires": {**_list(TEXT), "description": "the ids of the questionnaires that "
                       "apply; empty: the built-ins of its stage and the project's own"},
}
QUESTIONNAIRE_SCORE = _object({
    "score": SHOWN, "band": _maybe("string"), "verdict": TEXT, "coverage": COVERAGE,
    "confidence": SHOWN, "respondents": {"type": "integer"}, "failed_gates": _list(TEXT),
    "criteria": {"type": "object", "additionalProperties": _object({
        "label": TEXT, "score": SHOWN, "passed": {"type": "boolean"},
        "must_have": {"type": "boolean"}, "pass_at": {"type": "number"}},
        "label", "score", "passed", "must_have", "pass_at")},
    "capped_by": _list(TEXT),
    "disagreements": _list(_object({
        "question": TEXT, "label": TEXT, "criterion": TEXT, "must_have": {"type": "boolean"},
        "between": TEXT, "caps_verdict": {"type": "boolean"}, "text": TEXT,
        "answers": _list(_object({"who": _maybe("string"), "role": TEXT,
                                  "answer": {**_maybe("string"), "description":
                                             "null: a confidential answer, not shown"}},
                                 "who", "role", "answer"))},
        "question", "label", "answers", "text", more=True)),
    "instruments": {"type": "object", "additionalProperties": {
        "type": "object", "properties": {"value": _maybe("number"), "n": {"type": "integer"}},
        "required": ["value", "n"]}}},
    "score", "band", "coverage", "criteria", more=True)
ROLLUP = _object({
    "assessment": ASSESSMENT, "verdict": TEXT, "verdict_label": TEXT, "score": SHOWN,
    "coverage": COVERAGE, "confidence": SHOWN, "failed_gates": _list(TEXT),
    "disagreements": _list(TEXT),
    "next_actions": _list(_object({"action": TEXT, "source": TEXT, "reason": TEXT},
                                  "action", "source", "reason")),
    "questionnaires": {"type": "object", "additionalProperties": QUESTIONNAIRE_SCORE},
    "rounds": _list(_object({"round": {"type": "integer"}, "at": TEXT, "by": TEXT,
                             "score": SHOWN, "verdict": TEXT}, "round", "at", "score")),
    "changed": _list(_object({"kind": TEXT, "item": TEXT, "text": TEXT,
                              "better": {"type": "boolean"}}, "text", "better")),
    "handoff": {"type": "object", "additionalProperties": _object(
        {"question": TEXT, "answer": TEXT, "known": {"type": "boolean"}},
        "question", "answer", "known")},
    "plan": _list(_object({"week": {"type": "integer"}, "focus": TEXT,
                           "past": {"type": "boolean"},
                           "items": _list(_object({"text": TEXT, "owner": TEXT,
                                                   "source": TEXT}, "text"))},
                          "week", "focus", "items")),
    "stakeholders": {**FREE, "description": "the stakeholder map: risk, groups, ADKAR"},
    "adoption": {**FREE, "description": "a live deal's weekly loop and expansion gate"}},
    "assessment", "verdict", "verdict_label", "score", "coverage", "confidence",
    "failed_gates", "disagreements", "next_actions", "questionnaires", "rounds", "handoff",
    "plan", more=True)
ROLLUP["description"] = "What `readygate score --json` prints: scores as shown (0–100), " \
    "coverage 0–1; confidential answers only in totals over the minimum group."
SUMMARY = _object({
    "assessment": ASSESSMENT, "verdict": TEXT, "verdict_label": TEXT, "score": SHOWN,
    "coverage": COVERAGE, "confidence": SHOWN, "failed_gates": _list(TEXT),
    "next_action": {"oneOf": [{"type": "null"}, _object(
        {"action": TEXT, "source": TEXT, "reason": TEXT}, "action", "source", "reason")]},
    "last_response": {**_maybe("string"), "description": "when the newest answer came in"},
    "url": {"type": "string", "description": "the assessment's address in the API"}},
    "assessment", "verdict", "verdict_label", "score", "coverage", "confidence",
    "failed_gates", "next_action", "last_response", "url")
LINK = _object({
    "id": TEXT, "assessment": TEXT, "questionnaire": TEXT,
    "role": {"enum": list(RESPONDENT_ROLES)}, "name": TEXT, "segment": TEXT,
    "language": TEXT, "named": {"type": "boolean"}, "open": {"type": "boolean"},
    "expires_at": TEXT, "created_at": TEXT, "revoked": {"type": "boolean"},
    "state": {"enum": ["ok", "revoked", "expired"]}},
    "id", "assessment", "questionnaire", "role", "name", "segment", "language", "named",
    "open", "expires_at", "created_at", "revoked", "state")
LINK_INPUT = _object({
    "questionnaire": TEXT, "role": {"enum": [*RESPONDENT_ROLES, None]},
    "name": _maybe("string"), "segment": _maybe("string"),
    "language": {**_maybe("string"), "description": "one the questionnaire is written in"},
    "named": {"type": "boolean", "description": "answers shown with the name (default: "
              "confidential)"},
    "expires_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650}},
    "questionnaire")
ANSWER_VALUE: Schema = {"description": "text, a number, a list of choices, or repeat rows"}
RESPONSE_INPUT = _object({
    "questionnaire": {**TEXT, "description": "required unless `invitation` names the link"},
    "invitation": {**TEXT, "description": "a link's id: answer as its respondent; without "
                   "it the token's seller answers"},
    "answers": {"type": "object", "additionalProperties": ANSWER_VALUE},
    "evidence": {"type": "object", "additionalProperties": {"type": ["integer", "string"]}}},
    "answers")
STORED = _object({"response": _object({
    "id": TEXT, "assessment": TEXT, "questionnaire": TEXT, "role": TEXT,
    "week": _maybe("integer"), "submitted_at": TEXT},
    "id", "assessment", "questionnaire", "role", "week", "submitted_at")}, "response")
EXPORTED = _object({
    "assessment": TEXT, "questionnaire": TEXT, "role": TEXT, "name": TEXT,
    "respondent": TEXT, "segment": TEXT, "week": _maybe("integer"), "submitted_at": TEXT,
    "named": {"type": "boolean"}, "answers": {"type": "object"},
    "evidence": {"type": "object", "additionalProperties": {"type": "integer"}},
    "source": TEXT, "superseded": {"type": "boolean"}},
    "assessment", "questionnaire", "role", "name", "respondent", "segment", "week",
    "submitted_at", "named", "answers", "evidence", "source", "superseded")
EXPORT = _object({"responses": _list(_ref("ExportedResponse")),
                  "withheld": {"type": "integer", "minimum": 0, "description": "confidential "
                               "respondents' responses left out: the roll-up has them in "
                               "its totals"}}, "responses", "withheld")
ERROR = _object({"error": {"type": "string", "description": "what is wrong and how to fix "
                                                           "it"}}, "error")

SCHEMAS = {"Error": ERROR, "Assessment": ASSESSMENT, "Rollup": ROLLUP, "Summary": SUMMARY,
           "AssessmentList": _object({"assessments": _list(_ref("Summary"))}, "assessments"),
           "NewAssessment": _object(ASSESSMENT_INPUT, "id", "account"),
           "AssessmentChange": _object(ASSESSMENT_INPUT),
           "QuestionnaireScore": QUESTIONNAIRE_SCORE, "Link": LINK, "NewLink": LINK_INPUT,
           "LinkCreated": _object({"invitation": _ref("Link"), "link": {
               "type": "string", "description": "the respondent's address, shown once"},
               "token": {"type": "string", "description": "the link's token, shown once"}},
               "invitation", "link", "token"),
           "LinkRevoked": _object({"invitation": _ref("Link")}, "invitation"),
           "NewResponse": RESPONSE_INPUT, "StoredResponse": STORED,
           "ExportedResponse": EXPORTED, "Export": EXPORT}


def _error(description: str, *headers: str) -> Schema:
    answer: Schema = {"description": description,
                      "content": {JSON: {"schema": _ref("Error")}}}
    if headers:
        answer["headers"] = {h: {"schema": {"type": "string"}} for h in headers}
    return answer


ERRORS = {
    "400": _error("Bad input: the message names the field and the fix"),
    "401": _error("No API token, or one that does not open the API", "WWW-Authenticate"),
    "404": _error("No such assessment or link"),
    "409": _error("The link takes no more answers (revoked or expired)"),
    "413": _error("The body is larger than the app takes (512 KB)"),
    "415": _error("The body is not JSON (send Content-Type: application/json)"),
}


def _answer(description: str, schema: str) -> Schema:
    return {"description": description, "content": {JSON: {"schema": _ref(schema)}}}


def _operation(op_id: str, summary: str, ok: tuple[str, str, str], *errors: str,
               body: str | None = None, params: tuple[Schema, ...] = ()) -> Schema:
    operation: Schema = {"operationId": op_id, "summary": summary,
                         "responses": {ok[0]: _answer(ok[1], ok[2]), "401": ERRORS["401"],
                                       **{code: ERRORS[code] for code in errors}}}
    if body:
        operation["requestBody"] = {"required": True,
                                    "content": {JSON: {"schema": _ref(body)}}}
    if params:
        operation["parameters"] = list(params)
    return operation


def _path_param(name: str, description: str) -> Schema:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string"}}


IDENT = _path_param("ident", "the assessment's id")
BODY = ("400", "413", "415")


@functools.cache
def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the JSON API."""
    one = "/api/assessments/{ident}"
    history = {"name": "history", "in": "query", "required": False,
               "description": "true: also the answers later ones replaced",
               "schema": {"enum": ["true", "false"]}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "readygate API", "version": "1",
                 "description": "Assessments with their readiness roll-ups, respondent links "
                 "and responses. Send an API token (`readygate token create USER`) as "
                 "`Authorization: Bearer <token>`; errors are {\"error\": \"…\"}."},
        "security": [{"bearer": []}],
        "paths": {
            "/api/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document", "security": [],
                "responses": {"200": {"description": "The OpenAPI document",
                                      "content": {JSON: {"schema": FREE}}}}}},
            "/api/assessments": {
                "get": _operation("listAssessments", "Every assessment with its roll-up's "
                                  "summary", ("200", "The assessments", "AssessmentList")),
                "post": _operation("createAssessment", "Create an assessment",
                                   ("201", "Created: its roll-up", "Rollup"), *BODY,
                                   body="NewAssessment")},
            one: {
                "parameters": [IDENT],
                "get": _operation("getAssessment", "An assessment's roll-up, as `readygate "
                                  "score --json` prints it", ("200", "The roll-up", "Rollup"),
                                  "404"),
                "patch": _operation("changeAssessment", "Change the fields given",
                                    ("200", "Changed: its roll-up", "Rollup"), "404", *BODY,
                                    body="AssessmentChange")},
            one + "/invitations": {
                "parameters": [IDENT],
                "post": _operation("createLink", "Create a respondent link (its token and "
                                   "address are shown once)",
                                   ("201", "Created", "LinkCreated"), "404", *BODY,
                                   body="NewLink")},
            one + "/invitations/{invitation}": {
                "parameters": [IDENT, _path_param("invitation", "the link's id")],
                "delete": _operation("revokeLink", "Revoke a link: it no longer opens its "
                                     "form", ("200", "Revoked", "LinkRevoked"), "404")},
            one + "/responses": {
                "parameters": [IDENT],
                "post": _operation("submitResponse", "Store one respondent's answers, "
                                   "checked as the web form checks them",
                                   ("201", "Stored", "StoredResponse"), "404", "409", *BODY,
                                   body="NewResponse"),
                "get": _operation("exportResponses", "The responses, as `readygate export` "
                                  "writes them, but those of confidential respondents",
                                  ("200", "The responses", "Export"), "400", "404",
                                  params=(history,))},
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "an API token"}},
        },
    }
