"""The portfolio's filters and sorts: which assessments a page lists, in which order, and
what each filter offers (with counts). Pure: rows and definitions in, frozen values out.

The live app reads a query (`?stage=live&verdict=ready&owner=priya-raman&sort=score&
order=desc`); the static site has a page per stage, verdict and owner (`stage/live/`),
since a page opened from disk ignores its query string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from assessments.report import sparkline
from questionnaires import Questionnaire
from scoring.assess import Assessment, Rollup
from scoring.ids import PULSE, STAGE_LABELS, STAGES
from scoring.results import INSUFFICIENT

FACETS = {"stage": "Stage", "verdict": "Verdict", "health": "Health", "owner": "Owner",
          "activity": "Last answer"}
"""The filters, by query parameter and URL folder, with their names as shown."""
LIVE_ONLY = frozenset({"activity"})
"""Filters the live app offers but the static site does not: they change with the day."""
ACTIVITY = {"week": ("In the last 7 days", 7), "month": ("8 to 30 days ago", 30),
            "quarter": ("31 to 90 days ago", 90), "older": ("More than 90 days ago", None),
            "never": ("No answer yet", None)}
"""Days since a deal's last answer, in bands: label and the most days each takes."""
ORDERS = ("asc", "desc")
NO_OWNER = "no-owner"
"""The owner slug of assessments nobody owns."""

SortKey = str | float | None
"""A row's value for one sort; None sorts last in either order."""


@dataclass(frozen=True)
class Row:
    """One assessment as the portfolio lists it."""

    assessment: Assessment
    rollup: Rollup
    last: str
    """When its newest answer came in (ISO 8601), '' when none has."""

    @property
    def owner(self) -> str:
        """The owner's slug, the value of the owner filter."""
        return slug(self.assessment.owner)

    @property
    def health(self) -> str:
        """A live deal's health band in its latest week with enough answers; '' for none."""
        adoption = self.rollup.adoption
        week = adoption.latest if adoption and self.assessment.stage == "live" else None
        return "" if week is None or week.too_few else week.band

    @property
    def activity(self) -> str:
        """How long since its last answer, as an ACTIVITY band."""
        if not self.last:
            return "never"
        days = (dt.date.today() - dt.date.fromisoformat(self.last[:10])).days
        return next((band for band, (_, most) in ACTIVITY.items()
                     if most is not None and days <= most), "older")

    @property
    def overdue(self) -> int:
        """Commitments of its plan past their due date or marked slipped, either side."""
        today = dt.date.today()
        return sum(1 for c in self.rollup.commitments if c.late(today))

    @property
    def trend(self) -> Markup:
        """Its weekly health once live, else its readiness by round, as a sparkline."""
        return sparkline.trend(self.rollup)

    def value(self, facet: str) -> str:
        """Its value for a filter: its stage, its verdict or its owner's slug."""
        return {"stage": self.assessment.stage, "verdict": self.rollup.verdict,
                "health": self.health, "owner": self.owner,
                "activity": self.activity}[facet]


@dataclass(frozen=True)
class Vocabulary:
    """The values each filter takes, with their labels, and each verdict's rank."""

    stages: Mapping[str, str]
    verdicts: Mapping[str, tuple[float, str]]
    """Verdict id → (rank: its band's lowest score, -1 for insufficient data; label)."""
    owners: Mapping[str, str]
    """Owner slug → the name as first written."""
    healths: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    """A live deal's health band → (its lowest score; label), from the pulse's bands."""

    def label(self, facet: str, value: str) -> str:
        """How a filter value reads: "Live", "Not ready", "At risk", "Priya Raman"."""
        if facet in ("verdict", "health"):
            return (self.verdicts if facet == "verdict" else self.healths)[value][1]
        if facet == "activity":
            return ACTIVITY[value][0]
        return (self.stages if facet == "stage" else self.owners)[value]


@dataclass(frozen=True)
class Sort:
    """One column the portfolio sorts by: its heading and each row's value."""

    label: str
    numeric: bool
    key: Callable[[Row, Vocabulary], SortKey]


def _text(value: str) -> str | None:
    # Accents and case do not order names: "Álvaro" sorts with "alvaro", before "Bea".
    plain = unicodedata.normalize("NFKD", value.casefold().strip())
    return "".join(c for c in plain if not unicodedata.combining(c)) or None


SORTS: dict[str, Sort] = {
    "account": Sort("Account", False, lambda r, _: _text(r.assessment.account)),
    "owner": Sort("Owner", False, lambda r, _: _text(r.assessment.owner)),
    "stage": Sort("Stage", True, lambda r, _: STAGES.index(r.assessment.stage)),
    "verdict": Sort("Verdict", True, lambda r, v: v.verdicts[r.rollup.verdict][0]),
    "score": Sort("Score", True, lambda r, _: r.rollup.score),
    "confidence": Sort("Confidence", True, lambda r, _: r.rollup.confidence),
    "last": Sort("Last activity", False, lambda r, _: r.last or None),
}
"""The sort parameter's values: ascending is A→Z, pipeline order, worst verdict first,
lowest number first, oldest answer first."""


