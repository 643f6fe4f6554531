"""The report's SVG charts: well-formed, labelled for screen readers, escaped, deterministic."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest
from markupsafe import Markup

import questionnaires
from assessments.demo.load import demo_data
from assessments.report import charts
from scoring.adoption import adoption_loop
from scoring.blockers import Blocker
from scoring.responses import Response
from scoring.results import CriterionResult
from scoring.stakeholders import stakeholder_map

SVG = "{http://www.w3.org/2000/svg}"
DEFINITIONS = {q.id: q for q in questionnaires.load()}
HOSTILE = "Dana <script>alert(1)</script> & \"Co\" 'x'"


def criterion(label: str, score: float | None, *, must_have: bool = False,
              pass_at: float = 50) -> CriterionResult:
    """A scored criterion as scoring returns it."""
    passed = score is not None and score >= pass_at
    return CriterionResult(id=label.lower()[:8] or "c", label=label, weight=1.0,
                           must_have=must_have, pass_at=pass_at, action="Do it.", score=score,
                           passed=passed, questions=())


def people(*names: str) -> Any:
    """Stakeholders scored from a seller's map: one resistor, one ally per name pair."""
    rows = []
    for n, name in enumerate(names):
        rows.append({"name": name, "group": "manager" if n % 2 == 0 else "approver",
                     "wanted": "no" if n % 2 == 0 else "yes",
                     "influence": 4, "stance": "resistant" if n % 2 == 0 else "leading",
                     "desired_stance": "supportive"})
    response = Response("s1", "seller", {"stakeholders": tuple(rows)},
                        submitted_at="2026-01-01T10:00:00")
    return stakeholder_map(DEFINITIONS["stakeholder-map"], [response]).stakeholders


def weeks() -> Any:
    """The demo's live account: eight weeks of pulses that turn around."""
    account = next(a for a in demo_data() if a.assessment.id == "tessaline-distribution")
    pulses = [r.to_response() for r in account.responses
              if r.questionnaire == "post-go-live-pulse"]
    return adoption_loop(DEFINITIONS["post-go-live-pulse"], pulses).weeks


def blockers(label: str = "Trust") -> tuple[Blocker, ...]:
    """Two blocker types with counts."""
    return (Blocker("trust", label, 3, (), "Bring evidence."),
            Blocker("training", "Training", 1, (), "Reinforce by role."))


CHARTS: dict[str, Callable[[], Markup]] = {
    "criteria": lambda: charts.criteria_chart([
        criterion(HOSTILE, 40, must_have=True, pass_at=60), criterion("Capacity", 80),
        criterion("Unscored", None)]),
    "trend": lambda: charts.trend_chart(weeks()),
    "stakeholders": lambda: charts.stakeholder_grid(people(HOSTILE, "Gemma Hart, VP")),
    "blockers": lambda: charts.blocker_chart(blockers(HOSTILE)),
}


def parse(svg: Markup) -> ET.Element:
    """The chart as XML: a parse error fails the test."""
    return ET.fromstring(str(svg))


@pytest.mark.parametrize("name", CHARTS)
def test_chart_is_well_formed_svg_with_role_and_title(name: str) -> None:
    root = parse(CHARTS[name]())
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text and len(title.text) > 20
    assert root.get("aria-label") == title.text
    assert root.get("viewBox", "").startswith("0 0 720 ")
    assert root.get("width") is None and root.get("height") is None


@pytest.mark.parametrize("name", CHARTS)
def test_chart_is_deterministic(name: str) -> None:
    assert CHARTS[name]() == CHARTS[name]()


@pytest.mark.parametrize("name", ["criteria", "stakeholders", "blockers"])
def test_hostile_text_is_escaped_never_an_element(name: str) -> None:
    svg = CHARTS[name]()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    # Quotes inside attributes (aria-label) stay inside them: the label reads back intact.
    assert "Dana <script>alert(1)</script> & \"Co\" 'x'" in root.get("aria-label", "")
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Dana" in texts


def test_characters_xml_cannot_hold_are_dropped() -> None:
    root = parse(charts.blocker_chart(blockers("Trust\x00\x0b\x1f")))
    assert "Trust" in (root.get("aria-label") or "")


def test_criteria_chart_marks_pass_marks_and_gates() -> None:
    root = parse(CHARTS["criteria"]())
    label = root.get("aria-label") or ""
    assert "passes at 60, must-have, fails" in label and "Unscored: no score" in label
    # One diamond per must-have gate, plus the one in the legend.
    assert len(root.findall(f"{SVG}path")) == 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "40" in texts and "80" in texts and "no score" in texts


def test_trend_chart_draws_the_band_lines_and_every_week() -> None:
    root = parse(CHARTS["trend"]())
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "healthy 75" in texts and "watch 50" in texts
    assert [t for t in texts if t.startswith("Week ")] == [f"Week {n}" for n in range(1, 9)]
    assert len(root.findall(f"{SVG}circle")) == 8


def test_stakeholder_grid_labels_quadrants_and_places_people() -> None:
    root = parse(CHARTS["stakeholders"]())
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    for quadrant in ("Critical blocker", "Key ally", "Address concerns", "Monitor"):
        assert quadrant in texts
    assert "Gemma Hart" in texts  # the name, without the role after the comma
    assert len(root.findall(f"{SVG}circle")) == 2


def test_empty_inputs_still_give_a_labelled_chart() -> None:
    for svg in (charts.criteria_chart([]), charts.trend_chart([]),
                charts.stakeholder_grid([]), charts.blocker_chart([])):
        root = parse(svg)
        assert root.get("role") == "img" and root.find(f"{SVG}title") is not None


