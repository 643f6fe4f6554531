"""Alerts: what in a deal needs someone's attention this week, said in one line each.

- a live deal whose health is at risk (the lowest band), or trending down;
- a must-have gate that the latest readiness round newly failed;
- a customer commitment on a must-have that slipped (scoring.commitments);
- an adoption checkpoint a week past its day, unanswered (scoring.checkpoints);
- a live deal with no pulse answers for two weeks or more.

Each alert names the deal and its owner, who acts on it. The list is the same on the seller's
dashboard and from `readygate alerts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scoring.assess import Rollup
from scoring.checkpoints import next_due
from scoring.instruments import display_round
from scoring.loopactions import AT_RISK

QUIET_WEEKS = 2
"""Weeks without a pulse answer that make a live deal an alert."""
KINDS = {"at_risk": "Health at risk", "trending_down": "Health trending down",
         "gate_failed": "Must-have gate newly failed",
         "commitment_slipped": "Customer commitment slipped",
         "checkpoint_overdue": "Checkpoint overdue", "no_pulses": "No pulse answers"}


@dataclass(frozen=True)
class Alert:
    """One thing that needs attention in one deal."""

    assessment: str
    account: str
    owner: str
    kind: str
    text: str

    @property
    def title(self) -> str:
        """What kind of alert it is, in words."""
        return KINDS[self.kind]


def alerts(rollup: Rollup, today: dt.date) -> list[Alert]:
    """The deal's alerts as of `today`, in the order of KINDS."""
    a = rollup.assessment
    found: list[tuple[str, str]] = []
    live = a.stage == "live"
    latest = rollup.adoption.latest if rollup.adoption and live else None
    if latest is not None and not latest.too_few and latest.health is not None:
        health = display_round(latest.health)
        if latest.band == AT_RISK:
            found.append(("at_risk", f"week {latest.week}: health {health}, "
                                     f"{latest.band_label.lower()}"))
        elif latest.trend == "down":
            since = f" from {latest.peak} in week {latest.peak_week}" if latest.peak else ""
            found.append(("trending_down", f"week {latest.week}: health {health}, down{since}"))
    failed = [c.text.split(":")[0] for c in rollup.changed if c.kind == "gate_failed"]
    if failed:
        made = rollup.rounds[-1]
        found.append(("gate_failed", f"{', '.join(failed)}, in round {made.number} "
                                     f"({made.at[:10]}, {made.by})"))
    for c in rollup.slipped:
        by = f", due {c.due}" if c.due else ""
        found.append(("commitment_slipped", f"“{c.text}” ({c.owner or 'the customer'}{by})"))
    due = next_due(a.go_live, rollup.checkpoints, today) if live else None
    if due is not None and due.overdue:
        found.append(("checkpoint_overdue", f"day {due.day}, due {due.date}"))
    if live and a.go_live:
        now = (today - dt.date.fromisoformat(a.go_live)).days // 7 + 1
        answered = [w.week for w in (rollup.adoption.weeks if rollup.adoption else ())
                    if w.respondents]
        last = max(answered, default=0)
        if now - max(last, 1) >= QUIET_WEEKS and now >= 1:
            found.append(("no_pulses", f"none since week {last}, now week {now}" if last
                          else f"none since go-live, now week {now}"))
    order = list(KINDS)
    found.sort(key=lambda pair: order.index(pair[0]))
    return [Alert(a.id, a.account, a.owner, kind, text) for kind, text in found]
