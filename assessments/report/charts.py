"""The report's charts as inline SVG: criteria bars, weekly trend, stakeholder grid, blockers.

Pure functions from scoring results to `Markup`. Every text that came from a user is
escaped here, before the string is marked safe; sizes are in viewBox units so the same
SVG scales on the page and in the PDF. Colours are presentation attributes (no `style`:
the app's Content-Security-Policy forbids inline styles) that mirror app.css's variables.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from assessments.paths import SITE
from scoring.instruments import display_round

if TYPE_CHECKING:
    from scoring.adoption import Blocker, Week
    from scoring.results import CriterionResult
    from scoring.stakeholders import Stakeholder

__all__ = ["blocker_chart", "criteria_chart", "esc", "num", "stakeholder_grid", "trend_chart"]



def palette(css: str) -> dict[str, str]:
    """The `--name: #hex` colours of a stylesheet's custom properties, by name."""
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{3,6})\b", css))


# The site's one palette (static/palette.css): the charts read as part of the same page.
_COLOURS = palette((SITE / "static" / "palette.css").read_text(encoding="utf-8"))
INK, MUTED, LINE, ACCENT = (_COLOURS[n] for n in ("ink", "muted", "line", "accent"))
BAD, OK, WARN, SOFT = (_COLOURS[n] for n in ("bad", "ok", "warn", "soft"))
# The verdict badges' backgrounds, for the zones behind the data.
OK_BG, WARN_BG, BAD_BG = (_COLOURS[n] for n in ("ok-bg", "warn-bg", "bad-bg"))
# The report's embedded font first (the PDF), then whatever the browser has.
FONT = "Readygate Sans, system-ui, sans-serif"
LABEL_CHAR = 8.0
"""The width of one character of a bold 12 px label, a little generously."""
WIDTH = 720
# Characters XML 1.0 cannot hold at all; a pasted answer may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
STANCES = ("resistant", "sceptical", "neutral", "supportive", "leading")


def esc(text: object) -> str:
    """Text safe inside an SVG element or a double-quoted attribute."""
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def num(value: float) -> str:
    """A coordinate with at most one decimal, the same on every platform."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _shown(value: float | None) -> str:
    return "no score" if value is None else str(display_round(value))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, limit: int, lines: int = 2) -> list[str]:
    """Word-wrap into at most `lines` lines of about `limit` characters (SVG cannot wrap)."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= limit:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1:])]
    return [_clip(line, limit) for line in out] or [""]


def _text(x: float, y: float, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{num(x)}" y="{num(y)}"{extra}>{esc(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{colour}"{extra}/>')


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" '
            f'height="{num(h)}" fill="{fill}"/>')


def _svg(kind: str, height: float, title: str, parts: Iterable[str]) -> Markup:
    """The chart: role=img, named by its title, sized by its viewBox alone."""
    label = esc(title)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'viewBox="0 0 {WIDTH} {num(height)}" role="img" aria-label="{label}" '
        f'font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title>{label}</title>{"".join(parts)}</svg>'
    )


def _empty(kind: str, title: str, message: str) -> Markup:
    return _svg(kind, 40, title, [_text(WIDTH / 2, 24, message, text_anchor="middle",
                                        fill=MUTED)])


def criteria_chart(criteria: Sequence[CriterionResult]) -> Markup:
    """Horizontal bars per criterion with its pass mark; must-have gates drawn as diamonds."""
    title = "Criteria scores against their pass marks: " + "; ".join(
        f"{c.label}: {_shown(c.score)} of 100, passes at {display_round(c.pass_at)}"
        f"{', must-have' if c.must_have else ''}, {'passes' if c.passed else 'fails'}"
        for c in criteria)
    if not criteria:
        return _empty("criteria", "No criteria scored", "No criteria scored yet")
    left, right, top, row = 262.0, 650.0, 26.0, 36.0
    scale = (right - left) / 100
    parts = []
    for tick in (0, 25, 50, 75, 100):
        x = left + tick * scale
        parts.append(_line(x, top - 6, x, top + row * len(criteria), LINE))
        parts.append(_text(x, top - 10, str(tick), text_anchor="middle", fill=MUTED,
                           font_size="10"))
    for index, c in enumerate(criteria):
        y = top + index * row
        lines = _wrap(str(c.label), 38)
        for n, text in enumerate(lines):
            parts.append(_text(left - 10, y + 22 - 7 * (len(lines) - 1) + 14 * n, text,
                               text_anchor="end"))
        colour = OK if c.passed else BAD if c.must_have else WARN
        if c.score is not None:
            parts.append(_rect(left, y + 9, c.score * scale, 18, colour))
        end = left + (c.score or 0) * scale
        mark = left + c.pass_at * scale
        shown = _shown(c.score)
        # A label right after the bar would sit on the pass-mark line when the score is just
        # below the mark: then it goes just past the line instead.
        at = end + 6
        if at - 3 <= mark <= at + LABEL_CHAR * len(shown) + 3:
            at = mark + 6
        parts.append(_text(at, y + 22, shown, font_weight="bold",
                           fill=colour if c.score is not None else MUTED))
        parts.append(_line(mark, y + 4, mark, y + 32, INK, stroke_width="2"))
        if c.must_have:
            parts.append(f'<path d="M{num(mark)} {num(y - 1)} l5 5 l-5 5 l-5 -5 z" '
                         f'fill="{INK}"/>')
    legend_y = top + row * len(criteria) + 22
    x = 120.0
    for colour, text in ((OK, "passes"), (WARN, "fails"), (BAD, "must-have fails")):
        parts += [_rect(x, legend_y - 10, 12, 12, colour), _text(x + 17, legend_y, text)]
        x += 32 + 7 * len(text)
    parts.append(_line(x, legend_y - 11, x, legend_y + 3, INK, stroke_width="2"))
    parts.append(_text(x + 7, legend_y, "pass mark"))
    x += 92
    parts.append(f'<path d="M{num(x)} {num(legend_y - 11)} l5 5 l-5 5 l-5 -5 z" '
                 f'fill="{INK}"/>')
    parts.append(_text(x + 9, legend_y, "must-have gate"))
    return _svg("criteria", legend_y + 10, title, parts)


