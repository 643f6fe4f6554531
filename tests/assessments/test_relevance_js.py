"""relevance.js evaluates expressions exactly as questionnaires.expressions does in Python."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, render_template

from assessments.forms.classes import form_class
from assessments.web import language
from questionnaires import Questionnaire, load_text
from questionnaires.answers import relevant_answers, relevant_ids
from questionnaires.expressions import (
    Binary,
    Call,
    Current,
    Expression,
    Literal,
    Node,
    Ref,
    Unary,
    as_data,
    evaluate,
    parse,
    truthy,
    walk,
)

SCRIPT = Path(__file__).resolve().parents[2] / "site" / "static" / "relevance.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed; relevance.js "
                                "is checked against Python only where node can run it")

HARNESS = """\
const relevance = require(process.argv[2]);
const cases = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
const results = cases.map((c) => {
  const value = relevance.evaluate(c.tree, c.answers, c.current);
  return { value: value === undefined ? '<undefined>' : value, truthy: relevance.truthy(value) };
});
process.stdout.write(JSON.stringify(results));
"""

# Answers that exercise every kind of value: empty, numbers, text, choices, odd shapes.
ANSWERS: dict[str, object] = {
    "n": 3, "m": 2.5, "zero": 0, "fzero": 0.0, "neg": -4, "big": 9007199254740991,
    "s": "abc", "t": "abd", "date": "2026-03-31", "yes": "yes", "blank": "", "none": None,
    "list": ["a", "b"], "list2": ["b", "a"], "list3": ["a"], "emptylist": [],
    "mixed": [1, "a", None, True], "dict": {"a": 1}, "flag": True, "off": False,
    "digits": "3", "astral": "\U0001d49c", "high": "\uffff", "accent": "é", "nested": [["a"]],
}

SOURCES = [
    # references and literals
    "${n}", "${m}", "${s}", "${blank}", "${none}", "${missing}", "${list}", "${emptylist}",
    "${mixed}", "${dict}", "${nested}", "${flag}", "''", "'x'", "true", "false", "1.5", "0",
    # equality: numbers numerically, strings exactly, lists as sets, bools apart, empty
    "${n} = 3", "${n} = 3.0", "${zero} = ${fzero}", "${n} = '3'", "${digits} = 3",
    "${flag} = true", "${flag} = 1", "${off} = 0", "${off} = false", "${s} = 'abc'",
    "${s} = 'ABC'", "${list} = ${list2}", "${list} = ${list3}", "${list3} = 'a'",
    "${blank} = ''", "${none} = ''", "${missing} = ${none}", "${emptylist} = ''",
    "${n} != 3", "${s} != 'abc'", "${none} != ''", "${list} != ${list2}", "${mixed} = ${list3}",
    # ordering: number-number or text-text only
    "${n} < 4", "${n} <= 3", "${n} > 2.9", "${n} >= 3.5", "${m} < ${n}", "${s} < ${t}",
    "${t} <= ${s}", "${date} >= '2026-01-01'", "${date} > '2026-12-31'", "${n} < '4'",
    "${s} > 1", "${none} < 1", "${none} >= ${none}", "${flag} > false", "${list} > ${list3}",
    "${astral} > ${high}", "${high} < ${astral}", "${accent} > 'z'", "'a' < 'ab'", "'' < 'a'",
    # arithmetic: numbers only, empty otherwise, division by zero empty, / gives a decimal
    "${n} + 1", "${n} - ${m}", "${n} * ${m}", "${n} / 2", "7 / 2", "1 / 3", "${n} / ${zero}",
    "${n} / ${fzero}", "${n} / 0.0", "0.1 + 0.2", "0.1 + 0.2 = 0.3", "${n} + ${none}",
    "${n} + ${s}", "${s} + ${t}", "${flag} + 1", "${list} * 2", "-${n}", "-${none}", "-${s}",
    "-${zero}", "-(${neg})", "${big} + 1", "${big} * 1.0", "(${n} + ${m}) * 2",
    "${n} - ${n} = 0", "${neg} * ${fzero}", "1 / (${neg} * ${fzero})",
    # logic: truthiness, short-circuit, bools out
    "${n} and ${s}", "${zero} or ${fzero}", "${blank} or ${emptylist}", "not ${none}",
    "not ${list}", "not ${fzero}", "not ${off}", "${flag} and not ${off}", "${dict} or 0",
    "${mixed} and true", "false and (1 / 0)", "true or (1 / 0)", "not (${n} > 1 and ${m} > 3)",
    # functions
    "selected(${list}, 'a')", "selected(${list}, 'c')", "selected(${s}, 'abc')",
    "selected(${s}, 'ab')", "selected(${none}, 'a')", "selected(${n}, 3)",
    "selected(${list}, ${none})", "selected(${mixed}, 'a')", "selected(${digits}, 3)",
    "selected(${list}, ${list3})", "count_selected(${list})", "count_selected(${s})",
    "count_selected(${none})", "count_selected(${n})", "count_selected(${mixed})",
    "count_selected(${emptylist})", "count_selected(${list}) > 1",
    "if(${n} > 2, 'big', 'small')", "if(${none}, 1, ${s})", "if(${zero}, 1 / 0, 'no')",
    "if(${flag}, ${list}, 0)", "if(true, ${none}, 1)", "empty(${none})", "empty(${blank})",
    "empty(${emptylist})", "empty(${zero})", "empty(${off})", "empty(${dict})",
    "empty(${n} / 0)", "empty(${n} + 1)", "not empty(${s}) and ${s} != 'none'",
    "if(empty(${missing}), count_selected(${list}) * 10, -1) >= 20",
    # the current answer `.`
    ". >= 1 and . <= ${n}", "selected(., 'none') and count_selected(.) > 1", "empty(.)",
    ". = ''", ". + 1",
]
CURRENTS: list[object] = [None, "", 2, 5, 2.5, "none", ["none", "a"], [], ["a"], True]


def run_js(cases: list[dict[str, object]], tmp_path: Path) -> list[dict[str, object]]:
    harness, data = tmp_path / "harness.js", tmp_path / "cases.json"
    harness.write_text(HARNESS, encoding="utf-8")
    data.write_text(json.dumps(cases, allow_nan=False), encoding="utf-8")
    assert NODE is not None
    done = subprocess.run([NODE, str(harness), str(SCRIPT), str(data)], capture_output=True,
                          text=True, check=True, timeout=60)
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


def plain(value: object) -> object:
    """A Python result as JSON carries it."""
    return list(value) if isinstance(value, tuple) else value


def same(js: object, py: object) -> bool:
    """Equal and of the same kind: True is not 1, a list is not a string."""
    py = plain(py)
    if isinstance(py, bool) or isinstance(js, bool):
        return type(js) is type(py) and js == py
    if isinstance(py, int | float) and isinstance(js, int | float):
        return js == py
    return type(js) is type(py) and js == py


def compare(expressions: list[tuple[Expression, dict[str, object], object]],
            tmp_path: Path) -> list[str]:
    cases = [{"tree": as_data(expr), "answers": answers, "current": current}
             for expr, answers, current in expressions]
    mismatches = []
    for (expr, answers, current), result in zip(expressions, run_js(cases, tmp_path),
                                                strict=True):
        expected = evaluate(expr, answers, current)
        if not same(result["value"], expected) or result["truthy"] is not truthy(expected):
            mismatches.append(f"{expr.source or as_data(expr)} with .={current!r}: "
                              f"JS {result} != Python {expected!r}")
    return mismatches


def test_the_table_matches_python(tmp_path: Path) -> None:
    cases = [(parse(source), ANSWERS, current) for source in SOURCES
             for current in (CURRENTS if "." in source.replace("0.", "") else [None])]
    assert len(cases) > 200
    assert compare(cases, tmp_path) == []


def test_every_operator_and_function_is_in_the_table() -> None:
    seen = {(type(n).__name__, getattr(n, "op", None) or getattr(n, "name", None))
            for source in SOURCES for n in walk(parse(source).root)}
    ops = {("Binary", op) for op in ("or", "and", "=", "!=", "<", "<=", ">", ">=",
                                     "+", "-", "*", "/")}
    calls = {("Call", name) for name in ("selected", "count_selected", "if", "empty")}
    assert ops | calls | {("Unary", "not"), ("Unary", "-"), ("Current", None)} <= seen


# ---- a randomized sweep -------------------------------------------------------------------------

NAMES = ["a", "b", "c", "d"]
SCALARS: list[object] = [0, 1, 2, -3, 10, 0.0, 0.5, 2.5, -1.5, "", "x", "y", "10", "2026-01-01",
                         "\U0001d49c", "\uffff", True, False]
VALUES: list[object] = [*SCALARS, None, [], ["x"], ["x", "y"], ["y", "x"], [1, "x"], {"k": 1}]
OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"]
FUNCTIONS = {"selected": 2, "count_selected": 1, "if": 3, "empty": 1}


def random_node(rng: random.Random, depth: int) -> Node:
    roll = rng.random()
    if depth <= 0 or roll < 0.25:
        pick = rng.random()
        if pick < 0.45:
            return Ref(rng.choice(NAMES))
        if pick < 0.55:
            return Current()
        value = rng.choice([s for s in SCALARS if s != "" or rng.random() < 0.5])
        return Literal(value)  # type: ignore[arg-type]
    if roll < 0.35:
        return Unary(rng.choice(["not", "-"]), random_node(rng, depth - 1))
    if roll < 0.75:
        return Binary(rng.choice(OPERATORS), random_node(rng, depth - 1),
                      random_node(rng, depth - 1))
    name = rng.choice(sorted(FUNCTIONS))
    return Call(name, tuple(random_node(rng, depth - 1) for _ in range(FUNCTIONS[name])))


def exact_in_doubles(expr: Expression, answers: dict[str, object], current: object) -> bool:
    """Whether every integer met on the way fits a double exactly (the documented limit)."""
    for node in walk(expr.root):
        value = evaluate(Expression("", node), answers, current)
        if type(value) is int and abs(value) > 2**53:
            return False
    return True


def test_random_expressions_match_python(tmp_path: Path) -> None:
    rng = random.Random(20260331)
    cases = []
    while len(cases) < 300:
        expr = Expression("", random_node(rng, rng.randint(1, 5)))
        answers = {name: rng.choice(VALUES) for name in NAMES if rng.random() < 0.85}
        current = rng.choice(VALUES)
        if exact_in_doubles(expr, answers, current):
            cases.append((expr, answers, current))
    assert compare(cases, tmp_path) == []


def test_the_script_stays_small_and_self_contained() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(source.encode()) < 6 * 1024
    assert "require(" not in source and "import " not in source


# ---- the page: a questionnaire form in a small stand-in DOM -------------------------------------

DOM_HARNESS = """\
const fs = require('fs');
const [script, pagePath, stepsPath] = process.argv.slice(2);
const CONTROLS = ['input', 'select', 'textarea', 'button'];

