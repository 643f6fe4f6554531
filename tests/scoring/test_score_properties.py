"""Properties of scoring.score over generated answers to the built-in definitions."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

import questionnaires
import scoring
from questionnaires import Question
from scoring import Response, aggregate, memo

QS = {q.id: q for q in questionnaires.load()}
PRE = QS["pre-close-readiness"]
PULSE = QS["post-go-live-pulse"]
RANK = {scoring.INSUFFICIENT: 0, "not_ready": 1, "conditional": 2, "ready": 3}


def answer(question: Question) -> st.SearchStrategy[object]:
    """A valid answer for one question."""
    kinds: dict[str, st.SearchStrategy[object]] = {
        "select_one": st.sampled_from([c.value for c in question.choices]),
        "select_multiple": st.lists(st.sampled_from([c.value for c in question.choices]),
                                    min_size=1, unique=True).map(tuple),
        "yes_no": st.sampled_from(["yes", "no"]),
        "rating": st.integers(1, question.points),
        "scale": st.integers(0, 10),
        "text": st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1,
                        max_size=20),
        "textarea": st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1,
                            max_size=40),
    }
    return kinds[question.type]


@st.composite
def responses(draw: st.DrawFn, q: questionnaires.Questionnaire = PRE,
              role: str | None = None) -> Response:
    """One respondent's answers to a random subset of the questions."""
    answers, evidence = {}, {}
    for section in q.sections:
        for question in section.questions:
            if question.type in ("note", "repeat") or not draw(st.booleans()):
                continue
            answers[question.id] = draw(answer(question))
            if question.evidence:
                evidence[question.id] = draw(st.integers(0, 3))
    who = draw(st.text("abcdefgh", min_size=1, max_size=6))
    return Response(who, role or draw(st.sampled_from(["seller", "stakeholder"])), answers,
                    evidence, submitted_at=draw(st.sampled_from(["2026-01-01", "2026-01-02"])))


def numbers(result: scoring.Score) -> list[float]:
    values = [result.score] + [c.score for c in result.criteria] + \
        [x.score for x in result.questions]
    return [v for v in values if v is not None]


@settings(max_examples=150, deadline=None)
@given(st.lists(responses(), max_size=4))
def test_scores_stay_in_range(people: list[Response]) -> None:
    result = scoring.score(PRE, people)
    assert all(0 <= v <= 100 for v in numbers(result))
    assert 0 <= result.coverage <= 1 + 1e-9 and 0 <= result.confidence <= 100 + 1e-9


@settings(max_examples=150, deadline=None)
@given(st.lists(responses(PULSE, "user"), min_size=1, max_size=4))
def test_pulse_scores_stay_in_range(people: list[Response]) -> None:
    result = scoring.score(PULSE, people)
    assert all(0 <= v <= 100 for v in numbers(result))


@settings(max_examples=200, deadline=None)
@given(responses(), st.data())
def test_raising_evidence_never_lowers_a_score(person: Response, data: st.DataObject
                                               ) -> None:
    claims = [k for k, v in person.evidence.items() if v < 3]
    if not claims:
        return
    claim = data.draw(st.sampled_from(claims))
    raised = replace(person, evidence={**person.evidence, claim: person.evidence[claim] + 1})
    before, after = scoring.score(PRE, [person]), scoring.score(PRE, [raised])
    for old, new in zip([before.score] + [c.score for c in before.criteria],
                        [after.score] + [c.score for c in after.criteria], strict=True):
        assert (old or 0) <= (new or 0) + 1e-9


@settings(max_examples=200, deadline=None)
@given(st.lists(responses(), min_size=1, max_size=3), st.data())
def test_a_must_have_everyone_puts_at_full_marks_never_worsens_the_verdict(
        people: list[Response], data: st.DataObject) -> None:
    scoring_block = PRE.scoring
    assert scoring_block is not None
    gates = [c.id for c in scoring_block.criteria if c.must_have]
    gate = data.draw(st.sampled_from(gates))
    better = []
    for person in people:
        answers, evidence = dict(person.answers), dict(person.evidence)
        for question in PRE.all_questions():
            if question.criterion == gate:
                answers[question.id] = max(question.choices, key=lambda c: c.score or 0).value
                evidence[question.id] = 3
        better.append(replace(person, answers=answers, evidence=evidence))
    before, after = scoring.score(PRE, people), scoring.score(PRE, better)
    assert RANK[after.verdict] >= RANK[before.verdict]


