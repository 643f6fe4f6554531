"""Import and export responses (JSON or CSV), and export scores for a CRM.

JSON: {"responses": [{"assessment", "questionnaire", "role", "name", "respondent",
"segment", "week", "submitted_at", "named", "answers": {...}, "evidence": {...}}]} — the
export's own shape, so an export imports again. CSV: one row per response;
columns `assessment`, `questionnaire`, `role`, `name`, `respondent`, `segment`,
`week`, `submitted_at`, `named` (answered on a named link), then one column per
question id (several choices separated by spaces, repeat rows as JSON) and
`<id>__evidence` for grades.
Every row goes through the same form a respondent posts; one bad row stores nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from wtforms import Form

from assessments.errors import InputError
from assessments.forms import classes as forms
from assessments.forms.fields import HONEYPOT_FIELD, TOKEN_FIELD
from assessments.store import metadata, service
from assessments.store.interface import Store
from assessments.store.records import ResponseRecord
from assessments.transfer import jsontext
from questionnaires import Question, Questionnaire
from scoring.assess import Assessment
from scoring.instruments import display_round
from scoring.privacy import disagreement_text
from scoring.responses import EVIDENCE_GRADES, MIN_GROUP

META = ("assessment", "questionnaire", "role", "name", "respondent", "segment", "week",
        "submitted_at", "named")
EVIDENCE = "__evidence"
# A static form also posts its link token and honeypot; a form backend's CSV export
# carries them as columns, and they are not answers.
NOT_ANSWERS = (TOKEN_FIELD, HONEYPOT_FIELD)
MAX_ERRORS = 20
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
Definitions = Mapping[str, Questionnaire]


def import_file(store: Store, definitions: Definitions, path: Path,
                assessment: str | None = None) -> tuple[int, int]:
    """Validate every row of a file, then store them all (or nothing) in one write.

    A response already stored (same respondent, questionnaire and submitted_at) is left
    out, so importing a file twice stores it once. Returns (stored, already stored).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read it ({err})") from None
    rows = _csv_rows(path, text) if path.suffix.lower() == ".csv" else _json_rows(path, text)
    records, problems = [], []
    for where, row in rows:
        if assessment and not row.get("assessment"):
            row = {**row, "assessment": assessment}
        try:
            records.append(_record(store, definitions, row))
        except InputError as err:
            problems.append(f"{path}:{where}: {err}")
    if problems:
        more = len(problems) - MAX_ERRORS
        shown = problems[:MAX_ERRORS] + ([f"… and {more} more"] if more > 0 else [])
        raise InputError("nothing was imported:\n" + "\n".join(shown))
    if not records:
        raise InputError(f"{path}: no responses in the file")
    stored = store.add_responses(records, skip_stored=True)
    return len(stored), len(records) - len(stored)


def _json_rows(path: Path, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    data = jsontext.loads(text, str(path))
    items = data.get("responses") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputError(f"{path}: expected a list of responses, or {{\"responses\": [...]}}")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"{path}: responses[{index}] is not an object")
        yield f"responses[{index}]", item