class El {
  constructor(node, parent) {
    const a = node.attrs;
    Object.assign(this, { tagName: node.tag, attrs: a, parentElement: parent,
      name: a.name || '', value: node.value || '', checked: 'checked' in a,
      disabled: 'disabled' in a, hidden: 'hidden' in a, multiple: 'multiple' in a,
      type: a.type || { select: 'select-one', textarea: 'textarea' }[node.tag] || 'text',
      dataset: {}, listeners: {} });
    for (const k of Object.keys(a)) {
      if (k.startsWith('data-')) {
        this.dataset[k.slice(5).replace(/-([a-z])/g, (m, c) => c.toUpperCase())] = a[k];
      }
    }
    this.children = node.children.map((c) => new El(c, this));
  }
  attr(k) {
    return k === 'hidden' || k === 'disabled' ? (this[k] ? '' : undefined) : this.attrs[k];
  }
  matchesOne(sel) {
    const tag = sel.match(/^[a-z]+/), cls = sel.match(/\\.([a-z-]+)/);
    if (tag && tag[0] !== this.tagName) return false;
    if (cls && !(this.attrs.class || '').split(' ').includes(cls[1])) return false;
    for (const [, k, v] of sel.matchAll(/\\[([a-z-]+)(?:="([^"]*)")?\\]/g)) {
      const have = this.attr(k);
      if (have === undefined || (v !== undefined && have !== v)) return false;
    }
    return true;
  }
  matches(sel) { return sel.split(',').some((s) => this.matchesOne(s.trim())); }
  closest(sel) {
    for (let e = this; e; e = e.parentElement) if (e.matches(sel)) return e;
    return null;
  }
  *all() { for (const c of this.children) { yield c; yield* c.all(); } }
  querySelectorAll(sel) { return [...this.all()].filter((e) => e.matches(sel)); }
  get elements() { return [...this.all()].filter((e) => CONTROLS.includes(e.tagName)); }
  addEventListener(kind, fn) { this.listeners[kind] = fn; }
}

const root = new El(JSON.parse(fs.readFileSync(pagePath, 'utf8')), null);
global.document = root;
require(script);
const form = root.querySelectorAll('form.questionnaire')[0];
const snapshot = () => ({
  shown: form.querySelectorAll('[data-question]').filter((e) => !e.closest('[hidden]'))
    .map((e) => e.dataset.question),
  disabled: form.elements.filter((e) => e.disabled && e.name).map((e) => e.name),
});
const out = [];
for (const step of JSON.parse(fs.readFileSync(stepsPath, 'utf8'))) {
  for (const [name, value] of Object.entries(step)) {
    for (const e of form.elements.filter((x) => x.name === name)) {
      if (e.type === 'radio' || e.type === 'checkbox') {
        e.checked = [].concat(value).includes(e.value);
      } else {
        e.value = value;
      }
    }
  }
  form.listeners.input();
  out.push(snapshot());
}
process.stdout.write(JSON.stringify(out));
"""


class Tree(HTMLParser):
    """The page as nested {tag, attrs, children, value} for the stand-in DOM."""

    VOID = {"input", "br", "meta", "link", "img", "hr"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.root: dict[str, Any] = {"tag": "#document", "attrs": {}, "children": []}
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "children": [],
                "value": dict(attrs).get("value") or ""}
        self.stack[-1]["children"].append(node)
        if tag == "option" and "selected" in node["attrs"] or (
                tag == "option" and not self.stack[-1].get("value")):
            self.stack[-1]["value"] = node["value"]
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack[-1]["tag"] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack[-1]["tag"] == "textarea":
            self.stack[-1]["value"] += data


def rendered(q: Questionnaire, data: dict[str, str]) -> str:
    site = SCRIPT.parents[1]
    app = Flask(__name__, template_folder=str(site / "templates"),
                static_folder=str(site / "static"))
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    language.init_app(app)  # the templates say their own words through Flask-Babel
    with app.test_request_context("/", method="POST", data=data):
        form = form_class(q, audience="seller")()
        return render_template("questionnaire.html", q=q, form=form, errors=(),
                               language=None, action="/", submit_label="Send")


DEFINITION = """\
    id: shown
    title: Shown
    version: 1
    audience: [seller]
    sections:
      - id: one
        title: One
        questions:
          - {id: agree, type: yes_no, label: "Agree?"}
          - {id: name, type: text, label: Name, relevant: "${agree} = 'yes'", required: true}
          - {id: shout, type: text, label: Shout, relevant: "not empty(${name})"}
          - {id: stars, type: rating, label: Stars}
          - {id: praise, type: textarea, label: Why, relevant: "${stars} >= 4"}
          - id: tools
            type: select_multiple
            label: Tools
            choices: [{value: a, label: A}, {value: b, label: B}]
          - {id: both, type: yes_no, label: "Both?", relevant: "count_selected(${tools}) = 2"}
      - id: two
        title: Two
        relevant: "not (${agree} = 'no')"
        questions:
          - id: people
            type: repeat
            label: People
            questions:
              - {id: person, type: text, label: Person}
              - {id: role, type: text, label: Role, relevant: "not empty(${person})"}
      - id: three
        title: Three
        questions:
          - {id: crowd, type: yes_no, label: "Crowd?", relevant: "${people} >= 2"}
    """


def test_the_page_hides_and_disables_what_does_not_apply(tmp_path: Path) -> None:
    q, problems = load_text("shown.yaml", textwrap.dedent(DEFINITION))
    assert q is not None, problems
    page = tmp_path / "page.json"
    page.write_text(json.dumps(Tree(rendered(q, {"people-0": "row", "people-1": "row"})).root),
                    encoding="utf-8")
    steps = [{}, {"agree": "yes"}, {"name": "Ana"}, {"agree": "no"}, {"stars": "4"},
             {"tools": ["a", "b"]}, {"agree": "", "people-0-person": "Bo"},
             {"people-1-person": "Cy"}, {"people-1-person": "  "}]
    (tmp_path / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    (tmp_path / "dom.js").write_text(DOM_HARNESS, encoding="utf-8")
    assert NODE is not None
    done = subprocess.run([NODE, str(tmp_path / "dom.js"), str(SCRIPT), str(page),
                           str(tmp_path / "steps.json")], capture_output=True, text=True,
                          check=True, timeout=60)
    states = json.loads(done.stdout)
    always = ["agree", "stars", "tools", "people", "person", "person"]  # two rows
    assert states[0]["shown"] == always
    assert set(states[0]["disabled"]) == {"name", "shout", "praise", "both", "people-0-role",
                                          "people-1-role", "crowd"}
    assert states[1]["shown"] == ["agree", "name", *always[1:]]
    assert states[2]["shown"] == ["agree", "name", "shout", *always[1:]]
    # "no" hides the name, so the shout that depended on it hides too, and section two.
    assert states[3]["shown"] == ["agree", "stars", "tools"]
    assert {"people-0", "people-0-person", "action"} <= set(states[3]["disabled"])
    assert states[4]["shown"] == ["agree", "stars", "praise", "tools"]
    assert states[5]["shown"] == ["agree", "stars", "praise", "tools", "both"]
    assert "role" in states[6]["shown"] and "people-0-role" not in states[6]["disabled"]
    assert "people-1-role" in states[6]["disabled"] and "crowd" not in states[6]["shown"]
    assert states[7]["shown"][-1] == "crowd"
    assert states[8]["shown"][-1] != "crowd"
    # After every step the server agrees on which top-level questions apply.
    top = {x.id for s in q.sections for x in s.questions}
    values: dict[str, Any] = {}
    for step, state in zip(steps, states, strict=True):
        values.update(step)
        assert {x for x in state["shown"] if x in top} == server_view(q, values), step


def server_view(q: Questionnaire, values: dict[str, Any]) -> set[str]:
    """The top-level questions the server keeps for these field values."""
    rows = tuple({"person": v.strip()} for k, v in sorted(values.items())
                 if k.endswith("-person") and v.strip())
    answers = {"agree": values.get("agree"), "name": values.get("name"),
               "stars": int(values["stars"]) if "stars" in values else None,
               "tools": tuple(values.get("tools", ())), "people": rows}
    return relevant_ids(q, relevant_answers(q, answers))
