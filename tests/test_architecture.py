"""The shape of the code: layers, registries and one home for each name."""

from __future__ import annotations

import ast
import dataclasses
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import pytest

import questionnaires
import scoring.adoption
import scoring.aggregate
import scoring.pulseweek
from assessments.demo.load import demo_data
from assessments.forms.types import TYPES
from assessments.paths import SITE
from questionnaires.model import ANSWER_TYPES, QUESTION_TYPES, Question, Questionnaire
from scoring import Response
from scoring.aggregate import clean_answers
from scoring.assess import assess

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("questionnaires", "scoring", "assessments")
# assessments' parts, lowest first: a part imports only from parts below it (and itself).
PARTS = {"errors": 0, "paths": 0, "words": 0, "project": 1, "store": 2, "forms": 3, "mail": 3,
         "hooks": 3, "report": 4, "transfer": 4, "web": 5, "demo": 5, "build": 6, "cli": 7,
         "clireference": 8}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            tree = ast.parse(path.read_text("utf-8"))
            tree.package = rel.name == "__init__"  # type: ignore[attr-defined]
            yield ".".join(parts), tree


def _run_at_import(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module runs when imported: into if/try/with, not functions, and
    not `if TYPE_CHECKING:`."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                yield from _run_at_import(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            yield from _run_at_import(node.body + node.orelse + node.finalbody +
                                      [s for h in node.handlers for s in h.body])
        elif isinstance(node, ast.With):
            yield from _run_at_import(node.body)


