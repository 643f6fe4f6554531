"""Read-only pages: portfolio, reports, blank forms and how scoring works (frozen by `build`).

`create_app` mounts these at /reports/ in the live app and at the root of the frozen site.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, current_app, render_template, request
from werkzeug import exceptions
from werkzeug.wrappers import Response

from assessments.errors import NotFound
from assessments.forms.fields import DOCUMENT_LABEL
from assessments.forms.types import PRINTED
from assessments.paths import EDITIONS, FULL_PDF_NAME, PDF_NAME
from assessments.report.context import report_context
from assessments.store import service
from assessments.web import portfolio
from assessments.web.auth import require_login
from assessments.web.context import context, definitions, min_group, store
from questionnaires import Question, Questionnaire
from questionnaires.expressions import Expression, in_words
from scoring import aggregate, responses
from scoring.assess import Rollup
from scoring.claims import POINTS_APART
from scoring.ids import STAGE_LABELS
from scoring.instruments import INSTRUMENTS, display_round
from scoring.plan import LOOP
from scoring.questions import REVERSIBLE, SCORERS, answer_score, evidence_factor
from scoring.responses import EVIDENCE_GRADES
from scoring.results import INSUFFICIENT

bp = Blueprint("publish", __name__)
BLANK_ROWS = 3
"""Empty rows a printed repeat offers; more fit on a copy of the page."""
# The answers each scored type can take, so the scoring page computes every answer's score
# with the scorer itself instead of describing it.
ANSWERS: dict[str, Callable[[Question], list[tuple[str, object]]]] = {
    "select_one": lambda q: [(str(c.label), c.value) for c in q.choices],
    "select_multiple": lambda q: [*((str(c.label), (c.value,)) for c in q.choices),
                                  ("all of them", tuple(c.value for c in q.choices))],
    "yes_no": lambda q: [("Yes", "yes"), ("No", "no")],
    "rating": lambda q: [(str(p), p) for p in range(1, q.points + 1)],
    "scale": lambda q: [(str(p), p) for p in range(11)],
}


@bp.before_request
def gate() -> Response | None:
    """In the live app reports show scores, so they are for logged-in sellers only."""
    if current_app.config.get("READYGATE_COLLECT"):
        return require_login()
    return None


@bp.route("/")
def index() -> str:
    """Every assessment: account, owner, stage, verdict, score, confidence, next action;
    filtered and sorted by the query (`?stage=live&sort=score&order=desc`)."""
    return _portfolio(request.args.to_dict())


@bp.route("/stage/<value>/", defaults={"facet": "stage"})
@bp.route("/verdict/<value>/", defaults={"facet": "verdict"})
@bp.route("/health/<value>/", defaults={"facet": "health"})
@bp.route("/owner/<value>/", defaults={"facet": "owner"})
def filtered(facet: str, value: str) -> str:
    """The portfolio of one stage, verdict, health band or owner (slug): the static site's
    filters."""
    return _portfolio({**request.args.to_dict(), facet: value})


class UnknownFilter(exceptions.NotFound):
    """A portfolio address with a filter or sort value that does not exist."""

    def __init__(self, problems: str) -> None:
        super().__init__()
        self.title = "No such filter"
        self.message = f"The portfolio cannot show this: {problems}."


def _portfolio(args: dict[str, str]) -> str:
    rows = _rows()
    vocab = portfolio.vocabulary(rows, definitions())
    try:
        query = portfolio.parse(args, vocab)
    except portfolio.BadQuery as err:
        raise UnknownFilter(str(err)) from None
    # The live app's links carry a query, so filters combine; the static site has a page
    # per filter value (a page opened from disk ignores its query string).
    live = bool(current_app.config.get("READYGATE_COLLECT"))
    return render_template("portfolio.html", rows=portfolio.select(rows, query, vocab),
                           total=len(rows), query=query, live=live,
                           facets=portfolio.facets(rows, query, vocab, combine=live),
                           described=portfolio.describe(query, vocab), sorts=portfolio.SORTS,
                           sort_value=lambda row, key: portfolio.sort_value(row, key, vocab),
                           stages=STAGE_LABELS, questionnaires=_sorted(),
                           pdfs=bool(current_app.config.get("READYGATE_PDF_LINKS") or live),
                           pdf_name=PDF_NAME, full_pdf_name=FULL_PDF_NAME,
                           figures=portfolio.figures(rows, vocab) if not query.filters()
                           else None)


def _rows() -> list[portfolio.Row]:
    return [portfolio.Row(a, _report(a.id)[0], service.last_response(store(), a.id))
            for a in store().assessments()]


def _report(ident: str) -> tuple[Rollup, dict[str, list[responses.Response]]]:
    """An assessment's roll-up and its responses by questionnaire (NotFound, ValueError).

    A build's app makes each once for the portfolio pages, the report and both PDFs."""
    made = context().made
    if made is not None and ident in made:
        return made[ident]  # type: ignore[no-any-return]
    answers = service.by_questionnaire(store().responses(ident))
    found = (service.rollup(store(), definitions(), ident, min_group=min_group(),
                            answers=answers), answers)
    if made is not None:
        made[ident] = found
    return found


