"""The adoption-hypothesis handoff: seven points customer success inherits at go-live.

From the post-go-live seed: which workflow should depend on the product, which
users and how often, which old process retires, which outcome appears first,
which risks remain, which signals mean adoption is failing, and who owns
action on the customer side. Each point names the answers it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires.answers import is_empty, relevant_answers
from questionnaires.model import Questionnaire
from scoring.ids import PULSE, STAKEHOLDERS
from scoring.responses import Response
from scoring.results import Score

# The pre-close questions each point is read from, in the order they are tried.
SOURCES: Mapping[str, tuple[str, ...]] = {
    "workflow": ("first_workflow_name", "first_workflow"),
    "users": ("first_users_detail", "first_users"),
    "old_process": ("old_process_detail", "old_process"),
    "outcome": ("proof_metric_name", "proof_metric_baseline", "proof_metric_target",
                "decision_change_detail", "proof_metric"),
    "risks": ("stall_risks_detail",),
    "owner": ("owner_name", "owner"),
}
QUESTIONS = {
    "workflow": "Which workflow should now depend on the product?",
    "users": "Which users should use it, and how often?",
    "old_process": "Which old process should be retired?",
    "outcome": "Which outcome should appear first?",
    "risks": "Which risks remain?",
    "signals": "Which signals indicate adoption is failing?",
    "owner": "Who owns action on the customer side?",
}
NOT_KNOWN = "Not known yet"


@dataclass(frozen=True)
class HandoffPoint:
    """One point of the handoff, with where its answer came from."""

    key: str
    question: str
    answer: str
    known: bool
    sources: tuple[str, ...]
    plain: str = ""
    """The answer without notes (for the owner: a name the plan can assign work to)."""


def quotable_source(responses: Sequence[Response]) -> Response | None:
    """The latest readiness answers a report may quote: the seller's, else a named link's
    (a confidential customer's words never reach the handoff)."""
    quotable = [r for r in responses if r.attributed]
    return max(quotable, key=lambda r: (not r.customer, r.submitted_at), default=None)


def _counted(q: Questionnaire | None, score: Score | None, answers: Mapping[str, object],
             ids: Sequence[str], said: str) -> tuple[str, bool, str] | None:
    """Where the claim's counted answer is not the one quoted (a customer's answer counts
    over the seller's): what to say instead, and whether the point is known. The seller's
    details (`said`) stay when the customer's answer still has something in place."""
    results = {x.id: x for x in score.questions} if score else {}
    for qid in ids:
        found = results.get(qid)
        if q is None or found is None or found.counted is None:
            continue
        question = q.question(qid)
        if answers.get(qid) == found.counted:
            return None
        if not found.counted_shown:
            return ("Not settled: the customer side's answer differs from the seller's "
                    "(confidential)", False, "")
        choice = next((c for c in question.choices if c.value == found.counted), None)
        label = choice.label.get() if choice else str(found.counted)
        in_place = bool(choice and choice.score)
        details = said.split("; ")[0] if in_place and said else ""
        note = f"{label}: the customer's answer, which counts"
        return (f"{details} ({note})" if details and details != label else note), in_place, \
            details
    return None


def _read(q: Questionnaire | None, answers: Mapping[str, object],
          ids: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """Free text first; a choice label only when nobody wrote the details."""
    texts: list[str] = []
    used: list[str] = []
    known = {x.id: x for x in q.all_questions()} if q else {}
    for qid in ids:
        value = answers.get(qid)
        if is_empty(value):
            continue
        question = known.get(qid)
        if question is not None and question.choices:
            if texts:
                continue
            labels = {c.value: c.label.get() for c in question.choices}
            value = labels.get(str(value), str(value))
        texts.append(str(value))
        used.append(qid)
    return "; ".join(texts), tuple(used)


def handoff(readiness_q: Questionnaire | None, readiness: Sequence[Response],
            score: Score | None, risks: Sequence[str], signals: Sequence[str]
            ) -> tuple[HandoffPoint, ...]:
    """The seven points, from the seller's latest readiness answers and the findings; where
    a customer's answer counts over the seller's, it says so."""
    seller = quotable_source(readiness)
    answers = seller.answers if seller else {}
    if readiness_q is not None:
        # Only what the form would have kept: a hidden question's answer says nothing.
        answers = relevant_answers(readiness_q, answers)
    points = []
    for key, question in QUESTIONS.items():
        used: tuple[str, ...]
        if key == "signals":
            text, used = "; ".join(signals), (STAKEHOLDERS, PULSE)
        else:
            text, used = _read(readiness_q, answers, SOURCES[key])
            instead = _counted(readiness_q, score, answers, SOURCES[key], text)
            if instead is not None:
                points.append(HandoffPoint(key, question, *instead[:2], used, instead[2]))
                continue
        if key == "risks":
            failing = [f"{b.label} ({'must-have, ' if b.must_have else ''}below "
                       f"{b.pass_at:g})" for b in (score.barriers if score else ())]
            text = "; ".join([*failing, *risks, *([text] if text else [])])
        points.append(HandoffPoint(key, question, text or NOT_KNOWN, bool(text), used, text))
    return tuple(points)
