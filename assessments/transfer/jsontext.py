"""JSON from a user's file: every failure, deep nesting included, is a `where:line:col` problem."""

from __future__ import annotations

import json
import re
from typing import Any

from assessments.errors import InputError

MAX_DEPTH = 32
"""Far deeper than any response (an answer holds at most rows of cells: depth 6)."""
# A string runs to its closing quote or, unclosed, to the end: possessive, so each character
# is looked at once (an unclosed string must not send every later quote to the end again).
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


def loads(text: str, where: str) -> Any:
    """The parsed JSON; InputError for invalid JSON or nesting deeper than MAX_DEPTH."""
    at = _too_deep(text)
    if at is not None:
        line, col = _line_col(text, at)
        raise InputError(f"{where}:{line}:{col}: nested more than {MAX_DEPTH} levels deep; "
                         "no response is shaped like that")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}") from None
    except ValueError as err:  # a number past Python's 4,300 digits
        raise InputError(f"{where}: not valid JSON: {err}") from None


def _too_deep(text: str) -> int | None:
    """Offset of the bracket that opens level MAX_DEPTH + 1, outside strings; else None."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
