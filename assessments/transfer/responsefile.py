"""Read an assessment and its responses from a JSON file (`readygate score --responses`).

Format: {"assessment": {"id", "account", "deal", "owner", "stage", "close_date",
"go_live"}, "responses": [{"questionnaire", "respondent", "role", "name",
"answers": {question id: answer}, "evidence": {question id: 0-3}, "week",
"segment", "submitted_at", "named"}]}. `named` (default false) marks a customer who
answered on a named link; other customer answers are confidential in every report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from assessments.errors import InputError
from assessments.store import metadata, service
from assessments.transfer import jsontext
from questionnaires import Questionnaire
from questionnaires.answers import AnswerError, check_answer
from scoring import Response
from scoring.assess import Assessment

ASSESSMENT_KEYS = {"id", "account", "deal", "owner", "stage", "close_date", "go_live",
                   "questionnaires"}
RESPONSE_KEYS = {"questionnaire", "respondent", "role", "name", "answers", "evidence", "week",
                 "segment", "submitted_at", "named"}


def read_responses(path: Path, definitions: Mapping[str, Questionnaire]
                   ) -> tuple[Assessment, dict[str, list[Response]]]:
    """The assessment and its responses by questionnaire id, validated like a submission."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read it ({err.strerror})") from None
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    data = jsontext.loads(text, str(path))
    if not isinstance(data, dict) or not isinstance(data.get("assessment"), dict):
        raise InputError(f"{path}: expected an object with 'assessment' and 'responses'")
    assessment = _assessment(path, data["assessment"], definitions)
    grouped: dict[str, list[Response]] = {}
    for index, item in enumerate(data.get("responses", [])):
        where = f"{path}: responses[{index}]"
        response, qid = _response(where, item, definitions)
        grouped.setdefault(qid, []).append(response)
    return assessment, grouped


def _assessment(path: Path, raw: dict[str, Any], known: Collection[str]) -> Assessment:
    unknown = sorted(set(raw) - ASSESSMENT_KEYS)
    if unknown:
        raise InputError(f"{path}: assessment has unknown keys {', '.join(unknown)}; "
                         f"valid: {', '.join(sorted(ASSESSMENT_KEYS))}")
    if not raw.get("id") or not raw.get("account"):
        raise InputError(f"{path}: assessment needs an 'id' and an 'account'")
    try:
        return service.make_assessment(
            {k: v if k == "questionnaires" else str(v) for k, v in raw.items()}, known)
    except (InputError, ValueError) as err:
        raise InputError(f"{path}: assessment: {err}") from None


def _response(where: str, item: Any, definitions: Mapping[str, Questionnaire]
              ) -> tuple[Response, str]:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected an object")
    unknown = sorted(set(item) - RESPONSE_KEYS)
    if unknown:
        raise InputError(f"{where}: unknown keys {', '.join(unknown)}")
    qid = item.get("questionnaire")
    if not isinstance(qid, str) or qid not in definitions:
        raise InputError(f"{where}: unknown questionnaire {qid!r}; known: "
                         f"{', '.join(sorted(definitions))}")
    q = definitions[qid]
    answers = item.get("answers", {})
    if not isinstance(answers, dict):
        raise InputError(f"{where}: 'answers' must be an object of question id → answer")
    known = q.top_by_id
    clean: dict[str, object] = {}
    for key, value in answers.items():
        if key not in known:
            raise InputError(f"{where}: {qid} has no question '{key}'")
        if isinstance(value, list):
            value = tuple(value)
        try:
            clean[key] = check_answer(known[key], value) if value not in (None, "", ()) else None
        except AnswerError as err:
            raise InputError(f"{where}: {err}") from None
    evidence = item.get("evidence", {})
    if not isinstance(evidence, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3
            for v in evidence.values()):
        raise InputError(f"{where}: 'evidence' must map question ids to grades 0–3")
    named = item.get("named", False)
    if not isinstance(named, bool):
        raise InputError(f"{where}: 'named' must be true or false, got {named!r}")
    try:
        # The same checks as an import or a web submission.
        metadata.check_storable(clean)
        respondent = metadata.check_text("respondent", item.get("respondent"))
        name = metadata.check_text("name", item.get("name"))
        segment = metadata.check_text("segment", item.get("segment"))
        week = metadata.check_week(item.get("week"))
        submitted_at = metadata.check_submitted_at(item.get("submitted_at"),
                                                   dt.datetime.now(dt.UTC))
    except InputError as err:
        raise InputError(f"{where}: {err}") from None
    return Response(respondent or f"respondent-{where[-3:]}", str(item.get("role", "seller")),
                    {k: v for k, v in clean.items() if v is not None}, evidence,
                    name=name, segment=segment, week=week, submitted_at=submitted_at,
                    named=named), qid
