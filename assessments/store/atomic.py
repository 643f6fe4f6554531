"""Crash-safe files: atomic replace, a cross-process lock, and a read cache keyed by file identity.

Every write goes to a temporary file in the target's directory (`.<name>.<16 hex>.tmp`),
is flushed and fsynced, then `os.replace`d over the target, and the directory is fsynced.
A reader therefore sees a whole old file or a whole new one, never half of each; a crash
leaves the last good file plus, at worst, a stray temporary file that `remove_temp_files`
cleans away.

Data files are created with mode 0600: they hold password hashes and token hashes.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar, cast

from tinydb.storages import Storage

T = TypeVar("T")
FILE_MODE = 0o600
TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{16}\.tmp")
CACHE_FILES = 256
"""Decoded files kept per process; the least recently used are dropped first."""

Stamp = tuple[int, int, int]
_cache: OrderedDict[tuple[str, object], tuple[Stamp, object]] = OrderedDict()
_cache_lock = threading.Lock()


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably (temp file, fsync, replace, fsync dir)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _advance_mtime(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def write_json(path: Path, data: Any) -> None:
    """Replace `path` with `data` as JSON, atomically; serialises first so a bad value writes
    nothing."""
    write_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def read_json(path: Path) -> Any:
    """The parsed contents of `path`, or None when it does not exist or is empty."""
    try:
        with open(path, "rb") as handle:
            return _parse(path, handle.read())
    except FileNotFoundError:
        return None


def load(path: Path, decode: Callable[[Any], T]) -> T:
    """`decode(parsed JSON of path)` (None for a missing file), cached until the file changes.

    The cache key is the file's (inode, mtime_ns, size), taken from the very file that was
    parsed. Every write gets a new inode and a strictly later mtime than the file it
    replaces, so a replaced file is never mistaken for the cached one. Callers must treat
    the result as read-only: it is shared by every later call.
    """
    key = (str(path), decode)
    try:
        stamp = _stamp(os.stat(path))
    except FileNotFoundError:
        return decode(None)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == stamp:
            _cache.move_to_end(key)
            return cast(T, hit[1])
    try:
        with open(path, "rb") as handle:
            stamp = _stamp(os.fstat(handle.fileno()))
            value = decode(_parse(path, handle.read()))
    except FileNotFoundError:
        return decode(None)
    with _cache_lock:
        _cache[key] = (stamp, value)
        _cache.move_to_end(key)
        while len(_cache) > CACHE_FILES:
            _cache.popitem(last=False)
    return value


def remove_temp_files(root: Path) -> list[Path]:
    """Delete temporary files that a crashed write left under `root`; return what went."""
    removed = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if TEMP_NAME.fullmatch(name):
                path = Path(folder, name)
                with suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed


@contextmanager
def file_lock(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive (or, for readers, shared) `flock` on `path` for the `with` block."""
    # A new descriptor per acquisition: flock locks belong to an open file description, so
    # threads sharing one descriptor would not exclude each other.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def make_dirs(path: Path) -> None:
    """Create `path` and its parents, fsyncing each parent so the new folders survive a crash."""
    if path.is_dir():
        return
    make_dirs(path.parent)
    with suppress(FileExistsError):
        path.mkdir()
        fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Flush a directory entry change (a rename or a new file) to disk."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage that never rewrites its file in place: each write replaces it atomically.

    It parses the file on its first read and then keeps what it last wrote, so a
    read-modify-write parses once. That memory is only true while nobody else writes: use
    one instance per locked read-modify-write, never across lock releases.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None
        self._loaded = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, or None when the file does not exist yet."""
        if not self._loaded:
            self._data = cast("dict[str, dict[str, Any]] | None", read_json(self.path))
            self._loaded = True
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, atomically."""
        try:
            write_json(self.path, data)
        except BaseException:
            self._loaded = False  # TinyDB changed `data` in place: re-read, do not trust it
            raise
        self._data, self._loaded = data, True


def _parse(path: Path, raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError as err:  # JSONDecodeError and UnicodeDecodeError
        raise ValueError(f"{path}: not valid JSON ({err}); restore it from a backup") from None


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _advance_mtime(tmp: Path, target: Path) -> None:
    """Give `tmp` an mtime later than the file it replaces.

    Coarse filesystem clocks can give two quick writes the same mtime, and a freed inode can
    be reused; a strictly increasing mtime keeps (inode, mtime_ns, size) unique per version.
    """
    try:
        old = os.stat(target).st_mtime_ns
    except FileNotFoundError:
        return
    st = os.stat(tmp)
    if st.st_mtime_ns <= old:
        os.utime(tmp, ns=(st.st_atime_ns, old + 1))
