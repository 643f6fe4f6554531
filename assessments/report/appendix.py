"""The report's appendix: every relevant answer as its respondent read it, within the
confidentiality rule.

Answers that may carry a name — the seller's, and a named link's — stand side by side per
respondent, with evidence grade names and a repeat's rows as small tables; pulses per
week, so a label is printed once. Confidential customer answers (the default) appear only
as totals over at least `min_group` people: a tally per choice question and free text as
comments without names, sorted so their order says nothing about who wrote them. Fewer
than `min_group` are only counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires.answers import answer_text, is_empty, relevant_answers
from questionnaires.model import Question, Questionnaire
from scoring.claims import effective_grade
from scoring.ids import PULSE, READINESS, STAKEHOLDERS
from scoring.privacy import Comments, comments, tally
from scoring.responses import EVIDENCE_GRADES, Response, current

MAX_COLUMNS = 6  # respondents side by side before an A4 page gets too narrow to read
NOT_ANSWERED = "—"
ROLE_LABELS = {"seller": "Seller", "stakeholder": "Stakeholder", "user": "User"}
TALLIED = frozenset({"select_one", "select_multiple", "yes_no", "rating", "scale"})
COMMENTED = frozenset({"text", "textarea"})

Kept = Sequence[tuple[Response, Mapping[str, object]]]


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
class Totals:
    """Confidential answers of one group: counted, tallied, and comments without names."""

    people: int
    shown: bool
    """False under `min_group` people: they are only counted."""
    tallies: tuple[tuple[str, str], ...]
    """(question, “answer” ×n …) for choice and rating questions."""
    comments: tuple[tuple[str, Comments], ...]
    """(question, its newest comments and how many more) for free-text questions."""


@dataclass(frozen=True)
class AnswerGroup:
    """The responses of one week (or all of them, outside the weekly loop)."""

    heading: str
    tables: tuple[AnswerTable, ...]
    repeats: tuple[RepeatTable, ...]
    totals: Totals | None


@dataclass(frozen=True)
class AppendixPart:
    """One questionnaire's answers."""

    id: str
    title: str
    responses: int
    groups: tuple[AnswerGroup, ...]


def _column(response: Response) -> Column:
    role = ROLE_LABELS.get(response.role, response.role.capitalize())
    return Column(response.name or f"Unnamed {role.lower()}", role, response.submitted_at[:10])


def _cell(q: Question, response: Response, answers: Mapping[str, object]) -> Cell:
    if q.id not in answers:
        return Cell(NOT_ANSWERED)
    # A customer's answer to a claim is confirmation (or documented): never "unknown".
    grade = effective_grade(response, response.evidence.get(q.id)) if q.evidence else None
    return Cell(answer_text(q, answers[q.id]),
                "" if grade is None else EVIDENCE_GRADES.get(grade, str(grade)))


def _tables(questions: Sequence[Question], kept: Kept) -> tuple[AnswerTable, ...]:
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


def _repeats(repeats: Sequence[Question], kept: Kept) -> tuple[RepeatTable, ...]:
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
                            else answer_text(c, row.get(c.id)) for c in children)
                      for row in rows)))
    return tuple(found)


def _totals(questions: Sequence[Question], kept: Kept, min_group: int) -> Totals | None:
    """Confidential answers, only as totals (and only from `min_group` people on)."""
    if not kept:
        return None
    people = len(kept)
    if people < min_group:
        return Totals(people, False, (), ())
    tallies, notes = [], []
    for q in questions:
        given = [a[q.id] for _, a in kept if q.id in a]
        if not given:
            continue
        if q.type in TALLIED:
            items = [i for v in given for i in (v if isinstance(v, tuple | list) else (v,))]
            tallies.append((q.label.get(), tally(answer_text(q, i) for i in items)))
        elif q.type in COMMENTED:
            # `kept` runs oldest first; the newest comments are the ones quoted.
            found = comments((str(v) for v in reversed(given)), min_group, people)
            if found.quoted:
                notes.append((q.label.get(), found))
    return Totals(people, True, tuple(tallies), tuple(notes))


def _part(q: Questionnaire, responses: Sequence[Response], min_group: int) -> AppendixPart:
    top = [x for x in q.top_questions if x.type != "note"]
    plain = [x for x in top if x.type != "repeat"]
    repeats = [x for x in top if x.type == "repeat"]
    weeks: dict[int | None, list[Response]] = {}
    # Each person once (a week), with their latest answers: people are counted, not posts.
    for response in current(responses):
        weeks.setdefault(response.week, []).append(response)
    groups = []
    for week in sorted(weeks, key=lambda w: (w is not None, w or 0)):
        ordered = sorted(weeks[week], key=lambda r: (r.submitted_at, r.name, r.respondent))
        kept = [(r, relevant_answers(q, r.answers)) for r in ordered]
        named = [(r, a) for r, a in kept if r.attributed]
        hidden = [(r, a) for r, a in kept if not r.attributed]
        heading = "" if week is None else "Before go-live" if week == 0 else f"Week {week}"
        groups.append(AnswerGroup(heading, _tables(plain, named), _repeats(repeats, named),
                                  _totals(plain, hidden, min_group)))
    return AppendixPart(q.id, q.title.get(), sum(len(w) for w in weeks.values()),
                        tuple(groups))


def appendix(definitions: Mapping[str, Questionnaire],
             responses: Mapping[str, Sequence[Response]], min_group: int
             ) -> tuple[AppendixPart, ...]:
    """Every questionnaire's relevant answers: readiness, stakeholders, pulses, then others."""
    first = (READINESS, STAKEHOLDERS, PULSE)
    order = sorted(definitions, key=lambda qid: (qid not in first, first.index(qid)
                                                 if qid in first else 0, qid))
    return tuple(_part(definitions[qid], responses[qid], min_group) for qid in order
                 if responses.get(qid))
