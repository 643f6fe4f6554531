"""`make bench`: every speed figure against its floor, measured in the same run.

Each figure is a ratio of two measurements taken here and now; every ratio of two
timings is the median of at least three interleaved pairs (A, B, A, B …), so a machine
whose speed drifts moves both sides alike. Prints a table and writes output/bench.json.

Usage: python -m bench.run [--quick] [--out output/bench.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import building, engines, submission, weight
from bench.pairs import interleaved


@dataclass(frozen=True)
class Figure:
    """One measured figure: value, the floor it is compared with, and the goal."""

    name: str
    value: float
    floor: float
    ratio: float
    goal: str
    met: bool
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class Sizes:
    """How much each figure measures."""

    stored: int
    """Responses stored before the timed submissions, against none."""
    posts: int
    """Submissions in each timed batch."""
    throughput_posts: int
    """Submissions in each batch of the 4-against-1-worker figure."""
    crowded: int
    """Responses in the one assessment of the crowded-assessment figures."""
    assessments: int
    """Assessments in the build's memory figure."""
    paired: int
    """Assessments in each build of the interleaved build figures."""


SIZES = {"full": Sizes(100_000, 100, 400, 5_000, 200, 40),
         "quick": Sizes(10_000, 40, 160, 1_000, 6, 6),
         # Proves every figure is computed and reported; its ratios mean nothing.
         "smoke": Sizes(200, 10, 40, 50, 2, 2)}
FigureFn = Callable[[Sizes], list[Figure]]
PAIRS = "median of 3 interleaved pairs"


def engine_figures(sizes: Sizes) -> list[Figure]:
    """Both engines side by side: submission p95 with N stored against none, and
    submissions per second through gunicorn with 4 workers against 1."""
    cores = os.cpu_count() or 1
    found = engines.measure(sizes.stored, sizes.posts, sizes.throughput_posts)
    figures = []
    for name, m in found.items():
        figures.append(Figure(
            f"{name}: submission p95 with {m['stored']:,} stored vs empty", m["p95_full_ms"],
            m["p95_empty_ms"], m["p95_ratio"], "≤ 1.5×", m["p95_ratio"] <= 1.5, "ms", PAIRS))
        team = name == "PostgreSQL"  # the engine for a team's servers: the goal is its
        figures.append(Figure(
            f"{name}: submissions per second, 4 workers vs 1 ({cores} cores)",
            m["per_second_4"], m["per_second_1"], m["speedup"],
            "≥ 1.6×" if team else "—", m["speedup"] >= 1.6 if team else True, "/s",
            f"{PAIRS}; gunicorn, 8 clients over HTTP on loopback"
            + ("" if team else "; every write takes the data folder's lock in turn")))
    return figures


