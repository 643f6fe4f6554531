"""`make bench`: every speed figure against its floor, measured in the same run.

Each figure is a ratio of two timings taken here and now, so a noisy machine moves
both sides together. Prints a table and writes output/bench.json.

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
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import building, submission, weight


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

    stored: tuple[int, int, int]
    """Responses stored before the timed submissions (the first is the floor)."""
    posts: int
    crowded: int
    """Responses in the one assessment of the crowded-assessment figure."""
    assessments: int
    """Assessments in the build figures."""


SIZES = {"full": Sizes((0, 10_000, 50_000), 300, 5_000, 200),
         "quick": Sizes((0, 1_000, 5_000), 60, 1_000, 6),
         # Proves every figure is computed and reported; its ratios mean nothing.
         "smoke": Sizes((0, 50, 100), 10, 50, 2)}
FigureFn = Callable[[Sizes], list[Figure]]


def submission_figures(sizes: Sizes) -> list[Figure]:
    """Figure 4: p50/p95 of submissions with 0, 10,000 and 50,000 stored responses."""
    counts, posts = sizes.stored, sizes.posts
    runs = {n: submission.measure(n, posts) for n in counts}
    base, top = runs[counts[0]], runs[counts[-1]]
    crowded = submission.measure_one_assessment(sizes.crowded, posts)
    figures = [Figure(f"submission p50 with {n:,} stored", r["p50_ms"], base["p50_ms"],
                      r["p50_ms"] / base["p50_ms"], "—", True, "ms") for n, r in runs.items()]
    figures.append(Figure(f"submission p95 with {counts[-1]:,} stored vs empty", top["p95_ms"],
                          base["p95_ms"], top["p95_ms"] / base["p95_ms"], "≤ 1.5×",
                          top["p95_ms"] <= 1.5 * base["p95_ms"], "ms"))
    figures.append(Figure(f"submission p95 into one assessment holding "
                          f"{crowded['stored']:,}", crowded["p95_ms"], base["p95_ms"],
                          crowded["p95_ms"] / base["p95_ms"], "≤ 3×",
                          crowded["p95_ms"] <= 3 * base["p95_ms"], "ms"))
    return figures


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
    """Figures 1, 2, 3 and 6: the site and PDF build of N synthetic assessments."""
    m = building.measure(sizes.assessments)
    n, jobs = int(m["n"]), int(m["jobs"])
    memory_ratio = m["memory_last_mb"] / m["memory_first_mb"]
    return [
        Figure(f"full build, {n} assessments, {jobs} jobs vs bare WeasyPrint pool",
               m["build_jobs"], m["floor"], m["build_jobs"] / m["floor"], "≤ 1.15×",
               m["build_jobs"] <= 1.15 * m["floor"], "s"),
        Figure(f"build speed-up, 1 job vs {jobs} jobs", m["build_jobs"], m["build_1_job"],
               m["build_1_job"] / m["build_jobs"], "≥ 1.7×",
               m["build_1_job"] >= 1.7 * m["build_jobs"], "s",
               "ratio = time with 1 job / time with 2 jobs"),
        Figure("incremental rebuild after one change vs full build", m["incremental"],
               m["build_jobs"], m["incremental"] / m["build_jobs"], "≤ 5 %",
               m["incremental"] <= 0.05 * m["build_jobs"], "s"),
        Figure(f"PDF worker peak memory, last {int(m['memory_k'])} vs first "
               f"{int(m['memory_k'])} reports", m["memory_last_mb"], m["memory_first_mb"],
               memory_ratio, "within 10 %", abs(memory_ratio - 1) <= 0.10, "MB"),
    ]


FEW = 50
"""Pulse answers in the assessment the crowded one is compared with."""


def _crowd(n: int, runs: int = 3) -> dict[str, float]:
    """The executive PDF of the demo's live deal holding n more pulse answers, each run in
    a fresh process (so its peak memory is its own): median time and peak, pages, bytes."""
    found = [json.loads(subprocess.run([sys.executable, "-m", "bench.crowd", str(n)],
                                       check=True, capture_output=True, text=True).stdout)
             for _ in range(runs)]
    return {key: statistics.median(r[key] for r in found) for key in found[0]}


def crowd_figures(sizes: Sizes) -> list[Figure]:
    """Figure 7: the executive PDF of a deal with many pulse answers against one with few."""
    runs = 3 if sizes.crowded >= 1000 else 1  # a smoke run only proves it is computed
    few, many = _crowd(FEW, runs), _crowd(sizes.crowded, runs)
    label = f"executive PDF, {int(many['n']):,} vs {FEW} pulse answers"
    return [
        Figure(f"{label}: time (read, score, page, PDF)", many["seconds"], few["seconds"],
               many["seconds"] / few["seconds"], "≤ 1.5×",
               many["seconds"] <= 1.5 * few["seconds"], "s",
               f"of which the PDF alone: {many['pdf_seconds']:.2f} s vs "
               f"{few['pdf_seconds']:.2f} s"),
        Figure(f"{label}: peak memory", many["peak_mb"], few["peak_mb"],
               many["peak_mb"] / few["peak_mb"], "≤ 1.5×",
               many["peak_mb"] <= 1.5 * few["peak_mb"], "MB"),
        Figure(f"{label}: size", many["bytes"] / 1024, few["bytes"] / 1024,
               many["bytes"] / few["bytes"], "≤ 1.1×, same pages",
               many["bytes"] <= 1.1 * few["bytes"] and many["pages"] == few["pages"], "KB",
               f"{int(many['pages'])} pages vs {int(few['pages'])}"),
    ]


FIGURES: dict[str, FigureFn] = {"build": build_figures, "submission": submission_figures,
                                "weight": weight_figures, "crowd": crowd_figures}


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
    parser.add_argument("--quick", action="store_true", help="small N, for CI (< 2 minutes)")
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
