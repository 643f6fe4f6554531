"""Seller and customer on the same questions: which answer counts, and where they disagree.

A *claim* is a question with `evidence: true`. The seller grades how they know it (0
unknown … 3 documented); a customer respondent's answer to it *is* customer confirmation
(grade 2), or documented (3) when they say they can point to a document. So:

- Of several answers to a claim, the most cautious one counts (the lowest answer score).
  On a `customer_fact` — a claim about the customer's own organisation — only the customer
  side's answers are weighed when there are any: a seller cannot outvote the customer about
  the customer's organisation; customers who differ among themselves: the most cautious.
- The counted answer carries the best evidence of everyone who gave that same answer: a
  customer who confirms the seller's answer lifts it to at least "customer confirmed", and
  confirmation never lowers a score.

Disagreement is judged on the answers themselves, never on evidence-weighted scores. Two
choices disagree when they stand two or more steps apart on the choice list, when one says
the thing is in place (a choice scoring above 0) and the other that it is not (scoring 0),
or when what they score is half the scale or more apart (an owner who can make tradeoffs,
100, against one who cannot, 50). Yes against no; two points apart on a rating, three on
a 0–10 scale. Claims are compared
between any two respondents; other questions only between different roles, since users
who differ from each other about their own week are not contradicting anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from questionnaires.answers import answer_text, not_applicable
from questionnaires.model import Question
from scoring.responses import Response
from scoring.results import Answer, Disagreement

DOCUMENTED, CONFIRMED = 3, 2
COMPARED = frozenset({"select_one", "yes_no", "rating", "scale"})
POINTS_APART = {"rating": 2, "scale": 3}
HALF_SCALE = 50.0
SELLER_CUSTOMER, CUSTOMERS, SELLERS, ROLES = ("seller and customer", "customer respondents",
                                              "sellers", "roles")


class Said(NamedTuple):
    """One respondent's relevant, scored answer to one question."""

    response: Response
    answer: object
    base: float
    """The answer's score before evidence."""
    grade: int
    """The evidence it carries: the seller's grade, or 2–3 for a customer (claims only)."""
    applies: bool = True
    """False for an answer that says the question does not apply (scores nothing)."""


def effective_grade(response: Response, grade: int | None) -> int:
    """A seller's grade as given (missing: unknown); a customer's answer confirms (2), or
    documents (3) when they can point to a document."""
    if response.customer:
        return DOCUMENTED if grade == DOCUMENTED else CONFIRMED
    return grade or 0


def same(a: object, b: object) -> bool:
    """Whether two answers say the same (the order of ticked choices does not matter)."""
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


def counted(question: Question, said: Sequence[Said]) -> tuple[Said, int] | None:
    """The answer that counts for a claim and the evidence grade it carries; None when
    nobody answered, or when those whose answers count say it does not apply."""
    customers = [s for s in said if s.response.customer]
    pool = [s for s in (customers if customers and question.customer_fact else said)
            if s.applies]
    if not pool:
        return None
    # Most cautious first; of equal answers, the best evidenced; then a fixed order.
    winner = min(pool, key=lambda s: (s.base, -s.grade, str(s.answer),
                                      s.response.respondent))
    grade = max(s.grade for s in said if same(s.answer, winner.answer))
    return winner, grade


def apart(question: Question, a: object, b: object) -> str | None:
    """Why two answers to one question disagree, or None when they do not."""
    if not_applicable(question, a) != not_applicable(question, b):
        return "one says it does not apply, the other answers it"
    if question.type == "yes_no":
        return "yes against no" if a != b else None
    if question.type in POINTS_APART and isinstance(a, int) and isinstance(b, int):
        limit = POINTS_APART[question.type]
        return f"{abs(a - b)} points apart" if abs(a - b) >= limit else None
    if question.type != "select_one":
        return None
    order = [c.value for c in question.choices if not c.not_applicable]
    scores = {c.value: c.score for c in question.choices}
    if a not in order or b not in order:
        return None
    steps = abs(order.index(str(a)) - order.index(str(b)))
    low, high = sorted((scores[str(a)] or 0.0, scores[str(b)] or 0.0))
    if steps >= 2:
        return f"{steps} steps apart on the choice list"
    if (low == 0) != (high == 0):
        return "one says it is in place, the other that it is not"
    if high - low >= HALF_SCALE:
        return f"{high - low:g} points apart in what they score"
    return None


def _between(x: Response, y: Response) -> str:
    if x.customer != y.customer:
        return SELLER_CUSTOMER
    return CUSTOMERS if x.customer else SELLERS if x.role == y.role else ROLES


def comparable(question: Question, said: Sequence[Said]) -> bool:
    """Whether answers to this question can disagree at all (two people who may compare)."""
    if question.type not in COMPARED or len(said) < 2:
        return False
    return bool(question.evidence) or len({s.response.role for s in said}) > 1


def disagreement(question: Question, said: Sequence[Said], *, criterion_label: str,
                 must_have: bool, cap_label: str) -> Disagreement | None:
    """The widest disagreement on one question (seller against customer first), if any."""
    if not comparable(question, said):
        return None
    found = []
    for i, x in enumerate(said):
        for y in said[i + 1:]:
            if not question.evidence and x.response.role == y.response.role:
                continue
            reason = apart(question, x.answer, y.answer)
            if reason is not None:
                low, high = sorted((x, y), key=lambda s: (s.applies, s.base, str(s.answer),
                                                          s.response.respondent))
                between = _between(x.response, y.response)
                # Ranked by what was said, never by who: renaming people changes nothing.
                found.append((between != SELLER_CUSTOMER, -(high.base - low.base), low.base,
                              str(low.answer), str(high.answer), between, reason, low, high))
    if not found:
        return None
    *_, between, reason, low, high = min(found, key=lambda f: f[:5])
    best = counted(question, said) if question.evidence else None

    def answer(s: Said) -> Answer:
        r = s.response
        return Answer(r.respondent, r.role, r.name, r.attributed, r.customer,
                      answer_text(question, s.answer))

    return Disagreement(
        item=question.id, label=question.label.get(), criterion=question.criterion or "",
        criterion_label=criterion_label, must_have=must_have, between=between, reason=reason,
        low=answer(low), high=answer(high), answers=tuple(answer(s) for s in said),
        counted=answer_text(question, best[0].answer) if best else "",
        caps_at=cap_label if must_have and between == SELLER_CUSTOMER else "")
