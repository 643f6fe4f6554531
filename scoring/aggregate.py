"""Score one questionnaire's responses: questions → criteria → overall, gates, verdict.

The rules (docs/scoring.md says the same in plain words):

- Each respondent's latest submission counts (scoring.responses.current); answers are
  validated, and answers to questions that are not relevant for that respondent are
  dropped, as the form would drop them. An answer that says the question does not apply
  (a `not_applicable` choice) drops out the same way.
- A question with a `criterion` scores 0–100 (see scoring.questions); a claim with
  `evidence: true` counts in proportion to its grade (grade / 3).
- Several respondents: a claim counts the answer scoring.claims picks (the most cautious;
  on a customer fact the customer side's), with the best evidence of everyone who gave it.
  Any other question scores the mean over roles of the mean over the respondents of that
  role who answered it — each role carries equal weight.
- A criterion is the weighted mean of its relevant questions; the overall score is the
  weighted mean of the criteria that have a score. With several respondents a question
  is relevant when someone answered it, or when nobody did but everyone was asked it.
  Unanswered questions count 0 under `missing: zero` and drop out (weights re-normalise)
  under `skip`.
- Coverage is the share of the overall weight answered by at least one respondent;
  under 50 % the verdict is insufficient_data, never a band.
- Verdicts and gates use the score as shown (rounded half away from zero). A
  must-have criterion without a score or under its pass_at fails its gate and caps
  the verdict at the lowest band. Seller and customer disagreeing on a question of a
  must-have criterion cap the verdict at the second band (conditional) at best.
- Confidence = coverage × (1 − the share of comparable questions respondents disagree
  on), as a percentage: high ≥ 75, medium ≥ 50, low below.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from questionnaires.answers import (
    check_answer,
    is_empty,
    not_applicable,
    relevant,
    typed_key,
)
from questionnaires.model import Criterion, Question, Questionnaire, Scoring
from scoring.claims import Said, comparable, counted, disagreement, effective_grade, same
from scoring.explain import explain_score
from scoring.instruments import display_round
from scoring.measures import instrument_results
from scoring.memo import recall, table
from scoring.questions import answer_score, evidence_factor
from scoring.responses import MIN_GROUP, Response, current
from scoring.results import (
    INSUFFICIENT,
    Barrier,
    CriterionResult,
    Disagreement,
    Explanation,
    QuestionResult,
    RespondentResult,
    Score,
)

MIN_COVERAGE = 0.5
CONFIDENCE_LABELS = ((75.0, "high"), (50.0, "medium"), (0.0, "low"))
Rescore = Mapping[str, Mapping[str, float | None]]
"""Question id → choice value → the score it earns here instead (None: does not apply)."""


class Seen(NamedTuple):
    """One respondent's view of one scored question."""

    relevant: bool
    """Asked, and not answered as "does not apply"."""
    score: float | None
    grade: int | None
    answer: object = None
    """The validated answer, also when it does not apply; None when unanswered or hidden."""
    base: float | None = None
    """The answer's score before evidence."""


@dataclass(frozen=True)
class Combined:
    """Criteria, overall score and coverage from one set of question scores."""

    criteria: tuple[CriterionResult, ...]
    score: float | None
    coverage: float
    shares: Mapping[str, float]


def clean_answers(q: Questionnaire, response: Response) -> dict[str, object]:
    """Validated answers to questions that exist and are relevant (ValueError if invalid).

    Read it, never change it: inside `remembered()` every caller shares one copy."""
    return _cleaned(q, response)[0]


def _cleaned(q: Questionnaire, response: Response) -> tuple[dict[str, object], set[str]]:
    """The clean answers and the ids of the questions they leave shown."""
    def clean() -> tuple[dict[str, object], set[str]]:
        known, valid = q.top_by_id, table("valid", q)
        checked = {}
        for k, v in response.answers.items():
            if k not in known or is_empty(v):
                continue
            try:  # the same choice from a thousand people is checked once
                key = (k, typed_key(v))
                checked[k] = valid[key]
            except KeyError:
                checked[k] = valid[key] = check_answer(known[k], v)
            except TypeError:  # an answer that cannot be a key (a repeat's rows)
                checked[k] = check_answer(known[k], v)
        return relevant(q, checked)

    return recall("clean", q, response, None, clean)


def view(q: Questionnaire, response: Response, rescore: Rescore | None = None
         ) -> dict[str, Seen]:
    """One respondent's scores for every scored question (shared inside `remembered()`)."""
    return recall("view", q, response, _rescore_key(rescore or {}),
                  lambda: _view(q, response, rescore))


