"""ADKAR barrier points per respondent group, with small groups merged for privacy.

ADKAR (Hiatt 2006, *ADKAR: A Model for Change*) orders the five elements of individual
change: awareness, desire, knowledge, ability, reinforcement. A later element cannot hold
while an earlier one is missing, so the *barrier point* is the first element that does not
hold: here the first, in that order, whose mean rating is 3 or less on the 1–5 scale.

Privacy: no segment with fewer than `MIN_SEGMENT` respondents is shown on its own. Groups
with 1–2 respondents are pooled into one `combined` segment; when the pool itself is under
`MIN_SEGMENT` it is not shown either, and its respondents are only counted as hidden.
A respondent who answered several times counts once, with their latest answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from questionnaires import Criterion
from scoring.responses import Response

__all__ = [
    "BARRIER_AT",
    "COMBINED",
    "COMBINED_LABEL",
    "ELEMENTS",
    "MIN_SEGMENT",
    "AdkarSegment",
    "adkar_segments",
    "barrier_point",
    "element_means",
    "latest_per_respondent",
]

ELEMENTS: tuple[str, ...] = ("awareness", "desire", "knowledge", "ability", "reinforcement")
BARRIER_AT = 3.0
"""An element whose mean is at or below this (on 1–5) is not yet in place."""
MIN_SEGMENT = 3
COMBINED = "combined"
COMBINED_LABEL = "Other groups (combined)"

# One respondent's ratings: element → rating 1–5, or None when unanswered.
Ratings = Mapping[str, int | None]


@dataclass(frozen=True)
class AdkarSegment:
    """The ADKAR profile of one group of respondents (or of the merged small groups)."""

    group: str
    label: str
    n: int
    """Respondents in the segment, whether or not they rated every element."""
    means: Mapping[str, float | None]
    """Element → mean of the answered ratings, None when nobody in the segment rated it."""
    barrier: str | None
    """The first element whose mean is at or below BARRIER_AT; None if all are above."""
    barrier_label: str | None = None
    action: str | None = None
    """The recommended next step for the barrier element, when the definition gives one."""


def element_means(ratings: Sequence[Ratings]) -> dict[str, float | None]:
    """Mean of each ADKAR element over the answered ratings only."""
    means: dict[str, float | None] = {}
    for element in ELEMENTS:
        values = [r for rating in ratings if (r := rating.get(element)) is not None]
        means[element] = sum(values) / len(values) if values else None
    return means


def barrier_point(means: Mapping[str, float | None]) -> str | None:
    """The first element, in ADKAR order, whose mean is at or below BARRIER_AT."""
    for element in ELEMENTS:
        mean = means.get(element)
        # An element nobody rated is unknown rather than failed: it cannot be the barrier.
        if mean is not None and mean <= BARRIER_AT:
            return element
    return None


def latest_per_respondent(
    responses: Sequence[Response], questions: Sequence[str]
) -> list[Response]:
    """The responses that answer any of `questions`, keeping each respondent's latest."""
    latest: dict[object, Response] = {}
    for index, response in enumerate(responses):
        if all(response.answers.get(q) in (None, "", ()) for q in questions):
            continue
        # Without a respondent id, responses cannot be matched, so each one stands alone.
        key: object = response.respondent or index
        # Equal times: the later in the input wins, as a resubmission would.
        if key not in latest or response.submitted_at >= latest[key].submitted_at:
            latest[key] = response
    return list(latest.values())


def adkar_segments(
    respondents: Sequence[tuple[str, Ratings]],
    *,
    group_order: Sequence[str],
    group_labels: Mapping[str, str],
    criteria: Sequence[Criterion] = (),
) -> tuple[tuple[AdkarSegment, ...], int]:
    """Segments in `group_order` (then `combined`), and how many respondents are not shown.

    `criteria` named after the elements give each barrier its label and recommended action.
    """
    element_labels = {c.id: str(c.label) for c in criteria}
    actions = {c.id: str(c.action) for c in criteria}
    by_group: dict[str, list[Ratings]] = {}
    for group, ratings in respondents:
        by_group.setdefault(group, []).append(ratings)
    # Groups not in the given order still count, after the known ones, so nobody is lost.
    order = [*group_order, *sorted(set(by_group) - set(group_order))]
    segments: list[AdkarSegment] = []
    pooled: list[Ratings] = []
    for group in order:
        members = by_group.get(group, [])
        if len(members) >= MIN_SEGMENT:
            label = group_labels.get(group, group)
            segments.append(_segment(group, label, members, element_labels, actions))
        else:
            pooled.extend(members)
    if len(pooled) >= MIN_SEGMENT:
        segments.append(_segment(COMBINED, COMBINED_LABEL, pooled, element_labels, actions))
        return tuple(segments), 0
    return tuple(segments), len(pooled)


def _segment(
    group: str,
    label: str,
    members: Sequence[Ratings],
    element_labels: Mapping[str, str],
    actions: Mapping[str, str],
) -> AdkarSegment:
    means = element_means(members)
    barrier = barrier_point(means)
    return AdkarSegment(
        group=group,
        label=label,
        n=len(members),
        means=means,
        barrier=barrier,
        barrier_label=None if barrier is None else element_labels.get(barrier, barrier),
        action=None if barrier is None else actions.get(barrier),
    )
