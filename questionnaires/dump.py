"""Write a questionnaire back to plain data (and YAML), the loader's inverse."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import yaml

from questionnaires.expressions import Expression
from questionnaires.model import Label, Questionnaire


def to_data(value: Any) -> Any:
    """Plain dicts, lists and scalars for a model object; keys at their default are left out."""
    if isinstance(value, Label):
        texts = dict(value.texts)
        return texts[value.default_language] if len(texts) == 1 else texts
    if isinstance(value, Expression):
        return value.source
    if isinstance(value, tuple):
        return [to_data(item) for item in value]
    if isinstance(value, Mapping):
        return {name: to_data(item) for name, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if f.metadata.get("internal") or item == f.default:
                continue
            data[f.name] = to_data(item)
        return data
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_yaml(questionnaire: Questionnaire) -> str:
    """The questionnaire as YAML text that loads back to an equal questionnaire."""
    return yaml.safe_dump(to_data(questionnaire), sort_keys=False, allow_unicode=True,
                          width=100)