def _view(q: Questionnaire, response: Response, rescore: Rescore | None) -> dict[str, Seen]:
    answers, shown = _cleaned(q, response)
    judged = table("judged", q, _rescore_key(rescore or {}))
    seen = {}
    for question in q.scored_questions:
        answer = answers.get(question.id)
        if answer is None:
            base, applies = None, question.id in shown
        else:
            try:
                key = (question.id, typed_key(answer))
                base, fits = judged[key]
            except KeyError:
                base, fits = judged[key] = _judge(question, answer, rescore or {})
            except TypeError:  # an answer that cannot be a key
                base, fits = _judge(question, answer, rescore or {})
            applies = fits and question.id in shown
        if question.evidence:
            grade = effective_grade(response, response.evidence.get(question.id))
            score = None if base is None or not applies else base * evidence_factor(grade)
        else:
            grade, score = None, base if applies else None
        seen[question.id] = Seen(applies, score, grade, answer, base)
    return seen


def _judge(question: Question, answer: object, rescore: Rescore) -> tuple[float | None, bool]:
    """An answer's score before evidence, and whether the question applies with it."""
    base = _base(question, answer, rescore)
    return base, base is not None and not not_applicable(question, answer)


def _rescore_key(rescore: Rescore) -> tuple[object, ...]:
    return tuple(sorted((k, tuple(sorted(v.items()))) for k, v in rescore.items()))


def _base(question: Question, answer: object, rescore: Rescore) -> float | None:
    own = rescore.get(question.id, {})
    return own[str(answer)] if str(answer) in own else answer_score(question, answer)


def combine(q: Questionnaire, scores: Mapping[str, Seen]) -> Combined:
    """Criteria and overall score from per-question scores, under the missing policy."""
    scoring = q.scoring or Scoring()
    skip = scoring.missing == "skip"
    questions = q.scored_questions
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


def verdict_of(q: Questionnaire, combined: Combined, *, capped: bool = False
               ) -> tuple[str | None, str]:
    """(band of the score, verdict after coverage, gates and a must-have disagreement)."""
    bands = sorted((q.scoring or Scoring()).bands, key=lambda b: b.min, reverse=True)
    if combined.score is None:
        return None, INSUFFICIENT
    shown = display_round(combined.score)
    band = next(b.id for b in bands if shown >= b.min)
    if combined.coverage < MIN_COVERAGE:
        return band, INSUFFICIENT
    if any(c.must_have and not c.passed for c in combined.criteria):
        return band, bands[-1].id
    if capped and band == bands[0].id and len(bands) > 1:
        return band, bands[1].id
    return band, band


def said(q: Questionnaire, responses: Sequence[Response],
         views: Sequence[Mapping[str, Seen]]) -> dict[str, list[Said]]:
    """Per scored question, every answer given: scored ones with their score before
    evidence, and those that say the question does not apply."""
    found: dict[str, list[Said]] = {}
    pairs = list(zip(responses, views, strict=True))
    for question in q.scored_questions:
        qid = question.id
        found[qid] = items = []
        for response, seen in pairs:
            mine = seen[qid]
            if mine.relevant:
                if mine.score is not None:
                    items.append(Said(response, mine.answer, mine.base or 0.0, mine.grade or 0))
            elif mine.answer is not None:
                items.append(Said(response, mine.answer, mine.base or 0.0, mine.grade or 0,
                                  False))
    return found


def pool(q: Questionnaire, answers: Mapping[str, Sequence[Said]],
         views: Sequence[Mapping[str, Seen]]) -> dict[str, Seen]:
    """Question scores over respondents from what each said (`said`): claims by
    scoring.claims, others role by role."""
    pooled = {}
    for question in q.scored_questions:
        scored = [s for s in answers[question.id] if s.applies]
        relevant = bool(scored) or _asked_of_all(question, views)
        if question.evidence:
            best = counted(question, answers[question.id])
            if best is None:
                # Those whose answers count say it does not apply: it drops out.
                pooled[question.id] = Seen(relevant and not answers[question.id], None, None)
            else:
                winner, grade = best
                pooled[question.id] = Seen(relevant, winner.base * evidence_factor(grade),
                                           grade, winner.answer, winner.base)
            continue
        by_role: dict[str, list[float]] = defaultdict(list)
        for s in scored:
            by_role[s.response.role].append(s.base)
        means = [math.fsum(v) / len(v) for v in by_role.values()]
        pooled[question.id] = Seen(relevant, math.fsum(means) / len(means) if means else None,
                                   None)
    return pooled


def quotable(answer: object, answers: Sequence[Said], min_group: int) -> bool:
    """Whether a report may quote this answer: someone it may name gave it, or enough
    confidential respondents answered for their answers to be shown as a tally."""
    return (sum(not s.response.attributed for s in answers) >= min_group
            or any(s.response.attributed and same(s.answer, answer) for s in answers))


