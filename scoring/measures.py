"""Standard instruments over a questionnaire's responses, by the names its scoring block lists."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from questionnaires.model import Questionnaire, Scoring
from scoring import instruments as ins
from scoring.results import InstrumentResult

Items = list[list[object]]  # per respondent, the answers to the instrument's items


def _ints(values: list[object]) -> list[int]:
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _sus(rows: Items) -> tuple[float | None, int, dict[str, float | None]]:
    scores = [s for row in rows
              if (s := ins.sus([v if isinstance(v, int) else None for v in row],
                               min_items=ins.SUS_PRORATED_FROM)) is not None]
    return _mean(scores), len(scores), {}


def _umux(rows: Items) -> tuple[float | None, int, dict[str, float | None]]:
    raw = [s for row in rows if (s := ins.umux_lite(*_pair(row))) is not None]
    sus = [s for row in rows if (s := ins.umux_lite_sus(*_pair(row))) is not None]
    return _mean(raw), len(raw), {"sus_equivalent": _mean(sus)}


def _pair(row: list[object]) -> tuple[int | None, int | None]:
    a, b = (v if isinstance(v, int) and not isinstance(v, bool) else None for v in row[:2])
    return a, b


def _nps(rows: Items) -> tuple[float | None, int, dict[str, float | None]]:
    ratings = _ints([row[0] for row in rows])
    if not ratings:
        return None, 0, {}
    result = ins.nps(ratings)
    return result.score, result.n, {"low": result.low, "high": result.high,
                                    "promoters": float(result.promoters),
                                    "passives": float(result.passives),
                                    "detractors": float(result.detractors)}


def _simple(measure: Callable[[Sequence[int]], float | None]) -> Callable[
        [Items], tuple[float | None, int, dict[str, float | None]]]:
    def run(rows: Items) -> tuple[float | None, int, dict[str, float | None]]:
        ratings = _ints([row[0] for row in rows])
        return measure(ratings), len(ratings), {}
    return run


MEASURES: dict[str, Callable[[Items], tuple[float | None, int, dict[str, float | None]]]] = {
    "sus": _sus,
    "umux_lite": _umux,
    "nps": _nps,
    "csat": _simple(ins.csat),
    "ces": _simple(ins.ces),
}


def instrument_results(q: Questionnaire, answers: Sequence[Mapping[str, object]]
                       ) -> tuple[InstrumentResult, ...]:
    """Each instrument the questionnaire names, over every respondent's relevant answers."""
    results = []
    for instrument in (q.scoring or Scoring()).instruments:
        rows = [[a.get(item) for item in instrument.items] for a in answers]
        rows = [row for row in rows if any(v is not None for v in row)]
        value, n, detail = MEASURES[instrument.name](rows)
        results.append(InstrumentResult(instrument.name, ins.INSTRUMENTS[instrument.name].label,
                                        value, n, detail))
    return tuple(results)
