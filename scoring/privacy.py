"""What a report may show of customer respondents' answers.

Customer answers are confidential by default: reports show them only in totals over at
least `min_group` people (default 3), and free text only as unattributed comments in an
order of their own. A *named* link's answers, the seller's answers and the seller's
stakeholder map carry names. Every text a report, the CLI or an export prints about
respondents goes through here, so the rule has one home.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scoring.claims import SELLER_CUSTOMER
from scoring.results import Answer, Disagreement


def who(answer: Answer) -> str:
    """How an attributed respondent is named: "Sam Berg (seller)"."""
    side = "seller" if not answer.customer else "customer"
    return f"{answer.name or answer.respondent} ({side})"


def tally(texts: Iterable[str]) -> str:
    """Answers as counts, most given first: “Named” ×2, “Nobody” ×1."""
    counts = Counter(texts)
    return ", ".join(f"“{text}” ×{n}" for text, n in
                     sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def disagreement_text(d: Disagreement, min_group: int) -> str:
    """One disagreement as a sentence a deal review can act on; confidential answers only
    as a tally over `min_group` or more, else withheld."""
    parts = [f"{who(a)} says “{a.text}”" for a in d.answers if a.attributed]
    hidden = [a.text for a in d.answers if not a.attributed]
    if len(hidden) >= min_group:
        parts.append(f"customer respondents say {tally(hidden)}")
    elif hidden:
        count = f"{len(hidden)} confidential {'answer' if len(hidden) == 1 else 'answers'}"
        differs = ("the customer side answers differently" if d.between == SELLER_CUSTOMER
                   else "customer respondents answer differently")
        parts.append(f"{differs} ({count}, not shown under {min_group})")
    line = f"{d.criterion_label or d.label}: {'; '.join(parts)}"
    if not hidden or len(hidden) >= min_group:
        line += f" ({d.reason})"
        if d.counted:
            line += f"; “{d.counted}” counts"
    if d.caps:
        line += f"; on a must-have, so the verdict is {d.caps_at.lower()} at best"
    return line + "."


@dataclass(frozen=True)
class DisagreementRow:
    """One disagreement as a table row: the item, who says what, how far apart, what counts."""

    item: str
    answers: tuple[str, ...]
    """“Sam Berg (seller): “Named””, a tally of confidential answers, or that they differ."""
    gap: str
    counts: str
    """The answer that counts, and what it does to the verdict on a must-have."""


def disagreement_row(d: Disagreement, min_group: int) -> DisagreementRow:
    """The table row for one disagreement; confidential answers as in `disagreement_text`."""
    answers = [f"{who(a)}: “{a.text}”" for a in d.answers if a.attributed]
    hidden = [a.text for a in d.answers if not a.attributed]
    visible = not hidden or len(hidden) >= min_group
    if hidden and visible:
        answers.append(f"customer respondents: {tally(hidden)}")
    elif hidden:
        answers.append(f"{len(hidden)} confidential {'answer' if len(hidden) == 1 else 'answers'}"
                       f" that differ (not shown under {min_group})")
    counts = [f"“{d.counted}”"] if d.counted and visible else []
    if d.caps:
        counts.append(f"must-have: the verdict is {d.caps_at.lower()} at best")
    return DisagreementRow(d.criterion_label or d.label, tuple(answers),
                           d.reason if visible else "—", "; ".join(counts) or "—")


COMMENTS_SHOWN = 10
"""Comments a report quotes per question (and week): the newest; the rest are counted."""


@dataclass(frozen=True)
class Comments:
    """Comments quoted without names, and how many more were written than are quoted."""

    quoted: tuple[str, ...]
    more: int = 0


def comments(newest_first: Iterable[str], min_group: int, people: int,
             limit: int = COMMENTS_SHOWN) -> Comments:
    """Free text without names: the `limit` newest different comments, sorted so the order
    says nothing about who wrote what, and a count of the rest.

    Shown only when at least `min_group` people answered: one comment among two people
    would say whose it is.
    """
    if people < min_group:
        return Comments(())
    return newest(newest_first, limit)


def newest(newest_first: Iterable[str], limit: int = COMMENTS_SHOWN) -> Comments:
    """The `limit` newest different texts, sorted so the order says nothing about who wrote
    what, and a count of the rest."""
    distinct = list(dict.fromkeys(t.strip() for t in newest_first if t and t.strip()))
    return Comments(tuple(sorted(distinct[:limit], key=str.casefold)),
                    max(0, len(distinct) - limit))


def disagreement_data(d: Disagreement, min_group: int) -> dict[str, object]:
    """A disagreement as plain data, confidential answers withheld as in the text."""
    hidden = [a for a in d.answers if not a.attributed]
    shown = len(hidden) >= min_group
    return {
        "question": d.item, "label": d.label, "criterion": d.criterion,
        "must_have": d.must_have, "between": d.between, "caps_verdict": d.caps,
        "answers": [{"who": who(a) if a.attributed else None, "role": a.role,
                     "answer": a.text if a.attributed or shown else None}
                    for a in d.answers],
        "text": disagreement_text(d, min_group),
    }


def notice(*, customer: bool, named: bool, claims: bool, min_group: int,
           translate: Callable[[str], str] | None = None) -> str:
    """The one sentence each form shows about who will see its answers (and it is true).

    `translate` (a gettext) says it in the reader's language; without it, in English.
    """
    _ = translate or _as_written
    if not customer:
        return _("Your answers are shown with your name to the seller's team and in the "
                 "readiness reports they share.")
    if named:
        return _("Your answers will be shown with your name to the seller's team and in the "
                 "readiness reports they share.")
    if claims:
        return _("Your answers are never shown with your name: the seller's team and its "
                 "reports see whether they confirm the seller's and the score they lead to, "
                 "and your answers themselves only in totals over at least %(min_group)s "
                 "people.") % {"min_group": min_group}
    return _("Your answers are never shown with your name: the seller's team and its reports "
             "see them only in totals over at least %(min_group)s people and what you write "
             "only as comments without names, while they count toward the readiness "
             "verdict.") % {"min_group": min_group}


def _as_written(message: str) -> str:
    return message
