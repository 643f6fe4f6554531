"""What the report template needs beside the roll-up: charts, its date, blockers, the appendix.

The report's date is the newest response's, never today's, so rebuilding an unchanged
assessment gives the same page and a byte-identical PDF. The appendix shows every
respondent's relevant answers as they read them: choice labels, evidence grade names,
repeat rows as small tables; pulses side by side per week, so a label is printed once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from assessments import charts
from assessments.records import ResponseRecord
from questionnaires.answers import is_empty, relevant_answers
from questionnaires.model import Question, Questionnaire
from scoring.adoption import AdoptionLoop
from scoring.aggregate import CONFIDENCE_LABELS
from scoring.assess import PULSE, READINESS, STAKEHOLDERS, Rollup
from scoring.blockers import BLOCKER_CATEGORIES, Blocker
from scoring.instruments import display_round
from scoring.responses import EVIDENCE_GRADES, Response
from scoring.results import Score
from scoring.stakeholders import QUADRANT_LABELS, STANCE_NAMES

PDF_NAME = "report.pdf"
MAX_COLUMNS = 6  # respondents side by side before an A4 page gets too narrow to read
NOT_ANSWERED = "—"
ROLE_LABELS = {"seller": "Seller", "stakeholder": "Stakeholder", "user": "User"}


@dataclass(frozen=True)
class Cell:
    """One answer as shown, with its evidence grade's name when the claim carries one."""

    text: str
    evidence: str = ""


@dataclass(frozen=True)
class Column:
    """Who answered, as the reader knows them, and when."""

    name: str
    role: str
    date: str


@dataclass(frozen=True)
class AnswerTable:
    """Questions down, respondents across."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]


@dataclass(frozen=True)
class RepeatTable:
    """One respondent's rows of a repeating group."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AnswerGroup:
    """The responses of one week (or all of them, outside the weekly loop)."""

    heading: str
    tables: tuple[AnswerTable, ...]
    repeats: tuple[RepeatTable, ...]


@dataclass(frozen=True)
class AppendixPart:
    """One questionnaire's answers."""

    id: str
    title: str
    responses: int
    groups: tuple[AnswerGroup, ...]


@dataclass(frozen=True)
class DisagreementRow:
    """A claim or criterion on which respondents are far apart: who said least and most."""

    label: str
    kind: str
    low: str
    high: str


@dataclass(frozen=True)
class BlockerRow:
    """A blocker type: named this week, over all weeks, and the response it calls for."""

    label: str
    latest: int
    total: int
    response: str


def report_context(rollup: Rollup, definitions: Mapping[str, Questionnaire],
                   responses: Mapping[str, Sequence[Response]]) -> dict[str, Any]:
    """Template variables for report.html beyond `r`, `a`, `stages`, `loop`, `definitions`."""
    newest = max((r.submitted_at for group in responses.values() for r in group), default="")
    return {
        "charts": _charts(rollup),
        "report_date": newest[:10],
        "created": _w3c(newest),
        "confidence_label": next(label for low, label in CONFIDENCE_LABELS
                                 if display_round(rollup.confidence) >= low),
        "blocker_rows": blocker_rows(rollup.adoption),
        "disagreements": disagreement_rows(rollup.readiness),
        "stance_names": STANCE_NAMES,
        "quadrant_labels": QUADRANT_LABELS,
        "appendix": appendix(definitions, responses),
        "pdf_href": PDF_NAME,
    }


def by_questionnaire(records: Iterable[ResponseRecord]) -> dict[str, list[Response]]:
    """Stored responses as scoring reads them, by questionnaire id."""
    grouped: dict[str, list[Response]] = {}
    for record in records:
        grouped.setdefault(record.questionnaire, []).append(record.to_response())
    return grouped


def _charts(r: Rollup) -> dict[str, Markup | None]:
    adoption = r.adoption
    latest = adoption.latest if adoption else None
    people = r.stakeholders.stakeholders if r.stakeholders else ()
    return {
        "criteria": charts.criteria_chart(r.readiness.criteria) if r.readiness else None,
        "stakeholders": charts.stakeholder_grid(people) if people else None,
        "trend": charts.trend_chart(adoption.weeks) if adoption and adoption.weeks else None,
        "blockers": charts.blocker_chart(blocker_totals(adoption)) if latest else None,
    }


