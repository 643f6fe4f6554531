"""The stakeholder map: risk per person, quadrants, coverage of the seed groups, findings.

Responses to `stakeholder-map` are told apart by what they answer: a *seller* response
carries the `stakeholders` rows, a *self-response* the stakeholder's own questions (role
group, success, resistance, ADKAR). Of several seller responses only the latest by
`submitted_at` counts (a later map replaces the earlier; equal times: the later in the
input). A respondent who answered several times counts once, with their latest answers;
one whose role group is missing or unknown counts as `other`.

Per row: risk = influence/5 × max(0, desired − stance)/4 × 100 (stances −2 resistant … +2
leading). A missing desired stance defaults to supportive (+1), the least a go-live needs; a
missing or invalid influence or stance leaves the risk unknown (None).

Risk level, from the highest row risk (the risk score):
- `unknown` when there are no rows at all;
- `high` when it is 50 or more, or a resistor with influence 3 or more has no mitigation;
- `medium` when it is 25 or more, a seed group is not mapped, a resistor has no mitigation,
  or a row lacks influence or stance (nothing is assumed: an incomplete row is not low);
- `low` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from questionnaires import Questionnaire
from scoring.adkar import ELEMENTS, AdkarSegment, adkar_segments, latest_per_respondent
from scoring.instruments import display_round
from scoring.responses import Response

__all__ = ["QUADRANT_LABELS", "SEED_GROUPS", "STANCE_VALUES", "GroupCoverage", "Stakeholder",
           "StakeholderMap", "stakeholder_map"]

# Question ids, in one place: a renamed question fails in `_labels` rather than silently.
STAKEHOLDERS = "stakeholders"
NAME, GROUP, INFLUENCE, STANCE, DESIRED = "name", "group", "influence", "stance", "desired_stance"
SUCCESS, RESISTANCE, MITIGATION, OWNER = "success", "resistance", "mitigation", "owner"
ROLE_GROUP, MY_SUCCESS, MY_RESISTANCE = "role_group", "my_success", "my_resistance"
ADKAR_QUESTIONS: Mapping[str, str] = {element: f"adkar_{element}" for element in ELEMENTS}
SELF_QUESTIONS = (ROLE_GROUP, MY_SUCCESS, MY_RESISTANCE, *ADKAR_QUESTIONS.values())

STANCE_VALUES: Mapping[str, int] = {"resistant": -2, "sceptical": -1, "neutral": 0,
                                    "supportive": 1, "leading": 2}
STANCE_NAMES: Mapping[int, str] = {value: name for name, value in STANCE_VALUES.items()}
DEFAULT_DESIRED = STANCE_VALUES["supportive"]
SEED_GROUPS: tuple[str, ...] = ("daily_user", "manager", "approver", "did_not_want")
RESISTING_GROUP = "did_not_want"
HIGH_INFLUENCE, ON_SIDE = 3, STANCE_VALUES["supportive"]
HIGH_RISK, MEDIUM_RISK = 50.0, 25.0

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
MISSING_GROUP_FINDINGS: Mapping[str, str] = {
    "daily_user": "No one mapped who will use it daily: ask which team does the work each day.",
    "manager": "No one mapped who will manage it: ask who runs the team that will use it.",
    "approver": "No one mapped who approved it: ask who signed off the purchase, and why.",
    "did_not_want": ("No one mapped who did not want it: ask the sponsor who argued against "
                     "the purchase."),
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
    desired_given: bool  # False when not answered and defaulted to supportive (+1)
    risk: float | None
    quadrant: str | None  # a QUADRANT_LABELS key; None without influence and stance
    resistor: bool
    mitigation: str | None
    owner: str | None
    success: str | None = None
    resistance: str | None = None
    missing: tuple[str, ...] = ()  # of name, group, influence, stance: unanswered or invalid
    finding: str | None = None

    @property
    def unmitigated(self) -> bool:
        """A resistor with no plan to address their resistance."""
        return self.resistor and self.mitigation is None


@dataclass(frozen=True)
class GroupCoverage:
    """Whether a seed group is mapped, by map rows or by its own respondents."""

    group: str
    label: str
    covered: bool
    count: int
    rows: int
    respondents: int


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


def stakeholder_map(questionnaire: Questionnaire, responses: Sequence[Response]) -> StakeholderMap:
    """Score the latest seller map and the stakeholders' self-responses."""
    labels = _labels(questionnaire)
    seller = _latest_map(responses)
    raw_rows = seller.answers.get(STAKEHOLDERS) if seller else ()
    rows = [_row(i, row, labels) for i, row in enumerate(_rows(raw_rows), start=1)]
    selves = latest_per_respondent(responses, SELF_QUESTIONS)
    self_groups = [_choice(r.answers.get(ROLE_GROUP), labels) or "other" for r in selves]
    counts = {g: (sum(r.group == g for r in rows), self_groups.count(g)) for g in SEED_GROUPS}
    coverage = tuple(GroupCoverage(g, labels[g], bool(n + m), n + m, rows=n, respondents=m)
                     for g, (n, m) in counts.items())
    missing_groups = tuple(c.group for c in coverage if not c.covered)
    rows = [replace(r, finding=" ".join(s for s in _sentences(r) if s) or None) for r in rows]
    findings = _findings(rows, missing_groups)
    score = max((r.risk for r in rows if r.risk is not None), default=None)
    level, reasons = _level(rows, score, missing_groups, labels)
    segments, hidden = adkar_segments(
        [(g, {e: _rating(r.answers.get(q)) for e, q in ADKAR_QUESTIONS.items()})
         for g, r in zip(self_groups, selves, strict=True)],
        group_order=(*SEED_GROUPS, "other"), group_labels=labels,
        criteria=questionnaire.scoring.criteria if questionnaire.scoring else (),
    )
    return StakeholderMap(
        stakeholders=tuple(rows), coverage=coverage, missing_groups=missing_groups,
        findings=findings, risk_level=level, risk_score=score, risk_reasons=reasons,
        adkar=segments, adkar_hidden=hidden, explain=_explain(rows, score),
        respondents=len(selves),
        map_submitted_at=(seller.submitted_at or None) if seller else None,
    )