def _csv_rows(path: Path, text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        for row in reader:
            if None in row:
                raise InputError(f"{path}:{reader.line_num}: more cells than columns")
            answers: dict[str, Any] = {}
            evidence: dict[str, Any] = {}
            for column in header:
                value = _uncell((row.get(column) or "").strip())
                if column in META or column in NOT_ANSWERS or not value:
                    continue
                if column.endswith(EVIDENCE):
                    evidence[column.removesuffix(EVIDENCE)] = value
                else:
                    answers[column] = value
            meta = {k: _uncell((row.get(k) or "").strip()) for k in META if row.get(k)}
            yield str(reader.line_num), {**meta, "answers": answers, "evidence": evidence,
                                         "_csv": True}
    except csv.Error as err:
        raise InputError(f"{path}: not valid CSV: {err}") from None


def _record(store: Store, definitions: Definitions, row: Mapping[str, Any]) -> ResponseRecord:
    ident = str(row.get("assessment") or "")
    return record_from_row(service.find_assessment(store, ident), definitions, row)


def record_from_row(assessment: Assessment, definitions: Definitions, row: Mapping[str, Any],
                    *, source: str = "import") -> ResponseRecord:
    """One row of a response file as a record for `assessment`, checked like a web answer.

    InputError says what is wrong; the record's id is empty until the store stamps it.
    """
    qid = str(row.get("questionnaire") or "")
    q = definitions.get(qid)
    if q is None:
        raise InputError(f"unknown questionnaire {qid!r}; known: {', '.join(sorted(definitions))}")
    role = str(row.get("role") or q.audience[0])
    if role not in q.audience:
        raise InputError(f"role {role!r} does not answer {qid}; use {', '.join(q.audience)}")
    answers, evidence = row.get("answers") or {}, row.get("evidence") or {}
    if not isinstance(answers, dict) or not isinstance(evidence, dict):
        raise InputError("'answers' and 'evidence' must be objects")
    if row.get("_csv"):
        answers = _from_cells(q, role, answers)
    clean, grades = validate_answers(q, role, answers, evidence)
    record = ResponseRecord(
        id="", assessment=assessment.id, questionnaire=q.id, version=q.version,
        digest=q.digest or "", role=role, answers=clean, evidence=grades,
        respondent=row.get("respondent") or "", name=row.get("name") or "",
        segment=row.get("segment") or "", week=row.get("week"),
        submitted_at=row.get("submitted_at") or "",  # the store stamps a row without one
        source=source, named=_named(row.get("named")),
        # An export with --history restores as it was: replaced answers stay history.
        superseded=row.get("superseded") is True)
    return metadata.checked(record, service.now())


def _named(value: object) -> bool:
    """A named link's answers: `true` in JSON, `true`/`yes`/`1` in a CSV cell."""
    if isinstance(value, bool) or value in (None, ""):
        return bool(value)
    if str(value).strip().lower() in ("true", "yes", "1", "false", "no", "0"):
        return str(value).strip().lower() in ("true", "yes", "1")
    raise InputError(f"named {value!r} is not true or false")


def _asked(q: Questionnaire, role: str) -> dict[str, Question]:
    """The questions a respondent in this role answers, by id."""
    return {x.id: x for s in q.sections if not s.audience or role in s.audience
            for x in s.questions if x.type != "note"}


def validate_answers(q: Questionnaire, role: str, answers: Mapping[str, Any],
                     evidence: Mapping[str, Any]) -> tuple[dict[str, object], dict[str, int]]:
    """Validate through the very form a respondent would post (InputError lists problems):
    the one check of answers that come as data (an import, the JSON API).

    One stricter rule than the web: a column that is no question is an error, since a
    misspelt header would otherwise drop its answers without a word.
    """
    asked = _asked(q, role)
    unknown = [k for k in answers if k not in asked] + \
        [f"{k}{EVIDENCE}" for k in evidence if k not in asked or not asked[k].evidence]
    if unknown:
        raise InputError(f"{', '.join(unknown)}: not a question of {q.id} for a {role}")
    wrong = [f"{k}{EVIDENCE}" for k, v in evidence.items()
             if str(v) not in ("", *map(str, EVIDENCE_GRADES))]
    if wrong:
        raise InputError(f"{', '.join(wrong)}: an evidence grade is 0, 1, 2 or 3")
    form = forms.form_class(q, audience=role, base=Form)(
        formdata=forms.as_formdata(q, answers, evidence, audience=role))
    result = forms.validate_form(form)
    if not result.valid:
        raise InputError("; ".join(f"question '{e.field_id}': {e.message}"
                                   for e in result.errors))
    return result.answers, result.evidence


def _from_cells(q: Questionnaire, role: str, cells: Mapping[str, str]) -> dict[str, Any]:
    """CSV text cells to answer values: several choices by spaces, repeats as JSON."""
    asked = _asked(q, role)
    result: dict[str, Any] = {}
    for key, cell in cells.items():
        question = asked.get(key)
        if question is not None and question.type == "select_multiple":
            result[key] = cell.split()
        elif question is not None and question.type == "repeat":
            try:
                result[key] = jsontext.loads(cell, "cell")
            except InputError as err:
                raise InputError(f"question '{key}': repeat rows must be JSON ({err})") from None
        else:
            result[key] = cell
    return result


def export_records(store: Store, assessment: str | None = None,
                   include_superseded: bool = False) -> list[ResponseRecord]:
    """The responses to export, assessment by assessment."""
    ids = [assessment] if assessment else [a.id for a in store.assessments()]
    return [r for ident in ids for r in store.responses(ident,
                                                        include_superseded=include_superseded)]


def export_items(records: Sequence[ResponseRecord]) -> list[dict[str, Any]]:
    """Responses as the export's JSON lists them (the import's shape)."""
    return [{**{k: getattr(r, k) for k in META}, "answers": r.answers, "evidence": r.evidence,
             "source": r.source, "superseded": r.superseded} for r in records]


def to_json(records: Sequence[ResponseRecord]) -> str:
    """Responses in the import's JSON shape."""
    return json.dumps({"responses": export_items(records)}, indent=2,
                      ensure_ascii=False) + "\n"


def to_csv(records: Sequence[ResponseRecord], definitions: Definitions) -> str:
    """Responses as CSV, one column per question id of the questionnaires exported."""
    columns: list[str] = []
    for qid in dict.fromkeys(r.questionnaire for r in records):
        q = definitions.get(qid)
        for question in q.top_questions if q else ():
            if question.answers or question.type == "repeat":
                columns.append(question.id)
                if question.evidence:
                    columns.append(question.id + EVIDENCE)
    columns = list(dict.fromkeys(columns))
    out = io.StringIO()
    # CRLF rows (RFC 4180): the writer then also quotes a cell holding a lone CR.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*META, *columns])
    for r in records:
        cells = {k: cell(getattr(r, k)) for k in META}
        cells.update({k: cell(v) for k, v in r.answers.items()})
        cells.update({k + EVIDENCE: cell(v) for k, v in r.evidence.items()})
        writer.writerow([cells.get(c, "") for c in [*META, *columns]])
    return out.getvalue()


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        text = " ".join(value)
    elif isinstance(value, list | tuple | dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    # A spreadsheet runs a cell starting with = + - @ as a formula, also after spaces, a tab
    # or a line break (OWASP's CSV injection list): a leading ' keeps it text.
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_STARTS else text


def _uncell(text: str) -> str:
    """A cell as `_cell` wrote it, read back: the ' that kept a formula text goes again."""
    return text[1:] if text[:1] == "'" and text[1:].lstrip(" ")[:1] in FORMULA_STARTS else text


SCORE_COLUMNS = ("assessment", "account", "deal_owner", "stage", "verdict", "score",
                 "confidence", "coverage", "failed_gates", "disagreements",
                 "first_disagreement", "customer_owner", "economic_buyer", "old_process",
                 "proof_metric", "proof_baseline", "proof_target", "proof_current",
                 "proof_checkpoint", "go_live", "first_value_date", "expansion_gate",
                 "next_action", "next_action_owner", "overdue_commitments")
"""What a CRM deal record takes from readygate (docs/crm.md maps them onto Salesforce,
HubSpot and MEDDPICC)."""


def score_rows(store: Store, definitions: Definitions, min_group: int = MIN_GROUP
               ) -> Iterable[dict[str, str]]:
    """One row per assessment, ready for a CRM import."""
    today = service.now().date()
    for a in store.assessments():
        r = service.rollup(store, definitions, a.id, min_group=min_group)
        labels = {c.id: c.label for c in (r.readiness.criteria if r.readiness else ())}
        owner = next((p for p in r.handoff if p.key == "owner"), None)
        value = r.adoption.value if r.adoption else None
        first = r.next_actions[0] if r.next_actions else None
        yield {"assessment": a.id, "account": a.account, "deal_owner": a.owner,
               "stage": a.stage, "verdict": r.verdict,
               "score": "" if r.score is None else str(display_round(r.score)),
               "confidence": str(display_round(r.confidence)),
               "coverage": f"{r.coverage:.2f}",
               "failed_gates": "; ".join(labels.get(g, g) for g in r.failed_gates),
               "disagreements": str(len(r.disagreements)),
               "first_disagreement": disagreement_text(r.disagreements[0], min_group)
               if r.disagreements else "",
               "customer_owner": owner.plain if owner and owner.known else "",
               "economic_buyer": "; ".join(x.name for x in (
                   r.stakeholders.stakeholders if r.stakeholders else ())
                   if x.group == "approver"),
               "old_process": next((p.answer for p in r.handoff
                                    if p.key == "old_process" and p.known), ""),
               "proof_metric": r.proof.name if r.proof else "",
               "proof_baseline": r.proof.baseline if r.proof else "",
               "proof_target": r.proof.target if r.proof else "",
               "proof_current": r.checkpoints[-1].current if r.checkpoints else "",
               "proof_checkpoint": (f"day {r.checkpoints[-1].day}: "
                                    f"{r.checkpoints[-1].movement_label.lower()}"
                                    + (f", confirmed by {r.checkpoints[-1].confirmed_by}"
                                       if r.checkpoints[-1].confirmed else ""))
               if r.checkpoints else "",
               "go_live": a.go_live,
               "first_value_date": min((e.date[:10] for e in value.reports
                                        if e.week == value.week and e.date), default="")
               if value and value.proven else "",
               "expansion_gate": ("open" if r.adoption.expansion.open else "closed")
               if r.adoption else "",
               "next_action": first.text if first else "",
               "next_action_owner": (first.owner or a.owner) if first else "",
               "overdue_commitments": str(sum(1 for c in r.commitments if c.late(today)))}


def scores_csv(rows: Iterable[Mapping[str, str]]) -> str:
    """Score rows as CSV."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SCORE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})
    return out.getvalue()