def imported(name: str, tree: ast.Module, *, top_level: bool = False) -> Iterator[str]:
    """Every module `name` imports (`top_level`: only at import time, not in functions),
    relative imports resolved."""
    package = name if getattr(tree, "package", False) else name.rpartition(".")[0]
    nodes = _run_at_import(tree.body) if top_level else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[:len(base) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module
            # `from assessments.store import service` imports a module too.
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_imports_run_one_way() -> None:
    wrong = []
    for name, tree in modules():
        layer = PACKAGES.index(name.split(".")[0])
        part = name.split(".")[1] if name.startswith("assessments.") else None
        assert part is None or part in PARTS, f"{name}: add its part to PARTS"
        for target in imported(name, tree):
            top = target.split(".")[0]
            if top in PACKAGES and PACKAGES.index(top) > layer:
                wrong.append(f"{name} imports {target}")
            if part and target.startswith("assessments.") and len(target.split(".")) > 1:
                other = target.split(".")[1]
                if other != part and PARTS.get(other, 99) >= PARTS[part]:
                    wrong.append(f"{name} ({part}) imports {target} ({other})")
    assert wrong == []


def test_the_import_rules_see_every_kind_of_import() -> None:
    code = """\
import questionnaires.loader
from .. import web
from ..web import app as web_app
from .context import store
try:
    from scoring import ids
except ImportError:
    pass
if TYPE_CHECKING:
    from assessments.build import stages
def later():
    from assessments.cli import main
"""
    tree = ast.parse(code)
    tree.package = False  # type: ignore[attr-defined]
    found = set(imported("assessments.store.service", tree))
    assert {"questionnaires.loader", "assessments.web", "assessments.web.app",
            "assessments.store.context", "scoring.ids", "assessments.build.stages",
            "assessments.cli"} <= found
    at_import = set(imported("assessments.store.service", tree, top_level=True))
    assert "scoring.ids" in at_import and "assessments.web.app" in at_import
    assert "assessments.build.stages" not in at_import and "assessments.cli" not in at_import


def test_no_import_circles() -> None:
    known = dict(modules())
    graph = {name: {t for t in imported(name, tree, top_level=True) if t in known and t != name}
             for name, tree in known.items()}
    for name in graph:  # a package's __init__ is not a circle with its own modules
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" → ".join(path[path.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_no_blueprint_imports_the_app_module() -> None:
    for name, tree in modules():
        if name.startswith("assessments.web.") and name != "assessments.web.app":
            assert "assessments.web.app" not in set(imported(name, tree)), name


def test_every_question_type_has_its_field_scorer_and_printing() -> None:
    printing = jinja2.Environment(loader=jinja2.FileSystemLoader(SITE / "templates"))
    macros = printing.get_template("print_types.html").module
    assert set(TYPES) == set(QUESTION_TYPES)
    for name, row in TYPES.items():
        assert callable(row.field), name
        if name in ANSWER_TYPES:
            assert row.scorer is not None, f"{name} has no scorer"
            assert row.printed and callable(getattr(macros, row.printed, None)), \
                f"{name}: no macro {row.printed!r} in print_types.html"
        else:  # a note or a repeat holds no answer of its own
            assert row.scorer is None and row.printed is None, name


class Recording(dict[str, Any]):
    """Answers that note every key the scoring code reads."""

    def __init__(self, data: dict[str, Any], reads: set[str], prefix: str = "") -> None:
        super().__init__(data)
        self.reads, self.prefix = reads, prefix

    def _note(self, key: object) -> None:
        if isinstance(key, str):
            self.reads.add(self.prefix + key)

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)


def test_the_built_ins_have_every_question_id_scoring_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    defs = {q.id: q for q in questionnaires.load()}
    reads: dict[str, set[str]] = {qid: set() for qid in defs}

    def recording(answers: Mapping[str, Any], qid: str) -> Recording:
        rows = {k: tuple(Recording(dict(row), reads[qid], f"{k}.") for row in v)
                if isinstance(v, tuple) and v and isinstance(v[0], dict) else v
                for k, v in answers.items()}
        return Recording(rows, reads[qid])

    # Scoring reads raw answers, and answers cleaned against the definition: watch both.
    def watched_clean(q: Questionnaire, response: Response) -> dict[str, object]:
        return recording(clean_answers(q, response), q.id)

    for module in (scoring.aggregate, scoring.adoption, scoring.pulseweek):
        monkeypatch.setattr(module, "clean_answers", watched_clean)
    for account in demo_data():
        grouped: dict[str, list[Response]] = {}
        for record in account.responses:
            response = record.to_response()
            grouped.setdefault(record.questionnaire, []).append(dataclasses.replace(
                response, answers=recording(response.answers, record.questionnaire)))
        assess(account.assessment, defs, grouped)
    assert all(reads.values()), "the recorder saw no reads: the test would prove nothing"
    for qid, keys in reads.items():
        ids = {q.id for q in defs[qid].all_questions()}
        ids |= {f"{q.id}.{sub.id}" for q in defs[qid].all_questions() if q.type == "repeat"
                for sub in q.questions}
        assert keys <= ids, f"{qid}: scoring reads {sorted(keys - ids)}, not in the definition"


def _literal_homes(pattern: str) -> set[str]:
    found = set()
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    re.fullmatch(pattern, node.value):
                found.add(name)
    return found


def test_one_home_for_each_shared_name() -> None:
    assert _literal_homes(r"report\.pdf") == {"assessments.paths"}
    templates = [p for p in SITE.rglob("*.html") if "report.pdf" in p.read_text("utf-8")]
    assert templates == [], "a template names the PDF: use pdf_name (assessments.paths)"
    assert _literal_homes(r"instance") == {"assessments.paths"}
    assert _literal_homes(r"\[a-z0-9\]\[a-z0-9-\]\{0,62\}") == {"assessments.store.records"}
    for qid in ("pre-close-readiness", "stakeholder-map", "post-go-live-pulse"):
        assert _literal_homes(re.escape(qid)) == {"scoring.ids"}, qid


def test_every_package_ships_in_the_distribution() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    code = {".".join(p.parent.relative_to(ROOT).parts) for package in PACKAGES
            for p in (ROOT / package).rglob("__init__.py")}
    site = {"assessments.site." + ".".join(p.relative_to(SITE).parts) if p != SITE
            else "assessments.site" for p in [SITE, *SITE.rglob("*")] if p.is_dir()}
    # Folders of data files inside a package (setuptools wants them listed too).
    data = {".".join(p.relative_to(ROOT).parts) for package in PACKAGES
            for p in (ROOT / package).rglob("*") if p.is_dir() and p.name != "__pycache__"
            and not (p / "__init__.py").exists() and any(f.is_file() for f in p.iterdir())}
    assert listed == code | site | data
    assert config["package-dir"] == {"assessments.site": "site"}


def test_questions_have_ids_the_scoring_can_name() -> None:
    # A repeat's rows are read as `repeat.sub`: no id may hold a dot.
    for q in questionnaires.load():
        for item in q.all_questions():
            assert isinstance(item, Question) and "." not in item.id


def test_one_palette_for_pages_print_and_charts() -> None:
    from assessments.report import charts

    colours = charts.palette((SITE / "static" / "palette.css").read_text("utf-8"))
    assert {charts.BAD, charts.OK, charts.WARN, charts.INK} <= set(colours.values())
    for sheet in [*SITE.glob("static/*.css"), *SITE.glob("print/*.css")]:
        if sheet.name == "palette.css":
            continue
        stray = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", sheet.read_text("utf-8"))) - {"#fff"}
        assert stray == set(), f"{sheet.name} defines its own colours: {sorted(stray)}"
    assert '@import url("../static/palette.css")' in (SITE / "print" / "report.css").read_text(
        "utf-8")
