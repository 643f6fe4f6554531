"""ADKAR barrier points per respondent group, with small groups merged for privacy.

ADKAR (Hiatt 2006, *ADKAR: A Model for Change*) orders the five elements of individual
change: awareness, desire, knowledge, ability, reinforcement. A later element cannot hold
while an earlier one is missing, so the *barrier point* is the first element that does not
hold. A person is at a barrier point when an element is rated 2 or less of 5 (an element
asked in several items — knowledge: what and how; ability: time, access, skills — is as
strong as its weakest item). A group's profile takes the mean of each element, and its
barrier is the first element whose mean is 3 or less; but a mean hides people (two of
five at 1 sit under a 3.4 mean), so each group also counts the share of its people at a
barrier point, and a third or more is a finding.

Privacy: no segment with fewer than `min_group` respondents is shown on its own. Groups
under it are pooled into one `combined` segment; when the pool itself is under `min_group`
it is not shown either, and its respondents are only counted as hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from questionnaires import Criterion
from scoring.responses import Response, current

__all__ = [
    "BARRIER_AT",
    "COMBINED",
    "COMBINED_LABEL",
    "ELEMENTS",
    "LARGE_SHARE",
    "MIN_SEGMENT",
    "PERSON_BARRIER_AT",
    "AdkarSegment",
    "adkar_segments",
    "barrier_point",
    "element_means",
    "large_share",
    "latest_per_respondent",
    "person_barrier",
    "stuck_at",
]

ELEMENTS: tuple[str, ...] = ("awareness", "desire", "knowledge", "ability", "reinforcement")
BARRIER_AT = 3.0
"""An element whose group mean is at or below this (on 1–5) is not yet in place."""
PERSON_BARRIER_AT = 2
"""A person who rates an element at or below this (on 1–5) is at a barrier point."""
LARGE_SHARE = Fraction(1, 3)
"""A group with this share or more of its people at a barrier point is a finding."""
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
    at_barrier: int = 0
    """People in the segment at a barrier point (an element at 2 or less)."""
    first_barrier: str | None = None
    """The element most of those people are stuck at (earliest on a tie)."""
    first_action: str | None = None
    """The recommended next step for that element."""

    @property
    def share(self) -> float:
        """The share of the segment's people at a barrier point."""
        return self.at_barrier / self.n if self.n else 0.0

    @property
    def large(self) -> bool:
        """Whether a third or more of the segment is at a barrier point."""
        return large_share(self.at_barrier, self.n)


def large_share(at_barrier: int, people: int) -> bool:
    """Whether `at_barrier` of `people` is a third or more (counted exactly, no float)."""
    return people > 0 and at_barrier * LARGE_SHARE.denominator >= \
        people * LARGE_SHARE.numerator


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


def person_barrier(ratings: Ratings) -> str | None:
    """The first element, in ADKAR order, that this person rates 2 or less."""
    for element in ELEMENTS:
        rating = ratings.get(element)
        if rating is not None and rating <= PERSON_BARRIER_AT:
            return element
    return None


def stuck_at(members: Sequence[Ratings]) -> tuple[int, str | None]:
    """How many are at a barrier point, and the element most of them are stuck at."""
    points = [b for m in members if (b := person_barrier(m)) is not None]
    if not points:
        return 0, None
    return len(points), max(ELEMENTS, key=lambda e: (points.count(e), -ELEMENTS.index(e)))


def latest_per_respondent(
    responses: Sequence[Response], questions: Sequence[str]
) -> list[Response]:
    """The responses that answer any of `questions`, keeping each respondent's latest."""
    return current([r for r in responses
                    if any(r.answers.get(q) not in (None, "", ()) for q in questions)])


def adkar_segments(
    respondents: Sequence[tuple[str, Ratings]],
    *,
    group_order: Sequence[str],
    group_labels: Mapping[str, str],
    criteria: Sequence[Criterion] = (),
    min_group: int = MIN_SEGMENT,
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
        if len(members) >= min_group:
            label = group_labels.get(group, group)
            segments.append(_segment(group, label, members, element_labels, actions))
        else:
            pooled.extend(members)
    if len(pooled) >= min_group:
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
    at_barrier, first = stuck_at(members)
    return AdkarSegment(
        group=group,
        label=label,
        n=len(members),
        means=means,
        barrier=barrier,
        barrier_label=None if barrier is None else element_labels.get(barrier, barrier),
        action=None if barrier is None else actions.get(barrier),
        at_barrier=at_barrier,
        first_barrier=first,
        first_action=None if first is None else actions.get(first),
    )
