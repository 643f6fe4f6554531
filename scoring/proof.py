"""The proof metric: the number the customer agreed would show the product doing its job,
with its baseline and target as recorded before close.

Read from the latest readiness answers a report may quote (the seller's, else a named
link's: scoring.handoff), keeping only what the form would have kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from questionnaires.answers import relevant_answers
from questionnaires.model import Questionnaire
from scoring.handoff import quotable_source
from scoring.responses import Response

NAME, BASELINE, TARGET = "proof_metric_name", "proof_metric_baseline", "proof_metric_target"


@dataclass(frozen=True)
class ProofMetric:
    """The proof metric as recorded before close."""

    name: str
    baseline: str = ""
    target: str = ""


def proof_metric(q: Questionnaire | None, readiness: Sequence[Response]) -> ProofMetric | None:
    """The recorded proof metric, or None when nobody named one."""
    source = quotable_source(readiness)
    if source is None:
        return None
    answers = relevant_answers(q, source.answers) if q is not None else source.answers
    name = str(answers.get(NAME) or "").strip()
    if not name:
        return None
    return ProofMetric(name, str(answers.get(BASELINE) or "").strip(),
                       str(answers.get(TARGET) or "").strip())