def submission_figures(sizes: Sizes) -> list[Figure]:
    """Submissions into one assessment that already holds many answers, against none."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = submission.Poster(Path(tmp) / "empty", "", 0, assessments=1)
        crowded = submission.Poster(Path(tmp) / "crowded", "", sizes.crowded, assessments=1)
        found = interleaved(lambda: empty.p95(sizes.posts), lambda: crowded.p95(sizes.posts))
    return [Figure(f"submission p95 into one assessment holding {sizes.crowded:,}", found.b,
                   found.a, found.ratio, "≤ 3×", found.ratio <= 3, "ms", PAIRS)]


def weight_figures(sizes: Sizes) -> list[Figure]:
    """Figure 5: bytes a browser downloads for the heaviest questionnaire page."""
    pages = weight.measure()
    heaviest = max(pages, key=lambda p: p["total"])
    return [Figure(f"page weight: {heaviest['questionnaire']} (HTML + CSS + JS)",
                   heaviest["total"] / 1024, 30.0, heaviest["total"] / 1024 / 30.0, "≤ 30 KB",
                   heaviest["total"] <= 30 * 1024 and not heaviest["framework"], "KB",
                   f"HTML {heaviest['html']} B, CSS {heaviest['css']} B, JS {heaviest['js']} B;"
                   f" no framework: {not heaviest['framework']}")]


def build_figures(sizes: Sizes) -> list[Figure]:
    """Figures 1, 2, 3 and 6: the site and PDF build of synthetic assessments."""
    m = building.measure(sizes.assessments, sizes.paired)
    n, paired, jobs = int(m["n"]), int(m["paired"]), int(m["jobs"])
    memory_ratio = m["memory_last_mb"] / m["memory_first_mb"]
    return [
        Figure(f"full build, {n} assessments, {jobs} jobs vs bare WeasyPrint pool",
               m["build_jobs"], m["floor"], m["build_ratio"], "≤ 1.15×",
               m["build_ratio"] <= 1.15, "s", PAIRS),
        Figure(f"build speed-up, 1 job vs {jobs} jobs, {paired} assessments",
               m["build_paired"], m["build_1_job"], m["speedup"], "≥ 1.7×",
               m["speedup"] >= 1.7, "s",
               f"ratio = time with 1 job / time with {jobs} jobs; {PAIRS}"),
        Figure(f"incremental rebuild after one change vs full build, {n} assessments",
               m["incremental"], m["full"], m["incremental_ratio"], "≤ 5 %",
               m["incremental_ratio"] <= 0.05, "s", PAIRS),
        Figure(f"PDF worker peak memory, {n} reports: last {int(m['memory_k'])} vs first "
               f"{int(m['memory_k'])}", m["memory_last_mb"], m["memory_first_mb"],
               memory_ratio, "within 10 %", abs(memory_ratio - 1) <= 0.10, "MB"),
    ]


FEW = 50
"""Pulse answers in the assessment the crowded one is compared with."""


def _crowd(n: int) -> dict[str, float]:
    """The executive PDF of the demo's live deal holding n more pulse answers, in a fresh
    process (so its peak memory is its own): time, peak, pages, bytes."""
    found: dict[str, float] = json.loads(subprocess.run(
        [sys.executable, "-m", "bench.crowd", str(n)], check=True, capture_output=True,
        text=True).stdout)
    return found


def crowd_figures(sizes: Sizes) -> list[Figure]:
    """Figure 7: the executive PDF of a deal with many pulse answers against one with few,
    in interleaved pairs of fresh processes."""
    runs: list[tuple[dict[str, float], dict[str, float]]] = []

    def few() -> float:
        runs.append((_crowd(FEW), {}))
        return runs[-1][0]["seconds"]

    def many() -> float:
        runs[-1] = (runs[-1][0], _crowd(sizes.crowded))
        return runs[-1][1]["seconds"]

    timed = interleaved(few, many)

    def median(side: int, key: str) -> float:
        return statistics.median(pair[side][key] for pair in runs)

    label = f"executive PDF, {sizes.crowded:,} vs {FEW} pulse answers"
    pdf_note = (f"of which the PDF alone: {median(1, 'pdf_seconds'):.2f} s vs "
                f"{median(0, 'pdf_seconds'):.2f} s; {PAIRS}")
    peak = (median(1, "peak_mb"), median(0, "peak_mb"))
    size = (median(1, "bytes"), median(0, "bytes"))
    pages = (median(1, "pages"), median(0, "pages"))
    return [
        Figure(f"{label}: time (read, score, page, PDF)", timed.b, timed.a, timed.ratio,
               "≤ 1.5×", timed.ratio <= 1.5, "s", pdf_note),
        Figure(f"{label}: peak memory", peak[0], peak[1], peak[0] / peak[1], "≤ 1.5×",
               peak[0] <= 1.5 * peak[1], "MB"),
        Figure(f"{label}: size", size[0] / 1024, size[1] / 1024, size[0] / size[1],
               "≤ 1.1×, same pages", size[0] <= 1.1 * size[1] and pages[0] == pages[1], "KB",
               f"{int(pages[0])} pages vs {int(pages[1])}"),
    ]


FIGURES: dict[str, FigureFn] = {"build": build_figures, "engines": engine_figures,
                                "submission": submission_figures, "weight": weight_figures,
                                "crowd": crowd_figures}


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table (also what docs/operations.md carries)."""
    rows = ["| figure | value | floor | ratio | goal | met |", "|---|---|---|---|---|---|"]
    for f in figures:
        rows.append(f"| {f.name} | {f.value:.2f} {f.unit} | {f.floor:.2f} {f.unit} | "
                    f"{f.ratio:.2f} | {f.goal} | {'yes' if f.met else 'NO'} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run every figure, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small N (about 2 minutes)")
    parser.add_argument("--smoke", action="store_true",
                        help="the smallest N: checks that every figure is computed; its "
                             "ratios mean nothing")
    parser.add_argument("--out", type=Path, default=Path("output/bench.json"))
    parser.add_argument("--only", choices=sorted(FIGURES), action="append",
                        help="run only these figure groups")
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    started = time.perf_counter()
    figures: list[Figure] = []
    for name, run in FIGURES.items():
        if args.only and name not in args.only:
            continue
        print(f"measuring {name} …", file=sys.stderr, flush=True)
        figures += run(SIZES[mode])
    seconds = time.perf_counter() - started
    print(table(figures))
    print(f"\n{os.cpu_count()} cores, {platform.python_version()}, "
          f"{mode} run in {seconds:.0f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "cores": os.cpu_count(), "python": platform.python_version(), "mode": mode,
        "seconds": round(seconds, 1), "figures": [asdict(f) for f in figures],
        "median_ratio": statistics.median(f.ratio for f in figures) if figures else None,
    }, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
