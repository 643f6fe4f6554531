"""Where each respondent link stands: sent, opened, answered (for pulses: which weeks),
reminded; and per questionnaire, how many of its people have answered.

It reads invitations and responses and shows nothing anyone answered: only whether and
when. Drafts never count as answers (they are not responses).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assessments.store.records import Invitation, ResponseRecord
from scoring.ids import PULSE


@dataclass(frozen=True)
class Tracked:
    """One personal link and where it stands."""

    invitation: Invitation
    state: str
    """ok, revoked or expired."""
    answered_at: str
    """When its latest answer came in ('' for none)."""
    weeks: frozenset[int]
    """The pulse weeks it answered."""
    due: bool
    """Whether an answer is still awaited: the link is open and unanswered (for a weekly
    pulse: unanswered this week)."""

    @property
    def status(self) -> str:
        """The furthest step it reached: answered, opened, sent, not sent, or created."""
        inv = self.invitation
        if self.answered_at:
            return "answered"
        if inv.opened_at:
            return "opened"
        if inv.sent_at:
            return "sent"
        if inv.email:
            return "not sent"
        return "created"

    @property
    def waiting_since(self) -> str:
        """Since when an answer is awaited: the message, else the link's creation."""
        return self.invitation.sent_at or self.invitation.created_at


@dataclass(frozen=True)
class Tally:
    """One questionnaire's personal links: how many have answered, and who is waiting."""

    questionnaire: str
    links: tuple[Tracked, ...]
    weekly: bool
    week: int
    """This week since go-live (pulses)."""
    open_answers: int
    """Answers through open links (anonymous: not counted as anyone's)."""

    @property
    def answered(self) -> int:
        """Links answered (for a weekly pulse: this week)."""
        return sum(1 for t in self.links if t.state == "ok" and not t.due)

    @property
    def live(self) -> int:
        """Links still open."""
        return sum(1 for t in self.links if t.state == "ok")

    @property
    def waiting(self) -> tuple[Tracked, ...]:
        """Open links still awaited, longest waiting first."""
        return tuple(sorted((t for t in self.links if t.due), key=lambda t: t.waiting_since))

    @property
    def weeks(self) -> tuple[int, ...]:
        """The grid's weeks: 1 to this week (and 0 when someone answered before go-live)."""
        first = 0 if any(0 in t.weeks for t in self.links) else 1
        return tuple(range(first, self.week + 1))


def track(invitations: Sequence[Invitation],
          responses: Sequence[ResponseRecord], week: int, moment: dt.datetime,
          state: Callable[[Invitation, dt.datetime], str]) -> list[Tally]:
    """Every questionnaire's tally of personal links (`state(inv, moment)` gives a link's
    state; `week` is this week of the pulse)."""
    latest: dict[tuple[str, str], str] = {}
    weeks: dict[tuple[str, str], set[int]] = {}
    for r in responses:
        key = (r.questionnaire, r.respondent)
        latest[key] = max(latest.get(key, ""), r.submitted_at)
        if r.week is not None:
            weeks.setdefault(key, set()).add(r.week)
    opened = {i.id for i in invitations if i.open}
    tallies = []
    for qid in dict.fromkeys(i.questionnaire for i in invitations):
        weekly = qid == PULSE
        links = []
        for inv in invitations:
            if inv.questionnaire != qid or inv.open:
                continue
            key = (qid, inv.id)
            done = weeks.get(key, set())
            link_state = state(inv, moment)
            answered = week in done if weekly else key in latest
            links.append(Tracked(inv, link_state, latest.get(key, ""), frozenset(done),
                                 link_state == "ok" and not answered))
        # An open link's answers are each a person of their own: `<link id>_<suffix>`.
        anonymous = sum(1 for r in responses if r.questionnaire == qid and
                        r.respondent.rpartition("_")[0] in opened)
        tallies.append(Tally(qid, tuple(links), weekly, week, anonymous))
    return tallies
