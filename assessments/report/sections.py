"""One report section per scored questionnaire: the readiness check's criteria first, then
each of the project's own questionnaires that someone answered, by id.

Every section shows the same criteria chart, criteria table and respondents; an own
questionnaire's section also lists its barriers with their actions and says what it does
to the deal's verdict (scoring.custom). An unanswered own questionnaire shows nothing: a
report reads only the definitions it has answers to (assessments.build.manifest).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from assessments.report import charts
from assessments.report.sparkline import sparkline
from questionnaires.model import Questionnaire, Scoring
from scoring.assess import Rollup
from scoring.custom import cap_of
from scoring.ids import READINESS
from scoring.responses import MIN_GROUP
from scoring.results import INSUFFICIENT, RespondentResult, Score
from scoring.rounds import Change, Round

READINESS_ANCHOR = "criteria"


@dataclass(frozen=True)
class Respondents:
    """Who answered one questionnaire, as a report may say it."""

    named: tuple[RespondentResult, ...]
    """The seller's and named links' own scores."""
    confidential: int
    """Customer respondents on confidential links: only counted."""


@dataclass(frozen=True)
class Section:
    """One questionnaire's criteria as the report shows them."""

    questionnaire: str
    anchor: str
    """The section's id on the page; the readiness check keeps `criteria`."""
    heading: str
    name: str
    """How its summary line names the questionnaire."""
    score: Score | None
    """None while nobody has answered it."""
    chart: Markup | None
    respondents: Respondents
    floor: str
    """Its lowest band's label: where a failed must-have caps its own verdict."""
    own: bool = False
    """A project's own questionnaire: its barriers are listed in its section."""
    caps_at: str = ""
    """The deal verdict's band label it caps at before go-live; empty when it caps nothing."""
    min_group: int = MIN_GROUP
    rounds: tuple[Round, ...] = ()
    """The readiness check's rounds (scoring.rounds), oldest first."""
    changed: tuple[Change, ...] = ()
    """What changed in the latest round."""

    @property
    def trend(self) -> Markup:
        """The rounds' scores as a sparkline (empty with fewer than two rounds)."""
        if len(self.rounds) < 2:
            return Markup("")
        return sparkline([r.shown for r in self.rounds], "Readiness score by round")


def respondents(score: Score | None) -> Respondents:
    """The named respondents' own scores; the confidential ones only counted."""
    people = score.by_respondent if score else ()
    return Respondents(tuple(p for p in people if p.attributed),
                       sum(1 for p in people if not p.attributed))


def sections(rollup: Rollup, definitions: Mapping[str, Questionnaire]) -> tuple[Section, ...]:
    """The readiness section, then one per answered own questionnaire, in id order."""
    readiness = definitions.get(READINESS)
    bands = (readiness.scoring or Scoring()).bands if readiness else Scoring().bands
    # Once live, or while the deal has no verdict to lower, nothing is capped.
    capping = rollup.assessment.stage != "live" and rollup.verdict != INSUFFICIENT
    first = dataclasses.replace(
        _section(READINESS, READINESS_ANCHOR, "Readiness criteria", "Pre-close readiness",
                 rollup.readiness, readiness, rollup.min_group),
        rounds=rollup.rounds, changed=rollup.changed)
    own = []
    for qid in rollup.own:
        q, result = definitions[qid], rollup.questionnaires[qid]
        cap = cap_of(result, bands) if capping else None
        title = q.title.get()
        own.append(_section(qid, f"questionnaire-{qid}", title, title, result, q,
                            rollup.min_group, own=True,
                            caps_at=cap.label.get() if cap else ""))
    return (first, *own)


def _section(qid: str, anchor: str, heading: str, name: str, result: Score | None,
             q: Questionnaire | None, min_group: int, *, own: bool = False,
             caps_at: str = "") -> Section:
    bands = sorted((q.scoring if q and q.scoring else Scoring()).bands, key=lambda b: b.min)
    return Section(qid, anchor, heading, name, result,
                   charts.criteria_chart(result.criteria) if result else None,
                   respondents(result), bands[0].label.get() if bands else "", own=own,
                   caps_at=caps_at, min_group=min_group)
