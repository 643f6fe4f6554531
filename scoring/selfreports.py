"""Stakeholders' own answers: who they are, ADKAR barrier shares, and where they contradict
the seller's map.

A self-report answers the stakeholder section of `stakeholder-map`: role group, whether
they wanted the purchase, what success looks like for them, what would make them resist,
and ADKAR ratings (an element asked in several items counts its weakest item). Each
respondent counts once, with their latest answers.

Self-reports feed the verdict: a group of daily users, managers, the approver or the owner
with a third or more of its people at an ADKAR barrier point caps readiness at conditional
(scoring.assess). Reports name a group only when it has at least `min_group` people;
smaller groups are pooled, and a pool under `min_group` is only counted.

Where the seller's stance for a mapped person stands two or more steps from the stance
their own answers give (their desire rating: 1 resistant … 5 leading), it is flagged like
a seller/customer disagreement. A named link's contradiction names the person; the
confidential ones are only counted, and shown from `min_group` on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.adkar import (
    ELEMENTS,
    AdkarSegment,
    Ratings,
    adkar_segments,
    large_share,
    latest_per_respondent,
    stuck_at,
)
from scoring.claims import SELLER_CUSTOMER
from scoring.responses import Response
from scoring.results import Answer, Disagreement

ROLE_GROUP, WANTED_IT, MY_SUCCESS, MY_RESISTANCE = ("role_group", "wanted_it", "my_success",
                                                    "my_resistance")
ADKAR_ITEMS: Mapping[str, tuple[str, ...]] = {
    "awareness": ("adkar_awareness",),
    "desire": ("adkar_desire",),
    "knowledge": ("adkar_knowledge_what", "adkar_knowledge_how"),
    "ability": ("adkar_ability_time", "adkar_ability_access", "adkar_ability_skills"),
    "reinforcement": ("adkar_reinforcement",),
}
SELF_QUESTIONS = (ROLE_GROUP, WANTED_IT, MY_SUCCESS, MY_RESISTANCE,
                  *(q for items in ADKAR_ITEMS.values() for q in items))
CAPPING_GROUPS = ("daily_user", "manager", "approver", "owner")
"""Groups whose barrier share caps readiness: those the first workflow cannot do without."""
DESIRE_STANCE = {1: -2, 2: -1, 3: 0, 4: 1, 5: 2}
STANCE_STEPS = 2


@dataclass(frozen=True)
class SelfReport:
    """One stakeholder's own answers."""

    response: Response
    group: str
    wanted: str | None
    success: str | None
    resistance: str | None
    ratings: Ratings

    @property
    def stance(self) -> int | None:
        """The stance their desire rating gives, −2 resistant … +2 leading."""
        desire = self.ratings.get("desire")
        return None if desire is None else DESIRE_STANCE[desire]


@dataclass(frozen=True)
class Barrier:
    """A group with a third or more of its people at an ADKAR barrier point."""

    reason: str
    action: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.action}"


@dataclass(frozen=True)
class SelfReports:
    """All self-reports of one assessment, as the map and the verdict read them."""

    people: tuple[SelfReport, ...]
    segments: tuple[AdkarSegment, ...]
    hidden: int
    barriers: tuple[Barrier, ...]
    caps: bool
    """A group that matters has a third or more of its people at a barrier point."""


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _rating(value: object) -> int | None:
    return value if type(value) is int and 1 <= value <= 5 else None


def ratings(answers: Mapping[str, object]) -> dict[str, int | None]:
    """Element → rating; an element of several items is as strong as its weakest."""
    found: dict[str, int | None] = {}
    for element, items in ADKAR_ITEMS.items():
        given = [r for q in items if (r := _rating(answers.get(q))) is not None]
        found[element] = min(given) if given else None
    return found


