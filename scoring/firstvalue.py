"""First value: the earliest credible evidence that the product does the job it was bought for.

The post-go-live seed's example of credible evidence: "the operations team used the
product for the weekly exception review, resolved seven cases through the new workflow,
and retired the old spreadsheet". So first value is proven only when it is

- *described concretely*: at least six words, and no hedge anywhere in it ("not sure",
  "I think", "maybe", "not yet"…); and
- *seen by more than one person*: reported by two or more respondents (in any weeks), or
  confirmed by the seller together with the customer's owner (the seller's part of the
  pulse: what happened in the owner's words, and who confirmed it).

Once proven it stays proven. A user's report names nobody (pulse answers are
confidential); a confirmation names the seller and the customer who confirmed it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.responses import Response

SEEN, TEXT = "first_value_seen", "first_value"
CONFIRMED, CONFIRMATION, CONFIRMED_BY = ("first_value_confirmed", "first_value_confirmation",
                                         "first_value_confirmed_by")
MIN_WORDS, MIN_REPORTERS = 6, 2
HEDGES = re.compile(r"\b(not (really )?sure|unsure|maybe|perhaps|i think|i guess|"
                    r"don'?t know|no idea|hard to say|not yet|not really|probably|possibly|"
                    r"hopefully|kind of|sort of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """One account of first value: what happened, from whom, in which week, on which day."""

    text: str
    week: int
    date: str
    by: str
    """"a user" for a pulse answer; the seller and who confirmed it for a confirmation."""
    confirmed: bool


@dataclass(frozen=True)
class FirstValue:
    """Whether first value is proven, since when, and on what evidence."""

    proven: bool
    week: int | None
    reports: tuple[Evidence, ...]
    """Concrete accounts, earliest first (users' and confirmations)."""
    reporters: int
    """Distinct users who described it concretely."""
    vague: int
    """Users who said they saw it but did not describe it concretely."""

    @property
    def confirmations(self) -> tuple[Evidence, ...]:
        """The seller's confirmations with the customer."""
        return tuple(e for e in self.reports if e.confirmed)


def concrete(text: object) -> bool:
    """Specific enough that both sides can see it: six words or more, and no hedge."""
    return (isinstance(text, str) and len(text.split()) >= MIN_WORDS
            and not HEDGES.search(text))


def first_value(pulses: Sequence[tuple[Response, Mapping[str, object]]],
                confirmations: Sequence[tuple[Response, Mapping[str, object]]],
                measured: Sequence[Evidence] = ()) -> FirstValue:
    """First value from users' (response, cleaned answers) pairs and the seller's, and from
    the proof metric moving with the customer's confirmation (`measured`: scoring.checkpoints),
    which proves it in its week like a confirmation."""
    reports: list[Evidence] = list(measured)
    reporters: dict[str, int] = {}
    vague: set[str] = set()
    for response, answers in pulses:
        if answers.get(SEEN) != "yes":
            continue
        text = answers.get(TEXT)
        if not concrete(text):
            vague.add(response.respondent)
            continue
        week = response.week or 0
        reporters.setdefault(response.respondent, week)
        reports.append(Evidence(str(text).strip(), week, response.submitted_at[:10], "a user",
                                False))
    for response, answers in confirmations:
        text, by = answers.get(CONFIRMATION), answers.get(CONFIRMED_BY)
        if answers.get(CONFIRMED) == "yes" and concrete(text) and isinstance(by, str):
            seller = response.name or response.respondent
            reports.append(Evidence(str(text).strip(), response.week or 0,
                                    response.submitted_at[:10],
                                    f"{seller} (seller) with {by.strip()}", True))
    reports.sort(key=lambda e: (e.week, e.date, e.text))
    weeks = sorted(reporters.values())
    candidates = [e.week for e in reports if e.confirmed]
    if len(weeks) >= MIN_REPORTERS:
        candidates.append(weeks[MIN_REPORTERS - 1])
    proven = min(candidates, default=None)
    return FirstValue(proven is not None, proven, tuple(reports), len(reporters),
                      len(vague - set(reporters)))
