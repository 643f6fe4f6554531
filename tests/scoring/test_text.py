"""Generated sentences around user text: one stop at the end, a capital at the start."""

from __future__ import annotations

import pytest

from scoring.text import clause, sentence


@pytest.mark.parametrize(("text", "joined"), [
    ("nobody asked him before the demo.", "nobody asked him before the demo"),
    ("side by side.. ", "side by side"), ("a list;", "a list"), ("plain", "plain"),
])
def test_a_clause_sheds_its_stop(text: str, joined: str) -> None:
    assert clause(text) == joined


@pytest.mark.parametrize(("text", "said"), [
    ("critical blocker, risk 30", "Critical blocker, risk 30."),
    ("weekly health below 50.", "Weekly health below 50."),
    ("Already right!", "Already right!"), ("trailing;", "Trailing."), ("", ""),
])
def test_a_sentence_has_a_capital_and_one_stop(text: str, said: str) -> None:
    assert sentence(text) == said