@pytest.mark.parametrize(("influence", "stance", "quadrant"), [
    (3, "neutral", "critical_blocker"), (5, "resistant", "critical_blocker"),
    (3, "supportive", "key_ally"), (2, "neutral", "address_concerns"),
    (1, "leading", "monitor"),
])
def test_stakeholder_dot_sits_in_its_quadrants_zone(influence: int, stance: str,
                                                    quadrant: str) -> None:
    row = {"name": "Kim", "group": "manager", "influence": influence, "stance": stance,
           "desired_stance": "supportive"}
    person = stakeholder_map(DEFINITIONS["stakeholder-map"], [Response(
        "s1", "seller", {"stakeholders": (row,)}, submitted_at="2026-01-01T10:00:00")]
    ).stakeholders
    assert person[0].quadrant == quadrant
    root = parse(charts.stakeholder_grid(person))
    zones = dict(zip(["critical_blocker", "key_ally", "address_concerns", "monitor"],
                     root.findall(f"{SVG}rect")[:4], strict=True))
    zone, dot = zones[quadrant], root.find(f"{SVG}circle")
    assert dot is not None
    x, y = float(dot.get("cx", "0")), float(dot.get("cy", "0"))
    left, top = float(zone.get("x", "0")), float(zone.get("y", "0"))
    assert left < x < left + float(zone.get("width", "0"))
    assert top < y < top + float(zone.get("height", "0"))


@pytest.mark.parametrize("score", [0, 45, 46, 48, 49, 50, 51, 100])
def test_a_bar_label_never_sits_on_the_pass_mark(score: float) -> None:
    root = parse(charts.criteria_chart([criterion("Near the mark", score, must_have=True)]))
    marks = [float(line.get("x1") or 0) for line in root.iter(f"{SVG}line")
             if line.get("stroke-width") == "2" and line.get("x1") == line.get("x2")
             and float(line.get("y2") or 0) - float(line.get("y1") or 0) == 28]
    (mark,) = marks
    (label,) = [t for t in root.iter(f"{SVG}text")
                if t.text == str(score) and t.get("font-weight") == "bold"]
    start = float(label.get("x") or 0)
    end = start + charts.LABEL_CHAR * len(label.text or "")
    assert not start - 3 <= mark <= end + 3, (score, start, end, mark)
    assert end <= float(root.get("viewBox", "0 0 720 0").split()[2])


def _label_box(text: ET.Element) -> tuple[float, float, float, float]:
    """A text element's space, from its own attributes (12 px unless it says otherwise)."""
    size = float(text.get("font-size") or 12)
    width = charts.LABEL_CHAR * size / 12 * len(text.text or "")
    x, y = float(text.get("x") or 0), float(text.get("y") or 0)
    start = {"start": x, "middle": x - width / 2, "end": x - width}[
        text.get("text-anchor") or "start"]
    return start, y - size * 0.85, start + width, y + size * 0.25


def _meets(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _through(box: tuple[float, ...], a: tuple[float, float], b: tuple[float, float]) -> bool:
    return any(box[0] <= a[0] + (b[0] - a[0]) * i / 200 <= box[2]
               and box[1] <= a[1] + (b[1] - a[1]) * i / 200 <= box[3] for i in range(201))


@pytest.mark.parametrize("healths", [
    [50, 45, 42, 40, 50, 75, 70, 67],          # just under each band line
    [49, 51, 74, 76, 50, 75, 0, 100],          # on and beside the lines, the extremes
    [100, 0, 100, 0, 100, 0, 100, 0],          # the steepest zigzag
    [43, 44, 45, 46, 47, 48, 49, 50],          # a slow climb to the watch line
    [68, 69, 70, 71, 72, 73, 74, 75],          # and to the healthy line
    [0, 0, 1, 2, 98, 99, 100, 100],            # at the axis and the top
    [60] * 26,                                 # half a year of weeks, close together
    [40 + (n * 7) % 40 for n in range(26)],
])
def test_trend_labels_touch_no_line_point_or_other_label(healths: list[float]) -> None:
    template = weeks()[0]
    series = [dataclasses.replace(template, week=n, health=h,
                                  band="healthy" if h >= 75 else "watch" if h >= 50
                                  else "at_risk") for n, h in enumerate(healths, 1)]
    root = parse(charts.trend_chart(series))
    texts = list(root.iter(f"{SVG}text"))
    values = [t for t in texts if t.get("font-weight") == "bold"]
    assert [t.text for t in values] == [str(h) for h in healths]
    others = [_label_box(t) for t in texts if t.get("font-weight") != "bold"]
    rules = [float(line.get("y1") or 0) for line in root.iter(f"{SVG}line")
             if line.get("y1") == line.get("y2")]
    assert len(rules) == 3  # healthy, watch, the axis
    dots = [(float(c.get("cx") or 0), float(c.get("cy") or 0))
            for c in root.iter(f"{SVG}circle")]
    (polyline,) = root.iter(f"{SVG}polyline")
    assert not any(_meets(box, (x - 5, y - 5, x + 5, y + 5)) for box in others for x, y in dots)

    line = [tuple(map(float, p.split(","))) for p in (polyline.get("points") or "").split()]
    assert not any(_meets(a, b) for i, a in enumerate(others) for b in others[i + 1:])
    placed: list[tuple[float, float, float, float]] = []
    for text in values:
        box = _label_box(text)
        where = (text.text, box)
        assert box[1] >= 0 and box[2] <= 720, where
        assert not any(box[1] - 1 <= y <= box[3] + 1 for y in rules), where
        assert not any(_meets(box, (x - 5, y - 5, x + 5, y + 5)) for x, y in dots), where
        assert not any(_meets(box, other) for other in others + placed), where
        assert not any(_through(box, a, b) for a, b in zip(line, line[1:], strict=False)), where
        placed.append(box)
