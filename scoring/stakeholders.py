"""The stakeholder map: risk per person, quadrants, coverage of the seed groups, findings.

Responses to `stakeholder-map` are told apart by what they answer: a *seller* response
carries the `stakeholders` rows, a *self-response* the stakeholder's own questions
(scoring.selfreports). Of several seller responses only the latest by `submitted_at`
counts (a later map replaces the earlier; equal times: the later in the input).

Per row: risk = influence/5 × max(0, desired − stance)/4 × 100 (stances −2 resistant … +2
leading). The desired stance cannot be set below what the role needs — the approver, the
owner and managers at least supportive (+1), anyone else at least neutral (0) — so risk
cannot be zeroed by lowering the target; a missing one counts as that least. A missing or
invalid influence or stance leaves the risk unknown (None).

A resistor (stance below neutral, or did not want the purchase) counts as mitigated only
with a plan *and* someone who acts on it; "tbd" and the like are no plan.

The seed's four groups — daily users, managers, the approver, those who did not want it
(by the separate "did they want it" answer, not a role) — are covered by map rows or
self-reports. For each group the seed asks two questions: what success looks like for
them, and what would make them resist; a covered group without both answered leaves the
map incomplete.

Risk level, from the highest row risk (the risk score):
- `unknown` when there are no rows at all;
- `high` when it is 50 or more, or a resistor with influence 3 or more is not mitigated;
- `medium` when it is 25 or more, a seed group is not mapped or lacks its two answers, a
  resistor is not mitigated, a row lacks influence or stance, or a group that matters has
  a third or more of its people at an ADKAR barrier point;
- `low` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from questionnaires import Questionnaire
from scoring.adkar import AdkarSegment
from scoring.instruments import display_round
from scoring.responses import MIN_GROUP, Response
from scoring.results import Disagreement
from scoring.seedgroups import (
    DID_NOT_WANT_LABEL,
    GROUP_PHRASES,
    MISSING_GROUP_FINDINGS,
    NOT_WANTED,
    SEED_GROUPS,
    GroupCoverage,
    Member,
    incomplete,
    seed_coverage,
)
from scoring.selfreports import (
    SELF_QUESTIONS,
    Barrier,
    contradictions,
    self_reports,
)

__all__ = ["GROUP_PHRASES", "MISSING_GROUP_FINDINGS", "QUADRANT_LABELS", "SEED_GROUPS",
           "STANCE_VALUES", "GroupCoverage", "Stakeholder", "StakeholderMap", "stakeholder_map"]

# Question ids, in one place: a renamed question fails in `_labels` rather than silently.
STAKEHOLDERS = "stakeholders"
NAME, GROUP, WANTED, INFLUENCE, STANCE, DESIRED = ("name", "group", "wanted", "influence",
                                                   "stance", "desired_stance")
SUCCESS, RESISTANCE, MITIGATION, OWNER = "success", "resistance", "mitigation", "owner"

STANCE_VALUES: Mapping[str, int] = {"resistant": -2, "sceptical": -1, "neutral": 0,
                                    "supportive": 1, "leading": 2}
STANCE_NAMES: Mapping[int, str] = {value: name for name, value in STANCE_VALUES.items()}
SUPPORTIVE, NEUTRAL = STANCE_VALUES["supportive"], STANCE_VALUES["neutral"]
LEAST_STANCE: Mapping[str, int] = {"approver": SUPPORTIVE, "owner": SUPPORTIVE,
                                   "manager": SUPPORTIVE}
"""The least stance a role needs by go-live; anyone else at least neutral."""
HIGH_INFLUENCE, ON_SIDE = 3, SUPPORTIVE
HIGH_RISK, MEDIUM_RISK = 50.0, 25.0
PLACEHOLDERS = frozenset({"tbd", "tba", "todo", "to do", "n/a", "na", "-", "--", "?", "none",
                          "nothing", "later", "pending", "to be defined", "to be decided",
                          "...", "…", "x"})
"""What a "plan" or "owner" may say that is no plan or owner at all."""

# (high influence, on side) → quadrant. Neutral is not on side: with influence, a neutral
# person is a blocker until won over, since nothing is assumed.
QUADRANTS: Mapping[tuple[bool, bool], str] = {
    (True, True): "key_ally", (True, False): "critical_blocker",
    (False, False): "address_concerns", (False, True): "monitor",
}
QUADRANT_LABELS: Mapping[str, str] = {
    "key_ally": "Key ally", "critical_blocker": "Critical blocker",
    "address_concerns": "Address concerns", "monitor": "Monitor",
}
NO_MAP = "No stakeholder map yet."


@dataclass(frozen=True)
class Stakeholder:
    """One row of the seller's map, with its risk, quadrant and finding."""

    name: str
    group: str | None
    group_label: str
    influence: int | None
    stance: int | None
    desired: int
    desired_given: bool  # False when not answered and set to the least the role needs
    risk: float | None
    quadrant: str | None  # a QUADRANT_LABELS key; None without influence and stance
    resistor: bool
    mitigation: str | None
    owner: str | None
    success: str | None = None
    resistance: str | None = None
    missing: tuple[str, ...] = ()  # of name, group, influence, stance: unanswered or invalid
    finding: str | None = None
    did_not_want: bool = False
    desired_raised: bool = False  # given below what the role needs, and raised to it

    @property
    def unmitigated(self) -> bool:
        """A resistor without a plan to address their resistance and someone to act on it."""
        return self.resistor and (self.mitigation is None or self.owner is None)


