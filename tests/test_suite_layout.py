"""The test suite's own rules, so that it can run in parallel and in two tiers.

- No module imports from a test module or a conftest: plain helpers live in tests/helpers.py
  (or tests/<dir>/helpers.py), fixtures in conftest.py files, where pytest finds them.
- Slow tests carry the `slow` marker, which `make test-fast` leaves out: every module in
  tests/browser/ and tests/build/ (Chromium, site builds), every test that asks for the
  browser, a page or a live server, and every module that renders PDFs or drives Chromium
  marks at least its slow tests.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SLOW_FOLDERS = ("browser", "build")
BROWSER_FIXTURES = {"browser", "page", "live"}
# Importing one of these means the module launches Chromium or renders PDFs.
SLOW_IMPORTS = ("playwright", "axe_playwright_python", "weasyprint", "assessments.report.pdf")


def modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(TESTS.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported(path: Path, tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every module this one imports, relative ones resolved."""
    package = path.relative_to(TESTS.parent).parent.parts
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            yield node.lineno, module
            for alias in node.names:  # `from tests.browser import test_form_flow`
                yield node.lineno, f"{module}.{alias.name}"


def is_test_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last == "conftest" or last.startswith("test_")


def marked_slow(node: ast.AST) -> bool:
    return "mark.slow" in ast.unparse(node)


def module_is_slow(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.Assign | ast.AnnAssign) and marked_slow(node)
               and "pytestmark" in ast.unparse(node) for node in tree.body)


def defined_tests(tree: ast.Module) -> list[ast.FunctionDef]:
    return [node for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


def test_no_module_imports_a_test_module_or_a_conftest() -> None:
    found = [f"{path.relative_to(TESTS.parent)}:{line} imports {name}"
             for path, tree in modules() for line, name in imported(path, tree)
             if name.split(".")[0] == "tests" and is_test_module(name)]
    assert found == [], "move shared helpers to tests/helpers.py:\n" + "\n".join(found)


def test_the_rule_sees_each_kind_of_import(tmp_path: Path) -> None:
    """A control: absolute, relative and module imports of test modules are all seen."""
    source = ("from tests.conftest import MINIMAL\nfrom .conftest import Deal\n"
              "from tests.browser import test_form_flow\nimport tests.build.test_build\n"
              "from tests.helpers import MINIMAL\nfrom .helpers import said\n")
    path = TESTS / "scenarios" / "test_example.py"
    names = [name for _, name in imported(path, ast.parse(source)) if is_test_module(name)]
    assert names == ["tests.conftest", "tests.scenarios.conftest",
                     "tests.browser.test_form_flow", "tests.build.test_build"]


@pytest.mark.parametrize("folder", SLOW_FOLDERS)
def test_every_browser_and_build_module_is_marked_slow(folder: str) -> None:
    paths = sorted((TESTS / folder).glob("test_*.py"))
    assert paths, folder
    unmarked = [path.name for path in paths
                if not module_is_slow(ast.parse(path.read_text(encoding="utf-8")))]
    assert unmarked == [], f"add `pytestmark = pytest.mark.slow` to tests/{folder}/{unmarked}"


def test_every_test_with_a_browser_or_a_live_server_is_marked_slow() -> None:
    unmarked = [f"{path.relative_to(TESTS.parent)}::{test.name}"
                for path, tree in modules() if not module_is_slow(tree)
                for test in defined_tests(tree)
                if BROWSER_FIXTURES & {arg.arg for arg in test.args.args}
                and not any(marked_slow(d) for d in test.decorator_list)]
    assert unmarked == []


def test_modules_that_drive_chromium_or_render_pdfs_mark_their_slow_tests() -> None:
    unmarked = [str(path.relative_to(TESTS.parent)) for path, tree in modules()
                if path.name.startswith("test_")
                and any(name == slow or name.startswith(slow + ".")
                        for _, name in imported(path, tree) for slow in SLOW_IMPORTS)
                and not module_is_slow(tree)
                and not any(marked_slow(d) for t in defined_tests(tree) for d in t.decorator_list)]
    assert unmarked == [], "mark the module or its PDF/Chromium tests @pytest.mark.slow"