@dataclass(frozen=True)
class Query:
    """What one portfolio page shows: at most one value per filter, and one sort."""

    stage: str = ""
    verdict: str = ""
    health: str = ""
    owner: str = ""
    activity: str = ""
    sort: str = ""
    order: str = "asc"

    def filters(self) -> dict[str, str]:
        """The filters in use, in FACETS order."""
        return {f: getattr(self, f) for f in FACETS if getattr(self, f)}

    def args(self) -> dict[str, str]:
        """The query string of this page (defaults left out)."""
        values = {**self.filters(), "sort": self.sort,
                  "order": self.order if self.sort and self.order != "asc" else ""}
        return {k: v for k, v in values.items() if v}

    def sorted_by(self, key: str) -> Query:
        """This page sorted by `key`: ascending first, descending when it already is."""
        again = self.sort == key and self.order == "asc"
        return replace(self, sort=key, order="desc" if again else "asc")


class BadQuery(ValueError):
    """Parameters the portfolio does not know; the message names each and its values."""


@dataclass(frozen=True)
class Choice:
    """One value a filter offers: where it leads and how many assessments it lists."""

    value: str
    label: str
    count: int
    current: bool
    query: Query


@dataclass(frozen=True)
class Facet:
    """A filter's choices: "All" (`everything`) and each value with at least one row."""

    name: str
    label: str
    everything: Choice
    choices: tuple[Choice, ...] = field(default=())


def slug(owner: str) -> str:
    """An owner's name as a URL folder: "Tomás Reyes" → "tomas-reyes".

    Names that differ only in case, accents, spaces or punctuation share a folder (they
    are one person typed two ways). A name with a letter the plain form would drop ("李 A",
    "Søren") or that would read as "no owner" gets its own folder, by a hash of the name.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", owner.casefold())
                    if not unicodedata.combining(c))
    words = re.findall(r"[a-z0-9]+", plain)
    readable = "-".join(words)[:60].strip("-")
    if not owner.strip():
        return NO_OWNER
    lossy = any(c.isalnum() and not c.isascii() for c in plain)  # a letter it would drop
    if readable and not lossy and readable != NO_OWNER:
        return readable
    digest = hashlib.sha256(" ".join(owner.split()).casefold().encode()).hexdigest()[:10]
    return f"{readable or 'owner'}-{digest}"


def vocabulary(rows: Sequence[Row], definitions: Mapping[str, Questionnaire]) -> Vocabulary:
    """The stages, the verdicts the definitions' bands can give, and the owners of `rows`."""
    verdicts: dict[str, tuple[float, str]] = {}
    for q in sorted(definitions.values(), key=lambda q: q.id):
        for band in q.scoring.bands if q.scoring else ():
            verdicts.setdefault(band.id, (band.min, str(band.label)))
    verdicts.setdefault(INSUFFICIENT, (-1.0, "Insufficient data"))
    owners: dict[str, str] = {}
    for row in rows:
        verdicts.setdefault(row.rollup.verdict, (-1.0, row.rollup.verdict_label))
        owners.setdefault(row.owner, row.assessment.owner.strip() or "No owner")
    pulse = definitions.get(PULSE)
    healths = {b.id: (b.min, str(b.label)) for b in
               (pulse.scoring.bands if pulse and pulse.scoring else ())}
    return Vocabulary(STAGE_LABELS, verdicts, owners, healths)


def parse(args: Mapping[str, str], vocab: Vocabulary) -> Query:
    """The query in `args`, each value checked; BadQuery lists every unknown one.

    `owner` takes the owner's name or its slug; other parameters are not the portfolio's
    and are left alone.
    """
    values = {name: args.get(name, "") for name in (*FACETS, "sort", "order")}
    if values["owner"] and values["owner"] not in vocab.owners:
        values["owner"] = slug(values["owner"])
    known = {"stage": list(vocab.stages), "verdict": list(vocab.verdicts),
             "health": list(vocab.healths), "owner": list(vocab.owners),
             "activity": list(ACTIVITY), "sort": list(SORTS), "order": list(ORDERS)}
    problems = [f"{name} “{args.get(name)}” is not one of {', '.join(known[name])}"
                for name, value in values.items() if value and value not in known[name]]
    if problems:
        raise BadQuery("; ".join(problems))
    return Query(**{k: v for k, v in values.items() if v})


def matches(row: Row, query: Query) -> bool:
    """Whether the row passes every filter of `query`."""
    return all(row.value(facet) == value for facet, value in query.filters().items())


