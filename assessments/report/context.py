"""What the report template needs beside the roll-up: charts, its date, blockers, the
disagreements, one criteria section per scored questionnaire with who answered it
(assessments.report.sections), and the appendix (assessments.report.appendix).

The report's date is the newest response's, never today's, so rebuilding an unchanged
assessment gives the same page and a byte-identical PDF. Whatever it says of customer
respondents follows scoring.privacy: confidential answers only in totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from assessments.paths import FULL_PDF_NAME, PDF_NAME
from assessments.report import charts
from assessments.report.appendix import appendix
from assessments.report.sections import Respondents, respondents, sections
from questionnaires.model import Questionnaire, Scoring
from scoring.adoption import AdoptionLoop
from scoring.aggregate import CONFIDENCE_LABELS
from scoring.assess import Rollup
from scoring.blockers import BLOCKER_CATEGORIES, Blocker
from scoring.commitments import SIDES, STATUSES, serves
from scoring.ids import READINESS
from scoring.instruments import display_round
from scoring.privacy import (
    COMMENTS_SHOWN,
    Comments,
    disagreement_row,
    newest,
)
from scoring.responses import Response
from scoring.results import Disagreement
from scoring.stakeholders import QUADRANT_LABELS, STANCE_NAMES

__all__ = ["BlockerRow", "Respondents", "blocker_rows", "blocker_totals",
           "report_context", "respondents"]


@dataclass(frozen=True)
class BlockerRow:
    """A blocker type: named this week, over all weeks, and the response it calls for."""

    label: str
    latest: int
    total: int
    response: str


def report_context(rollup: Rollup, definitions: Mapping[str, Questionnaire],
                   responses: Mapping[str, Sequence[Response]], edition: str = "page"
                   ) -> dict[str, Any]:
    """Template variables for report.html beyond `r`, `a`, `stages`, `loop`, `definitions`.

    The executive edition prints no appendix, so it is not gathered for it."""
    latest = max((r.submitted_at for group in responses.values() for r in group), default="")
    return {
        "charts": _charts(rollup),
        "report_date": latest[:10],
        "created": _w3c(latest),
        "confidence_label": next(label for low, label in CONFIDENCE_LABELS
                                 if display_round(rollup.confidence) >= low),
        "blocker_rows": blocker_rows(rollup.adoption),
        "value_words": value_words(rollup.adoption),
        "disagreement_rows": tuple(disagreement_row(d, rollup.min_group)
                                   for d in _disagreements(rollup, edition)),
        "disagreements_left_out": _left_out(rollup, edition),
        "sections": sections(rollup, definitions),
        "stance_names": STANCE_NAMES,
        "quadrant_labels": QUADRANT_LABELS,
        "appendix": (() if edition == "executive" else
                     appendix(definitions, responses, rollup.min_group)),
        "min_group": rollup.min_group,
        "comments_shown": COMMENTS_SHOWN,
        "pdf_href": PDF_NAME,
        "full_pdf_href": FULL_PDF_NAME,
        "commitment_sides": SIDES,
        "commitment_statuses": STATUSES,
        "commitment_serves": partial(serves, criteria=_criteria(definitions)),
    }


def _criteria(definitions: Mapping[str, Questionnaire]) -> dict[str, str]:
    q = definitions.get(READINESS)
    return {c.id: c.label.get() for c in ((q.scoring or Scoring()).criteria if q else ())}


SHORT_DISAGREEMENTS = 4
"""Disagreements the executive report lists: those that cap the verdict first."""


def _disagreements(rollup: Rollup, edition: str) -> Sequence[Disagreement]:
    if edition != "executive":
        return rollup.disagreements
    return sorted(rollup.disagreements, key=lambda d: not d.caps)[:SHORT_DISAGREEMENTS]


def _left_out(rollup: Rollup, edition: str) -> tuple[int, int]:
    """(disagreements the edition leaves out, how many of those cap the verdict)."""
    shown = _disagreements(rollup, edition)
    return (len(rollup.disagreements) - len(shown),
            sum(d.caps for d in rollup.disagreements) - sum(d.caps for d in shown))


def _charts(r: Rollup) -> dict[str, Markup | None]:
    adoption = r.adoption
    latest = adoption.latest if adoption else None
    people = r.stakeholders.stakeholders if r.stakeholders else ()
    return {
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


def value_words(adoption: AdoptionLoop | None) -> Comments:
    """First value in the users' own words (the confirmations are quoted apart): the
    newest, and how many more."""
    if adoption is None:
        return Comments(())
    confirmed = {e.text for e in adoption.value.confirmations} if adoption.value else set()
    # The evidence runs oldest first.
    return newest(t for t in reversed(adoption.first_value_evidence) if t not in confirmed)


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
