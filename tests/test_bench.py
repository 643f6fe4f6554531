"""The benchmark runs in its quick mode, and questionnaire pages stay light."""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench import run, weight


def test_every_questionnaire_page_is_under_30_kb_without_a_framework() -> None:
    for page in weight.measure():
        assert page["total"] <= 30 * 1024, page
        assert not page["framework"], page


def test_quick_benchmark_runs_within_two_minutes(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    started = time.perf_counter()
    assert run.main(["--quick", "--out", str(out)]) == 0
    assert time.perf_counter() - started < 120
    data = json.loads(out.read_text())
    assert data["cores"] >= 1 and data["quick"] is True
    names = " ".join(f["name"] for f in data["figures"])
    for figure in ("bare WeasyPrint pool", "1 job vs", "incremental", "peak memory",
                   "submission p95", "page weight"):
        assert figure in names, figure
