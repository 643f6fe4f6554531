"""The benchmark runs in its quick mode, and questionnaire pages stay light."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import run, weight


def test_every_questionnaire_page_is_under_30_kb_without_a_framework() -> None:
    for page in weight.measure():
        assert page["total"] <= 30 * 1024, page
        assert not page["framework"], page


@pytest.mark.slow
def test_the_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    assert run.main(["--smoke", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["cores"] >= 1 and data["mode"] == "smoke"
    names = " ".join(f["name"] for f in data["figures"])
    for figure in ("bare WeasyPrint pool", "1 job vs", "incremental", "peak memory",
                   "submission p95", "page weight", "executive PDF, 50 vs 50",
                   "PostgreSQL: submissions per second, 4 workers vs 1"):
        assert figure in names, figure
