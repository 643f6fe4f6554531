"""Score one questionnaire's responses: questions → criteria → overall, gates, verdict.

The rules (README "How scoring works" says the same in plain words):

- Each respondent's answers are validated, and answers to questions that are not
  relevant for that respondent are dropped, as the form would drop them.
- A question with a `criterion` scores 0–100 (see scoring.questions); a claim with
  `evidence: true` counts in proportion to its grade (grade / 3).
- Several respondents: a question's score is the mean over roles of the mean over
  the respondents of that role who answered it — each role carries equal weight,
  so one seller and five customer respondents weigh half and half.
- A criterion is the weighted mean of its relevant questions; the overall score is
  the weighted mean of the criteria that have a score. Unanswered questions count
  0 under `missing: zero` and drop out (weights re-normalise) under `skip`.
- Coverage is the share of the overall weight answered by at least one respondent;
  under 50 % the verdict is insufficient_data, never a band.
- Verdicts and gates use the score as shown (rounded half away from zero). A
  must-have criterion without a score or under its pass_at fails its gate and caps
  the verdict at the lowest band.
- Confidence = coverage × (1 − the share of claims and criteria respondents
  disagree on), as a percentage: high ≥ 75, medium ≥ 50, low below.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires.answers import check_answer, is_empty, relevant_answers, relevant_ids
from questionnaires.model import Criterion, Question, Questionnaire, Scoring
from scoring.explain import explain_score
from scoring.instruments import display_round
from scoring.measures import instrument_results
from scoring.questions import question_score
from scoring.responses import Response
from scoring.results import (
    INSUFFICIENT,
    Barrier,
    CriterionResult,
    Disagreement,
    QuestionResult,
    RespondentResult,
    Score,
)

MIN_COVERAGE = 0.5
EVIDENCE_GAP = 2
CRITERION_GAP = 34
CONFIDENCE_LABELS = ((75.0, "high"), (50.0, "medium"), (0.0, "low"))


@dataclass(frozen=True)
class Seen:
    """One respondent's view of one scored question."""

    relevant: bool
    score: float | None
    grade: int | None


@dataclass(frozen=True)
class Combined:
    """Criteria, overall score and coverage from one set of question scores."""

    criteria: tuple[CriterionResult, ...]
    score: float | None
    coverage: float
    shares: Mapping[str, float]


def scored_questions(q: Questionnaire) -> tuple[Question, ...]:
    """Top-level questions that feed a criterion, in questionnaire order."""
    return tuple(x for s in q.sections for x in s.questions if x.criterion)


def clean_answers(q: Questionnaire, response: Response) -> dict[str, object]:
    """Validated answers to questions that exist and are relevant (ValueError if invalid)."""
    known = {x.id: x for s in q.sections for x in s.questions}
    checked = {k: check_answer(known[k], v) for k, v in response.answers.items()
               if k in known and not is_empty(v)}
    return relevant_answers(q, checked)


def view(q: Questionnaire, response: Response) -> dict[str, Seen]:
    """One respondent's scores for every scored question."""
    answers = clean_answers(q, response)
    shown = relevant_ids(q, answers)
    seen = {}
    for question in scored_questions(q):
        grade = response.evidence.get(question.id)
        answer = answers.get(question.id)
        score = None if answer is None else question_score(question, answer, grade)
        seen[question.id] = Seen(question.id in shown, score, grade)
    return seen


def combine(q: Questionnaire, scores: Mapping[str, Seen], *, answered_only: bool = False
            ) -> Combined:
    """Criteria and overall score from per-question scores, under the missing policy.

    `answered_only` leaves unanswered questions out whatever the policy: a
    respondent who skipped a criterion holds no view on it to disagree with.
    """
    scoring = q.scoring or Scoring()
    skip = answered_only or scoring.missing == "skip"
    questions = scored_questions(q)
    live = [c for c in scoring.criteria
            if any(scores[x.id].relevant for x in questions if x.criterion == c.id)]
    total = sum(c.weight for c in live)
    results, shares, covered = [], {}, []
    for c in scoring.criteria:
        mine = [x for x in questions if x.criterion == c.id and scores[x.id].relevant]
        weight = sum(x.weight for x in mine)
        parts = []
        for x in mine:
            shares[x.id] = c.weight / total * x.weight / weight
            value = scores[x.id].score
            if value is not None:
                covered.append(shares[x.id])
            if value is not None or not skip:
                parts.append((x.weight, value or 0.0))
        score = _mean(parts)
        results.append(_criterion(c, score, tuple(x.id for x in mine)))
    overall = _mean([(c.weight, r.score) for c, r in zip(scoring.criteria, results,
                                                         strict=True) if r.score is not None])
    return Combined(tuple(results), overall, math.fsum(covered) if total else 0.0, shares)


def _mean(parts: Sequence[tuple[float, float]]) -> float | None:
    # fsum is exactly rounded, so the result does not depend on the order of the parts.
    weight = math.fsum(w for w, _ in parts)
    return math.fsum(w * v for w, v in parts) / weight if weight else None


def _criterion(c: Criterion, score: float | None, ids: tuple[str, ...]) -> CriterionResult:
    passed = score is not None and display_round(score) >= c.pass_at
    return CriterionResult(c.id, c.label.get(), c.weight, c.must_have, c.pass_at,
                           c.action.get(), score, passed, ids)


