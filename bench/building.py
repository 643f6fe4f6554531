"""Build figures: full build against a bare WeasyPrint pool, 1 vs 2 jobs, incremental, memory.

N synthetic assessments are the demo accounts again under new ids (their answers,
stakeholders and pulses intact), so every report has the length of a real one.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from assessments.build.stages import build
from assessments.demo.load import demo_data
from assessments.paths import SITE
from assessments.report.pdf import Renderer
from assessments.store.filestore import FileStore
from questionnaires import load

_renderer: Renderer | None = None


def synthetic(store: FileStore, n: int) -> list[str]:
    """FileStore n assessments cloned from the demo accounts; their ids."""
    accounts = demo_data()
    ids = []
    for i in range(n):
        account = accounts[i % len(accounts)]
        ident = f"{account.assessment.id[:40]}-{i:03d}"
        store.save_assessment(replace(account.assessment, id=ident,
                                      account=f"{account.assessment.account} {i:03d}"))
        store.add_responses([replace(r, id=f"{r.id}-{i:03d}", assessment=ident)
                             for r in account.responses])
        ids.append(ident)
    return ids


def _start() -> None:
    global _renderer
    _renderer = Renderer(SITE)


def _render(item: tuple[str, str]) -> tuple[int, int]:
    """Render one PDF in a worker; (worker pid, its peak memory in KB so far)."""
    assert _renderer is not None
    html, out = item
    _renderer.render(html, Path(out))
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def floor(items: list[tuple[str, str]], jobs: int) -> tuple[float, list[int]]:
    """The same HTML straight through WeasyPrint, one reused Renderer per worker.

    Also returns each report's worker peak memory (KB) in the order they finished.
    """
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start) as pool:
        peaks = [peak for _, peak in pool.map(_render, items)]
    return time.perf_counter() - started, peaks


def timed_build(store: FileStore, out: Path, jobs: int) -> float:
    """Seconds for one build into `out`."""
    started = time.perf_counter()
    build(store, {q.id: q for q in load()}, out, jobs=jobs, quiet=True)
    return time.perf_counter() - started


def measure(n: int, jobs: int = 2) -> dict[str, float]:
    """Every build figure for n synthetic assessments, in one run."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = FileStore(root / "data")
        ids = synthetic(store, n)
        one = timed_build(store, root / "one", 1)
        full = timed_build(store, root / "two", jobs)
        items = [((root / "two" / ident / "index.html").read_text(encoding="utf-8"),
                  str(root / "floor" / f"{ident}.pdf")) for ident in ids]
        (root / "floor").mkdir()
        bare, memory = floor(items, jobs)
        record = store.responses(ids[0])[0]
        store.add_responses([replace(record, id=f"{record.id}-again",
                                     submitted_at="2026-11-20T12:00:00+00:00")])
        incremental = timed_build(store, root / "two", jobs)
        k = max(1, min(50, len(memory) // 4))  # the first and last 50 of 200 reports
        early, late = statistics.mean(memory[:k]), statistics.mean(memory[-k:])
        return {"n": n, "build_1_job": one, "build_jobs": full, "jobs": jobs, "floor": bare,
                "incremental": incremental, "memory_first_mb": early / 1024,
                "memory_last_mb": late / 1024, "memory_k": k}
