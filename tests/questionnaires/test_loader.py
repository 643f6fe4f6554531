"""Definitions load into the model with every key, default and language intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import questionnaires
from questionnaires import DefinitionError, Label
from questionnaires.model import DEFAULT_BANDS, Pos

FULL = """\
    id: full
    title: {en: Full example, nl: Volledig voorbeeld}
    version: "2.1"
    audience: [seller, stakeholder]
    default_language: en
    choice_lists:
      grade:
        - {value: low, label: Low, score: 0}
        - {value: high, label: {en: High, nl: Hoog}, score: 100}
    sections:
      - id: main
        title: Main
        audience: [seller]
        questions:
          - id: level
            type: select_one
            label: Level?
            choices: grade
            criterion: fit
            weight: 2.5
            evidence: true
            required: true
          - id: why
            type: textarea
            label: Why?
            relevant: ${level} = 'high'
          - id: users
            type: integer
            label: How many users?
            min: 1
            max: 500
            constraint: . >= 1
            constraint_message: At least one
          - id: people
            type: repeat
            label: People
            max_rows: 5
            questions:
              - {id: person, type: text, label: Name, max_length: 80}
              - {id: mood, type: rating, label: Mood, points: 7, reverse: true}
          - {id: info, type: note, label: Thanks}
          - id: yes_or_no
            type: select_one
            label: Y/N
            choices: [{value: yes, label: Yes}, {value: no, label: No}]
    scoring:
      missing: skip
      criteria:
        - {id: fit, label: Fit, weight: 3, must_have: true, pass_at: 60, action: Fix the fit.}
    """


@pytest.fixture
def full(write: Callable[..., Path]) -> questionnaires.Questionnaire:
    (q,) = questionnaires.load([write(FULL)])
    return q


def test_every_key_reaches_the_model(full: questionnaires.Questionnaire) -> None:
    assert full.version == "2.1"
    assert full.audience == ("seller", "stakeholder")
    assert full.title.get("nl") == "Volledig voorbeeld" and full.title.get("de") == "Full example"
    level = full.question("level")
    assert [c.value for c in level.choices] == ["low", "high"]
    assert level.choices[1].label.get("nl") == "Hoog" and level.choices[1].score == 100
    assert (level.criterion, level.weight, level.evidence, level.required) == ("fit", 2.5,
                                                                               True, True)
    assert full.question("why").relevant is not None
    users = full.question("users")
    assert (users.min, users.max, str(users.constraint_message)) == (1, 500, "At least one")
    people = full.question("people")
    assert [q.id for q in people.questions] == ["person", "mood"]
    assert people.max_rows == 5 and people.min_rows == 0
    assert full.question("mood").points == 7 and full.question("mood").reverse
    assert full.question("person").length_limit == 80
    assert full.question("why").length_limit == 2000
    criterion = full.scoring.criteria[0] if full.scoring else None
    assert criterion is not None and (criterion.weight, criterion.must_have,
                                      criterion.pass_at) == (3, True, 60)
    assert full.scoring is not None and full.scoring.missing == "skip"
    assert full.scoring.bands == DEFAULT_BANDS


def test_yes_and_no_stay_strings(full: questionnaires.Questionnaire) -> None:
    # YAML 1.1 would read them as booleans; choice values must stay the text written.
    assert [c.value for c in full.question("yes_or_no").choices] == ["yes", "no"]


def test_positions_are_kept(full: questionnaires.Questionnaire) -> None:
    level = full.question("level")
    assert level.origin is not None and level.origin.pos.line == 15
    assert level.origin.at("criterion") == Pos(19, 20)


def test_digest_changes_with_the_text(write: Callable[..., Path]) -> None:
    (a,) = questionnaires.load([write(FULL, "a.yaml")])
    (b,) = questionnaires.load([write(FULL.replace("Why?", "Why so?"), "b.yaml")])
    assert a.digest and b.digest and a.digest != b.digest


def test_label_in_another_language_needs_the_default(write: Callable[..., Path]) -> None:
    with pytest.raises(DefinitionError) as caught:
        questionnaires.load([write(FULL.replace("{en: Full example, nl: Volledig voorbeeld}",
                                                "{nl: Volledig voorbeeld}"))])
    assert "has no 'en' text" in str(caught.value)


def test_plain_label_falls_back() -> None:
    label = Label.plain("Hello")
    assert label.get("nl") == "Hello" and str(label) == "Hello"


def test_builtins_load() -> None:
    loaded = {q.id: q for q in questionnaires.load()}
    assert set(loaded) == {"pre-close-readiness", "stakeholder-map", "post-go-live-pulse",
                           "adoption-checkpoint"}


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="no such file or folder"):
        questionnaires.load([tmp_path / "nope.yaml"])


@pytest.mark.parametrize("name", ["pre-close-readiness", "stakeholder-map",
                                  "post-go-live-pulse", "full"])
def test_round_trip(name: str, full: questionnaires.Questionnaire) -> None:
    from questionnaires.dump import to_yaml

    original = full if name == "full" else {q.id: q for q in questionnaires.load()}[name]
    again, problems = questionnaires.load_text("again.yaml", to_yaml(original))
    assert problems == [] and again == original
    assert again is not None and again.all_questions() == original.all_questions()
