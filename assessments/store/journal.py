"""Several store files replaced as one: a journal made current by one atomic rename.

A write that touches more than one file (an import spanning shards or assessments, an
answer that supersedes one kept in an older shard) first writes the new contents of every
file into `DATA/.journal.json` — atomically, like any other file — and only then replaces
the files one by one, and finally removes the journal. A crash before the journal is in
place leaves every file as it was; a crash after it leaves a journal that the next writer
or reader applies again (`recover`), so the files end up all new. Never some of each.

Callers hold the store's write lock around `commit` and `recover`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from assessments.store import atomic
from assessments.store.records import SLUG

NAME = ".journal.json"
# Only the store's own files may be named in a journal: response shards of an assessment.
ALLOWED = re.compile(rf"assessments/{SLUG.pattern}/responses-\d{{4,}}\.json")


def commit(root: Path, files: Mapping[Path, Any]) -> None:
    """Replace each file under `root` with its JSON data, all of them or none of them."""
    if len(files) <= 1:
        for path, data in files.items():
            atomic.write_json(path, data)
        return
    named = {_name(root, path): data for path, data in files.items()}
    atomic.write_json(root / NAME, {"files": named})
    _apply(root, named)


def pending(root: Path) -> bool:
    """Whether a journal waits to be applied (a writer is at work, or one crashed)."""
    return (root / NAME).exists()


def recover(root: Path) -> bool:
    """Apply a journal a crashed writer left; True when there was one."""
    journal = root / NAME
    try:
        data = atomic.read_json(journal)
    except ValueError:
        data = None  # torn cannot happen (it is renamed into place), but never block opening
    if data is None:
        with suppress(FileNotFoundError):
            journal.unlink()
            return True
        return False
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(k, str) and ALLOWED.fullmatch(k)
                                              for k in files):
        raise ValueError(f"{journal}: not a journal this store wrote; move it away and check "
                         "the response files against a backup")
    _apply(root, files)
    return True


def _apply(root: Path, files: Mapping[str, Any]) -> None:
    for name, data in files.items():
        path = root / name
        atomic.make_dirs(path.parent)
        atomic.write_json(path, data)
    (root / NAME).unlink()
    atomic.fsync_dir(root)


def _name(root: Path, path: Path) -> str:
    name = path.relative_to(root).as_posix()
    if not ALLOWED.fullmatch(name):
        raise ValueError(f"{name} cannot be written through the journal")
    return name
