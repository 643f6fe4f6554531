"""The expression language of `relevant` and `constraint` keys: parse, inspect, evaluate."""

from __future__ import annotations

from questionnaires.expressions.evaluate import FUNCTIONS, Value, evaluate, normalise, truthy
from questionnaires.expressions.lexer import SIGNATURES
from questionnaires.expressions.nodes import (
    Binary,
    Call,
    Current,
    Expression,
    ExpressionError,
    Literal,
    Node,
    Ref,
    Unary,
    references,
    uses_current,
    walk,
)
from questionnaires.expressions.printer import as_data, to_source
from questionnaires.expressions.syntax import MAX_DEPTH, MAX_HEIGHT, MAX_LENGTH, parse
from questionnaires.expressions.words import in_words, plain_number

__all__ = [
    "FUNCTIONS", "MAX_DEPTH", "MAX_HEIGHT", "MAX_LENGTH", "SIGNATURES", "Binary", "Call",
    "Current", "Expression", "ExpressionError", "Literal", "Node", "Ref", "Unary", "Value",
    "as_data", "evaluate", "in_words", "normalise", "parse", "plain_number", "references",
    "to_source", "truthy",
    "uses_current", "walk",
]
