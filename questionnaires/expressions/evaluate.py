"""Evaluate parsed expressions against a set of answers.

Semantics:

- An unanswered reference (missing from `answers`, or None, "", or an empty list/tuple)
  evaluates to *empty* (Python None). The string literal '' is empty too, so `${q} = ''`
  tests whether q is unanswered.
- Values: None (empty), bool, int, float, str, and list/tuple of str (answers of
  multiple-choice questions). Items of a list that are not strings are ignored; any other
  kind of answer (a dict, a date object, ...) is treated as empty.
- `=` / `!=`: numbers compare numerically (1 = 1.0; bool is NOT a number here: true = 1 is
  false); strings compare exactly; bool to bool; empty = empty is true; empty = anything
  else is false; lists compare as sets of values; mixed types are unequal.
- `< <= > >=`: only number-number or string-string (strings compare by code point, which
  orders ISO dates correctly); with empty or mixed types the result is false.
- `+ - * /` on numbers only (bools are not numbers); any empty or non-number operand gives
  empty; division by zero gives empty. Unary `-` likewise. `/` always gives a decimal, and
  a result too large to represent (a float overflow, or an integer of more than about
  4,000 digits) gives empty.
- `and`, `or`, `not` use truthiness: empty, false, 0, 0.0, "" and empty lists are false;
  everything else is true. They short-circuit and return a bool.
- `selected(x, v)`: true if x is a list/tuple containing v, or x is a string equal to v
  (so it also works on single-choice answers); false when x is empty.
- `count_selected(x)`: number of items of a list/tuple answer; 1 for a non-empty string;
  0 for empty (and for any other value).
- `if(c, a, b)`: a when truthy(c), else b (only the chosen branch is evaluated).
- `empty(x)`: true when x is empty (None, "", empty list/tuple).
- `.` evaluates to `current` (normalised the same way: "" or [] become empty).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, TypeAlias, TypeGuard, cast

from questionnaires.expressions.lexer import SIGNATURES
from questionnaires.expressions.nodes import (
    Binary,
    Call,
    Current,
    Expression,
    Literal,
    Node,
    Ref,
    Unary,
)

Value: TypeAlias = bool | int | float | str | tuple[str, ...] | None
Evaluator: TypeAlias = Callable[[Node], Value]
# Implementations receive unevaluated arguments so that if() can skip the branch not taken.
Implementation: TypeAlias = Callable[[Evaluator, tuple[Node, ...]], Value]

# Python ints grow without bound; past this size a hostile `${n} * ${n} * ...` would spend
# seconds multiplying, and str() of the result would fail (its limit is 4,300 digits).
_MAX_BITS: Final = 14_000
_ORDER: Final[Mapping[str, Callable[[Any, Any], object]]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}
_ARITHMETIC: Final[Mapping[str, Callable[[object, object], object]]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
}


def evaluate(expr: Expression, answers: Mapping[str, object], current: object = None) -> Value:
    """The value of expr given answers by question id and `current` for '.'; never raises."""
    here = normalise(current)

    def value_of(node: Node) -> Value:
        match node:
            case Literal(value=value):
                return normalise(value)
            case Ref(name=name):
                return normalise(answers.get(name))
            case Current():
                return here
            case Unary(op="not", operand=operand):
                return not truthy(value_of(operand))
            case Unary(operand=operand):
                return _arithmetic("-", 0, value_of(operand))
            case Binary(op="and", left=left, right=right):
                return truthy(value_of(left)) and truthy(value_of(right))
            case Binary(op="or", left=left, right=right):
                return truthy(value_of(left)) or truthy(value_of(right))
            case Binary(op=op, left=left, right=right):
                return _binary(op, value_of(left), value_of(right))
            case Call(name=name, args=args) if name in FUNCTIONS:
                return FUNCTIONS[name][1](value_of, args)
        return None

    return value_of(expr.root)


def normalise(value: object) -> Value:
    """Map any answer onto the language's values, turning every kind of 'no answer' into None."""
    if value is None or type(value) is bool:
        return value
    kind = type(value)
    # Exact type checks and the base classes' own methods: a subclass (a str enum, say) may
    # override __eq__ or __str__ with code that raises, and evaluation must not.
    if issubclass(kind, str):
        return str.__str__(cast(str, value)) or None
    if issubclass(kind, int):
        return int.__int__(cast(int, value))
    if issubclass(kind, float):
        return float.__float__(cast(float, value))
    items: Iterator[object]
    if issubclass(kind, list):
        items = list.__iter__(cast(list[object], value))
    elif issubclass(kind, tuple):
        items = tuple.__iter__(cast(tuple[object, ...], value))
    else:
        return None
    return tuple(str.__str__(item) for item in items if issubclass(type(item), str)) or None


def truthy(value: object) -> bool:
    """Truthiness: empty, false, 0, 0.0, "" and empty lists are false; all else is true."""
    value = normalise(value)
    if value is None or value is False:
        return False
    return value != 0 if _is_number(value) else True


def _is_number(value: object) -> TypeGuard[int | float]:
    return type(value) is int or type(value) is float


def _equal(a: Value, b: Value) -> bool:
    if _is_number(a) and _is_number(b):
        return a == b
    if isinstance(a, tuple) and isinstance(b, tuple):
        return frozenset(a) == frozenset(b)
    return type(a) is type(b) and a == b


def _binary(op: str, a: Value, b: Value) -> Value:
    if op == "=":
        return _equal(a, b)
    if op == "!=":
        return not _equal(a, b)
    if op in _ORDER:
        comparable = (_is_number(a) and _is_number(b)) or (type(a) is str and type(b) is str)
        return comparable and bool(_ORDER[op](a, b))
    return _arithmetic(op, a, b)


def _arithmetic(op: str, a: Value, b: Value) -> Value:
    if not (_is_number(a) and _is_number(b)) or (op == "/" and b == 0):
        return None
    if type(a) is int and type(b) is int and a.bit_length() + b.bit_length() > _MAX_BITS:
        return None
    try:
        result = _ARITHMETIC[op](a, b)
    except OverflowError:  # int too large to convert to float, as in 10**400 / 3
        return None
    if type(result) is float:
        return result if math.isfinite(result) else None
    if type(result) is int:
        return result if result.bit_length() <= _MAX_BITS else None
    return None


def _selected(value_of: Evaluator, args: tuple[Node, ...]) -> Value:
    answer, choice = value_of(args[0]), value_of(args[1])
    if isinstance(answer, tuple):
        return choice in answer
    return type(answer) is str and type(choice) is str and answer == choice


def _count_selected(value_of: Evaluator, args: tuple[Node, ...]) -> Value:
    answer = value_of(args[0])
    if isinstance(answer, tuple):
        return len(answer)
    return 1 if type(answer) is str else 0


def _if(value_of: Evaluator, args: tuple[Node, ...]) -> Value:
    return value_of(args[1]) if truthy(value_of(args[0])) else value_of(args[2])


def _empty(value_of: Evaluator, args: tuple[Node, ...]) -> Value:
    return value_of(args[0]) is None


_IMPLEMENTATIONS: Final[Mapping[str, Implementation]] = {
    "selected": _selected, "count_selected": _count_selected, "if": _if, "empty": _empty,
}
# The registry: name -> (arity, implementation). Arity comes from the grammar's SIGNATURES;
# indexing by every signature fails at import time if an implementation is missing.
FUNCTIONS: Final[Mapping[str, tuple[int, Implementation]]] = {
    name: (arity, _IMPLEMENTATIONS[name]) for name, (arity, _usage) in SIGNATURES.items()
}