@dataclass(frozen=True)
class StakeholderMap:
    """The scored stakeholder map of one assessment."""

    stakeholders: tuple[Stakeholder, ...]
    coverage: tuple[GroupCoverage, ...]
    missing_groups: tuple[str, ...]
    findings: tuple[str, ...]
    risk_level: str  # high, medium, low, or unknown when there is no map
    risk_score: float | None
    risk_reasons: tuple[str, ...]
    adkar: tuple[AdkarSegment, ...]
    adkar_hidden: int  # respondents in groups too small to show, even merged
    explain: tuple[str, ...]
    respondents: int
    map_submitted_at: str | None
    incomplete_groups: tuple[str, ...] = ()
    adkar_barriers: tuple[Barrier, ...] = ()
    """Groups with a third or more of their people at an ADKAR barrier point."""
    adkar_caps: bool = False
    """A group that matters has a third or more of its people at an ADKAR barrier point:
    readiness is conditional at best."""
    disagreements: tuple[Disagreement, ...] = ()
    """Named people whose own answers contradict the seller's stance for them."""
    hidden_contradictions: int = 0


def stakeholder_map(questionnaire: Questionnaire, responses: Sequence[Response], *,
                    min_group: int = MIN_GROUP) -> StakeholderMap:
    """Score the latest seller map and the stakeholders' self-responses."""
    labels = _labels(questionnaire)
    seller = _latest_map(responses)
    raw_rows = seller.answers.get(STAKEHOLDERS) if seller else ()
    rows = [_row(i, row, labels) for i, row in enumerate(_rows(raw_rows), start=1)]
    selves = self_reports(responses, labels, questionnaire.scoring.criteria
                          if questionnaire.scoring else (), min_group=min_group)
    coverage = seed_coverage(
        [Member(r.group, r.did_not_want, bool(r.success), bool(r.resistance)) for r in rows],
        [Member(p.group, p.wanted == NOT_WANTED, bool(p.success), bool(p.resistance))
         for p in selves.people], labels)
    missing_groups = tuple(c.group for c in coverage if not c.covered)
    incomplete = tuple(c.group for c in coverage if c.covered and not c.complete)
    named, hidden = contradictions([(r.name, r.stance) for r in rows], selves.people,
                                   STANCE_NAMES, seller.name if seller else "")
    rows = [replace(r, finding=" ".join(s for s in _sentences(r) if s) or None) for r in rows]
    findings = _findings(rows, missing_groups, coverage, [str(b) for b in selves.barriers])
    score = max((r.risk for r in rows if r.risk is not None), default=None)
    level, reasons = _level(rows, score, coverage, selves.caps)
    return StakeholderMap(
        stakeholders=tuple(rows), coverage=coverage, missing_groups=missing_groups,
        findings=findings, risk_level=level, risk_score=score, risk_reasons=reasons,
        adkar=selves.segments, adkar_hidden=selves.hidden, explain=_explain(rows, score),
        respondents=len(selves.people),
        map_submitted_at=(seller.submitted_at or None) if seller else None,
        incomplete_groups=incomplete, adkar_barriers=selves.barriers, adkar_caps=selves.caps,
        disagreements=named,
        hidden_contradictions=hidden,
    )


