"""Read a YAML file into nodes that remember their line and column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from questionnaires.model import Pos
from questionnaires.problems import Problem

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: `yes`, `no`, `on`, `off` stay strings.

    YAML 1.1 turns a choice value `no` into False, a classic trap for survey
    authors writing yes/no choices.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_NODES = 100_000


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
    """Compose one YAML document, reporting syntax errors and duplicate keys."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or err.context or "invalid YAML"
        context = f" ({err.context})" if err.context and err.problem else ""
        message = f"YAML syntax error: {what}{context} — check indentation, colons and quotes"
        return Document(path, None, (Problem(path, line, col, message),))
    except yaml.YAMLError as err:
        return Document(path, None, (Problem(path, 1, 1, f"YAML error: {err}"),))
    if root is None:
        return Document(path, None, (Problem(path, 1, 1, "empty file — a definition needs "
                                             "at least id, title, version, audience and "
                                             "sections"),))
    if _expanded_size(root) > MAX_NODES:
        return Document(path, None, (Problem(path, 1, 1, f"the file expands to more than "
                                             f"{MAX_NODES:,} YAML nodes (through anchors and "
                                             "aliases?) — write it out plainly"),))
    return Document(path, root, tuple(_duplicate_keys(path, root)))


def _expanded_size(root: Node) -> int:
    """Node count with aliases expanded, computed once per node so it never blows up.

    Nested aliases (a "billion laughs" file) would make every later walk over the
    tree exponential; this counts the expansion without performing it.
    """
    sizes: dict[int, int] = {}
    order: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in sizes:
            continue
        sizes[id(node)] = 0
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):
        total = 1 + sum(sizes[id(child)] for child in _children(node))
        sizes[id(node)] = min(total, MAX_NODES + 1)
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _duplicate_keys(path: str, root: Node) -> Iterator[Problem]:
    """YAML keeps the last of two equal keys silently; an author wants to hear of it."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            seen: dict[str, Pos] = {}
            for key_node, value_node in node.value:
                stack.append(value_node)
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
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