def filter_pages() -> list[tuple[str, str]]:
    """(filter, value) of each one-filter page that lists an assessment, for the build."""
    rows = _rows()
    vocab = portfolio.vocabulary(rows, definitions())
    return [(f.name, c.value) for f in portfolio.facets(rows, portfolio.Query(), vocab,
                                                        combine=False) for c in f.choices]


@bp.route("/<ident>/")
def report(ident: str) -> str:
    """One assessment's readiness report with the explanation of every number."""
    # The page shows everything; the PDFs print an edition of it (`?edition=executive|full`).
    edition = request.args.get("edition", "page")
    if edition not in ("page", *EDITIONS.values()):
        abort(404)
    return report_page(ident, edition)


def report_page(ident: str, edition: str) -> str:
    """The report page of one edition (\"page\", \"executive\", \"full\"); 404 for none."""
    try:
        rolled, answers = _report(ident)
    except (NotFound, ValueError):
        abort(404)
    return render_template("report.html", r=rolled, a=rolled.assessment, stages=STAGE_LABELS,
                           loop=LOOP, definitions=definitions(), edition=edition,
                           **report_context(rolled, definitions(), answers, edition))


@bp.route("/forms/<questionnaire>/")
def blank_form(questionnaire: str) -> str:
    """A questionnaire to print and fill in by hand: every question, every choice a box."""
    q = definitions().get(questionnaire) or abort(404)
    numbers = question_numbers(q)

    questions = {x.id: x for x in q.all_questions()}

    def name(qid: str) -> str:
        found = questions.get(qid)
        return f"“{found.label}” (Q{numbers[qid]})" if found and qid in numbers else qid

    def choice(qid: str, value: str) -> str:
        found = questions.get(qid)
        labels = {c.value: str(c.label) for c in found.choices} if found else {}
        if found and found.type == "yes_no":
            labels = {"yes": "Yes", "no": "No"}
        return labels.get(value, value)

    def condition(expression: Expression) -> str:
        return in_words(expression, name, choice)

    return render_template("blank_form.html", q=q, numbers=numbers, condition=condition,
                           grades=EVIDENCE_GRADES, document_label=DOCUMENT_LABEL,
                           rows=BLANK_ROWS, printed=PRINTED,
                           language=q.default_language)


@bp.route("/scoring/")
def scoring() -> str:
    """How scores, gates, bands and verdicts come about, read from the loaded definitions."""
    return render_template(
        "scoring_page.html", questionnaires=_sorted(), answer_scores=answer_scores,
        grades=[(g, name, evidence_factor(g) * 100) for g, name in EVIDENCE_GRADES.items()],
        min_coverage=aggregate.MIN_COVERAGE * 100, confidence=aggregate.CONFIDENCE_LABELS,
        points_apart=POINTS_APART,
        insufficient=INSUFFICIENT, instruments=INSTRUMENTS, reversible=sorted(REVERSIBLE),
        examples=examples(_sorted()), half=display_round(60.5))


def question_numbers(q: Questionnaire) -> dict[str, str]:
    """Printed numbers: 1, 2, … for questions; 7.1, 7.2, … for a repeat's row questions."""
    numbers: dict[str, str] = {}
    count = 0
    for section in q.sections:
        for question in section.questions:
            if question.type == "note":
                continue
            count += 1
            numbers[question.id] = str(count)
            for i, row_question in enumerate(question.questions, 1):
                numbers[row_question.id] = f"{count}.{i}"
    return numbers


def examples(questionnaires: list[Questionnaire]) -> list[tuple[str, Question]]:
    """The first scored question of each type, by type name."""
    found: dict[str, Question] = {}
    for q in questionnaires:
        for item in q.all_questions():
            if item.criterion and item.type in SCORERS:
                found.setdefault(item.type, item)
    return sorted(found.items())


def answer_scores(q: Question) -> list[tuple[str, float | None]]:
    """Each possible answer (or 'any answer') with the score the scorer gives it."""
    answers = ANSWERS.get(q.type, _stated)(q)
    return [(label, answer_score(q, value)) for label, value in answers]


def _stated(q: Question) -> list[tuple[str, object]]:
    # A name, a number or a date: every answer is the same to the scorer.
    return [("any answer", 1)]


def _sorted() -> list[Questionnaire]:
    return sorted(definitions().values(), key=lambda q: str(q.title))
