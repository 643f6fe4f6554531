"""Every kind of definition problem is reported at its exact line and column."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import questionnaires
from questionnaires import DefinitionError

HEAD = """\
id: mini
title: Mini
version: 1
audience: seller
"""

SCORING = """\
scoring:
  criteria:
    - id: ownership
      label: Ownership
      action: Name an owner.
"""


def problems_in(path: Path) -> list[tuple[int, int, str]]:
    """Load a file that must fail; return its problems as (line, col, message)."""
    with pytest.raises(DefinitionError) as caught:
        questionnaires.load([path])
    return [(p.line, p.col, p.message) for p in caught.value.problems]


def only(path: Path) -> tuple[int, int, str]:
    """The single problem of a file."""
    found = problems_in(path)
    assert len(found) == 1, found
    return found[0]


def questions(body: str, scoring: str = SCORING) -> str:
    """A definition whose one section holds `body` (question list items, 6-space indent)."""
    return HEAD + "sections:\n  - id: basics\n    title: Basics\n    questions:\n" + \
        textwrap.indent(textwrap.dedent(body), "      ") + scoring


def test_minimal_definition_loads(write: Callable[..., Path]) -> None:
    from tests.helpers import MINIMAL

    (q,) = questionnaires.load([write(MINIMAL)])
    assert q.id == "mini" and q.question("owner").criterion == "ownership"


def test_yaml_syntax_error_is_located(write: Callable[..., Path]) -> None:
    line, col, message = only(write(HEAD + "sections: [\n  - id: x\n"))
    assert message.startswith("YAML syntax error")
    assert (line, col) == (6, 3)


def test_unknown_key_suggests_the_right_one(write: Callable[..., Path]) -> None:
    path = write(questions("""\
        - id: owner
          type: yes_no
          lable: Is there an owner?
        """))
    found = problems_in(path)
    assert (11, 9) in [(line, col) for line, col, _ in found]
    message = next(m for line, _, m in found if line == 11)
    assert "unknown key 'lable'" in message and "did you mean 'label'" in message


def test_missing_required_key(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: owner
          type: yes_no
        """)))
    assert (line, col) == (9, 9)
    assert "question 'owner' is missing the required key 'label'" in message


def test_unknown_question_type_lists_valid_types(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: owner
          type: multiple_choice
          label: Owner?
        """)))
    assert (line, col) == (10, 15)
    assert "'multiple_choice'" in message and "'select_one'" in message and "'note'" in message


@pytest.mark.parametrize(("body", "noun", "at"), [
    ("""\
     - id: owner
       type: yes_no
       label: A
     - id: owner
       type: text
       label: B
     """, "question", (12, 13)),
    ("""\
     - id: pick
       type: select_one
       label: Pick
       choices:
         - {value: a, label: A}
         - {value: a, label: Again}
     """, "choice value", (14, 21)),
])
def test_duplicate_ids(write: Callable[..., Path], body: str, noun: str,
                       at: tuple[int, int]) -> None:
    line, col, message = only(write(questions(body, scoring="")))
    assert (line, col) == at
    assert f"duplicate {noun}" in message


def test_duplicate_section_ids(write: Callable[..., Path]) -> None:
    text = HEAD + textwrap.dedent("""\
        sections:
          - id: basics
            title: A
            questions: [{id: a, type: text, label: A}]
          - id: basics
            title: B
            questions: [{id: b, type: text, label: B}]
        """)
    line, col, message = only(write(text))
    assert (line, col) == (9, 9) and "duplicate section id 'basics'" in message


def test_two_files_with_one_id(write: Callable[..., Path], tmp_path: Path) -> None:
    from tests.helpers import MINIMAL

    write(MINIMAL, "a.yaml")
    write(MINIMAL, "b.yaml")
    with pytest.raises(DefinitionError) as caught:
        questionnaires.load([tmp_path])
    (problem,) = caught.value.problems
    assert problem.path.endswith("b.yaml") and (problem.line, problem.col) == (1, 5)
    assert "already used by" in problem.message and "a.yaml:1" in problem.message


def test_choice_question_without_choices(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: pick
          type: select_multiple
          label: Pick some
        """, scoring="")))
    assert (line, col) == (10, 15) and "without choices" in message


