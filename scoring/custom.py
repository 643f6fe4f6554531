"""A project's own questionnaires (any id but the built-ins) in the assessment roll-up.

The overall score, coverage and confidence stay the pre-close readiness check's: criteria
weighted by different authors do not add up to one number. An own questionnaire can only
lower the verdict, and only the way the readiness check's must-haves do — once it has a
verdict of its own (half its weight answered), a failed must-have caps the overall verdict
at the lowest band (not ready), and seller and customer disagreeing on one of its
must-haves caps it at the second (conditional). Its band never moves the verdict, and an
unanswered one takes no part. Its barriers follow the readiness barriers in the next
actions, questionnaires in id order. When no readiness check applies, the least ready own
questionnaire gives the deal its verdict and score (`least_ready`). docs/scoring.md ("Your
own questionnaires in the roll-up") says the same with an example.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from questionnaires.model import Band, Questionnaire, Scoring
from scoring.ids import BUILTINS
from scoring.instruments import display_round
from scoring.results import INSUFFICIENT, Action, Score

_NONE = Scoring()

__all__ = ["capped", "cap_of", "gate_name", "is_own", "least_ready", "own_actions",
           "own_gates", "own_scores"]


def is_own(q: Questionnaire) -> bool:
    """Whether a definition is a project's own (no built-in id) with criteria to score."""
    return q.id not in BUILTINS and bool(q.scoring and q.scoring.criteria)


def own_scores(definitions: Mapping[str, Questionnaire], scores: Mapping[str, Score]
               ) -> tuple[Score, ...]:
    """The own questionnaires someone answered, in id order."""
    return tuple(scores[qid] for qid in sorted(scores)
                 if qid in definitions and is_own(definitions[qid]) and scores[qid].respondents)


def gate_name(questionnaire: str, criterion: str) -> str:
    """A failed gate as the roll-up lists it: `questionnaire/criterion`."""
    return f"{questionnaire}/{criterion}"


def own_gates(own: Sequence[Score]) -> tuple[str, ...]:
    """The failed must-haves of the own questionnaires that have a verdict."""
    # Below half answered there is no verdict to cap with, as for the readiness check.
    return tuple(gate_name(s.questionnaire, gate) for s in own if s.verdict != INSUFFICIENT
                 for gate in s.failed_gates)


def cap_of(result: Score, bands: Sequence[Band]) -> Band | None:
    """The overall band one own questionnaire caps the verdict at (None: it caps nothing)."""
    ordered = sorted(bands, key=lambda b: b.min, reverse=True)
    if result.verdict == INSUFFICIENT or not ordered:
        return None
    if result.failed_gates:
        return ordered[-1]
    if result.capped_by:
        return ordered[min(1, len(ordered) - 1)]
    return None


def capped(verdict: str, label: str, why: str, bands: Sequence[Band], own: Sequence[Score],
           definitions: Mapping[str, Questionnaire]) -> tuple[str, str, str]:
    """(verdict, label, rule) once the own questionnaires' caps apply; a cap only lowers."""
    ordered = sorted(bands, key=lambda b: b.min, reverse=True)
    ids = [b.id for b in ordered]
    if verdict not in ids:
        return verdict, label, why  # insufficient data is no band: there is nothing to cap
    caps = [(ids.index(band.id), s) for s in own if (band := cap_of(s, ordered)) is not None]
    lower = [(rank, s) for rank, s in caps if rank > ids.index(verdict)]
    if not lower:
        return verdict, label, why
    rank = max(r for r, _ in lower)
    band = ordered[rank]
    reasons = "; ".join(_reason(s, definitions) for r, s in lower if r == rank)
    return band.id, band.label.get(), f"{why}, capped at {band.label.get().lower()}: {reasons}"


def own_actions(own: Sequence[Score], definitions: Mapping[str, Questionnaire]
                ) -> list[Action]:
    """Each own questionnaire's barriers in its own order, each naming the questionnaire."""
    return [Action(b.action, s.questionnaire,
                   f"{_title(s, definitions)} — {b.label}: {_shown(b.score)} below "
                   f"{b.pass_at:g}{' (must-have)' if b.must_have else ''}")
            for s in own for b in s.barriers]


def _reason(result: Score, definitions: Mapping[str, Questionnaire]) -> str:
    title = _title(result, definitions)
    if result.failed_gates:
        names = ", ".join(result.criterion(g).label for g in result.failed_gates)
        gates = "a must-have" if len(result.failed_gates) == 1 else "must-haves"
        return f"{title} fails {gates} ({names})"
    return f"seller and customer disagree on a must-have of {title}"


def _title(result: Score, definitions: Mapping[str, Questionnaire]) -> str:
    q = definitions.get(result.questionnaire)
    return q.title.get() if q else result.questionnaire


def _shown(value: float | None) -> str:
    return "no score" if value is None else str(display_round(value))


def least_ready(own: Sequence[Score], definitions: Mapping[str, Questionnaire]) -> Score | None:
    """Of the own questionnaires with a verdict, the one whose verdict is lowest in its own
    bands (then the lower score, then id order): the deal's verdict when no readiness check
    applies. None when none has a verdict."""
    def rank(result: Score) -> tuple[float, float, str]:
        bands = sorted((definitions[result.questionnaire].scoring or _NONE).bands,
                       key=lambda b: b.min, reverse=True)
        ids = [b.id for b in bands]
        depth = ids.index(result.verdict) / max(1, len(ids) - 1) if result.verdict in ids else 1
        return -depth, result.score if result.score is not None else 0.0, result.questionnaire

    judged = [s for s in own if s.verdict != INSUFFICIENT]
    return min(judged, key=rank) if judged else None
