"""Ratios of two timings from interleaved runs: A, B, A, B … and the median of the pairs.

A machine whose speed drifts during the run (another process takes a core, the CPU's clock
changes) moves both sides of each pair alike, where one run of A followed by one run of B
would put all of the drift into the ratio.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

MIN_PAIRS = 3


@dataclass(frozen=True)
class Paired:
    """The medians of each side and the median of the pairwise ratios b / a."""

    a: float
    b: float
    ratio: float
    pairs: int


def interleaved(a: Callable[[], float], b: Callable[[], float],
                pairs: int = MIN_PAIRS) -> Paired:
    """Run a, b, a, b … `pairs` times (at least MIN_PAIRS); each call returns one timing."""
    return paired([(a(), b()) for _ in range(max(pairs, MIN_PAIRS))])


def paired(found: list[tuple[float, float]]) -> Paired:
    """The medians of pairs (a, b) measured one right after the other."""
    if len(found) < MIN_PAIRS:
        raise ValueError(f"a ratio needs at least {MIN_PAIRS} pairs, not {len(found)}")
    return Paired(statistics.median(x for x, _ in found), statistics.median(y for _, y in found),
                  statistics.median(y / x for x, y in found), len(found))
