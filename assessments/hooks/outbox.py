"""The outbox: one store document, `webhooks`, and the pure changes made to it.

    {"started_at": ISO,
     "assessments": {ID: {"cursor": N, "state": {"verdict", "health", "gates"}}},
     "events": [{"id", "type", "created_at", "data",
                 "deliveries": {URL: {"status", "attempts", "next_at", "lease", "error",
                                      "last_at", "delivered_at"}}}]}

`cursor` counts an assessment's responses (superseded ones too: they are append-only, in
submission order) already turned into events; `state` is what was last announced. A
delivery is `pending` until a receiver answers 2xx (`delivered`) or MAX_ATTEMPTS attempts
fail (`failed`). Each change here runs inside `Store.change_document` (through `apply`),
so it reads no store and sends nothing: it only rewrites the document it is given.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from assessments.hooks.events import State, new_event
from assessments.project.webhooks import Webhook
from assessments.store.interface import Store
from assessments.store.service import iso, utc

DOCUMENT = "webhooks"
MAX_ATTEMPTS = 10
FIRST_RETRY = dt.timedelta(minutes=1)
LAST_RETRY = dt.timedelta(hours=6)
KEEP_DELIVERED = dt.timedelta(days=7)
KEEP_FAILED = dt.timedelta(days=30)
GONE = "this url is no longer in readygate.toml"
T = TypeVar("T")


@dataclass(frozen=True)
class Observation:
    """What one look at an assessment found: its events since `seen`, its new state."""

    assessment: str
    seen: int | None
    """The cursor the look started from (None: the outbox did not know the assessment)."""
    cursor: int
    state: State
    events: Sequence[tuple[str, Mapping[str, Any]]] = field(default_factory=tuple)


@dataclass(frozen=True)
class Claim:
    """One delivery taken for sending: the event as sent, to one receiver."""

    event: Mapping[str, Any]
    url: str
    attempts: int
    """Attempts before this one."""


@dataclass(frozen=True)
class Outcome:
    """How one claimed delivery went; `sent` False: not tried (its receiver was down)."""

    claim: Claim
    ok: bool
    error: str = ""
    sent: bool = True


def apply(store: Store, change: Callable[[dict[str, Any]], T]) -> T:
    """Run `change` on a copy of the outbox in one `Store.change_document`, and return what
    it returned (the copy: the document read must stay as the store gave it)."""
    result: list[T] = []

    def changed(current: dict[str, Any]) -> dict[str, Any]:
        doc = copy.deepcopy(current)
        result[:] = [change(doc)]
        return doc

    store.change_document(DOCUMENT, changed)
    return result[0]


def retry_after(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 1 min, 2, 4 … at most 6 h."""
    return min(FIRST_RETRY * (1 << min(max(attempts - 1, 0), 16)), LAST_RETRY)


def observe(doc: dict[str, Any], looks: Iterable[Observation], hooks: Sequence[Webhook],
            moment: dt.datetime) -> int:
    """Add the events of each look whose assessment is still as it started from (another
    `deliver` may have got there first), move its cursor and state; the events added."""
    known = doc.setdefault("assessments", {})
    events = doc.setdefault("events", [])
    doc.setdefault("started_at", iso(moment))
    added = 0
    for look in looks:
        entry = known.get(look.assessment)
        if (entry["cursor"] if entry else None) != look.seen:
            continue
        known[look.assessment] = {"cursor": look.cursor, "state": look.state}
        for kind, data in look.events:
            urls = [h.url for h in hooks if h.wants(kind)]
            if urls:
                event = new_event(kind, data, iso(moment))
                event["deliveries"] = {url: {"status": "pending", "attempts": 0,
                                             "next_at": iso(moment), "error": ""}
                                       for url in urls}
                events.append(event)
                added += 1
    configured = {h.url for h in hooks}
    for event in events:
        for url, delivery in event["deliveries"].items():
            if url not in configured and delivery["status"] == "pending":
                delivery.update(status="failed", error=GONE, last_at=iso(moment))
    return added


def _due(delivery: Mapping[str, Any], now: str) -> bool:
    return bool(delivery["status"] == "pending" and delivery["next_at"] <= now
                and delivery.get("lease", "") <= now)


def due(doc: Mapping[str, Any], urls: Iterable[str], moment: dt.datetime) -> int:
    """How many deliveries to `urls` are due at `moment` and not leased."""
    now, wanted = iso(moment), set(urls)
    return sum(1 for event in doc.get("events", []) for url, d in event["deliveries"].items()
               if url in wanted and _due(d, now))


def claim(doc: dict[str, Any], urls: Iterable[str], moment: dt.datetime, limit: int,
          lease: dt.timedelta) -> list[Claim]:
    """Take at most `limit` due deliveries to `urls`, oldest first, leased until `moment +
    lease` so that another `deliver` at the same time leaves them alone."""
    now, wanted = iso(moment), set(urls)
    taken: list[Claim] = []
    for event in doc.get("events", []):
        for url, delivery in event["deliveries"].items():
            if url in wanted and _due(delivery, now) and len(taken) < limit:
                delivery["lease"] = iso(moment + lease)
                sent = {k: event[k] for k in ("id", "type", "created_at", "data")}
                taken.append(Claim(sent, url, delivery["attempts"]))
    return taken


def record(doc: dict[str, Any], outcomes: Iterable[Outcome], moment: dt.datetime) -> None:
    """Note how each delivery went (unless another `deliver` noted it first), schedule the
    next attempt of a failed one or give up on it, and prune what is settled and old."""
    by_id = {e["id"]: e for e in doc.get("events", [])}
    for outcome in outcomes:
        c = outcome.claim
        delivery = by_id.get(c.event["id"], {}).get("deliveries", {}).get(c.url)
        if delivery is None or delivery["status"] != "pending" or \
                delivery["attempts"] != c.attempts:
            continue
        delivery.pop("lease", None)
        if not outcome.sent:
            continue
        attempts = delivery["attempts"] = c.attempts + 1
        delivery["last_at"] = iso(moment)
        if outcome.ok:
            delivery.update(status="delivered", delivered_at=iso(moment), error="")
        else:
            delivery["error"] = outcome.error
            if attempts >= MAX_ATTEMPTS:
                delivery["status"] = "failed"
            else:
                delivery["next_at"] = iso(moment + retry_after(attempts))
    prune(doc, moment)


def prune(doc: dict[str, Any], moment: dt.datetime) -> None:
    """Drop events every receiver has settled: delivered ones after KEEP_DELIVERED, those
    with a failed delivery after KEEP_FAILED (from their last attempt)."""
    def settled(event: Mapping[str, Any]) -> bool:
        deliveries = event["deliveries"].values()
        if any(d["status"] == "pending" for d in deliveries):
            return False
        keep = KEEP_FAILED if any(d["status"] == "failed" for d in deliveries) \
            else KEEP_DELIVERED
        last = max(d.get("last_at") or event["created_at"] for d in deliveries)
        return utc(last) + keep < moment

    doc["events"] = [e for e in doc.get("events", []) if not settled(e)]


def retry_failed(doc: dict[str, Any], urls: Iterable[str], moment: dt.datetime) -> int:
    """Make the failed deliveries to `urls` pending again, due now; how many."""
    wanted, count = set(urls), 0
    for event in doc.get("events", []):
        for url, delivery in event["deliveries"].items():
            if url in wanted and delivery["status"] == "failed":
                delivery.update(status="pending", attempts=0, next_at=iso(moment))
                count += 1
    return count
