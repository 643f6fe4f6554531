"""Conditions in words, for people reading a form on paper.

`${owner} != 'none' and not empty(${owner})` reads as: “Who owns the first workflow after
launch?” is not “Nobody named yet”, and “Who owns the first workflow after launch?” is
answered. A shape without a plain reading falls back to the source text with each
reference replaced by its question.
"""

from __future__ import annotations

from collections.abc import Callable

from questionnaires.expressions.nodes import (
    Binary,
    Call,
    Expression,
    Literal,
    Node,
    Ref,
    Unary,
    walk,
)
from questionnaires.expressions.printer import to_source

Name = Callable[[str], str]
"""A question's words (its label, quoted) by id."""
Choice = Callable[[str, str], str]
"""A choice's label by question id and value (the value itself when unknown)."""

_COMPARE = {"=": "is", "!=": "is not", "<": "is less than", "<=": "is at most",
            ">": "is more than", ">=": "is at least"}
# count_selected(${q}) compared with a number: "has …".
_COUNT = {"=": "has exactly {n}", "!=": "does not have {n}", "<": "has fewer than {n}",
          "<=": "has at most {n}", ">": "has more than {n}", ">=": "has {n} or more"}
_SMALL = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def in_words(expression: Expression, name: Name, choice: Choice) -> str:
    """The condition as a reader would say it (no final full stop)."""
    return _words(expression.root, name, choice)


def _words(node: Node, name: Name, choice: Choice) -> str:
    same = _one_of(node) if isinstance(node, Binary) and node.op == "or" else None
    if same:  # ${q} = 'a' or ${q} = 'b' …: “Q” is “A” or “B”
        q, values = same
        said = [f"“{choice(q, v)}”" for v in values]
        return f"{name(q)} is " + ", ".join(said[:-1]) + " or " + said[-1]
    if isinstance(node, Binary) and node.op in ("and", "or"):
        joiner = ", and " if node.op == "and" else ", or "
        return _words(node.left, name, choice) + joiner + _words(node.right, name, choice)
    if isinstance(node, Unary) and node.op == "not" and isinstance(node.operand, Call) \
            and node.operand.name == "empty" and _ref(node.operand.args[0]):
        return f"{name(_ref(node.operand.args[0]))} is answered"
    if isinstance(node, Call) and node.name == "empty" and _ref(node.args[0]):
        return f"{name(_ref(node.args[0]))} is not answered"
    if isinstance(node, Call) and node.name == "selected" and _ref(node.args[0]) \
            and isinstance(node.args[1], Literal):
        q = _ref(node.args[0])
        return f"{name(q)} has “{choice(q, str(node.args[1].value))}” ticked"
    if isinstance(node, Binary) and node.op in _COMPARE:
        left, right = node.left, node.right
        if isinstance(left, Call) and left.name == "count_selected" and _ref(left.args[0]) \
                and isinstance(right, Literal) and isinstance(right.value, int) \
                and not isinstance(right.value, bool):
            count = right.value
            answers = f"{_SMALL.get(count, str(count))} answer{'s' if count != 1 else ''}"
            return f"{name(_ref(left.args[0]))} " + _COUNT[node.op].format(n=answers)
        if _ref(left) and isinstance(right, Literal):
            q = _ref(left)
            value = right.value
            text = f"“{choice(q, value)}”" if isinstance(value, str) else plain_number(value)
            return f"{name(q)} {_COMPARE[node.op]} {text}"
    return _fallback(node, name)


def _one_of(node: Node) -> tuple[str, list[str]] | None:
    """(question, values) when `node` is an or-chain of `${q} = 'value'` on one question."""
    if isinstance(node, Binary) and node.op == "or":
        left, right = _one_of(node.left), _one_of(node.right)
        if left and right and left[0] == right[0]:
            return left[0], left[1] + right[1]
        return None
    if isinstance(node, Binary) and node.op == "=" and _ref(node.left) \
            and isinstance(node.right, Literal) and isinstance(node.right.value, str):
        return _ref(node.left), [node.right.value]
    return None


def _ref(node: Node) -> str:
    return node.name if isinstance(node, Ref) else ""


def plain_number(value: object) -> str:
    """A number as people write it: 100,000,000 rather than 1e+08, 2.5 rather than 2.50."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _fallback(node: Node, name: Name) -> str:
    text = to_source(node)
    for ref in sorted(_refs(node), key=len, reverse=True):
        text = text.replace(f"${{{ref}}}", name(ref))
    return text


def _refs(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, Ref)}
