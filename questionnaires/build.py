"""Turn YAML nodes into model objects, field by field, collecting every problem.

The model's dataclass fields are the format: required keys are fields without
a default, constraints live in each field's metadata. Nothing here knows a
key by name except the question `type`, which decides which keys apply.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, Union, get_args, get_origin

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from questionnaires import model
from questionnaires.expressions import Expression, ExpressionError, parse
from questionnaires.model import Choice, Label, Origin, Pos, Question
from questionnaires.problems import Problem, did_you_mean, one_of
from questionnaires.yamlsource import (
    BOOL,
    FLOAT,
    INT,
    NULL,
    content_pos,
    describe,
    is_text,
    pairs,
    pos_of,
    scalar_value,
)

INVALID: Any = object()
PATTERN_WORDS = {
    model.SLUG: "lowercase letters, digits and _, starting with a letter (like first_workflow)",
    model.QUESTIONNAIRE_ID: "lowercase letters, digits and -, starting with a letter "
                            "(like pre-close-readiness)",
    model.CHOICE_VALUE: "letters, digits, _ . or - (like named_owner)",
    model.LANGUAGE: "a language code like en, nl or pt-BR",
}
LANGUAGE = re.compile(model.LANGUAGE)
_NOUNS = {"Questionnaire": "questionnaire", "Section": "section", "Question": "question",
          "Choice": "choice", "Criterion": "criterion", "Band": "band",
          "Instrument": "instrument", "Scoring": "scoring block"}


class Builder:
    """Builds one questionnaire from its root node; `problems` collects what is wrong."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.language = "en"
        self.choice_lists: Mapping[str, tuple[Choice, ...]] = {}

    def report(self, pos: Pos, message: str) -> None:
        """Record one problem at a position of this file."""
        self.problems.append(Problem(self.path, pos.line, pos.col, message))

    def questionnaire(self, root: Node) -> model.Questionnaire | None:
        """Build the definition as far as it goes; `problems` says whether it is whole.

        Objects with a problem are still built (bad optional keys fall back to their
        default, bad required ones to a placeholder) and their keys marked failed, so the
        whole-questionnaire checks can run on the rest without inventing problems.
        """
        if isinstance(root, MappingNode):
            for key_node, value in pairs(root):
                if key_node.value == "default_language" and is_text(value):
                    self.language = value.value
        result = self.build(model.Questionnaire, root)
        return None if result is INVALID else result

    def build(self, cls: type, node: Node) -> Any:
        """Build a dataclass instance from a mapping node (INVALID if it is no mapping)."""
        noun = _NOUNS[cls.__name__]
        if not isinstance(node, MappingNode):
            self.report(pos_of(node), f"expected a {noun} (a mapping of keys), got "
                        f"{describe(node)}")
            return INVALID
        fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
        hints = typing.get_type_hints(cls)
        given = {k.value: (k, v) for k, v in pairs(node)}
        qtype = self._question_type(given) if cls is Question else None
        name = f" '{given['id'][1].value}'" if "id" in given and is_text(given["id"][1]) else ""
        values: dict[str, Any] = {}
        positions: dict[str, Pos] = {}
        linear: set[str] = set()
        failed: set[str] = set()
        for key, (key_node, value_node) in given.items():
            f = fields.get(key)
            if f is None:
                self.report(pos_of(key_node), f"unknown key '{key}' in {noun}{name}"
                            f"{did_you_mean(key, fields)} Valid keys: {', '.join(fields)}")
                failed.add("*")
                continue
            if qtype is not None and qtype not in f.metadata["types"]:
                fits = sorted(f.metadata["types"])
                self.report(pos_of(key_node), f"key '{key}' does not apply to a {qtype} "
                            f"question{name}; it is for {one_of(fits)} — remove it")
                continue
            positions[key], exact = content_pos(value_node)
            if exact:
                linear.add(key)
            value = self.value(hints[key], value_node, f.metadata, f"'{key}' of {noun}{name}")
            if value is INVALID:
                failed.add(key)
            else:
                values[key] = value
        for key, f in fields.items():
            if f.default is not dataclasses.MISSING or key in values:
                continue
            if key not in given:
                self.report(pos_of(node), f"{noun}{name} is missing the required key '{key}'"
                            f" — add `{key}:` ({f.metadata['doc']})")
            failed.add(key)
            values[key] = _placeholder(key, hints[key], pos_of(node))
        values["origin"] = Origin(self.path, pos_of(node), positions, frozenset(linear),
                                  frozenset(failed))
        return cls(**values)

    def _question_type(self, given: Mapping[str, tuple[ScalarNode, Node]]) -> str | None:
        if "type" not in given:
            return None
        node = given["type"][1]
        value = node.value if is_text(node) else None
        return value if value in model.QUESTION_TYPES else None

    def value(self, hint: Any, node: Node, meta: Mapping[str, Any], what: str) -> Any:
        """Convert one value node to the Python type the field's hint asks for."""
        origin, args = get_origin(hint), get_args(hint)
        if origin in (Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            if node.tag == NULL and isinstance(node, ScalarNode):
                self.report(pos_of(node), f"{what} has no value — give one or remove the key")
                return INVALID
            return self.value(inner[0], node, meta, what)
        if origin is tuple:
            return self._sequence(args[0], node, meta, what)
        if hint is Label:
            return self.label(node, what)
        if hint is Expression:
            return self.expression(node, what)
        if origin is Literal:
            return self._literal(args, node, what)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.build(hint, node)
        if origin in (Mapping, dict):
            return self._mapping(args[1], node, meta, what)
        return self._scalar(hint, node, meta, what)

    def _sequence(self, item: Any, node: Node, meta: Mapping[str, Any], what: str) -> Any:
        if isinstance(node, ScalarNode) and meta.get("ref") and is_text(node):
            return self._reference(node, meta["ref"], what)
        if isinstance(node, ScalarNode) and meta.get("many") and node.tag != NULL:
            node = SequenceNode("tag:yaml.org,2002:seq", [node], node.start_mark, node.end_mark)
        if not isinstance(node, SequenceNode):
            self.report(pos_of(node), f"{what} must be a list, got {describe(node)}")
            return INVALID
        fewest = meta.get("schema", {}).get("minItems", 0)
        if len(node.value) < fewest:
            self.report(pos_of(node), f"{what} is empty — give at least {fewest}")
            return INVALID
        # A bad item is reported and left out, so its siblings are still checked.
        items = [self.value(item, child, {}, what) for child in node.value]
        return tuple(i for i in items if i is not INVALID)

    def _reference(self, node: ScalarNode, table: str, what: str) -> Any:
        if node.value in self.choice_lists:
            return self.choice_lists[node.value]
        known = sorted(self.choice_lists)
        listed = "Lists defined" if known else "No lists are defined"
        names = f": {', '.join(known)}" if known else ""
        self.report(pos_of(node), f"{what} names the unknown list '{node.value}'"
                    f"{did_you_mean(node.value, known)} {listed} under `{table}:`{names}")
        return INVALID

    def _mapping(self, item: Any, node: Node, meta: Mapping[str, Any], what: str) -> Any:
        if not isinstance(node, MappingNode):
            self.report(pos_of(node), f"{what} must be a mapping of names to lists, got "
                        f"{describe(node)}")
            return INVALID
        result = {}
        for key_node, value_node in pairs(node):
            value = self.value(item, value_node, meta, f"list '{key_node.value}'")
            # An unusable list still exists, so questions naming it are not misreported.
            result[key_node.value] = () if value is INVALID else value
        self.choice_lists = result
        return result

    def _literal(self, allowed: tuple[str, ...], node: Node, what: str) -> Any:
        if is_text(node) and node.value in allowed:
            return node.value
        shown = node.value if isinstance(node, ScalarNode) else ""
        self.report(pos_of(node), f"{what} is {describe(node)}, which is not valid"
                    f"{did_you_mean(str(shown), allowed)} Use {one_of(allowed)}")
        return INVALID

    def _scalar(self, hint: Any, node: Node, meta: Mapping[str, Any], what: str) -> Any:
        schema = meta.get("schema", {})
        expected = {str: "text", bool: "true or false", int: "a whole number",
                    float: "a number"}[hint]
        if not isinstance(node, ScalarNode):
            self.report(pos_of(node), f"{what} must be {expected}, got {describe(node)}")
            return INVALID
        tag, value = node.tag, scalar_value(node)
        accepts = {str: is_text(node) or ("type" in schema and tag == INT),
                   bool: tag == BOOL, int: tag == INT, float: tag in (INT, FLOAT)}[hint]
        if not accepts:
            self.report(pos_of(node), f"{what} must be {expected}, got {describe(node)}")
            return INVALID
        try:
            value = hint(value)
        except OverflowError:  # a whole number with hundreds of digits is no float
            self.report(pos_of(node), f"{what} is too large a number — use a smaller one")
            return INVALID
        problem = _constraint_problem(value, schema)
        if problem:
            self.report(pos_of(node), f"{what} {problem}")
            return INVALID
        return value

    def label(self, node: Node, what: str) -> Any:
        """A label: a string, or a mapping of language code to string."""
        if is_text(node):
            return Label.plain(node.value, self.language)
        if not isinstance(node, MappingNode):
            self.report(pos_of(node), f"{what} must be text or a mapping of language codes "
                        f"to text (like en: ...), got {describe(node)}")
            return INVALID
        texts = []
        ok = True
        for key_node, value_node in pairs(node):
            if not LANGUAGE.match(key_node.value):
                self.report(pos_of(key_node), f"{what}: '{key_node.value}' is not a language "
                            "code — use codes like en, nl, pt-BR")
                ok = False
            elif not is_text(value_node):
                self.report(pos_of(value_node), f"{what}: the {key_node.value} text must be "
                            f"text, got {describe(value_node)}")
                ok = False
            else:
                texts.append((key_node.value, value_node.value))
        if ok and self.language not in dict(texts):
            self.report(pos_of(node), f"{what} has no '{self.language}' text — add the "
                        "default language or change `default_language`")
            ok = False
        return Label(tuple(texts), self.language) if ok else INVALID

    def expression(self, node: Node, what: str) -> Any:
        """Parse an expression, reporting a syntax error at its exact column."""
        if not isinstance(node, ScalarNode) or node.tag in (NULL, BOOL):
            self.report(pos_of(node), f"{what} must be an expression, got {describe(node)}")
            return INVALID
        try:
            return parse(str(node.value))
        except ExpressionError as err:
            start, exact = content_pos(node)
            pos = Pos(start.line, start.col + err.offset) if exact else start
            self.report(pos, f"{what}: {err.message}")
            return INVALID


def _placeholder(key: str, hint: Any, pos: Pos) -> Any:
    """Stand-in for a missing or bad required value; unique for ids, so it matches nothing."""
    if key == "id":
        return f"?{pos.line}:{pos.col}"
    if key == "type":
        return "text"
    if hint is Label:
        return Label.plain("")
    if get_origin(hint) is tuple:
        return ()
    if get_origin(hint) is Literal:
        return get_args(hint)[0]
    return {str: "", float: 0.0, int: 0}[hint]


def _constraint_problem(value: Any, schema: Mapping[str, Any]) -> str | None:
    """The same keywords the JSON Schema states, checked on a plain value."""
    if "pattern" in schema and isinstance(value, str) and not re.match(schema["pattern"],
                                                                        value):
        words = PATTERN_WORDS.get(schema["pattern"], f"match {schema['pattern']}")
        return f"is '{value}', which is not valid — use {words}"
    if "maxLength" in schema and isinstance(value, str) and len(value) > schema["maxLength"]:
        return f"is longer than {schema['maxLength']} characters"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        return f"must be a positive number, got {value:g} — use a number above " \
               f"{schema['exclusiveMinimum']}"
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f"at least {low}"
        return f"must be {span}, got {value:g}"
    return None
