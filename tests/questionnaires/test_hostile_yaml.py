"""Hostile YAML (recursive aliases, alias bombs, deep nesting, unreadable values) becomes one
located problem, never a hang, a memory blow-up or a traceback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import questionnaires
from questionnaires.yamllimits import MAX_DEPTH, MAX_NODES
from tests.helpers import MINIMAL

BASE = textwrap.dedent(MINIMAL)
# A child process, so a hang is cut off by the timeout and memory is capped at 1 GiB.
LOAD = textwrap.dedent("""\
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
    import questionnaires
    try:
        questionnaires.load([sys.argv[1]])
        print(json.dumps([]))
    except questionnaires.DefinitionError as err:
        print(json.dumps([str(p) for p in err.problems]))
    """)


def problems_of(path: Path, recursion_limit: int | None = None) -> list[str]:
    """Load `path` in a child process (20 s at most) and return its problems as printed."""
    code = LOAD
    if recursion_limit is not None:
        code = code.replace("import questionnaires\n", "import questionnaires\n"
                            f"sys.setrecursionlimit({recursion_limit})\n")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, timeout=20)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    found: list[str] = json.loads(result.stdout)
    return found


def where(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def bomb(levels: int) -> str:
    """Billion laughs under choice_lists: each list repeats the one before ten times."""
    rows = ["choice_lists:", "  l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return BASE + "\n".join(rows) + "\n"


def deep_block(levels: int) -> str:
    """Mappings nested by indentation, `levels` deep under the key `extra`."""
    return BASE + "extra:\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(1, levels)) + \
        f"{'  ' * levels}x\n"


@dataclass(frozen=True)
class Case:
    """A hostile file, the text its one problem must point at, and words of its message."""

    text: str
    needle: str
    nth: int
    words: str


FLOW = "extra: " + "[" * 10_000 + "]" * 10_000
NESTED_ALIAS = ("a: &a " + "[" * 40 + "x" + "]" * 40 + "\n" +
                "b: " + "[" * 40 + "*a" + "]" * 40)
CASES = {
    "recursive alias": Case(BASE + "description: &r [*r]\n", "*r", 1, "repeats itself"),
    "recursive alias in a mapping": Case(BASE + "extra: &m {again: [1, *m]}\n", "*m", 1,
                                         "repeats itself"),
    "recursive alias bomb": Case(BASE + "choice_lists:\n  a: &a [*a, *a, *a]\n", "*a", 1,
                                 "repeats itself"),
    # 38 nodes of BASE, 2 of choice_lists, l0…l3 with keys 12,348, l4's key and list 2, then
    # 11,111 for each *l3: the 8th passes 100,000.
    "alias bomb": Case(bomb(9), "*l3", 8, f"{MAX_NODES:,} YAML nodes"),
    # Root mapping is level 1 and `extra`'s list level 2, so the limit is crossed at the
    # bracket opening level MAX_DEPTH + 1.
    "deep flow nesting": Case(BASE + FLOW + "\n", "[", MAX_DEPTH, f"more than {MAX_DEPTH}"),
    "deep block nesting": Case(deep_block(200), f"k{MAX_DEPTH}:", 1, f"more than {MAX_DEPTH}"),
    "deep through an alias": Case(BASE + NESTED_ALIAS + "\n", "*a", 1, f"more than {MAX_DEPTH}"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_one_located_problem(name: str, write: Callable[..., Path]) -> None:
    case = CASES[name]
    path = write(case.text)
    found = problems_of(path)
    assert len(found) == 1, found
    line, col = where(case.text, case.needle, case.nth)
    assert found[0].startswith(f"{path}:{line}:{col}: "), (found[0][:300], line, col)
    assert case.words in found[0]


def test_alias_bomb_problem_points_at_an_alias(write: Callable[..., Path]) -> None:
    text = bomb(9)
    path = write(text)
    (problem,) = problems_of(path)
    line, col = (int(part) for part in problem[len(str(path)) + 1:].split(":")[:2])
    assert text.splitlines()[line - 1][col - 1:].startswith("*l3")


def test_a_shallow_stack_still_gives_a_problem(write: Callable[..., Path]) -> None:
    """Should Python's own limit be hit first, the problem is still located, not raised."""
    text = BASE + "extra: " + "[" * 60 + "]" * 60 + "\n"
    path = write(text)
    found = problems_of(path, recursion_limit=120)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{where(text, 'extra')[0]}:") and "nest" in found[0]


def test_nesting_up_to_the_limit_is_allowed(write: Callable[..., Path]) -> None:
    levels = MAX_DEPTH - 1  # under `extra`, below the root mapping
    text = BASE + "extra: " + "[" * levels + "]" * levels + "\n"
    found = problems_of(write(text))
    assert len(found) == 1 and "unknown key 'extra'" in found[0], found


def test_aliases_within_the_budget_still_load(write: Callable[..., Path]) -> None:
    text = BASE.replace("label: Is there a named owner?", "label: &owner Is there an owner?") \
        + "description: *owner\n"
    (q,) = questionnaires.load([write(text)])
    assert str(q.description) == "Is there an owner?"


