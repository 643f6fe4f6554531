"""Turn syntax trees back into canonical source text or into plain JSON-ready data."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

from questionnaires.expressions.lexer import COMPARISONS
from questionnaires.expressions.nodes import (
    Binary,
    Call,
    Current,
    Expression,
    Literal,
    Node,
    Ref,
    Scalar,
    Unary,
)

# Binding strength of each operator, loosest first; mirrors the grammar in syntax.py.
_PRECEDENCE: Final = {
    "or": 1, "and": 2, "=": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6,
}
_NOT, _NEGATE, _ATOM = 3, 7, 8


def to_source(item: Expression | Node) -> str:
    """Canonical text for item that parses back to an equal tree.

    Only as many brackets as precedence requires, single spaces around infix operators,
    strings in single quotes unless they contain one. Raises ValueError for a literal no
    source text can express (a non-finite float, or a string holding a line break or both
    kinds of quote).
    """
    return _source(item.root if isinstance(item, Expression) else item)


def as_data(item: Expression | Node) -> list[object]:
    """The tree as nested JSON-ready lists, for evaluating the same rules in a browser.

    Shapes: ["lit", value] with a JSON number, string or boolean; ["ref", id]; ["cur"] for
    `.`; ["un", op, operand] with op "not" or "-"; ["bin", op, left, right] with op one of
    or and = != < <= > >= + - * /; and ["call", name, [arg, ...]]. Offsets are left out.
    """
    match item.root if isinstance(item, Expression) else item:
        case Literal(value=value):
            return ["lit", value]
        case Ref(name=name):
            return ["ref", name]
        case Current():
            return ["cur"]
        case Unary(op=op, operand=operand):
            return ["un", op, as_data(operand)]
        case Binary(op=op, left=left, right=right):
            return ["bin", op, as_data(left), as_data(right)]
        case Call(name=name, args=args):
            return ["call", name, [as_data(arg) for arg in args]]
    raise TypeError(f"not a syntax tree: {item!r}")


def _source(node: Node) -> str:
    match node:
        case Literal(value=value):
            return _literal(value)
        case Ref(name=name):
            return "${" + name + "}"
        case Current():
            return "."
        case Unary(op="not", operand=operand):
            return "not " + _operand(operand, _NOT)
        case Unary(op=op, operand=operand):
            return op + _operand(operand, _NEGATE)
        case Binary(op=op, left=left, right=right):
            strength = _PRECEDENCE[op]
            # Operators group to the left, so an equally strong right operand needs brackets;
            # comparisons do not chain at all, so on either side they need them.
            left_min = strength + 1 if op in COMPARISONS else strength
            return f"{_operand(left, left_min)} {op} {_operand(right, strength + 1)}"
        case Call(name=name, args=args):
            return f"{name}({', '.join(_source(arg) for arg in args)})"
    raise TypeError(f"not a syntax tree: {node!r}")


def _operand(node: Node, minimum: int) -> str:
    text = _source(node)
    return text if _strength(node) >= minimum else f"({text})"


def _strength(node: Node) -> int:
    match node:
        case Binary(op=op):
            return _PRECEDENCE[op]
        case Unary(op="not"):
            return _NOT
        case Unary():
            return _NEGATE
        case Literal(value=value) if not isinstance(value, bool | str) and value < 0:
            return _NEGATE  # printed with a leading '-'
    return _ATOM


def _literal(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written in an expression")
        # The grammar has no exponent notation, so write 1e+20 out in full; going through
        # repr keeps the shortest digits that read back as the same float.
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    quote = "'" if "'" not in value else '"'
    if quote in value or "\n" in value or "\r" in value:
        raise ValueError(f"the string {value!r} cannot be written in an expression")
    return quote + value + quote
