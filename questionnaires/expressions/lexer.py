"""The language's vocabulary and the tokenizer that splits source text into tokens."""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Final, NamedTuple

from questionnaires.expressions.nodes import ExpressionError, Scalar

# Arity and a usage example per function. They live with the grammar so the parser can reject
# bad calls; the evaluator pairs each name with its implementation.
SIGNATURES: Final[Mapping[str, tuple[int, str]]] = {
    "selected": (2, "selected(${q}, 'value')"),
    "count_selected": (1, "count_selected(${q})"),
    "if": (3, "if(${q} = 'yes', 1, 0)"),
    "empty": (1, "empty(${q})"),
}
KEYWORDS: Final = frozenset({"and", "or", "not", "true", "false"})
COMPARISONS: Final = frozenset({"=", "!=", "<", "<=", ">", ">="})

_DIGITS = frozenset("0123456789")
_ID_START = frozenset(string.ascii_letters + "_")
_ID_CHARS = _ID_START | _DIGITS
_OPERATORS = COMPARISONS | {"+", "-", "*", "/"}
# Spellings carried over from spreadsheets and programming languages get a precise hint.
_MISTAKES = {"==": "=", "&&": "and", "||": "or", "=>": ">=", "=<": "<=", "<>": "!=",
             "!": "not", "&": "and", "|": "or", "div": "/"}
_UNEXPECTED = ("expressions use ${id} references, numbers, 'strings', operators "
               "= != < <= > >= + - * / and functions " + ", ".join(SIGNATURES))


class Token(NamedTuple):
    """One lexical unit: kind is num, str, ref, dot, name, func, op, (, ), ',' or eof."""

    kind: str
    text: str
    offset: int
    value: Scalar = ""



def tokenize(source: str) -> Iterator[Token]:
    """Yield the tokens of source lazily, ending with an eof token."""
    i, n = 0, len(source)
    while i < n:
        ch, start = source[i], i
        if ch.isspace():
            i += 1
            continue
        if ch in _DIGITS or (ch == "." and source[i + 1:i + 2] in _DIGITS):
            while i < n and (source[i] in _DIGITS or source[i] == "."):
                i += 1
            yield _number(source[start:i], start)
        elif ch in "'\"":
            i = start + 1
            while i < n and source[i] not in (ch, "\n", "\r"):
                i += 1
            if i == n or source[i] != ch:
                raise ExpressionError(f"unterminated string starting at {_column(source, start)}"
                                      f" — close it with {ch}", start)
            i += 1
            yield Token("str", source[start:i], start, source[start + 1:i - 1])
        elif ch == "$":
            i = _reference_end(source, start)
            yield Token("ref", source[start:i], start, source[start + 2:i - 1])
        elif ch == "." or ch in "(),":
            i += 1
            yield Token("dot" if ch == "." else ch, ch, start)
        elif ch in _ID_START:
            while i < n and source[i] in _ID_CHARS:
                i += 1
            after = i
            while after < n and source[after].isspace():
                after += 1
            # A name directly followed by '(' is a call; keywords never are (think `not (...)`).
            is_call = source.startswith("(", after) and source[start:i] not in KEYWORDS
            yield Token("func" if is_call else "name", source[start:i], start)
        else:
            two = source[i:i + 2]
            op = two if two in _OPERATORS else ch
            wrong = two if two in _MISTAKES else ch
            if op != two and wrong in _MISTAKES:
                raise ExpressionError(f"'{wrong}' is not an operator here — write "
                                      f"'{_MISTAKES[wrong]}' instead", start)
            if op not in _OPERATORS:
                raise ExpressionError(f"unexpected character {_show_char(ch)} — {_UNEXPECTED}",
                                      start)
            i += len(op)
            yield Token("op", op, start)
    yield Token("eof", "", n)


def _number(text: str, offset: int) -> Token:
    whole, dot, fraction = text.partition(".")
    if text.endswith(".") or "." in fraction:
        raise ExpressionError(f"malformed number '{clip(text)}' — write whole numbers like 12 "
                              "and decimals like 2.5", offset)
    if not whole:
        raise ExpressionError(f"number '{clip(text)}' needs a leading digit — write "
                              f"0{clip(text)}", offset)
    if not dot:
        return Token("num", text, offset, int(text))
    value = float(text)
    if value == float("inf"):
        raise ExpressionError(f"number '{clip(text)}' is too large", offset)
    return Token("num", text, offset, value)


def _reference_end(source: str, start: int) -> int:
    if not source.startswith("{", start + 1):
        raise ExpressionError("'$' must be followed by '{', a question id and '}' like "
                              "${owner_named}", start)
    end = start + 2
    while end < len(source) and source[end] in _ID_CHARS:
        end += 1
    name = source[start + 2:end]
    if name and name[0] not in _DIGITS and source.startswith("}", end):
        return end + 1
    if name and name[0] not in _DIGITS and (end == len(source) or source[end].isspace()):
        raise ExpressionError(f"'${{{name}' is missing its closing '}}' — write ${{{name}}}",
                              start)
    raise ExpressionError("'${' must be followed by a question id and '}' like ${owner_named}",
                          start)


def _column(source: str, offset: int) -> str:
    line = source.count("\n", 0, offset)
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return f"line {line + 1}, column {column}" if line else f"column {column}"


def _show_char(ch: str) -> str:
    return f"'{ch}'" if ch.isprintable() else f"U+{ord(ch):04X}"


def clip(text: str) -> str:
    """Shorten text for quoting in a message."""
    # Hostile definitions can hold huge tokens; a message only needs their start.
    return text if len(text) <= 40 else text[:40] + "…"


def show(tok: Token) -> str:
    """A token quoted for a message; string tokens already carry their quotes."""
    return clip(tok.text) if tok.kind == "str" else f"'{clip(tok.text)}'"


def word_hint(word: str) -> str | None:
    """A fix for a wrongly cased keyword or a foreign operator word, if word is one."""
    lower = word.lower()
    if lower != word and (lower in KEYWORDS or lower in SIGNATURES):
        return f"keywords and function names are lowercase — write '{lower}' instead of '{word}'"
    if word in _MISTAKES:
        return f"'{word}' is not an operator here — write '{_MISTAKES[word]}' instead"
    return None