@pytest.mark.parametrize(("value", "words"), [
    ("1" * 5000, "cannot be read as a whole number"),
    ("!!int abc", "cannot be read as a whole number"),
    ("!!int ''", "cannot be read as a whole number"),
    ("!!float abc", "cannot be read as a number"),
    ("2001-13-45", "cannot be read as a date"),
    ("!!timestamp soon", "cannot be read as a date"),
    ("!!python/object:os.system x", "tag !!python/object:os.system on 'x' is not supported"),
    ("!local x", "tag !local on 'x' is not supported"),
])
def test_unreadable_value_is_one_problem(value: str, words: str,
                                         write: Callable[..., Path]) -> None:
    text = BASE.replace("version: 1", f"version: {value}")
    path = write(text)
    with pytest.raises(questionnaires.DefinitionError) as caught:
        questionnaires.load([path])
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == where(text, value)
    assert words in problem.message


def test_huge_number_for_a_decimal_key_is_a_problem(write: Callable[..., Path]) -> None:
    text = BASE.replace("action: Name an owner.", "action: Name an owner.\n      weight: 1"
                        + "0" * 400)
    with pytest.raises(questionnaires.DefinitionError) as caught:
        questionnaires.load([write(text)])
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == where(text, "1000") and "too large" in problem.message


def test_value_indicator_is_plain_text(write: Callable[..., Path]) -> None:
    """YAML 1.1 tags a bare `=` as a 'value' the safe loader cannot construct; it is text."""
    (q,) = questionnaires.load([write(BASE.replace("action: Name an owner.", "action: ="))])
    assert q.scoring is not None and str(q.scoring.criteria[0].action) == "="


# Property: any nesting of lists and mappings, with anchors and aliases that may repeat
# each other, point into themselves or at nothing, loads or gives problems, never raises.

ANCHORS = ["a", "b", "c"]


@dataclass(frozen=True)
class Shape:
    """A YAML value to render: a scalar, a list or a mapping, maybe anchored or wrapped."""

    kind: str  # "scalar", "alias", "list", "map"
    text: str = ""
    children: tuple[Shape, ...] = ()
    anchor: str | None = None
    wrap: int = 0  # extra list brackets around it, to reach past the depth limit

    def render(self) -> str:
        if self.kind in ("scalar", "alias"):
            body = self.text
        elif self.kind == "list":
            body = "[" + ", ".join(c.render() for c in self.children) + "]"
        else:
            body = "{" + ", ".join(f"k{i} : {c.render()}"
                                   for i, c in enumerate(self.children)) + "}"
        if self.anchor is not None:
            body = f"&{self.anchor} {body}"
        return "[" * self.wrap + body + "]" * self.wrap

    def depth(self) -> int:
        """Nesting of lists and mappings as written, not counting aliases."""
        own = 0 if self.kind in ("scalar", "alias") else 1
        return self.wrap + own + max((c.depth() for c in self.children), default=0)


anchors = st.one_of(st.none(), st.sampled_from(ANCHORS))
wraps = st.one_of(st.just(0), st.integers(0, MAX_DEPTH + 10))
leaves = st.one_of(
    st.builds(Shape, st.just("scalar"), st.sampled_from(["x", "1", "no", "~", "'q'", "2.5"]),
              anchor=anchors, wrap=wraps),
    st.builds(Shape, st.just("alias"), st.sampled_from([f"*{a}" for a in ANCHORS]),
              wrap=wraps),
)


def _extend(children: st.SearchStrategy[Shape]) -> st.SearchStrategy[Shape]:
    parts = st.lists(children, max_size=4).map(tuple)
    return st.builds(Shape, st.sampled_from(["list", "map"]), st.just(""), parts,
                     anchor=anchors, wrap=wraps)


shapes = st.recursive(leaves, _extend, max_leaves=16)
fields = st.sampled_from(["description", "choice_lists", "extra", "title", "sections"])


@contextmanager
def hang_fails(seconds: int) -> Iterator[None]:
    """Turn a hang into a test failure: SIGALRM interrupts a loop that never ends."""

    def fail(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"loading still ran after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes, shapes, fields)
def test_nested_yaml_loads_or_gives_problems(first: Shape, second: Shape, field: str) -> None:
    text = BASE + f"{field}: {first.render()}\nmore: {second.render()}\n"
    with hang_fails(5):
        questionnaire, problems = questionnaires.load_text("gen.yaml", text)
    assert (questionnaire is None) == bool(problems)
    assert all(p.path == "gen.yaml" and p.line >= 1 and p.col >= 1 for p in problems)
    if max(first.depth(), second.depth()) + 1 > MAX_DEPTH:  # + 1: the root mapping
        # Composing stopped (too deep, or an alias problem met first): no key was checked.
        assert len(problems) == 1 and "'more'" not in problems[0].message, problems
