"""Parser for `relevant` and `constraint` expressions.

Grammar, from the loosest to the tightest binding::

    or_expr  := and_expr ("or" and_expr)*
    and_expr := not_expr ("and" not_expr)*
    not_expr := "not" not_expr | compare
    compare  := sum (("=" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := "-" unary | primary
    primary  := number | string | "true" | "false" | "${" id "}" | "."
              | function "(" [or_expr ("," or_expr)*] ")" | "(" or_expr ")"
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Set
from typing import Final

from questionnaires.expressions.lexer import (
    COMPARISONS,
    KEYWORDS,
    SIGNATURES,
    Token,
    clip,
    show,
    tokenize,
    word_hint,
)
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
    walk_levels,
)

MAX_LENGTH: Final = 2000
MAX_DEPTH: Final = 32
# Flat chains such as 1 + 1 + ... build a tree as deep as they are long; bounding the height
# keeps every recursive walk (ours, ==, repr, json) far from Python's recursion limit.
MAX_HEIGHT: Final = 128


def parse(source: str) -> Expression:
    """Parse source into an Expression; every problem raises ExpressionError."""
    if not isinstance(source, str):
        raise ExpressionError(f"an expression must be text, not {type(source).__name__}", 0)
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"expression is {len(source)} characters long, over the limit of "
                              f"{MAX_LENGTH} — split it into simpler rules", MAX_LENGTH)
    if not source.strip():
        raise ExpressionError("empty expression — write a condition like ${q1} = 'yes'", 0)
    parser = _Parser(source)
    root = parser.or_expr()
    if parser.tok.kind != "eof":
        raise parser.stray(None, "an operator such as and, or, = or +")
    for node, level in walk_levels(root):
        if level > MAX_HEIGHT:
            raise ExpressionError(f"expression is too complex: operators nest more than "
                                  f"{MAX_HEIGHT} levels deep — split it into simpler rules",
                                  node.offset)
    return Expression(source, root)


class _Parser:
    """Recursive descent over a lazy token stream, so errors surface in source order."""

    def __init__(self, source: str) -> None:
        self._eof = Token("eof", "", len(source))
        self._tokens = tokenize(source)
        self.tok = next(self._tokens, self._eof)
        self.prev: Token | None = None
        self.depth = 0

    def advance(self) -> Token:
        self.prev, self.tok = self.tok, next(self._tokens, self._eof)
        return self.prev

    def at(self, ops: Set[str]) -> bool:
        return self.tok.kind in ("op", "name") and self.tok.text in ops

    def enter(self, tok: Token) -> None:
        # Depth is checked while descending, so hostile nesting fails long before recursion does.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"expression nests more than {MAX_DEPTH} levels deep at "
                                  f"'{tok.text}' — split it into simpler rules", tok.offset)

    def or_expr(self) -> Node:
        return self.chain({"or"}, self.and_expr)

    def and_expr(self) -> Node:
        return self.chain({"and"}, self.not_expr)

    def chain(self, ops: Set[str], operand: Callable[[], Node]) -> Node:
        node = operand()
        while self.at(ops):
            tok = self.advance()
            node = Binary(tok.text, node, operand(), tok.offset)
        return node

    def not_expr(self) -> Node:
        if not self.at({"not"}):
            return self.compare()
        tok = self.advance()
        self.enter(tok)
        node = Unary("not", self.not_expr(), tok.offset)
        self.depth -= 1
        return node

    def compare(self) -> Node:
        node = self.sum()
        if self.at(COMPARISONS):
            tok = self.advance()
            node = Binary(tok.text, node, self.sum(), tok.offset)
            if self.at(COMPARISONS):
                raise ExpressionError(f"comparisons cannot be chained: '{self.tok.text}' follows "
                                      f"'{tok.text}' — join two comparisons with and, like "
                                      "1 < ${x} and ${x} < 5", self.tok.offset)
        return node

    def sum(self) -> Node:
        return self.chain({"+", "-"}, self.product)

    def product(self) -> Node:
        return self.chain({"*", "/"}, self.unary)

    def unary(self) -> Node:
        if not self.at({"-"}):
            return self.primary()
        tok = self.advance()
        self.enter(tok)
        node = Unary("-", self.unary(), tok.offset)
        self.depth -= 1
        return node

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind in ("num", "str") or tok.text in ("true", "false") and tok.kind == "name":
            self.advance()
            value = tok.text == "true" if tok.kind == "name" else tok.value
            return Literal(value, tok.offset)
        if tok.kind in ("ref", "dot"):
            self.advance()
            return Ref(str(tok.value), tok.offset) if tok.kind == "ref" else Current(tok.offset)
        if tok.kind == "(":
            self.advance()
            self.enter(tok)
            node = self.or_expr()
            self.close(tok, "an operator such as and, or, = or +")
            self.depth -= 1
            return node
        if tok.kind == "func":
            return self.call()
        raise self.missing_operand()

    def call(self) -> Node:
        name = self.advance()
        if name.text not in SIGNATURES:
            close = difflib.get_close_matches(name.text.lower(), SIGNATURES, n=1)
            guess = f"; did you mean '{close[0]}'?" if close else ""
            raise ExpressionError(word_hint(name.text) or f"unknown function '{clip(name.text)}'"
                                  f" — valid functions are {', '.join(SIGNATURES)}{guess}",
                                  name.offset)
        opener = self.advance()
        self.enter(opener)
        args = [] if self.tok.kind == ")" else [self.or_expr()]
        while self.tok.kind == ",":
            self.advance()
            args.append(self.or_expr())
        self.close(opener, "',' or an operator")
        self.depth -= 1
        arity, usage = SIGNATURES[name.text]
        if len(args) != arity:
            raise ExpressionError(f"{name.text}() takes {arity} argument{'s' * (arity != 1)}, "
                                  f"like {usage}, but got {len(args)}", name.offset)
        return Call(name.text, tuple(args), name.offset)

    def close(self, opener: Token, needed: str) -> None:
        if self.tok.kind != ")":
            raise self.stray(opener, needed)
        self.advance()

    def stray(self, opener: Token | None, needed: str) -> ExpressionError:
        """The error for a token that can neither continue nor end the expression."""
        tok, prev = self.tok, self.prev
        if tok.kind == "eof" and opener is not None:
            return ExpressionError("unclosed '(' — add ')'", opener.offset)
        if tok.kind == ")":
            return ExpressionError("unmatched ')' — remove it or add '(' before it", tok.offset)
        if tok.kind == ",":
            return ExpressionError("',' only separates function arguments, like "
                                   "selected(${q}, 'value')", tok.offset)
        hint = word_hint(tok.text) if tok.kind == "name" else None
        after = show(prev) if prev else "the start"
        return ExpressionError(hint or f"missing {needed} between {after} and {show(tok)}",
                               tok.offset)

    def missing_operand(self) -> ExpressionError:
        """The error for a token found where a value should start."""
        tok, prev = self.tok, self.prev
        word = clip(tok.text)
        if tok.kind == "name" and tok.text not in KEYWORDS:
            if tok.text in SIGNATURES:
                return ExpressionError(f"'{word}' is a function — call it like "
                                       f"{SIGNATURES[tok.text][1]}", tok.offset)
            return ExpressionError(word_hint(tok.text) or f"unknown word '{word}' — refer to a "
                                   f"question as ${{{word}}} or quote text as '{word}'",
                                   tok.offset)
        if prev is None:
            return ExpressionError(f"an expression cannot start with {show(tok)} — start with a "
                                   "value such as ${q1}, a number or 'text'", tok.offset)
        if tok.kind == "name" and tok.text == "not":
            return ExpressionError(f"'not' cannot follow {show(prev)} directly — put it in "
                                   "brackets: (not ...)", tok.offset)
        if tok.kind == "eof":
            return ExpressionError(f"expected an expression after {show(prev)}", prev.offset)
        return ExpressionError(f"expected an expression after {show(prev)} but found "
                               f"{show(tok)}", tok.offset)
