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
from bench import pairs
from bench.pairs import MIN_PAIRS, interleaved
from questionnaires import load

_renderer: Renderer | None = None


def synthetic(store: FileStore, n: int) -> list[str]:
    """Store n assessments cloned from the demo accounts; their ids."""
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


def _items(site: Path, ids: list[str], folder: Path) -> list[tuple[str, str]]:
    """Each built report page's HTML with where the bare pool writes its PDF."""
    folder.mkdir(exist_ok=True)
    return [((site / ident / "index.html").read_text(encoding="utf-8"),
             str(folder / f"{ident}.pdf")) for ident in ids]


def measure(n: int, paired: int, jobs: int = 2) -> dict[str, float]:
    """Every build figure. Each of MIN_PAIRS rounds on n assessments builds the site from
    scratch, renders the same pages through a bare WeasyPrint pool, and rebuilds after one
    new answer: the build against the pool and the rebuild against the build are pairs
    measured side by side. The 1-against-`jobs` speed-up pairs whole builds of `paired`
    assessments (a pair of n would take too long); the memory comes from the first pool."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        runs = iter(range(10**6))

        def fresh() -> Path:
            return root / f"site-{next(runs)}"

        store = FileStore(root / "data")
        ids = synthetic(store, n)
        record = store.responses(ids[0])[0]
        pool: list[tuple[float, float]] = []
        rebuild: list[tuple[float, float]] = []
        memory: list[int] = []
        for round_ in range(MIN_PAIRS):
            site = fresh()
            full = timed_build(store, site, jobs)
            bare, peaks = floor(_items(site, ids, root / f"floor-{round_}"), jobs)
            memory = memory or peaks
            store.add_responses([replace(record, id=f"{record.id}-again-{round_}",
                                         submitted_at="2026-11-20T12:00:00+00:00")])
            rebuild.append((full, timed_build(store, site, jobs)))
            pool.append((bare, full))
        small = FileStore(root / "paired")
        synthetic(small, paired)
        speed = interleaved(lambda: timed_build(small, fresh(), jobs),
                            lambda: timed_build(small, fresh(), 1))
        built, rebuilt = pairs.paired(pool), pairs.paired(rebuild)
        k = max(1, min(50, len(memory) // 4))  # the first and last 50 of 200 reports
        early, late = statistics.mean(memory[:k]), statistics.mean(memory[-k:])
        return {"n": n, "paired": paired, "jobs": jobs,
                "floor": built.a, "build_jobs": built.b, "build_ratio": built.ratio,
                "build_paired": speed.a, "build_1_job": speed.b, "speedup": speed.ratio,
                "full": rebuilt.a, "incremental": rebuilt.b, "incremental_ratio": rebuilt.ratio,
                "memory_first_mb": early / 1024, "memory_last_mb": late / 1024,
                "memory_k": k}