def _labels(questionnaire: Questionnaire) -> dict[str, str]:
    # Every id is looked up here first, so a renamed question raises KeyError in one place.
    for question_id in (STAKEHOLDERS, NAME, GROUP, WANTED, INFLUENCE, STANCE, DESIRED, SUCCESS,
                        RESISTANCE, MITIGATION, OWNER, *SELF_QUESTIONS):
        questionnaire.question(question_id)
    for stance_id in (STANCE, DESIRED):
        unknown = {c.value for c in questionnaire.question(stance_id).choices} - set(STANCE_VALUES)
        if unknown:
            raise ValueError(f"{stance_id}: stance choices without a value: {sorted(unknown)}")
    return {c.value: str(c.label) for c in questionnaire.question(GROUP).choices}


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _planned(value: object) -> str | None:
    """A plan or an owner, unless it only says there is none yet ("tbd")."""
    text = _text(value)
    return None if text is None or text.casefold().strip(" .!") in PLACEHOLDERS else text


def _rating(value: object) -> int | None:
    # `type() is` rejects bool (an int subclass); off the 1–5 scale counts as unanswered.
    return value if type(value) is int and 1 <= value <= 5 else None


def _choice(value: object, choices: Mapping[str, object]) -> str | None:
    return value if isinstance(value, str) and value in choices else None


def _rows(raw: object) -> list[Mapping[str, object]]:
    # Malformed stored rows are skipped rather than failing the whole report.
    return [row for row in raw if isinstance(row, Mapping)] if isinstance(raw, tuple | list) else []


def _latest_map(responses: Sequence[Response]) -> Response | None:
    maps = [response for response in responses if _rows(response.answers.get(STAKEHOLDERS))]
    # max() keeps the first of equal keys; reversed, that is the later response in the input.
    return max(reversed(maps), key=lambda response: response.submitted_at, default=None)


def _row(index: int, row: Mapping[str, object], labels: Mapping[str, str]) -> Stakeholder:
    name, group = _text(row.get(NAME)), _choice(row.get(GROUP), labels)
    influence, desired = _rating(row.get(INFLUENCE)), _choice(row.get(DESIRED), STANCE_VALUES)
    stance = STANCE_VALUES.get(_choice(row.get(STANCE), STANCE_VALUES) or "")
    least = LEAST_STANCE.get(group or "", NEUTRAL)
    asked = None if desired is None else STANCE_VALUES[desired]
    target = least if asked is None else max(asked, least)
    unwanted = row.get(WANTED) == NOT_WANTED
    risk: float | None = None
    quadrant: str | None = None
    if influence is not None and stance is not None:
        # One division of an integer by 20: risks are exact multiples of 5, so the 25 and 50
        # thresholds are compared without float drift.
        risk = influence * max(0, target - stance) * 100 / 20
        quadrant = QUADRANTS[(influence >= HIGH_INFLUENCE, stance >= ON_SIDE)]
    label = labels[group] if group else "role not given"
    return Stakeholder(
        name=name or f"Row {index}", group=group,
        group_label=f"{label}, {DID_NOT_WANT_LABEL.lower()}" if unwanted else label,
        influence=influence, stance=stance, desired=target, desired_given=asked is not None,
        risk=risk, quadrant=quadrant,
        resistor=(stance is not None and stance < 0) or unwanted,
        mitigation=_planned(row.get(MITIGATION)), owner=_planned(row.get(OWNER)),
        success=_text(row.get(SUCCESS)), resistance=_text(row.get(RESISTANCE)),
        missing=tuple(field for field, value in ((NAME, name), (GROUP, group),
                      (INFLUENCE, influence), (STANCE, stance)) if value is None),
        did_not_want=unwanted, desired_raised=asked is not None and asked < least,
    )


def _sentences(row: Stakeholder) -> tuple[str | None, str | None, str | None]:
    """The row's findings by kind: unmitigated resistor, critical blocker, missing data."""
    who = f"{row.name} ({row.group_label})"
    resistor = None
    if row.unmitigated:
        lacking = ("a mitigation" if row.mitigation is None and row.owner is None else
                   "a mitigation" if row.mitigation is None else "an owner for the mitigation")
        resistor = f"Resistor without {lacking}: {who}."
    blocker = None
    # An unmitigated resistor is already reported; saying "blocker" too would repeat it.
    if row.quadrant == "critical_blocker" and not row.unmitigated and row.stance is not None:
        blocker = (f"Critical blocker: {who} has influence {row.influence} and is "
                   f"{STANCE_NAMES[row.stance]}: win them over before go-live.")
    tail = "; no risk computed." if row.risk is None else "."
    missing = f"Missing data for {row.name}: {', '.join(row.missing)}{tail}"
    return resistor, blocker, missing if row.missing else None


