"""Rate limits that every worker process shares: a small table of counters in the data folder.

    DATA/throttle.json     {key: {"n": count, "until": epoch seconds[, "notes": [...]]}}
    DATA/.throttle.lock    its write lock, apart from the store's, so a flood of posts never
                           queues behind response writes

A key is an HMAC-SHA256 of a rule's name and its subject (a user name, a client address, a
link id) under the app's secret key: the file holds no address and no user name, and nobody
can find an address in it by hashing every IPv4 address. A window opens at a key's first
count and closes `seconds` later; an aligned rule's windows end at multiples of `seconds`
since the epoch, so a daily one ends at midnight UTC. Every write drops closed windows and,
beyond MAX_ENTRIES, the smallest counts, so the file stays small.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessments.store import atomic

FILE = "throttle.json"
LOCK = ".throttle.lock"
MAX_ENTRIES = 5000
"""Enough for every seller and a busy day's addresses; a flood of new addresses pushes out
keys that counted once, never a locked one (those have the largest counts)."""
MAX_NOTES = 20

Table = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    """At most `limit` counts per subject in a window of `seconds`."""

    name: str
    limit: int
    seconds: int
    aligned: bool = False
    """Windows end at multiples of `seconds` since the epoch (86400: at midnight UTC)."""

    def until(self, now: float) -> float:
        """When a window that opens at `now` closes."""
        if self.aligned:
            return (now // self.seconds + 1) * self.seconds
        return now + self.seconds


Hit = tuple[Rule, str]
"""A rule and the subject it counts for."""


class Limits(ABC):
    """Counters every worker shares; each engine keeps them its own way (the files here, a
    table in PostgreSQL: assessments.store.sqllimits)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def key(self, rule: Rule, subject: str) -> str:
        """The table key of a subject under a rule: a MAC, never the subject itself."""
        message = f"{rule.name}\x00{subject}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    @abstractmethod
    def take(self, hits: Sequence[Hit], now: float | None = None) -> int:
        """Count one on every hit and return 0, or, when any is at its limit, count nothing
        and return the seconds until it frees. Check and count are one step in every process.
        """

    @abstractmethod
    def give_back(self, hits: Sequence[Hit], now: float | None = None) -> None:
        """Undo one count of every hit (an attempt that turned out fine)."""

    @abstractmethod
    def forget(self, hits: Sequence[Hit], now: float | None = None) -> None:
        """Drop the hits' counts altogether."""

    @abstractmethod
    def note(self, hit: Hit, text: str, now: float | None = None) -> None:
        """Remember `text` with an open window (what was refused, for the seller)."""

    @abstractmethod
    def notes(self, hits: Sequence[Hit], now: float | None = None) -> list[list[str]]:
        """Each hit's notes while its window is open."""


def wait_for(entries: Sequence[tuple[Rule, Any]], moment: float) -> int:
    """0, or the whole seconds until the last of the hits at their limit frees (`entries`:
    each hit's rule with its open entry, or None)."""
    waits = [float(entry["until"]) - moment for rule, entry in entries
             if entry is not None and int(entry.get("n", 0)) >= rule.limit]
    return max(1, math.ceil(max(waits))) if waits else 0


def with_note(notes: Sequence[Any], text: str) -> list[str]:
    """`notes` with `text` added once, at most MAX_NOTES of them."""
    kept = [str(n) for n in notes]
    return [*kept, text] if text not in kept and len(kept) < MAX_NOTES else kept


class Throttle(Limits):
    """The counters of one data folder."""

    def __init__(self, root: Path, secret: bytes) -> None:
        super().__init__(secret)
        self.path = Path(root) / FILE
        self._lock = Path(root) / LOCK

    def take(self, hits: Sequence[Hit], now: float | None = None) -> int:
        """Count one on every hit, or return the seconds until the one at its limit frees."""
        moment = now_or(now)
        with atomic.file_lock(self._lock):
            table = self._read()
            wait = self._wait(table, hits, moment)
            if wait:
                return wait
            for rule, subject in hits:
                entry = self._open(table, rule, subject, moment)
                if entry is None:
                    entry = table[self.key(rule, subject)] = {"n": 0,
                                                              "until": rule.until(moment)}
                entry["n"] = int(entry.get("n", 0)) + 1
            self._save(table, moment)
        return 0

    def give_back(self, hits: Sequence[Hit], now: float | None = None) -> None:
        """Undo one count of every hit (an attempt that turned out fine)."""
        self._change(hits, now_or(now), lambda entry: entry.update(n=max(0, entry["n"] - 1)))

    def forget(self, hits: Sequence[Hit], now: float | None = None) -> None:
        """Drop the hits' counts altogether."""
        self._change(hits, now_or(now), lambda entry: entry.update(n=0))

    def note(self, hit: Hit, text: str, now: float | None = None) -> None:
        """Remember `text` with an open window (what was refused, for the seller)."""

        def add(entry: dict[str, Any]) -> None:
            entry["notes"] = with_note(entry.get("notes", []), text)

        self._change([hit], now_or(now), add)

    def notes(self, hits: Sequence[Hit], now: float | None = None) -> list[list[str]]:
        """Each hit's notes while its window is open, from one read of the table."""
        table, moment = self._read(), now_or(now)
        return [[str(n) for n in (self._open(table, rule, subject, moment) or {}).get(
            "notes", [])] for rule, subject in hits]

    def _open(self, table: Table, rule: Rule, subject: str, moment: float
              ) -> dict[str, Any] | None:
        entry = table.get(self.key(rule, subject))
        return entry if _is_open(entry, moment) else None

    def _wait(self, table: Table, hits: Sequence[Hit], moment: float) -> int:
        return wait_for([(rule, self._open(table, rule, subject, moment))
                         for rule, subject in hits], moment)

    def _change(self, hits: Sequence[Hit], moment: float, change: Any) -> None:
        with atomic.file_lock(self._lock):
            table = self._read()
            entries = [e for rule, subject in hits
                       if (e := self._open(table, rule, subject, moment)) is not None]
            if not entries:
                return
            for entry in entries:
                entry.setdefault("n", 0)
                change(entry)
            self._save(table, moment)

    def _read(self) -> Table:
        try:
            data = atomic.read_json(self.path)
        except ValueError:
            # Writes are atomic, so only a hand-edited file is unreadable: a fresh table
            # costs at most one window of counts and keeps logins working.
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict)} \
            if isinstance(data, dict) else {}

    def _save(self, table: Table, moment: float) -> None:
        kept = {k: v for k, v in table.items()
                if _is_open(v, moment) and (v.get("n") or v.get("notes"))}
        if len(kept) > MAX_ENTRIES:
            largest = sorted(kept, key=lambda k: (int(kept[k].get("n", 0)),
                                                  float(kept[k]["until"])), reverse=True)
            kept = {k: kept[k] for k in largest[:MAX_ENTRIES]}
        atomic.write_json(self.path, kept)


def _is_open(entry: Any, moment: float) -> bool:
    try:
        return isinstance(entry, dict) and float(entry["until"]) > moment
    except (KeyError, TypeError, ValueError):
        return False


def now_or(now: float | None) -> float:
    return time.time() if now is None else now