def _labels(questionnaire: Questionnaire) -> dict[str, str]:
    # Every id is looked up here first, so a renamed question raises KeyError in one place.
    for question_id in (STAKEHOLDERS, NAME, GROUP, INFLUENCE, STANCE, DESIRED, SUCCESS,
                        RESISTANCE, MITIGATION, OWNER, *SELF_QUESTIONS):
        questionnaire.question(question_id)
    for stance_id in (STANCE, DESIRED):
        unknown = {c.value for c in questionnaire.question(stance_id).choices} - set(STANCE_VALUES)
        if unknown:
            raise ValueError(f"{stance_id}: stance choices without a value: {sorted(unknown)}")
    return {c.value: str(c.label) for c in questionnaire.question(GROUP).choices}


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


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
    target = DEFAULT_DESIRED if desired is None else STANCE_VALUES[desired]
    risk: float | None = None
    quadrant: str | None = None
    if influence is not None and stance is not None:
        # One division of an integer by 20: risks are exact multiples of 5, so the 25 and 50
        # thresholds are compared without float drift.
        risk = influence * max(0, target - stance) * 100 / 20
        quadrant = QUADRANTS[(influence >= HIGH_INFLUENCE, stance >= ON_SIDE)]
    return Stakeholder(
        name=name or f"Row {index}", group=group,
        group_label=labels[group] if group else "group not given",
        influence=influence, stance=stance, desired=target, desired_given=desired is not None,
        risk=risk, quadrant=quadrant,
        resistor=(stance is not None and stance < 0) or group == RESISTING_GROUP,
        mitigation=_text(row.get(MITIGATION)), owner=_text(row.get(OWNER)),
        success=_text(row.get(SUCCESS)), resistance=_text(row.get(RESISTANCE)),
        missing=tuple(field for field, value in ((NAME, name), (GROUP, group),
                      (INFLUENCE, influence), (STANCE, stance)) if value is None),
    )