def verdict_of(q: Questionnaire, combined: Combined) -> tuple[str | None, str]:
    """(band of the score, verdict after coverage and gates)."""
    bands = sorted((q.scoring or Scoring()).bands, key=lambda b: b.min, reverse=True)
    if combined.score is None:
        return None, INSUFFICIENT
    shown = display_round(combined.score)
    band = next(b.id for b in bands if shown >= b.min)
    if combined.coverage < MIN_COVERAGE:
        return band, INSUFFICIENT
    if any(c.must_have and not c.passed for c in combined.criteria):
        return band, bands[-1].id
    return band, band


def pool(q: Questionnaire, responses: Sequence[Response],
         views: Sequence[Mapping[str, Seen]]) -> dict[str, Seen]:
    """Question scores over respondents: the mean over roles of each role's mean."""
    pooled = {}
    for question in scored_questions(q):
        by_role: dict[str, list[float]] = defaultdict(list)
        for response, seen in zip(responses, views, strict=True):
            value = seen[question.id].score
            if seen[question.id].relevant and value is not None:
                by_role[response.role].append(value)
        means = [math.fsum(v) / len(v) for v in by_role.values()]
        relevant = any(seen[question.id].relevant for seen in views)
        pooled[question.id] = Seen(relevant, math.fsum(means) / len(means) if means else None,
                                   None)
    return pooled


def disagreements(q: Questionnaire, responses: Sequence[Response],
                  views: Sequence[Mapping[str, Seen]],
                  own: Sequence[Combined]) -> tuple[Disagreement, ...]:
    """Claims whose evidence grades are 2+ apart, criteria whose scores are 34+ apart."""
    found = []
    for question in scored_questions(q):
        if not question.evidence:
            continue
        grades = [(r.respondent, float(grade)) for r, v in zip(responses, views, strict=True)
                  if v[question.id].score is not None
                  and (grade := v[question.id].grade) is not None]
        found += _gap("evidence", question.id, question.label.get(), grades, EVIDENCE_GAP)
    for index, criterion in enumerate((q.scoring or Scoring()).criteria):
        scores = [(r.respondent, c.criteria[index].score) for r, c in
                  zip(responses, own, strict=True) if c.criteria[index].score is not None]
        found += _gap("criterion", criterion.id, criterion.label.get(),
                      [(who, float(s)) for who, s in scores if s is not None], CRITERION_GAP)
    return tuple(found)


def _gap(kind: str, item: str, label: str, values: list[tuple[str, float]],
         limit: float) -> list[Disagreement]:
    if len(values) < 2:
        return []
    low = min(values, key=lambda v: (v[1], v[0]))
    high = max(values, key=lambda v: (v[1], v[0]))
    gap = high[1] - low[1]
    return [Disagreement(kind, item, label, low, high, gap)] if gap >= limit else []


def score(questionnaire: Questionnaire, responses: Sequence[Response]) -> Score:
    """Score any number of responses to one questionnaire."""
    q = questionnaire
    ordered = sorted(responses, key=lambda r: (r.submitted_at, r.role, r.respondent))
    views = [view(q, r) for r in ordered]
    own = [combine(q, v) for v in views]
    pooled = pool(q, ordered, views)
    combined = combine(q, pooled)
    band, verdict = verdict_of(q, combined)
    flags = disagreements(q, ordered, views, [combine(q, v, answered_only=True) for v in views])
    items = sum(1 for x in scored_questions(q) if x.evidence) + len(combined.criteria)
    agreement = 1 - len(flags) / items if items else 1.0
    confidence = 100 * combined.coverage * agreement
    bands = {b.id: b.label.get() for b in (q.scoring or Scoring()).bands}
    results = tuple(QuestionResult(x.id, x.criterion or "", x.weight,
                                   combined.shares.get(x.id, 0.0), pooled[x.id].score,
                                   pooled[x.id].relevant,
                                   sum(1 for v in views if v[x.id].score is not None))
                    for x in scored_questions(q))
    return Score(
        questionnaire=q.id,
        respondents=len(ordered),
        score=combined.score,
        band=band,
        verdict=verdict,
        verdict_label=bands.get(verdict, "Insufficient data"),
        coverage=combined.coverage,
        confidence=confidence,
        confidence_label=next(label for low, label in CONFIDENCE_LABELS
                              if display_round(confidence) >= low),
        questions=results,
        criteria=combined.criteria,
        failed_gates=tuple(c.id for c in combined.criteria if c.must_have and not c.passed),
        barriers=tuple(_barriers(q, combined)),
        by_respondent=tuple(
            RespondentResult(r.respondent, r.role, r.name, c.score, c.coverage,
                             verdict_of(q, c)[1], {x.id: x.score for x in c.criteria})
            for r, c in zip(ordered, own, strict=True)),
        disagreements=flags,
        instruments=instrument_results(q, [clean_answers(q, r) for r in ordered]),
        explain=explain_score(q, ordered, views, pooled, combined, confidence),
    )


def _barriers(q: Questionnaire, combined: Combined) -> list[Barrier]:
    """Failing criteria in questionnaire order: where their first question stands."""
    first: dict[str, int] = {}
    for index, question in enumerate(scored_questions(q)):
        first.setdefault(question.criterion or "", index)
    failing = [c for c in combined.criteria if not c.passed and
               (c.score is not None or c.must_have)]
    failing.sort(key=lambda c: first.get(c.id, len(first)))
    return [Barrier(c.id, c.label, c.score, c.pass_at, c.must_have, c.action) for c in failing]
