"""Generate the format's JSON Schema from the model, for editors.

`python -m questionnaires.schema` rewrites questionnaires/schema.json; a test
fails when the committed file differs from what the model generates.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from questionnaires import model
from questionnaires.expressions import Expression

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"
_LABEL = {"$ref": "#/$defs/Label"}


def _of(hint: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema for one type hint."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return _of(next(a for a in args if a is not type(None)), meta)
    if origin is tuple:
        schema: dict[str, Any] = {"type": "array", "items": _of(args[0], {})}
        if meta.get("many"):
            schema = {"anyOf": [_of(args[0], {}), schema]}
        if meta.get("ref"):
            schema = {"anyOf": [schema, {"type": "string",
                                         "description": f"name of a list in {meta['ref']}"}]}
        return schema
    if hint is model.Label:
        return dict(_LABEL)
    if hint is Expression:
        return {"type": "string", "description": "expression"}
    if origin is Literal:
        return {"enum": list(args)}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if origin in (Mapping, dict):
        return {"type": "object", "additionalProperties": _of(args[1], {})}
    return {"type": {str: "string", bool: "boolean", int: "integer", float: "number"}[hint]}


def _object(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        meta = dict(f.metadata)
        prop = {"description": meta["doc"], **_of(hints[f.name], meta)}
        prop.update(meta["schema"])
        if f.default is dataclasses.MISSING:
            required.append(f.name)
        elif f.default is not None and not dataclasses.is_dataclass(f.default) \
                and not isinstance(f.default, tuple):
            prop["default"] = f.default
        properties[f.name] = prop
    schema: dict[str, Any] = {"type": "object", "description": (cls.__doc__ or "").strip(),
                              "properties": properties, "required": required,
                              "additionalProperties": False}
    if cls is model.Question:
        schema["allOf"] = _type_rules(cls)
    return schema


def _type_rules(cls: type) -> list[dict[str, Any]]:
    """Keys that only fit some question types are refused on the others."""
    rules = []
    for f in dataclasses.fields(cls):
        fits = f.metadata.get("types")
        if f.metadata.get("internal") or not fits or fits == model.ALL_TYPES:
            continue
        others = [t for t in model.QUESTION_TYPES if t not in fits]
        rules.append({"if": {"required": ["type"], "properties": {"type": {"enum": others}}},
                      "then": {"properties": {f.name: False}}})
    return rules


def generate() -> dict[str, Any]:
    """The whole JSON Schema (draft 2020-12) of a definition file."""
    classes = [model.Questionnaire, model.Section, model.Question, model.Choice,
               model.Scoring, model.Criterion, model.Band, model.Instrument]
    defs: dict[str, Any] = {cls.__name__: _object(cls) for cls in classes}
    defs["Label"] = {
        "description": "Text, or a mapping of language code to text.",
        "anyOf": [{"type": "string"},
                  {"type": "object", "minProperties": 1,
                   "propertyNames": {"pattern": model.LANGUAGE},
                   "additionalProperties": {"type": "string"}}],
    }
    root = dict(defs.pop("Questionnaire"))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "readygate-questionnaire.schema.json",
            "title": "readygate questionnaire definition", **root, "$defs": defs}


def render() -> str:
    """The schema as the committed file's text."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
