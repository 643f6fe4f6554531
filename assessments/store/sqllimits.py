"""Rate limits in PostgreSQL: the same counters as throttle.py, one row per key, shared by
every worker of every app server that uses the database.

A take locks only the rows of its own keys (`FOR UPDATE`, in key order, so two takes never
wait on each other in a circle): logins of different accounts, posts to different links
proceed side by side. Closed windows are deleted now and then.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects.postgresql import insert as upsert

from assessments.store import sqlschema as t
from assessments.store.throttle import Hit, Limits, now_or, wait_for, with_note

SWEEP = 0.01
"""The share of takes that also delete closed windows."""


class SqlLimits(Limits):
    """The counters in the `limits` table."""

    def __init__(self, engine: Engine, secret: bytes) -> None:
        super().__init__(secret)
        self.engine = engine

    def take(self, hits: Sequence[Hit], now: float | None = None) -> int:
        """Count one on every hit, or return the seconds until the one at its limit frees."""
        moment = now_or(now)
        with self.engine.begin() as c:
            if random.random() < SWEEP:
                # Rows another take holds are skipped, never waited for.
                closed = select(t.limits.c.key).where(t.limits.c.until <= moment) \
                    .with_for_update(skip_locked=True)
                c.execute(delete(t.limits).where(t.limits.c.key.in_(closed.scalar_subquery())))
            keys = [self.key(rule, subject) for rule, subject in hits]
            # Made or touched in key order, each row is locked by this take from here on:
            # no sweep can delete it between here and the count.
            for k, (rule, _) in sorted(zip(keys, hits, strict=True), key=lambda pair: pair[0]):
                statement = upsert(t.limits).values(key=k, n=0, until=rule.until(moment),
                                                    notes=[])
                c.execute(statement.on_conflict_do_update(index_elements=["key"],
                                                          set_={"key": statement.excluded.key}))
            rows = self._locked(c, keys)
            for k, (rule, _) in zip(keys, hits, strict=True):
                if rows[k]["until"] <= moment:  # a closed window: a new one opens now
                    rows[k] = {"n": 0, "until": rule.until(moment), "notes": []}
            wait = wait_for([(rule, rows[k]) for k, (rule, _) in zip(keys, hits, strict=True)],
                            moment)
            if wait:
                return wait
            for k in dict.fromkeys(keys):
                rows[k]["n"] += keys.count(k)
                c.execute(update(t.limits).where(t.limits.c.key == k).values(**rows[k]))
        return 0

    def give_back(self, hits: Sequence[Hit], now: float | None = None) -> None:
        """Undo one count of every hit (an attempt that turned out fine)."""
        self._change(hits, now_or(now), lambda row: {"n": max(0, row["n"] - 1)})

    def forget(self, hits: Sequence[Hit], now: float | None = None) -> None:
        """Drop the hits' counts altogether."""
        self._change(hits, now_or(now), lambda row: {"n": 0})

    def note(self, hit: Hit, text: str, now: float | None = None) -> None:
        """Remember `text` with an open window (what was refused, for the seller)."""
        self._change([hit], now_or(now), lambda row: {"notes": with_note(row["notes"], text)})

    def notes(self, hits: Sequence[Hit], now: float | None = None) -> list[list[str]]:
        """Each hit's notes while its window is open."""
        moment = now_or(now)
        keys = [self.key(rule, subject) for rule, subject in hits]
        with self.engine.connect() as c:
            found = {k: [str(n) for n in notes] for k, notes, until in c.execute(
                select(t.limits.c.key, t.limits.c.notes, t.limits.c.until)
                .where(t.limits.c.key.in_(keys))) if until > moment}
        return [found.get(k, []) for k in keys]

    def _change(self, hits: Sequence[Hit], moment: float,
                change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        keys = [self.key(rule, subject) for rule, subject in hits]
        with self.engine.begin() as c:
            for k, row in self._locked(c, keys).items():
                if row["until"] <= moment:
                    continue
                new = {**row, **change(row)}
                if new["n"] or new["notes"]:
                    c.execute(update(t.limits).where(t.limits.c.key == k).values(**new))
                else:  # nothing left to count: a new window opens at the next take
                    c.execute(delete(t.limits).where(t.limits.c.key == k))

    @staticmethod
    def _locked(c: Connection, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        rows = c.execute(select(t.limits.c.key, t.limits.c.n, t.limits.c.until,
                                t.limits.c.notes).where(t.limits.c.key.in_(keys))
                         .order_by(t.limits.c.key).with_for_update())
        return {k: {"n": n, "until": until, "notes": list(notes)} for k, n, until, notes in rows}