def trend_chart(weeks: Sequence[Week]) -> Markup:
    """Weekly adoption health 0–100 with the watch (50) and healthy (75) lines."""
    scored = [w for w in weeks if w.health is not None]
    title = "Weekly adoption health: " + ("; ".join(
        f"week {w.week}: {_shown(w.health)} ({w.band_label})" for w in weeks)
        or "no pulses yet") + ". Healthy from 75, watch from 50."
    if not weeks:
        return _empty("trend", title, "No pulses yet")
    left, right, top, bottom = 48.0, 690.0, 16.0, 216.0
    first, last = weeks[0].week, weeks[-1].week
    span = max(last - first, 1)

    def x_of(week: int) -> float:
        return (left + right) / 2 if last == first else left + (week - first) / span * (
            right - left)

    def y_of(value: float) -> float:
        return bottom - value / 100 * (bottom - top)

    parts = [_rect(left, y_of(100), right - left, y_of(75) - y_of(100), OK_BG),
             _rect(left, y_of(75), right - left, y_of(50) - y_of(75), WARN_BG),
             _rect(left, y_of(50), right - left, y_of(0) - y_of(50), BAD_BG)]
    for tick in (0, 25, 50, 75, 100):
        parts.append(_text(left - 8, y_of(tick) + 4, str(tick), text_anchor="end",
                           fill=MUTED, font_size="10"))
    points = [(x_of(w.week), y_of(w.health or 0.0)) for w in scored]
    segments = [(a, b) for run in _runs(weeks, x_of, y_of)
                for a, b in zip(run, run[1:], strict=False)]
    lines = [y_of(75), y_of(50), bottom]
    # What a label must stay clear of besides the lines: every point, the week labels
    # and ticks, and the labels placed before it.
    week_labels = _week_labels([w.week for w in weeks], x_of, left)
    boxes = [(x - 6, y - 6, x + 6, y + 6) for x, y in points]
    boxes += [_box(x, bottom + 18, text, anchor, 10) for x, text, anchor in week_labels]
    boxes += [_box(left - 8, y_of(tick) + 4, str(tick), "end", 10)
              for tick in (0, 25, 50, 75, 100)]
    frame = (0.0, left, WIDTH)
    for mark, name, colour in ((75, "healthy", OK), (50, "watch", WARN)):
        parts.append(_line(left, y_of(mark), right, y_of(mark), colour, stroke_width="1.5",
                           stroke_dasharray="6 4"))
        # Its name sits on the line's right end, or wherever the data leaves room.
        y, text = y_of(mark), f"{name} {mark}"
        places = [(right - 4, y - 5, "end"), (right - 4, y + 13, "end"),
                  (left + 4, y - 5, "start"), (left + 4, y + 13, "start"),
                  *((x + 4, y - 5, "start") for x, _ in points),
                  *((x + 4, y + 13, "start") for x, _ in points)]
        lx, ly, anchor = _place(places, text, lines, boxes, segments, frame, size=10)
        boxes.append(_box(lx, ly, text, anchor, 10))
        parts.append(_text(lx, ly, text, text_anchor=anchor, fill=colour, font_size="10"))
    parts.append(_line(left, bottom, right, bottom, MUTED))
    for x, text, anchor in week_labels:
        parts.append(_text(x, bottom + 18, text, text_anchor=anchor, fill=MUTED,
                           font_size="10"))
    # A week without a score breaks the line rather than bridging a gap nobody measured.
    for run in _runs(weeks, x_of, y_of):
        if len(run) > 1:
            points_text = " ".join(f"{num(px)},{num(py)}" for px, py in run)
            parts.append(f'<polyline points="{points_text}" fill="none" stroke="{ACCENT}" '
                         f'stroke-width="2.5"/>')
    for w, (x, y) in zip(scored, points, strict=True):
        colour = OK if w.band == "healthy" else WARN if w.band == "watch" else BAD
        parts.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="5" fill="{colour}" '
                     f'stroke="#fff" stroke-width="1.5"/>')
        # Above the point, else below, further off, or beside it.
        text = _shown(w.health)
        places = [(x, y - 10, "middle"), (x, y + 20, "middle"), (x, y - 22, "middle"),
                  (x, y + 32, "middle"), (x + 10, y + 4, "start"), (x - 10, y + 4, "end")]
        lx, ly, anchor = _place(places, text, lines, boxes, segments, frame)
        boxes.append(_box(lx, ly, text, anchor))
        parts.append(_text(lx, ly, text, text_anchor=anchor, font_weight="bold"))
    return _svg("trend", bottom + 28, title, parts)