def _findings(rows: Sequence[Stakeholder], missing_groups: Sequence[str],
              coverage: Sequence[GroupCoverage], adkar: Sequence[str]) -> tuple[str, ...]:
    # Highest risk first; unknown risks last; ties by influence, then name, so the order
    # does not depend on how the seller happened to order the rows.
    ranked = sorted(rows, key=lambda r: (r.risk is None, -(r.risk or 0.0),
                                         -(r.influence or 0), r.name))
    found = [NO_MAP] if not rows else []
    for kind in (0, 1):
        found.extend(s for row in ranked if (s := _sentences(row)[kind]))
    found.extend(MISSING_GROUP_FINDINGS[group] for group in missing_groups)
    found.extend(incomplete(g) for g in coverage if g.covered and not g.complete)
    found.extend(adkar)
    found.extend(s for row in rows if (s := _sentences(row)[2]))
    return tuple(found)


def _names(rows: Sequence[Stakeholder]) -> str:
    return ", ".join(row.name for row in rows)


def _level(rows: Sequence[Stakeholder], score: float | None,
           coverage: Sequence[GroupCoverage], adkar_caps: bool
           ) -> tuple[str, tuple[str, ...]]:
    if not rows:
        return "unknown", (NO_MAP,)
    # Without any computable risk, -1 stands below every threshold; the reasons say "none".
    at, shown = (-1.0, "none") if score is None else (score, str(display_round(score)))
    who = _names([r for r in rows if r.risk == score])
    gaps = ", ".join(c.label for c in coverage if not c.covered)
    thin = ", ".join(c.label for c in coverage if c.covered and not c.complete)
    unmitigated = [r for r in rows if r.unmitigated]
    incomplete = [r for r in rows if r.risk is None]
    strong = [r for r in unmitigated if (r.influence or 0) >= HIGH_INFLUENCE]
    high = [reason for hit, reason in (
        (at >= HIGH_RISK, f"Highest risk {shown} is 50 or more ({who})."),
        (bool(strong), f"Resistor with influence 3 or more and no mitigation with an owner: "
                       f"{_names(strong)}."),
    ) if hit]
    medium = [reason for hit, reason in (
        (at >= MEDIUM_RISK, f"Highest risk {shown} is 25 or more ({who})."),
        (bool(gaps), f"Groups not mapped: {gaps}."),
        (bool(thin), f"Groups without what success looks like and what would make them "
                     f"resist: {thin}."),
        (bool(unmitigated), f"Resistor without a mitigation and an owner: "
                            f"{_names(unmitigated)}."),
        (bool(incomplete), f"Influence or stance not given: {_names(incomplete)}."),
        (adkar_caps, "Own answers put a third or more of a group at an ADKAR barrier point."),
    ) if hit]
    if high or medium:
        return ("high", tuple(high)) if high else ("medium", tuple(medium))
    return "low", (f"Highest risk {shown} is under 25, every group is mapped with what success "
                   "looks like and what would make it resist, and every resistor has a "
                   "mitigation with an owner.",)


def _signed(value: int) -> str:
    return "0" if value == 0 else f"{value:+d}".replace("-", "−")


def _explain(rows: Sequence[Stakeholder], score: float | None) -> tuple[str, ...]:
    lines: list[str] = []
    for row in rows:
        if row.risk is None or row.influence is None or row.stance is None:
            absent = [f for f in row.missing if f in (INFLUENCE, STANCE)]
            lines.append(f"{row.name}: no risk, {' and '.join(absent)} not given")
            continue
        note = ("" if row.desired_given and not row.desired_raised
                else " (raised to what the role needs)" if row.desired_raised
                else " (the least the role needs)")
        lines.append(
            f"{row.name}: risk {display_round(row.risk)} = influence {row.influence}/5 × "
            f"(desired {_signed(row.desired)}{note} − stance {_signed(row.stance)} → "
            f"{max(0, row.desired - row.stance)})/4 × 100"
        )
    if score is not None:
        top = _names([row for row in rows if row.risk == score])
        lines.append(f"Risk score {display_round(score)} = the highest row risk ({top})")
    return tuple(lines)
