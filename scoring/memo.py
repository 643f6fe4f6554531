"""Scoring a crowd: inside `remembered()`, work that many scores share is done once.

A roll-up scores a pulse's answers week by week, by segment and over four-week windows:
the same response is read by several scores. Inside `remembered()` each response is
validated and viewed once (`recall`), and each distinct answer is checked and scored once
(`table`). The memo belongs to the block (a context variable: one per thread and task), so
nothing outlives it, and each value is kept with the objects whose ids key it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

__all__ = ["recall", "remembered", "table"]

T = TypeVar("T")
_memo: ContextVar[dict[tuple[object, ...], tuple[Any, ...]] | None] = ContextVar(
    "memo", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block each response is validated and viewed once, however many scores
    (weeks, segments, the roll-up) read it. The answers must not change inside it."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def recall(kind: str, q: object, response: object, extra: object, make: Callable[[], T]) -> T:
    """`make()` for this questionnaire and response, made once inside `remembered()`."""
    memo = _memo.get()
    if memo is None:
        return make()
    key = (kind, id(q), id(response), extra)
    found = memo.get(key)
    if found is None:
        # The response and questionnaire are kept with the value, so their ids stay theirs.
        found = memo[key] = (make(), response, q)
    return found[0]  # type: ignore[no-any-return]


def table(kind: str, q: object, extra: object = None) -> dict[Any, Any]:
    """A lookup table of `kind` for questionnaire q inside `remembered()`, shared by every
    response it scores (a fresh, forgotten one outside it)."""
    memo = _memo.get()
    if memo is None:
        return {}
    key = (kind, id(q), extra)
    found = memo.get(key)
    if found is None:
        found = memo[key] = ({}, q)  # q is kept, so its id stays its own
    return found[0]  # type: ignore[no-any-return]
