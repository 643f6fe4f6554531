"""Read a YAML file into nodes that remember their line and column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from questionnaires.model import Pos
from questionnaires.problems import Problem
from questionnaires.yamllimits import LimitedLoader, LimitExceeded

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
VALUE = "tag:yaml.org,2002:value"


class _Loader(LimitedLoader):
    """SafeLoader with YAML 1.2 booleans: `yes`, `no`, `on`, `off` stay strings.

    YAML 1.1 turns a choice value `no` into False, a classic trap for survey
    authors writing yes/no choices. `<<` and `=` stay strings too: the safe
    constructor has no value for their 1.1 merge and value tags.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (BOOL, MERGE, VALUE)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def pos_of(node: Node) -> Pos:
    """1-based position where a node starts."""
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def content_pos(node: Node) -> tuple[Pos, bool]:
    """Where a scalar's text starts, and whether offsets into it map to columns exactly."""
    start = pos_of(node)
    if not isinstance(node, ScalarNode) or node.style not in (None, "'", '"'):
        return start, False
    quoted = node.style is not None
    width = node.end_mark.column - node.start_mark.column - (2 if quoted else 0)
    one_line = node.start_mark.line == node.end_mark.line
    text = node.value
    exact = one_line and width == len(text)
    return Pos(start.line, start.col + (1 if quoted else 0)), exact


def scalar_value(node: ScalarNode) -> object:
    """The Python value of a scalar node under the loader's resolution rules."""
    if node.tag == BOOL:
        return node.value.lower() == "true"
    return _CONSTRUCTOR.construct_object(node)


def pairs(node: MappingNode) -> Iterator[tuple[ScalarNode, Node]]:
    """Key/value node pairs of a mapping (keys already checked to be scalars)."""
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode):
            yield key_node, value_node


def is_text(node: Node) -> bool:
    """Whether the node is a plain string scalar."""
    return isinstance(node, ScalarNode) and node.tag == STR


def describe(node: Node) -> str:
    """A short phrase for a node in messages: 'a list', 'the number 3' …"""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "nothing"
    if node.tag == STR:
        return f"'{node.value}'"
    if node.tag in (INT, FLOAT):
        return f"the number {node.value}"
    if node.tag == BOOL:
        return f"{node.value}"
    return f"'{node.value}'"


@dataclass(frozen=True)
class Document:
    """A parsed file: its root node, or the problems that kept it from parsing."""

    path: str
    root: Node | None
    problems: tuple[Problem, ...]


def read_document(path: str, text: str) -> Document:
    """Compose one YAML document, reporting syntax errors, limits and duplicate keys."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except LimitExceeded as err:
        return Document(path, None, (Problem(path, err.line, err.col, err.message),))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "invalid YAML"
        context = f" ({err.context})" if err.context and err.problem else ""
        return _failed(path, mark, f"YAML syntax error: {what}{context} — check indentation, "
                       "colons and quotes")
    except yaml.YAMLError as err:
        return _failed(path, None, f"YAML error: {err}")
    finally:
        loader.dispose()
    if root is None:
        return _failed(path, None, "empty file — a definition needs at least id, title, "
                       "version, audience and sections")
    nodes = list(_each_node_once(root))
    unreadable = [p for node in nodes if isinstance(node, ScalarNode)
                  for p in _unreadable(path, node)]
    keys = [p for node in nodes if isinstance(node, MappingNode)
            for p in _duplicate_keys(path, node)]
    # Building would trip over the very values that cannot be read.
    return Document(path, None if unreadable else root, tuple(keys + unreadable))


def _failed(path: str, mark: Mark | None, message: str) -> Document:
    """A document that did not parse, with its one problem at `mark` (or the file's start)."""
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Document(path, None, (Problem(path, line, col, message),))


def _each_node_once(root: Node) -> Iterator[Node]:
    """Every node under root, once each although aliases share them."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def _duplicate_keys(path: str, node: MappingNode) -> Iterator[Problem]:
    """YAML keeps the last of two equal keys silently; an author wants to hear of it."""
    seen: dict[str, Pos] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, ScalarNode):
            p = pos_of(key_node)
            yield Problem(path, p.line, p.col, "a key must be a plain word, not "
                          f"{describe(key_node)}")
            continue
        name = key_node.value
        if name in seen:
            p = pos_of(key_node)
            first = seen[name]
            yield Problem(path, p.line, p.col, f"key '{name}' appears twice (first at "
                          f"line {first.line}) — keep one")
        else:
            seen[name] = pos_of(key_node)


_KINDS = {INT: "a whole number", FLOAT: "a number", TIMESTAMP: "a date"}


def _unreadable(path: str, node: ScalarNode) -> Iterator[Problem]:
    """A scalar whose tag PyYAML cannot construct (`!!int abc`, 5000 digits, 2024-13-45)."""
    if node.tag in (STR, NULL, BOOL):
        return
    try:
        scalar_value(node)
    except Exception:  # PyYAML's constructors let int(), date() and regex misses fail raw
        shown = node.value if len(node.value) <= 30 else node.value[:30] + "…"
        p = pos_of(node)
        kind = _KINDS.get(node.tag)
        if kind is None:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            yield Problem(path, p.line, p.col, f"the tag {tag} on '{shown}' is not supported "
                          "— remove it")
        else:
            yield Problem(path, p.line, p.col, f"'{shown}' cannot be read as {kind} — "
                          "correct it, or quote it to keep it as text")
