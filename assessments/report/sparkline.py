"""A sparkline: a deal's score over its readiness rounds or its weeks, small enough for a
table cell, as inline SVG (no library, no script, no inline style).

The scale is fixed, 0 to 100, so two deals' lines compare at a glance; the last point is
marked, and the alternative text says every value, first to last.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from assessments.report.charts import ACCENT, LINE, esc, num
from scoring.assess import Rollup
from scoring.instruments import display_round

WIDTH, HEIGHT, PAD = 96.0, 24.0, 3.0


def sparkline(values: Sequence[int | None], what: str) -> Markup:
    """A line through the shown values (None: no score there, the line breaks), with
    `what` ("Readiness by round") and the values as its alternative text."""
    if not any(v is not None for v in values):
        return Markup("")
    step = (WIDTH - 2 * PAD) / max(1, len(values) - 1)

    def y(v: int) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0, min(100, v)) / 100

    runs: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            runs.append([])
            continue
        runs[-1].append(f"{num(PAD + i * step)},{num(y(v))}")
    lines = "".join(f'<polyline points="{" ".join(run)}" fill="none" stroke="{ACCENT}" '
                    'stroke-width="1.5" stroke-linejoin="round"/>' for run in runs if run)
    last = len(values) - 1 - next(i for i, v in enumerate(reversed(values)) if v is not None)
    end = values[last]
    assert end is not None
    said = ", ".join("no score" if v is None else str(v) for v in values)
    label = f"{esc(what)}: {esc(said)}"
    # The title is the PDF's alternative text; aria-label the page's.
    return Markup(
        f'<svg class="sparkline" viewBox="0 0 {num(WIDTH)} {num(HEIGHT)}" width="{num(WIDTH)}"'
        f' height="{num(HEIGHT)}" role="img" aria-label="{label}"><title>{label}</title>'
        f'<line x1="{num(PAD)}" y1="{num(y(50))}" x2="{num(WIDTH - PAD)}" '
        f'y2="{num(y(50))}" stroke="{LINE}" stroke-width="1"/>'
        f"{lines}"
        f'<circle cx="{num(PAD + last * step)}" cy="{num(y(end))}" r="2.5" fill="{ACCENT}"/>'
        "</svg>")


def trend(rollup: Rollup) -> Markup:
    """A deal's line: its weekly health once live, else its readiness by round; empty with
    fewer than two points."""
    if rollup.assessment.stage == "live" and rollup.adoption and rollup.adoption.weeks:
        weeks = rollup.adoption.weeks
        values = [None if w.health is None else display_round(w.health) for w in weeks]
        what = f"Weekly health, weeks {weeks[0].week} to {weeks[-1].week}"
    else:
        values = [r.shown for r in rollup.rounds]
        what = "Readiness by round"
    return sparkline(values, what) if len(values) > 1 else Markup("")