def _sentences(row: Stakeholder) -> tuple[str | None, str | None, str | None]:
    """The row's findings by kind: unmitigated resistor, critical blocker, missing data."""
    who = f"{row.name} ({row.group_label})"
    resistor = f"Resistor without a mitigation: {who}." if row.unmitigated else None
    blocker = None
    # An unmitigated resistor is already reported; saying "blocker" too would repeat it.
    if row.quadrant == "critical_blocker" and not row.unmitigated and row.stance is not None:
        blocker = (f"Critical blocker: {who} has influence {row.influence} and is "
                   f"{STANCE_NAMES[row.stance]}: win them over before go-live.")
    tail = "; no risk computed." if row.risk is None else "."
    missing = f"Missing data for {row.name}: {', '.join(row.missing)}{tail}"
    return resistor, blocker, missing if row.missing else None


def _findings(rows: Sequence[Stakeholder], missing_groups: Sequence[str]) -> tuple[str, ...]:
    # Highest risk first; unknown risks last; ties by influence, then name, so the order
    # does not depend on how the seller happened to order the rows.
    ranked = sorted(rows, key=lambda r: (r.risk is None, -(r.risk or 0.0),
                                         -(r.influence or 0), r.name))
    found = [NO_MAP] if not rows else []
    for kind in (0, 1):
        found.extend(s for row in ranked if (s := _sentences(row)[kind]))
    found.extend(MISSING_GROUP_FINDINGS[group] for group in missing_groups)
    found.extend(s for row in rows if (s := _sentences(row)[2]))
    return tuple(found)


def _names(rows: Sequence[Stakeholder]) -> str:
    return ", ".join(row.name for row in rows)


def _level(rows: Sequence[Stakeholder], score: float | None, missing_groups: Sequence[str],
           labels: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    if not rows:
        return "unknown", (NO_MAP,)
    # Without any computable risk, -1 stands below every threshold; the reasons say "none".
    at, shown = (-1.0, "none") if score is None else (score, str(display_round(score)))
    who = _names([r for r in rows if r.risk == score])
    gaps = ", ".join(labels[group] for group in missing_groups)
    unmitigated = [r for r in rows if r.unmitigated]
    incomplete = [r for r in rows if r.risk is None]
    strong = [r for r in unmitigated if (r.influence or 0) >= HIGH_INFLUENCE]
    high = [reason for hit, reason in (
        (at >= HIGH_RISK, f"Highest risk {shown} is 50 or more ({who})."),
        (bool(strong), f"Resistor with influence 3 or more and no mitigation: {_names(strong)}."),
    ) if hit]
    medium = [reason for hit, reason in (
        (at >= MEDIUM_RISK, f"Highest risk {shown} is 25 or more ({who})."),
        (bool(missing_groups), f"Groups not mapped: {gaps}."),
        (bool(unmitigated), f"Resistor without a mitigation: {_names(unmitigated)}."),
        (bool(incomplete), f"Influence or stance not given: {_names(incomplete)}."),
    ) if hit]
    if high or medium:
        return ("high", tuple(high)) if high else ("medium", tuple(medium))
    return "low", (f"Highest risk {shown} is under 25, every group is mapped and every "
                   "resistor has a mitigation.",)


def _signed(value: int) -> str:
    return "0" if value == 0 else f"{value:+d}".replace("-", "−")


def _explain(rows: Sequence[Stakeholder], score: float | None) -> tuple[str, ...]:
    lines: list[str] = []
    for row in rows:
        if row.risk is None or row.influence is None or row.stance is None:
            absent = [f for f in row.missing if f in (INFLUENCE, STANCE)]
            lines.append(f"{row.name}: no risk, {' and '.join(absent)} not given")
            continue
        lines.append(
            f"{row.name}: risk {display_round(row.risk)} = influence {row.influence}/5 × "
            f"(desired {_signed(row.desired)}{'' if row.desired_given else ' (default)'} − "
            f"stance {_signed(row.stance)} → "
            f"{max(0, row.desired - row.stance)})/4 × 100"
        )
    if score is not None:
        top = _names([row for row in rows if row.risk == score])
        lines.append(f"Risk score {display_round(score)} = the highest row risk ({top})")
    return tuple(lines)
