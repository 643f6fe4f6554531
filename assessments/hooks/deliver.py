"""One delivery pass: look at the store, add events to the outbox, claim, send, record.

The store's responses are the source of `response.submitted`: they are append-only, so a
cursor per assessment says which were announced, and an answer stored just before a crash
is announced by the next pass. Reading the store and sending happen outside
`Store.change_document`; each write to the outbox is a short change of its own, and the
one that adds events also moves the cursor, so an event is added once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from assessments.errors import NotFound
from assessments.hooks import outbox, send
from assessments.hooks.events import changes, state_of, submitted
from assessments.hooks.outbox import DOCUMENT, Claim, Observation, Outcome
from assessments.project.webhooks import Webhook
from assessments.store.interface import Store
from assessments.store.service import Definitions, by_questionnaire, iso, now, rollup

BATCH = 25
"""Deliveries claimed at once; their lease covers sending every one of them."""
Log = Callable[[str], None]


@dataclass(frozen=True)
class Pass:
    """What one pass did: events added to the outbox, how each claimed delivery went, and
    the receivers that could not be reached."""

    added: int = 0
    outcomes: Sequence[Outcome] = field(default_factory=tuple)
    down: frozenset[str] = frozenset()


def look(store: Store, definitions: Definitions, *, min_group: int,
         log: Log = lambda line: None) -> list[Observation]:
    """Every assessment with responses the outbox has not seen, with their events."""
    doc = store.document(DOCUMENT)
    known, started = doc.get("assessments", {}), "started_at" in doc
    looks = []
    for a in store.assessments():
        entry = known.get(a.id)
        seen = entry["cursor"] if entry else None
        try:
            records = store.responses(a.id, include_superseded=True)
            if seen == len(records):
                continue
            current = by_questionnaire(r for r in records if not r.superseded)
            state = state_of(rollup(store, definitions, a.id, min_group=min_group,
                                    answers=current))
            if entry is None and not started:  # the outbox starts: only a baseline
                looks.append(Observation(a.id, None, len(records), state))
                continue
            old = entry["state"] if entry else state_of(
                rollup(store, definitions, a.id, min_group=min_group, answers={}))
        except NotFound:  # removed since it was listed
            continue
        except ValueError as err:
            log(f"{a.id}: cannot score it ({err}); its events wait for the next run")
            continue
        # Fewer responses than the cursor: the data was restored from an older copy.
        fresh = records[seen or 0:] if (seen or 0) <= len(records) else []
        events = [submitted(r) for r in fresh] + changes(a.id, old, state)
        looks.append(Observation(a.id, seen, len(records), state, events))
    return looks


def run_pass(store: Store, definitions: Definitions, hooks: Sequence[Webhook],
             secrets: Mapping[str, str], *, min_group: int, moment: dt.datetime,
             log: Log = lambda line: None, down: Collection[str] = (),
             timeout: float = send.TIMEOUT) -> Pass:
    """Add new events, then send the due deliveries to the receivers in `secrets` (by url)
    that are not `down`; every attempt is logged."""
    looks = look(store, definitions, min_group=min_group, log=log)
    added = 0
    if looks or "started_at" not in store.document(DOCUMENT):
        added = outbox.apply(store, lambda doc: outbox.observe(doc, looks, hooks, moment))
    urls = [url for url in secrets if url not in down]
    lease = dt.timedelta(seconds=BATCH * timeout * 2 + 60)
    waiting = outbox.due(store.document(DOCUMENT), urls, moment)
    claims: list[Claim] = outbox.apply(
        store, lambda doc: outbox.claim(doc, urls, moment, BATCH, lease)) if waiting else []
    outcomes, unreachable = _send(claims, secrets, moment, log, timeout)
    if outcomes:
        outbox.apply(store, lambda doc: outbox.record(doc, outcomes, moment))
    return Pass(added, tuple(outcomes), frozenset(unreachable))


def _send(claims: Sequence[Claim], secrets: Mapping[str, str], moment: dt.datetime,
          log: Log, timeout: float) -> tuple[list[Outcome], set[str]]:
    outcomes: list[Outcome] = []
    unreachable: set[str] = set()
    for c in claims:
        what = f"{c.event['id']} {c.event['type']} → {c.url}"
        if c.url in unreachable:
            outcomes.append(Outcome(c, False, sent=False))
            continue
        answer = send.post(c.url, secrets[c.url], c.event, timeout=timeout)
        attempt = c.attempts + 1
        if answer.ok:
            log(f"{what}: delivered, {answer.status} (attempt {attempt})")
        elif attempt >= outbox.MAX_ATTEMPTS:
            log(f"{what}: {answer.error}; gave up after {attempt} attempts")
        else:
            later = iso(moment + outbox.retry_after(attempt))
            log(f"{what}: {answer.error} (attempt {attempt} of {outbox.MAX_ATTEMPTS}); "
                f"next attempt at {later}")
        if not answer.reached:  # one timeout per receiver and run, not one per event
            unreachable.add(c.url)
        outcomes.append(Outcome(c, answer.ok, answer.error))
    return outcomes, unreachable


def drain(store: Store, definitions: Definitions, hooks: Sequence[Webhook],
          secrets: Mapping[str, str], *, min_group: int, once: bool = False,
          clock: Callable[[], dt.datetime] = now, log: Log = lambda line: None,
          timeout: float = send.TIMEOUT, passes: int = 1000) -> list[Pass]:
    """Run passes until one finds nothing to add or send (`once`: a single pass); a
    receiver that could not be reached is not tried again in this run."""
    done: list[Pass] = []
    down: set[str] = set()
    while len(done) < passes:
        step = run_pass(store, definitions, hooks, secrets, min_group=min_group,
                        moment=clock(), log=log, down=down, timeout=timeout)
        done.append(step)
        down |= step.down
        if once or not (step.added or step.outcomes):
            break
    return done