def at_least(before: scoring.Score, after: scoring.Score) -> None:
    """Neither the score nor the verdict went down."""
    assert (after.score or 0) >= (before.score or 0) - 1e-9
    assert RANK[after.verdict] >= RANK[before.verdict]


@st.composite
def a_deal(draw: st.DrawFn) -> list[Response]:
    """One seller and up to two customer respondents, each with their own id."""
    people = [draw(responses(role="seller"))]
    people += draw(st.lists(responses(role="stakeholder"), max_size=2))
    return [replace(p, respondent=f"p{i}") for i, p in enumerate(people)]


@settings(max_examples=200, deadline=None)
@given(a_deal(), st.data())
def test_a_customer_who_confirms_never_lowers_the_score_or_the_verdict(
        people: list[Response], data: st.DataObject) -> None:
    """A new customer gives, on some claims, the very answer that counts now."""
    ordered = aggregate.current(people)
    views = [aggregate.view(PRE, r) for r in ordered]
    pooled = aggregate.pool(PRE, aggregate.said(PRE, ordered, views), views)
    counted = {qid: seen.answer for qid, seen in pooled.items() if seen.answer is not None}
    if not counted:
        return
    picked = data.draw(st.lists(st.sampled_from(sorted(counted)), min_size=1, unique=True))
    documents = data.draw(st.lists(st.sampled_from(picked), unique=True))
    confirmer = Response("confirmer", "stakeholder", {q: counted[q] for q in picked},
                         dict.fromkeys(documents, 3), submitted_at="2026-01-03")
    at_least(scoring.score(PRE, people), scoring.score(PRE, [*people, confirmer]))


@settings(max_examples=200, deadline=None)
@given(a_deal(), st.data())
def test_raising_any_evidence_grade_never_lowers_the_score_or_the_verdict(
        people: list[Response], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(people) - 1))
    person = people[index]
    claims = [k for k, v in person.evidence.items() if v < 3]
    if not claims:
        return
    claim = data.draw(st.sampled_from(claims))
    raised = replace(person, evidence={**person.evidence, claim: person.evidence[claim] + 1})
    at_least(scoring.score(PRE, people),
             scoring.score(PRE, [*people[:index], raised, *people[index + 1:]]))


def summary(result: scoring.Score) -> tuple[object, ...]:
    return (result.score, result.verdict, result.coverage, result.confidence,
            result.failed_gates, result.barriers, [c.score for c in result.criteria],
            sorted((d.item, d.between, d.reason, d.caps) for d in result.disagreements))


@settings(max_examples=150, deadline=None)
@given(st.lists(responses(), min_size=1, max_size=4), st.randoms())
def test_permuting_or_renaming_respondents_changes_nothing(people: list[Response], rnd: object
                                                           ) -> None:
    # Distinct times: of two answers by one respondent at the same time, the later in the
    # input counts, so only then may the input order matter.
    people = [replace(p, submitted_at=f"2026-01-{i + 1:02d}") for i, p in enumerate(people)]
    names = {who: f"id-{i}-{who[::-1]}"
             for i, who in enumerate(dict.fromkeys(p.respondent for p in people))}
    renamed = [replace(p, respondent=names[p.respondent], name=names[p.respondent].upper())
               for p in people]
    shuffled = list(renamed)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert summary(scoring.score(PRE, people)) == summary(scoring.score(PRE, shuffled))


@settings(max_examples=150, deadline=None)
@given(a_deal(), responses(), st.data())
def test_a_second_submission_replaces_the_first(people: list[Response], again: Response,
                                                data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(people) - 1))
    first = replace(people[index], submitted_at="2026-01-01")
    second = replace(again, respondent=first.respondent, role=first.role,
                     submitted_at="2026-01-05")
    others = people[:index] + people[index + 1:]
    both = scoring.score(PRE, [*others, second, first])
    assert summary(both) == summary(scoring.score(PRE, [*others, second]))
    assert both.respondents == len(people)


@settings(max_examples=100, deadline=None)
@given(st.lists(responses(), max_size=4), st.lists(responses(PULSE, role="user"), max_size=6))
def test_remembering_each_response_changes_no_score(people: list[Response],
                                                    users: list[Response]) -> None:
    """Inside `remembered()` a response is validated and viewed once and shared by every
    score that reads it; the scores are the very ones worked out afresh."""
    fresh = (scoring.score(PRE, people), scoring.score(PULSE, users))
    with memo.remembered():
        first = (scoring.score(PRE, people), scoring.score(PULSE, users))
        again = (scoring.score(PRE, people), scoring.score(PULSE, users))
    assert first == fresh and again == fresh
