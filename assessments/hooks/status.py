"""Where the outbox stands, per receiver: what waits, what failed, what arrived, and why not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assessments.hooks.outbox import DOCUMENT, apply, retry_failed
from assessments.project.webhooks import Webhook
from assessments.store.interface import Store
from assessments.store.service import iso

STATUSES = ("pending", "failed", "delivered")


@dataclass(frozen=True)
class Problem:
    """A delivery whose last attempt failed: still pending, or given up on."""

    event: str
    kind: str
    url: str
    status: str
    attempts: int
    error: str
    next_at: str


@dataclass(frozen=True)
class Summary:
    """Deliveries by receiver and status, the newest problems first, and the assessments
    the outbox follows."""

    counts: Mapping[str, Mapping[str, int]]
    problems: Sequence[Problem] = field(default_factory=tuple)
    assessments: int = 0
    started_at: str = ""
    due: int = 0


def summary(doc: Mapping[str, Any], hooks: Sequence[Webhook], moment: dt.datetime, *,
            problems: int = 10) -> Summary:
    """The outbox in numbers: every configured receiver, and any other the outbox holds."""
    counts = {h.url: dict.fromkeys(STATUSES, 0) for h in hooks}
    found, due, now = [], 0, iso(moment)
    for event in doc.get("events", []):
        for url, d in event["deliveries"].items():
            counts.setdefault(url, dict.fromkeys(STATUSES, 0))[d["status"]] += 1
            if d["status"] == "pending" and d["next_at"] <= now:
                due += 1
            if d["status"] != "delivered" and d.get("error"):
                found.append(Problem(event["id"], event["type"], url, d["status"],
                                     d["attempts"], d["error"], d["next_at"]))
    found.sort(key=lambda p: p.next_at, reverse=True)
    return Summary(counts, tuple(found[:problems]), len(doc.get("assessments", {})),
                   doc.get("started_at", ""), due)


def read(store: Store, hooks: Sequence[Webhook], moment: dt.datetime) -> Summary:
    """The summary of the store's outbox."""
    return summary(store.document(DOCUMENT), hooks, moment)


def retry(store: Store, hooks: Sequence[Webhook], moment: dt.datetime) -> int:
    """Make every failed delivery to a configured receiver due again; how many."""
    return apply(store, lambda doc: retry_failed(doc, [h.url for h in hooks], moment))
