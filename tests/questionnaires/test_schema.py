"""The committed JSON Schema matches the model, and agrees with the loader."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

import questionnaires
from questionnaires import schema
from tests.helpers import MINIMAL


def test_committed_schema_is_generated_from_the_model() -> None:
    assert schema.SCHEMA_PATH.read_text(encoding="utf-8") == schema.render(), \
        "questionnaires/schema.json is stale: run `make schema`"


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.generate())


def test_builtins_validate_against_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema.render()))
    for path in sorted(questionnaires.BUILTIN_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path.name


@pytest.mark.parametrize(("old", "new"), [
    ("label: Is there a named owner?", "lable: Is there a named owner?"),
    ("type: yes_no", "type: maybe"),
    ("version: 1", "version: [1]"),
])
def test_schema_and_loader_refuse_the_same_mistakes(write: Callable[..., Path], old: str,
                                                    new: str) -> None:
    path = write(MINIMAL.replace(old, new))
    validator = jsonschema.Draft202012Validator(schema.generate())
    assert list(validator.iter_errors(yaml.safe_load(path.read_text())))
    with pytest.raises(questionnaires.DefinitionError):
        questionnaires.load([path])


def test_type_specific_keys_are_refused_on_other_types(write: Callable[..., Path]) -> None:
    path = write(MINIMAL.replace("criterion: ownership", "criterion: ownership\n"
                                 "            points: 7"))
    validator = jsonschema.Draft202012Validator(schema.generate())
    assert list(validator.iter_errors(yaml.safe_load(path.read_text())))
    with pytest.raises(questionnaires.DefinitionError, match="does not apply to a yes_no"):
        questionnaires.load([path])
