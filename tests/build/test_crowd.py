"""A deal whose open pulse link drew hundreds of answers: the reports stay the same size."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import questionnaires
from assessments.build.stages import build
from bench.crowd import responses
from scoring.privacy import COMMENTS_SHOWN
from tests.build.helpers import demo_store

pytestmark = pytest.mark.slow
LIVE = "tessaline-distribution"
CROWD = 800


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_a_crowd_leaves_the_executive_report_as_it_was_and_caps_the_quotes(
        tmp_path: Path) -> None:
    defs = {q.id: q for q in questionnaires.load()}
    quiet = demo_store(tmp_path / "quiet", only=(LIVE,))
    crowded = demo_store(tmp_path / "crowded", only=(LIVE,))
    crowd = list(responses(defs["post-go-live-pulse"], LIVE, CROWD))
    crowded.add_responses(crowd)
    written = sum(1 for r in crowd for v in r.answers.values()
                  if isinstance(v, str) and v.startswith("Answer "))
    for store, out in ((quiet, "a"), (crowded, "b")):
        build(store, defs, tmp_path / out, jobs=1, quiet=True)
    before, after = tmp_path / "a" / LIVE, tmp_path / "b" / LIVE
    # The executive report describes the crowd in figures: the same four pages.
    assert pages(after / "report.pdf") == pages(before / "report.pdf") <= 4
    short = text(after / "report.pdf")
    assert "Answer " not in short  # no comment of the crowd is quoted in it
    assert str(CROWD // 8 + 6) in short or "respondents" in short
    # The full report quotes the newest comments of each question and week, and counts
    # the rest; the oldest are not quoted.
    everything = " ".join(text(after / "report-full.pdf").split())
    quoted = re.findall(r"“(Answer \d+):", everything)
    assert 0 < len(quoted) and f"The {COMMENTS_SHOWN} newest of" in everything
    free = [x for x in defs["post-go-live-pulse"].top_questions if x.type in ("text", "textarea")]
    weeks = 8
    # At most the newest few per free-text question and week (and as many first-value
    # descriptions), however many people wrote.
    assert len(quoted) <= (weeks + 1) * len(free) * COMMENTS_SHOWN < written, (len(quoted),
                                                                             written)
    assert pages(after / "report-full.pdf") < pages(before / "report-full.pdf") + 25