def self_reports(responses: Sequence[Response], groups: Mapping[str, str],
                 criteria: Sequence[object], *, min_group: int) -> SelfReports:
    """Each respondent's latest self-report, ADKAR segments, and what they mean for the deal.

    `groups` maps role group ids to labels, in report order.
    """
    people = []
    for r in latest_per_respondent(responses, SELF_QUESTIONS):
        group = r.answers.get(ROLE_GROUP)
        wanted = r.answers.get(WANTED_IT)
        people.append(SelfReport(
            r, group if isinstance(group, str) and group in groups else "other",
            wanted if isinstance(wanted, str) else None, _text(r.answers.get(MY_SUCCESS)),
            _text(r.answers.get(MY_RESISTANCE)), ratings(r.answers)))
    segments, hidden = adkar_segments(
        [(p.group, p.ratings) for p in people], group_order=tuple(dict.fromkeys((*groups,
                                                                                "other"))),
        group_labels=groups, criteria=criteria,  # type: ignore[arg-type]
        min_group=min_group)
    findings = [_barrier(s) for s in segments if s.large]
    shown = {s.group for s in segments}
    capping = [g for g in CAPPING_GROUPS if _large([p for p in people if p.group == g])]
    # A capping group too small to show apart still caps; it is said without naming it,
    # unless the combined segment it sits in already says so.
    unseen = [g for g in capping if g not in shown]
    if unseen and not any(s.group not in groups and s.large for s in segments):
        findings.append(Barrier(f"Own answers from a group too small to show apart (fewer "
                                f"than {min_group} people) put people at an ADKAR barrier "
                                "point", "Ask them, in person, what stands in the way, and "
                                "agree one change to the plan that answers it."))
    return SelfReports(tuple(people), segments, hidden, tuple(findings), bool(capping))


def _large(members: Sequence[SelfReport]) -> bool:
    count, _ = stuck_at([m.ratings for m in members])
    return large_share(count, len(members))


def _barrier(segment: AdkarSegment) -> Barrier:
    element = segment.first_barrier or ELEMENTS[0]
    return Barrier(f"{segment.at_barrier} of {segment.n} in {segment.label} are at an ADKAR "
                   f"barrier point, most at {element}",
                   segment.first_action or f"Work on {element} with this group.")


def _key(name: str) -> str:
    """A person's name as maps and links write it: before any comma or bracket, lowercase."""
    return re.split(r"[,(]", name, maxsplit=1)[0].strip().casefold()


def contradictions(rows: Sequence[tuple[str, int | None]], people: Sequence[SelfReport],
                   stance_names: Mapping[int, str], seller: str
                   ) -> tuple[tuple[Disagreement, ...], int]:
    """Named contradictions between a map row's stance and the person's own, and how many
    confidential ones there are. `rows` are (name, stance) of `seller`'s map."""
    # Of two self-reports under one name, the later (then the first by id) is theirs.
    ordered = sorted(people, key=lambda p: (p.response.submitted_at, p.response.respondent),
                     reverse=True)
    by_name: dict[str, SelfReport] = {}
    for p in ordered:
        if p.response.name:
            by_name.setdefault(_key(p.response.name), p)
    named: list[Disagreement] = []
    hidden: list[Answer] = []
    for name, stance in rows:
        mine = by_name.get(_key(name))
        if mine is None or stance is None or mine.stance is None:
            continue
        steps = abs(stance - mine.stance)
        if steps < STANCE_STEPS:
            continue
        own_stance = f"{stance_names[mine.stance]} (wants to work the new way: " \
                     f"{mine.ratings.get('desire')} of 5)"
        r = mine.response
        if not r.attributed:
            hidden.append(Answer(r.respondent, r.role, "", False, True, own_stance))
            continue
        seller_says = Answer("", "seller", seller or "the seller's map", True, False,
                             stance_names[stance])
        own = Answer(r.respondent, r.role, r.name, True, True, own_stance)
        low, high = (seller_says, own) if stance < mine.stance else (own, seller_says)
        named.append(Disagreement(
            item="stance", label=f"Stance of {name}", criterion="",
            criterion_label=f"Stance of {name}", must_have=False, between=SELLER_CUSTOMER,
            reason=f"{steps} steps apart on the stance scale", low=low, high=high,
            answers=(seller_says, own), counted=""))
    if hidden:
        # Never which row: only that some people's own answers contradict the map.
        label = f"Stance of {len(hidden)} {'person' if len(hidden) == 1 else 'people'} " \
                "on the map"
        hidden.sort(key=lambda a: a.text)
        named.append(Disagreement(
            item="stance", label=label, criterion="", criterion_label=label, must_have=False,
            between=SELLER_CUSTOMER, reason="their own answers stand two or more steps from "
            "the seller's stance", low=hidden[0], high=hidden[-1], answers=tuple(hidden),
            counted=""))
    return tuple(named), len(hidden)