def _week_labels(numbers: Sequence[int], x_of: Callable[[int], float], left: float
                 ) -> list[tuple[float, str, str]]:
    """(x, text, anchor) under the axis: "Week 3" while they fit side by side; else the
    numbers alone after one "Week", every n-th of them, the last always."""
    def fits(labels: list[tuple[float, str, str]]) -> bool:
        boxes = [_box(x, 0, text, anchor, 10) for x, text, anchor in labels]
        return all(a[2] + 4 <= b[0] for a, b in zip(boxes, boxes[1:], strict=False))

    full = [(x_of(n), f"Week {n}", "middle") for n in numbers]
    if fits(full):
        return full
    for every in range(1, len(numbers) + 1):
        kept = [n for i, n in enumerate(numbers) if i % every == 0]
        if numbers[-1] not in kept:
            kept.append(numbers[-1])
            if len(kept) > 1 and not fits([(x_of(n), str(n), "middle") for n in kept[-2:]]):
                kept.pop(-2)  # the last week wins over its too-close neighbour
        short = [(left - 8, "Week", "end"), *((x_of(n), str(n), "middle") for n in kept)]
        if fits(short):
            return short
    return [(left - 8, "Week", "end")]


Box = tuple[float, float, float, float]
Point = tuple[float, float]


def _box(x: float, baseline: float, text: str, anchor: str = "middle",
         size: float = 12) -> Box:
    """The space a label takes (left, top, right, bottom), a little generously."""
    width = LABEL_CHAR * size / 12 * len(text)
    start = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return start, baseline - size * 0.85, start + width, baseline + size * 0.25


def _runs(weeks: Sequence[Week], x_of: Callable[[int], float],
          y_of: Callable[[float], float]) -> list[list[Point]]:
    """The trend line's unbroken runs of points (a week without a score breaks it)."""
    runs: list[list[Point]] = [[]]
    for w in weeks:
        if w.health is None:
            runs.append([])
        else:
            runs[-1].append((x_of(w.week), y_of(w.health)))
    return [run for run in runs if run]


def _place(places: Sequence[tuple[float, float, str]], text: str, lines: Sequence[float],
           boxes: Sequence[Box], segments: Sequence[tuple[Point, Point]],
           frame: tuple[float, float, float], size: float = 12) -> tuple[float, float, str]:
    """The first of `places` (x, baseline, anchor) where the label touches no line, box or
    segment and stays inside the frame (top, left, right); else the one touching least."""
    top, left, right = frame

    def clashes(place: tuple[float, float, str]) -> int:
        box = _box(*place[:2], text, place[2], size)
        inside = top <= box[1] and left - 40 <= box[0] and box[2] <= right
        return ((not inside) * 100
                + sum(box[1] - 1.5 <= line <= box[3] + 1.5 for line in lines)
                + sum(_overlap(box, other) for other in boxes)
                + sum(_crosses(box, a, b) for a, b in segments))

    return min(places, key=clashes)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: Box, a: Point, b: Point) -> bool:
    """Whether the segment a–b passes through the box (checked at close steps)."""
    steps = 24
    return any(box[0] <= a[0] + (b[0] - a[0]) * i / steps <= box[2]
               and box[1] <= a[1] + (b[1] - a[1]) * i / steps <= box[3]
               for i in range(steps + 1))