def select(rows: Sequence[Row], query: Query, vocab: Vocabulary) -> list[Row]:
    """The rows `query` lists, in its order; ties and no sort keep the given order, and a
    row without a value (no score yet) comes last either way."""
    kept = [r for r in rows if matches(r, query)]
    if not query.sort:
        return kept
    keyed = [(SORTS[query.sort].key(r, vocab), r) for r in kept]
    present = [(k, r) for k, r in keyed if k is not None]
    # Python's sort is stable, also in reverse: equal rows keep the default order.
    ordered = sorted(present, key=lambda pair: pair[0], reverse=query.order == "desc")
    return [r for _, r in ordered] + [r for k, r in keyed if k is None]


def facets(rows: Sequence[Row], query: Query, vocab: Vocabulary, *,
           combine: bool) -> list[Facet]:
    """Each filter's choices from `query`'s page. `combine`: a choice keeps the other filters
    (the live app), else it stands alone (the static site's pages); counts follow suit."""
    found = []
    for facet, label in FACETS.items():
        if facet in LIVE_ONLY and not combine:
            continue
        base = replace(query, **{facet: ""}) if combine else Query(sort=query.sort,
                                                                   order=query.order)
        pool = [r for r in rows if matches(r, base)]
        counts: dict[str, int] = {}
        for row in pool:
            value = row.value(facet)
            counts[value] = counts.get(value, 0) + 1
        current = getattr(query, facet)
        choices = tuple(Choice(v, vocab.label(facet, v), counts.get(v, 0), v == current,
                               replace(base, **{facet: v}))
                        for v in _ordered(facet, vocab) if counts.get(v) or v == current)
        everything = Choice("", "All", len(pool), not current, base)
        found.append(Facet(facet, label, everything, choices))
    return found


def _ordered(facet: str, vocab: Vocabulary) -> list[str]:
    if facet == "stage":
        return list(vocab.stages)
    if facet == "activity":
        return list(ACTIVITY)
    if facet in ("verdict", "health"):  # best first
        ranks = vocab.verdicts if facet == "verdict" else vocab.healths
        return sorted(ranks, key=lambda v: (-ranks[v][0], ranks[v][1]))
    return sorted(vocab.owners, key=lambda o: (o == NO_OWNER, _text(vocab.owners[o]) or ""))


def describe(query: Query, vocab: Vocabulary) -> str:
    """The filters in words: "stage Live, verdict Ready"; '' for none."""
    return ", ".join(f"{FACETS[f].lower()} {vocab.label(f, v)}"
                     for f, v in query.filters().items())


def sort_value(row: Row, key: str, vocab: Vocabulary) -> str:
    """The row's value for one sort as the page's script reads it ('' for none)."""
    value = SORTS[key].key(row, vocab)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Figures:
    """What a sales leader asks of the portfolio, each next to the count it is based on."""

    by_stage: tuple[tuple[str, tuple[tuple[str, int], ...], int], ...]
    """(stage label, (verdict label, deals) best first, deals in the stage)."""
    value_days: int | None
    """The median days from go-live to first value proven, of the deals that proved it."""
    value_deals: int
    live_deals: int
    lost_power: int
    """Live deals whose old workflow has lost power in their latest week."""
    lost_of: int
    """Live deals with a latest week to judge it by."""


def figures(rows: Sequence[Row], vocab: Vocabulary) -> Figures:
    """Verdicts by stage, days to first value, the old workflow's loss of power."""
    by_stage = []
    for stage, label in vocab.stages.items():
        mine = [r for r in rows if r.assessment.stage == stage]
        if not mine:
            continue
        counts: dict[str, int] = {}
        for r in mine:
            counts[r.rollup.verdict] = counts.get(r.rollup.verdict, 0) + 1
        ordered = sorted(counts, key=lambda v: -vocab.verdicts.get(v, (-1.0, v))[0])
        by_stage.append((label, tuple((vocab.label("verdict", v), counts[v]) for v in ordered),
                         len(mine)))
    live = [r for r in rows if r.assessment.stage == "live"]
    days = sorted(d for r in live if (d := _days_to_value(r)) is not None)
    judged = [r for r in live if r.rollup.adoption and r.rollup.adoption.latest
              and not r.rollup.adoption.latest.too_few]
    lost = sum(1 for r in judged if r.rollup.adoption and r.rollup.adoption.latest
               and r.rollup.adoption.latest.old_workflow_losing_power)
    return Figures(tuple(by_stage), _median(days), len(days), len(live), lost, len(judged))


def _days_to_value(row: Row) -> int | None:
    adoption, go_live = row.rollup.adoption, row.assessment.go_live
    value = adoption.value if adoption else None
    if value is None or not value.proven or value.week is None or not go_live:
        return None
    dates = [e.date[:10] for e in value.reports if e.week == value.week and e.date]
    if not dates:
        return None
    return (dt.date.fromisoformat(min(dates)) - dt.date.fromisoformat(go_live)).days


def _median(values: Sequence[int]) -> int | None:
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else round((values[middle - 1] + values[middle]) / 2)
