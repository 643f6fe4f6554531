"""Syntax tree of an expression, the error type, and read-only queries over trees."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias


class ExpressionError(Exception):
    """A problem in an expression's text, found at the 0-based character `offset`."""

    def __init__(self, message: str, offset: int) -> None:
        # Both go into args so the error survives pickling (multiprocessing, caches).
        super().__init__(message, offset)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return self.message


Scalar: TypeAlias = bool | int | float | str


# Offsets say where a node was written, not what it means, so they take no part in equality.
@dataclass(frozen=True, eq=False)
class Literal:
    """A number, string, `true` or `false` written in the expression."""

    value: Scalar
    offset: int = field(default=0, compare=False)

    def __eq__(self, other: object) -> bool:
        # Python's == says True == 1 == 1.0, but the language keeps those values apart.
        return (isinstance(other, Literal) and type(other.value) is type(self.value)
                and other.value == self.value)

    def __hash__(self) -> int:
        return hash((type(self.value), self.value))


@dataclass(frozen=True)
class Ref:
    """A `${name}` reference to another question's answer; offset is that of the `$`."""

    name: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Current:
    """The `.` that stands for the current question's own answer."""

    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Unary:
    """A prefix `not` or `-`; offset is that of the operator."""

    op: str
    operand: Node
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Binary:
    """An infix operator such as `and`, `=` or `+`; offset is that of the operator."""

    op: str
    left: Node
    right: Node
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    """A function call such as `selected(${q}, 'a')`; offset is that of the name."""

    name: str
    args: tuple[Node, ...]
    offset: int = field(default=0, compare=False)


Node: TypeAlias = Literal | Ref | Current | Unary | Binary | Call


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its source text and the root of its syntax tree."""

    source: str
    root: Node


def walk(node: Node) -> Iterator[Node]:
    """Yield node and every node below it, leaves in source order, without recursion."""
    return (found for found, _level in walk_levels(node))


def references(expr: Expression) -> tuple[Ref, ...]:
    """Every `${...}` reference of expr, in source order."""
    return tuple(node for node in walk(expr.root) if isinstance(node, Ref))


def uses_current(expr: Expression) -> bool:
    """Whether expr uses `.`, the current question's answer."""
    return any(isinstance(node, Current) for node in walk(expr.root))


def walk_levels(root: Node) -> Iterator[tuple[Node, int]]:
    """Yield (node, level) pairs, root at level 1, in the order of walk()."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, level = stack.pop()
        yield node, level
        children: tuple[Node, ...] = ()
        if isinstance(node, Unary):
            children = (node.operand,)
        elif isinstance(node, Binary):
            children = (node.left, node.right)
        elif isinstance(node, Call):
            children = node.args
        stack.extend((child, level + 1) for child in reversed(children))

