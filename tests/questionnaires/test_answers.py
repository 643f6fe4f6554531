"""questionnaires.answers: what a valid answer is, per type."""

from __future__ import annotations

import pytest

import questionnaires
from questionnaires.answers import AnswerError, check_answer, relevant_answers, relevant_ids

PULSE = {q.id: q for q in questionnaires.load()}["post-go-live-pulse"]


@pytest.mark.parametrize("text", ["tab\tand\nnewlines are fine", "ünïcødé ✓", "<b>markup</b>"])
def test_ordinary_text_is_kept_as_written(text: str) -> None:
    assert check_answer(PULSE.question("first_value"), text) == text


@pytest.mark.parametrize("text", ["null\x00byte", "bell\x07", "vertical\x0btab", "del\x7f"])
def test_invisible_control_characters_are_refused(text: str) -> None:
    with pytest.raises(AnswerError, match="invisible control characters"):
        check_answer(PULSE.question("first_value"), text)


def test_numbers_choices_and_lists() -> None:
    assert check_answer(PULSE.question("recommend"), "8") == 8
    assert check_answer(PULSE.question("blockers"), ["trust", "training"]) == \
        ("trust", "training")
    with pytest.raises(AnswerError, match="is not one of its choices"):
        check_answer(PULSE.question("blockers"), ["trust", "hacking"])
    with pytest.raises(AnswerError, match="outside 0 to 10"):
        check_answer(PULSE.question("recommend"), 11)


SHOWN = """\
id: shown
title: Shown
version: 1
audience: [user]
sections:
  - id: s
    title: S
    questions:
      - {id: n, type: integer, label: N}
      - {id: one, type: text, label: One, relevant: "${n} = 1"}
      - {id: many, type: text, label: Many, relevant: "${n} > 1"}
"""


def test_answers_that_python_calls_equal_are_told_apart_when_deciding_what_shows() -> None:
    """Shown questions are remembered by the answers their conditions read; True, 1 and 1.0
    are equal to Python but not to the expression language, so none stands in for another."""
    q, problems = questionnaires.load_text("shown.yaml", SHOWN)
    assert q is not None and not problems
    assert "one" in relevant_ids(q, {"n": 1})
    assert "one" not in relevant_ids(q, {"n": True})
    assert "one" in relevant_ids(q, {"n": 1})
    assert relevant_ids(q, {"n": 2}) == {"n", "many"}
    assert relevant_ids(q, {"n": 2, "one": "x"}) == {"n", "many"}
    assert relevant_answers(q, {"n": 2, "one": "kept?", "many": "yes"}) == {"n": 2,
                                                                         "many": "yes"}
    # A changed answer is a new lookup, never the old result.
    shown = relevant_ids(q, {"n": 1})
    shown.add("many")
    assert relevant_ids(q, {"n": 1}) == {"n", "one"}