def _w3c(stamp: str) -> str:
    """A stored timestamp as the UTC W3C date WeasyPrint writes into the PDF's info."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def blocker_totals(adoption: AdoptionLoop | None) -> tuple[Blocker, ...]:
    """Each blocker type with how often it was named over all weeks, most named first."""
    totals: dict[str, int] = {}
    for week in adoption.weeks if adoption else ():
        for b in week.blockers:
            totals[b.category] = totals.get(b.category, 0) + b.count
    order = list(BLOCKER_CATEGORIES)
    return tuple(Blocker(c, BLOCKER_CATEGORIES[c][0], totals[c], (), BLOCKER_CATEGORIES[c][1])
                 for c in sorted(totals, key=lambda c: (-totals[c], order.index(c))))


def blocker_rows(adoption: AdoptionLoop | None) -> tuple[BlockerRow, ...]:
    """Every blocker type named in any week: most named in the latest week first."""
    if adoption is None or adoption.latest is None:
        return ()
    latest = {b.category: b.count for b in adoption.latest.blockers}
    # Stable sort: equal counts this week keep the all-weeks order.
    ranked = sorted(blocker_totals(adoption), key=lambda b: -latest.get(b.category, 0))
    return tuple(BlockerRow(b.label, latest.get(b.category, 0), b.count, b.response)
                 for b in ranked)


def disagreement_rows(score: Score | None) -> tuple[DisagreementRow, ...]:
    """Disagreements with respondents named and values as shown (grade names, scores)."""
    if score is None:
        return ()
    names = {r.respondent: f"{r.name or 'Unnamed'} ({ROLE_LABELS.get(r.role, r.role)})"
             for r in score.by_respondent}

    def side(who: str, value: float, kind: str) -> str:
        shown = (EVIDENCE_GRADES.get(int(value), str(value)) if kind == "evidence"
                 else str(display_round(value)))
        return f"{names.get(who, who)}: {shown}"

    return tuple(DisagreementRow(d.label, "evidence grade" if d.kind == "evidence"
                                 else "criterion score", side(*d.low, d.kind),
                                 side(*d.high, d.kind)) for d in score.disagreements)


# --------------------------------------------------------------------------- answers

def _choice(q: Question, value: object) -> str:
    return next((c.label.get() for c in q.choices if c.value == value), str(value))


def _choices(q: Question, value: object) -> str:
    if not isinstance(value, tuple | list):
        return _choice(q, value)
    return "; ".join(_choice(q, item) for item in value)


def _as_stored(q: Question, value: object) -> str:
    # A whole decimal reads as the number it is: 12, not 12.0.
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


# Question type → how its answer reads; the others (numbers, text, dates) as stored.
SHOWN: dict[str, Callable[[Question, object], str]] = {
    "select_one": _choice,
    "select_multiple": _choices,
    "yes_no": lambda q, v: {"yes": "Yes", "no": "No"}.get(str(v), str(v)),
    "rating": lambda q, v: f"{v} of {q.points}",
    "scale": lambda q, v: f"{v} of 10",
}


def shown_answer(question: Question, value: object) -> str:
    """An answer as the respondent read it: labels, not stored values."""
    return SHOWN.get(question.type, _as_stored)(question, value)


def _column(response: Response) -> Column:
    role = ROLE_LABELS.get(response.role, response.role.capitalize())
    return Column(response.name or f"Unnamed {role.lower()}", role, response.submitted_at[:10])


def _cell(q: Question, response: Response, answers: Mapping[str, object]) -> Cell:
    if q.id not in answers:
        return Cell(NOT_ANSWERED)
    grade = response.evidence.get(q.id, 0) if q.evidence else None
    return Cell(shown_answer(q, answers[q.id]),
                "" if grade is None else EVIDENCE_GRADES.get(grade, str(grade)))


def _tables(questions: Sequence[Question], kept: Sequence[tuple[Response, Mapping[str, object]]]
            ) -> tuple[AnswerTable, ...]:
    """Respondents side by side, split evenly when there are more than fit across a page."""
    kept = [(r, a) for r, a in kept if any(q.id in a for q in questions)]
    if not kept:
        return ()
    chunks = -(-len(kept) // MAX_COLUMNS)
    size = -(-len(kept) // chunks)
    tables = []
    for start in range(0, len(kept), size):
        part = kept[start:start + size]
        rows = tuple((q.label.get(), tuple(_cell(q, r, a) for r, a in part))
                     for q in questions if any(q.id in a for _, a in part))
        tables.append(AnswerTable(tuple(_column(r) for r, _ in part), rows))
    return tuple(tables)


def _repeats(repeats: Sequence[Question], kept: Sequence[tuple[Response, Mapping[str, object]]]
             ) -> tuple[RepeatTable, ...]:
    found = []
    for response, answers in kept:
        who = _column(response)
        for q in repeats:
            value = answers.get(q.id)
            rows = [row for row in value if isinstance(row, Mapping)] if isinstance(
                value, tuple | list) else []
            if not rows:
                continue
            children = [c for c in q.questions if any(not is_empty(row.get(c.id))
                                                      for row in rows)]
            found.append(RepeatTable(
                f"{q.label.get()}: {who.name} ({who.role}), {who.date}",
                tuple(c.label.get() for c in children),
                tuple(tuple(NOT_ANSWERED if is_empty(row.get(c.id))
                            else shown_answer(c, row.get(c.id)) for c in children)
                      for row in rows)))
    return tuple(found)


def _part(q: Questionnaire, responses: Sequence[Response]) -> AppendixPart:
    top = [x for section in q.sections for x in section.questions if x.type != "note"]
    plain = [x for x in top if x.type != "repeat"]
    repeats = [x for x in top if x.type == "repeat"]
    weeks: dict[int | None, list[Response]] = {}
    for response in responses:
        weeks.setdefault(response.week, []).append(response)
    groups = []
    for week in sorted(weeks, key=lambda w: (w is not None, w or 0)):
        ordered = sorted(weeks[week], key=lambda r: (r.submitted_at, r.name, r.respondent))
        kept = [(r, relevant_answers(q, r.answers)) for r in ordered]
        groups.append(AnswerGroup("" if week is None else f"Week {week}",
                                  _tables(plain, kept), _repeats(repeats, kept)))
    return AppendixPart(q.id, q.title.get(), len(responses), tuple(groups))


def appendix(definitions: Mapping[str, Questionnaire],
             responses: Mapping[str, Sequence[Response]]) -> tuple[AppendixPart, ...]:
    """Every questionnaire's relevant answers: readiness, stakeholders, pulses, then others."""
    first = (READINESS, STAKEHOLDERS, PULSE)
    order = sorted(definitions, key=lambda qid: (qid not in first, first.index(qid)
                                                 if qid in first else 0, qid))
    return tuple(_part(definitions[qid], responses[qid]) for qid in order
                 if responses.get(qid))