def stakeholder_grid(stakeholders: Sequence[Stakeholder]) -> Markup:
    """Influence (1–5) against stance (resistant … leading), quadrants labelled."""
    placed = [s for s in stakeholders if s.influence is not None and s.stance is not None]
    unplaced = len(stakeholders) - len(placed)
    title = "Stakeholder grid, influence against stance: " + ("; ".join(
        f"{s.name}: influence {s.influence}, {STANCES[(s.stance or 0) + 2]}"
        + (", resistor" + ("" if s.mitigation else " without a mitigation")
           if s.resistor else "") for s in placed) or "nobody placed yet")
    if unplaced:
        title += f"; {unplaced} not placed (influence or stance missing)"
    left, right, top, bottom = 96.0, 712.0, 12.0, 362.0
    cell_w, cell_h = (right - left) / 5, (bottom - top) / 5
    # On side from supportive (the 4th column); high influence from 3 (the top 3 rows).
    mid_x, mid_y = left + 3 * cell_w, top + 3 * cell_h
    parts = [_rect(left, top, mid_x - left, mid_y - top, BAD_BG),
             _rect(mid_x, top, right - mid_x, mid_y - top, OK_BG),
             _rect(left, mid_y, mid_x - left, bottom - mid_y, WARN_BG),
             _rect(mid_x, mid_y, right - mid_x, bottom - mid_y, SOFT)]
    for n in range(6):
        parts.append(_line(left + n * cell_w, top, left + n * cell_w, bottom, LINE))
        parts.append(_line(left, top + n * cell_h, right, top + n * cell_h, LINE))
    parts += [_line(mid_x, top, mid_x, bottom, INK, stroke_width="2"),
              _line(left, mid_y, right, mid_y, INK, stroke_width="2")]
    for text, x, y, colour in (("Critical blocker", left + 6, mid_y - 6, BAD),
                               ("Key ally", right - 6, mid_y - 6, OK),
                               ("Address concerns", left + 6, bottom - 6, WARN),
                               ("Monitor", right - 6, bottom - 6, MUTED)):
        parts.append(_text(x, y, text, fill=colour, font_weight="bold", font_size="11",
                           text_anchor="end" if x > mid_x else "start"))
    for n, name in enumerate(STANCES):
        parts.append(_text(left + (n + 0.5) * cell_w, bottom + 16, name, fill=MUTED,
                           text_anchor="middle", font_size="11"))
    for level in range(1, 6):
        parts.append(_text(left - 8, bottom - (level - 0.5) * cell_h + 4, str(level),
                           fill=MUTED, text_anchor="end", font_size="11"))
    parts += [_text(left, bottom + 34, "Stance today →", fill=MUTED, font_size="11"),
              _text(16, (top + bottom) / 2, "Influence →", fill=MUTED, font_size="11",
                    text_anchor="middle",
                    transform=f"rotate(-90 16 {num((top + bottom) / 2)})")]
    cells: dict[tuple[int, int], list[Stakeholder]] = {}
    for s in sorted(placed, key=lambda s: (-(s.risk or 0), s.name)):
        cells.setdefault((s.stance or 0, s.influence or 0), []).append(s)
    for (stance, influence), people in sorted(cells.items()):
        x0 = left + (stance + 2) * cell_w + 10
        y0 = bottom - influence * cell_h + 16
        shown = people if len(people) <= 4 else people[:3]
        for n, s in enumerate(shown):
            colour = (BAD if s.unmitigated else WARN) if s.resistor else ACCENT
            y = y0 + n * 15
            parts.append(f'<circle cx="{num(x0)}" cy="{num(y - 4)}" r="4.5" '
                         f'fill="{colour}"/>')
            # The name before its role ("Dana Ruiz, claims lead"): the tables give the rest.
            parts.append(_text(x0 + 8, y, _clip(s.name.split(",")[0], 19), font_size="10.5"))
        if len(people) > len(shown):
            parts.append(_text(x0 + 8, y0 + 3 * 15, f"+{len(people) - 3} more",
                               fill=MUTED, font_size="10.5"))
    return _svg("stakeholders", bottom + 42, title, parts)


def blocker_chart(blockers: Sequence[Blocker]) -> Markup:
    """How often each blocker type was named, as horizontal bars."""
    title = "Blockers by type, times named: " + ("; ".join(
        f"{b.label}: {b.count}" for b in blockers) or "none named")
    if not blockers:
        return _empty("blockers", title, "No blockers named")
    left, right, top, row = 170.0, 660.0, 8.0, 30.0
    most = max(b.count for b in blockers)
    parts = []
    for index, b in enumerate(blockers):
        y = top + index * row
        width = (right - left) * b.count / most if most else 0
        parts += [_text(left - 10, y + 17, _clip(b.label, 24), text_anchor="end"),
                  _rect(left, y + 5, width, 17, ACCENT),
                  _text(left + width + 6, y + 18, str(b.count), font_weight="bold")]
    return _svg("blockers", top + row * len(blockers) + 6, title, parts)
