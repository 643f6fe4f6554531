"""Response shards: numbered files of at most SHARD_SIZE responses, and the changes one
write makes to them (read fresh under the store's lock, then committed in one step)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from assessments.store import atomic, journal
from assessments.store.records import ResponseRecord

SHARD_SIZE = 500
SHARD = re.compile(r"responses-(\d{4,})\.json")


def numbered(folder: Path) -> list[tuple[int, Path]]:
    """Response shards by number (numbers, not names: 10000 sorts after 9999)."""
    return sorted((int(m[1]), p) for p in folder.glob("responses-*.json")
                  if (m := SHARD.fullmatch(p.name)))


def docs(data: Any) -> list[dict[str, Any]]:
    """The documents of a TinyDB file's default table, in insertion (document id) order."""
    table = (data or {}).get(TinyDB.default_table_name, {})
    return [table[k] for k in sorted(table, key=int)]


def key(r: ResponseRecord) -> tuple[str, str, int | None, str]:
    """What makes an imported response the same one: who, which questionnaire and week, when
    (the time compared as an instant, so `Z` and `+00:00` match)."""
    return (r.respondent, r.questionnaire, r.week, _instant(r.submitted_at))


def unseen(records: Sequence[ResponseRecord], seen: set[tuple[str, str, int | None, str]],
           matchable: Collection[str]) -> list[ResponseRecord]:
    """`records` without those (with ids in `matchable`) already in `seen` or earlier on."""
    kept = []
    for r in records:
        if r.id not in matchable:
            kept.append(r)
        elif key(r) not in seen:
            seen.add(key(r))
            kept.append(r)
    return kept


def _instant(stamp: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(stamp)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).isoformat()
    except (ValueError, OverflowError):
        return stamp


def same_answerer(old: ResponseRecord, new: ResponseRecord) -> bool:
    """Whether `new` replaces `old`: the same respondent's answer to the same questionnaire
    (for a weekly pulse, in the same week)."""
    return (old.respondent == new.respondent and old.questionnaire == new.questionnaire
            and old.week == new.week)


class Changes:
    """The new contents of the shard files one write touches, read fresh under the lock."""

    def __init__(self) -> None:
        self.files: dict[Path, dict[str, Any]] = {}

    def table(self, shard: Path) -> dict[str, Any]:
        """The shard's documents by id, as they will be written."""
        if shard not in self.files:
            self.files[shard] = atomic.read_json(shard) or {}
        table: dict[str, Any] = self.files[shard].setdefault(TinyDB.default_table_name, {})
        return table

    def mark(self, shard: Path, ids: set[str]) -> None:
        """Mark the responses with these ids superseded."""
        for doc in self.table(shard).values():
            if doc.get("id") in ids:
                doc["superseded"] = True

    def append(self, folder: Path, new: list[dict[str, Any]]) -> None:
        """Fill the last shard, then start new ones of at most SHARD_SIZE."""
        number, path = (numbered(folder) or [(1, folder / "responses-0001.json")])[-1]
        start = 0
        while start < len(new):
            # Counted without taking the file into the write: a full last shard stays as it is.
            held = len(self.table(path)) if path in self.files else len(atomic.load(path, docs))
            room = SHARD_SIZE - held
            if room > 0:
                table = self.table(path)
                first = max(map(int, table), default=0) + 1
                for offset, doc in enumerate(new[start:start + room]):
                    table[str(first + offset)] = doc
                start += room
            number += 1
            path = folder / f"responses-{number:04d}.json"

    def commit(self, root: Path) -> None:
        """Write every changed file: one atomic replace, or through the journal."""
        journal.commit(root, self.files)
