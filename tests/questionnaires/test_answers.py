"""questionnaires.answers: what a valid answer is, per type."""

from __future__ import annotations

import pytest

import questionnaires
from questionnaires.answers import AnswerError, check_answer

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