@pytest.mark.parametrize("points", [1, 12])
def test_rating_with_bad_range(write: Callable[..., Path], points: int) -> None:
    line, col, message = only(write(questions(f"""\
        - id: rate
          type: rating
          label: Rate it
          points: {points}
        """, scoring="")))
    assert (line, col) == (12, 17) and "must be from 2 to 11" in message


def test_number_range_upside_down(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: users
          type: integer
          label: How many users?
          min: 10
          max: 5
        """, scoring="")))
    assert (line, col) == (12, 14) and "min 10 above max 5" in message


def test_expression_syntax_error_points_at_the_token(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: owner
          type: yes_no
          label: Owner?
        - id: name
          type: text
          label: Name
          relevant: ${owner} == 'yes'
        """, scoring="")))
    assert (line, col) == (15, 28) and "write '=' instead" in message


def test_quoted_expression_columns_are_exact(write: Callable[..., Path]) -> None:
    line, col, _ = only(write(questions("""\
        - id: owner
          type: yes_no
          label: Owner?
          relevant: "${owner} = 'yes' and and"
        """, scoring="")))
    assert (line, col) == (12, 41)


def test_reference_to_unknown_question(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: owner
          type: yes_no
          label: Owner?
        - id: name
          type: text
          label: Name
          relevant: ${ownr} = 'yes'
        """, scoring="")))
    assert (line, col) == (15, 19)
    assert "unknown question 'ownr'" in message and "did you mean 'owner'" in message


def test_relevant_that_depends_on_itself(write: Callable[..., Path]) -> None:
    found = problems_in(write(questions("""\
        - id: first
          type: yes_no
          label: First
          relevant: ${second} = 'yes'
        - id: second
          type: yes_no
          label: Second
          relevant: ${first} = 'yes'
        - id: third
          type: yes_no
          label: Third
          relevant: ${third} = 'no'
        """, scoring="")))
    assert [(line, col) for line, col, _ in found] == [(12, 19), (20, 19)]
    assert "first → second → first" in found[0][2]
    assert "third → third" in found[1][2]


def test_section_relevant_on_its_own_question_is_a_cycle(write: Callable[..., Path]) -> None:
    text = HEAD + textwrap.dedent("""\
        sections:
          - id: basics
            title: Basics
            relevant: ${owner} = 'yes'
            questions:
              - id: owner
                type: yes_no
                label: Owner?
        """)
    line, col, message = only(write(text))
    assert (line, col) == (8, 15) and "owner → owner" in message


def test_criterion_that_is_not_defined(write: Callable[..., Path]) -> None:
    line, col, message = only(write(questions("""\
        - id: owner
          type: yes_no
          label: Owner?
          criterion: ownershp
        """)))
    assert (line, col) == (12, 20)
    assert "'ownershp', which is not defined" in message and "did you mean 'ownership'" \
        in message


@pytest.mark.parametrize(("weight", "says"), [
    ("0", "must be a positive number, got 0"),
    ("-2", "must be a positive number, got -2"),
    ("heavy", "must be a number, got 'heavy'"),
])
def test_weights_must_be_positive_numbers(write: Callable[..., Path], weight: str,
                                          says: str) -> None:
    line, col, message = only(write(questions(f"""\
        - id: owner
          type: yes_no
          label: Owner?
          criterion: ownership
          weight: {weight}
        """)))
    assert (line, col) == (13, 17) and says in message


def bands(rows: str) -> str:
    return HEAD + textwrap.dedent("""\
        sections:
          - id: basics
            title: Basics
            questions: [{id: owner, type: yes_no, label: Owner}]
        scoring:
          bands:
        """) + textwrap.indent(textwrap.dedent(rows), "    ")


@pytest.mark.parametrize(("rows", "at", "says"), [
    ("""\
     - {id: ready, label: Ready, min: 75}
     - {id: low, label: Low, min: 10}
     """, (12, 34), "bands must start at 0"),
    ("""\
     - {id: ready, label: Ready, min: 50}
     - {id: also, label: Also, min: 50}
     - {id: low, label: Low, min: 0}
     """, (12, 36), "overlap"),
    ("""\
     - {id: ready, label: Ready, min: 70}
     - {id: low, label: Low, min: 0, max: 60}
     """, (12, 42), "gap"),
    ("""\
     - {id: ready, label: Ready, min: 70}
     - {id: low, label: Low, min: 0, max: 80}
     """, (12, 42), "overlaps band 'ready'"),
])
def test_bands_cover_zero_to_hundred_once(write: Callable[..., Path], rows: str,
                                          at: tuple[int, int], says: str) -> None:
    line, col, message = only(write(bands(rows)))
    assert (line, col) == at and says in message


@pytest.mark.parametrize("pass_at", ["-1", "101"])
def test_pass_at_outside_0_to_100(write: Callable[..., Path], pass_at: str) -> None:
    text = questions("""\
        - id: owner
          type: yes_no
          label: Owner?
          criterion: ownership
        """) + f"      pass_at: {pass_at}\n"
    line, col, message = only(write(text))
    assert (line, col) == (18, 16) and "must be from 0 to 100" in message


def test_must_have_criterion_that_no_question_feeds(write: Callable[..., Path]) -> None:
    text = questions("""\
        - id: owner
          type: yes_no
          label: Owner?
        """) + "      must_have: true\n"
    line, col, message = only(write(text))
    assert (line, col) == (17, 18) and "must-have criterion 'ownership' is fed by no question" \
        in message


def test_one_bad_file_never_hides_another(write: Callable[..., Path], tmp_path: Path) -> None:
    write(HEAD + "sections: [\n", "a.yaml")
    write(questions("""\
        - id: owner
          type: yes_no
          lable: Owner?
        """, scoring=""), "b.yaml")
    write(questions("""\
        - id: owner
          type: rating
          label: Owner?
          points: 40
        """, scoring=""), "c.yaml")
    with pytest.raises(DefinitionError) as caught:
        questionnaires.load([tmp_path])
    files = [Path(p.path).name for p in caught.value.problems]
    assert files == sorted(files) and {"a.yaml", "b.yaml", "c.yaml"} <= set(files)


def test_alias_bomb_is_refused_without_expanding_it(write: Callable[..., Path]) -> None:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = write(HEAD + "\n".join(rows) + "\n")
    # Expanded, this is 10^9 nodes: an answer at all proves nothing was expanded.
    line, col, message = only(path)
    # At the alias that passes the budget: a4's 8th *a3 (12,359 nodes before, 11,111 each).
    assert (line, col) == (9, 45) and "past 100,000 YAML nodes" in message


def test_structural_problems_do_not_hide_the_others() -> None:
    """One pass reports a bad weight *and* the same question's undefined criterion."""
    found = problems_in(Path(__file__).parent / "broken" / "many.yaml")
    assert [(line, col) for line, col, _ in found] == [
        (4, 20),   # audience 'customer'
        (10, 15),  # select_one without choices
        (12, 20),  # criterion 'ownershp' not defined
        (13, 17),  # weight -1
        (14, 13),  # duplicate question id
        (17, 17),  # points 15
        (18, 38),  # unclosed '('
        (19, 9),   # missing label
        (21, 9),   # unknown key 'lable'
        (22, 19),  # relevant depends on itself
        (25, 59),  # pass_at 120
        (28, 32),  # bands overlap
        (29, 32),  # bands do not start at 0
    ]