def _asked_of_all(question: Question, views: Sequence[Mapping[str, Seen]]) -> bool:
    """Whether a question nobody answered still counts (as unanswered): only when every
    respondent was asked it and nobody said it does not apply. A respondent whose answers
    hide it, or who says it does not apply, takes it out; one who skips it does not put
    it back."""
    mine = [seen[question.id] for seen in views]
    return bool(mine) and all(s.relevant for s in mine)


def disagreements(q: Questionnaire, answers: Mapping[str, Sequence[Said]]
                  ) -> tuple[tuple[Disagreement, ...], int]:
    """Questions whose answers contradict each other, and how many could have."""
    scoring = q.scoring or Scoring()
    criteria = {c.id: c for c in scoring.criteria}
    bands = sorted(scoring.bands, key=lambda b: b.min, reverse=True)
    cap = bands[min(1, len(bands) - 1)].label.get()
    found, comparisons = [], 0
    questions = q.scored_questions
    for question in questions:
        criterion = criteria.get(question.criterion or "")
        comparisons += comparable(question, answers[question.id])
        # A criterion of one question names it best; of several, the question itself.
        alone = sum(x.criterion == question.criterion for x in questions) == 1
        flag = disagreement(question, answers[question.id],
                            criterion_label=criterion.label.get() if criterion and alone
                            else "",
                            must_have=bool(criterion and criterion.must_have),
                            cap_label=cap)
        if flag is not None:
            found.append(flag)
    return tuple(found), comparisons


def score(questionnaire: Questionnaire, responses: Sequence[Response], *,
          min_group: int = MIN_GROUP, rescore: Rescore | None = None,
          each: bool = True, explained: bool = True, measured: bool = True) -> Score:
    """Score any number of responses to one questionnaire.

    `each`: also score every respondent on their own (`by_respondent`); `explained`: explain
    the numbers (`explain`); `measured`: work out the standard instruments (`instruments`).
    A week of pulses, whose people no report lists, and a segment, of which a report shows
    the score alone, go without what they do not show.

    `min_group`: the explanation shows confidential answers only in totals over this many.
    `rescore`: choices that earn another score here (weekly use against a monthly cadence).
    """
    q = questionnaire
    ordered = sorted(current(responses), key=lambda r: (r.submitted_at, r.role, r.respondent))
    views = [view(q, r, rescore) for r in ordered]
    own = [combine(q, v) for v in views] if each else []
    answers = said(q, ordered, views)
    pooled = pool(q, answers, views)
    combined = combine(q, pooled)
    flags, comparisons = disagreements(q, answers)
    band, verdict = verdict_of(q, combined, capped=any(d.caps for d in flags))
    agreement = 1 - len(flags) / comparisons if comparisons else 1.0
    confidence = 100 * combined.coverage * agreement
    bands = {b.id: b.label.get() for b in (q.scoring or Scoring()).bands}
    # Only a claim has an answer that counts, and so one a report may or may not quote.
    shown = {x.id: quotable(pooled[x.id].answer, answers[x.id], min_group) if x.evidence
             else True for x in q.scored_questions}
    results = tuple(QuestionResult(x.id, x.criterion or "", x.weight,
                                   combined.shares.get(x.id, 0.0), pooled[x.id].score,
                                   pooled[x.id].relevant,
                                   sum(1 for v in views if v[x.id].score is not None),
                                   pooled[x.id].answer if x.evidence else None, shown[x.id])
                    for x in q.scored_questions)
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
        capped_by=tuple(d.item for d in flags if d.caps),
        barriers=tuple(_barriers(q, combined)),
        by_respondent=tuple(
            RespondentResult(r.respondent, r.role, r.name, c.score, c.coverage,
                             verdict_of(q, c)[1], {x.id: x.score for x in c.criteria},
                             r.attributed)
            for r, c in zip(ordered, own, strict=True)) if each else (),
        disagreements=flags,
        instruments=instrument_results(q, [clean_answers(q, r) for r in ordered])
        if measured else (),
        explain=explain_score(q, ordered, views, pooled, combined, confidence, shown,
                              min_group) if explained else
        Explanation(q.title.get(), "" if combined.score is None
                    else str(display_round(combined.score))),
    )


def _barriers(q: Questionnaire, combined: Combined) -> list[Barrier]:
    """Failing criteria in questionnaire order: where their first question stands."""
    first: dict[str, int] = {}
    for index, question in enumerate(q.scored_questions):
        first.setdefault(question.criterion or "", index)
    failing = [c for c in combined.criteria if not c.passed and
               (c.score is not None or c.must_have)]
    failing.sort(key=lambda c: first.get(c.id, len(first)))
    return [Barrier(c.id, c.label, c.score, c.pass_at, c.must_have, c.action) for c in failing]
