"""Conditions in words and numbers as people write them, for forms read on paper."""

from __future__ import annotations

import pytest

from questionnaires.expressions import in_words, parse, plain_number

LABELS = {"owner": "Who owns it?", "blockers": "What got in the way?", "users": "How many?"}
CHOICES = {("owner", "none"): "Nobody named yet", ("owner", "named"): "A named person",
           ("blockers", "trust"): "I don't trust its output"}


def words(source: str) -> str:
    return in_words(parse(source), lambda q: f"“{LABELS[q]}”",
                    lambda q, v: CHOICES.get((q, v), v))


@pytest.mark.parametrize(("source", "said"), [
    ("${owner} = 'named'", "“Who owns it?” is “A named person”"),
    ("${owner} != 'none' and not empty(${owner})",
     "“Who owns it?” is not “Nobody named yet”, and “Who owns it?” is answered"),
    ("${owner} = 'none' or ${owner} = 'named'",
     "“Who owns it?” is “Nobody named yet” or “A named person”"),
    ("empty(${owner})", "“Who owns it?” is not answered"),
    ("selected(${blockers}, 'trust')",
     "“What got in the way?” has “I don't trust its output” ticked"),
    ("count_selected(${blockers}) >= 2", "“What got in the way?” has two answers or more"),
    ("count_selected(${blockers}) = 1", "“What got in the way?” has exactly one answer"),
    ("${users} >= 100000", "“How many?” is at least 100,000"),
    ("${users} + 1 > 3", "“How many?” + 1 > 3"),
])
def test_conditions_read_as_sentences(source: str, said: str) -> None:
    assert words(source) == said
    assert "${" not in said and "count_selected" not in said


@pytest.mark.parametrize(("value", "written"), [
    (100_000_000, "100,000,000"), (1e8, "100,000,000"), (2.5, "2.5"), (0, "0"), (-3.0, "-3"),
])
def test_numbers_as_people_write_them(value: float, written: str) -> None:
    assert plain_number(value) == written
