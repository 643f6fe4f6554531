"""A writer killed at any moment loses no acknowledged response and leaves a store that opens."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assessments.store.filestore import FileStore
from assessments.store.interface import Store
from assessments.store.shards import SHARD_SIZE
from scoring.assess import Assessment

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from pathlib import Path
from assessments.store.records import ResponseRecord
from assessments.store.interface import open_store
store = open_store(Path(sys.argv[1]), sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    r = store.add_response(ResponseRecord("", "acme", "q", "1", "", "user", {"n": n}))
    print(r.id, flush=True)
    n += 1
"""


def run_and_kill(root: Path, seconds: float, url: str = "") -> list[str]:
    """Start a writer, let it write for `seconds`, SIGKILL it; the ids it acknowledged."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    lines: list[str] = []
    with subprocess.Popen([sys.executable, "-c", WRITER, str(root), url], stdout=subprocess.PIPE,
                          text=True, env=env) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout))  # type: ignore[arg-type]
        reader.start()
        time.sleep(seconds)
        proc.kill()  # SIGKILL: no cleanup handlers, no flushing, mid-write if it was writing
        proc.wait()
        reader.join()
    # A torn last line was never acknowledged; every complete one was.
    return [line.strip() for line in lines if line.endswith("\n")]


def shard_sizes(root: Path) -> list[int]:
    shards = sorted((root / "assessments" / "acme").glob("responses-*.json"))
    return [len(json.loads(p.read_text())["_default"]) for p in shards]


def test_killed_writers_lose_no_acknowledged_response(
        tmp_path: Path, open_engine: Callable[[Path], Store]) -> None:
    first = open_engine(tmp_path)
    first.save_assessment(Assessment("acme", "Acme"))
    url = getattr(first, "url", "")
    acknowledged: list[str] = []
    for seconds in (0.4, 0.9, 1.5):  # different moments, so some kill lands mid-write
        acknowledged += run_and_kill(tmp_path, seconds, url)
        store = open_engine(tmp_path)  # opens without error after every kill
        assert [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")] == []
        stored = [r.id for r in store.responses("acme")]
        assert set(acknowledged) <= set(stored)
        assert len(stored) >= len(acknowledged) and len(set(stored)) == len(stored)
        assert all(size <= SHARD_SIZE for size in shard_sizes(tmp_path))
    assert len(acknowledged) > 100, "the writer barely wrote; the kills tested nothing"


KILLED_BEFORE_REPLACE = """
import os, signal, sys
from pathlib import Path
from assessments.store import atomic
from assessments.store.records import ResponseRecord
from assessments.store.filestore import FileStore
store = FileStore(Path(sys.argv[1]))
for n in range(3):
    print(store.add_response(ResponseRecord("", "acme", "q", "1", "", "user", {"n": n})).id)
sys.stdout.flush()
# The worst moment: the new file is written and fsynced but not yet in place.
atomic.os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)
store.add_response(ResponseRecord("", "acme", "q", "1", "", "user", {"n": 3}))
print("survived", flush=True)
"""


def test_a_kill_between_write_and_replace_keeps_the_last_good_state(tmp_path: Path) -> None:
    FileStore(tmp_path).save_assessment(Assessment("acme", "Acme"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", KILLED_BEFORE_REPLACE, str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == -signal.SIGKILL
    acknowledged = done.stdout.split()
    assert len(acknowledged) == 3
    assert len(list(tmp_path.rglob("*.tmp"))) == 1  # the crash left its half of the write
    store = FileStore(tmp_path)
    assert list(tmp_path.rglob("*.tmp")) == []
    assert [r.id for r in store.responses("acme")] == acknowledged
    assert [r.answers["n"] for r in store.responses("acme")] == [0, 1, 2]
