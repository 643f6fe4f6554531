"""Checks on what comes with a response — who, which week, when — and on what can be stored.

One set of rules for every way a response comes in: the web form and the static forms
(`service.submit`), `readygate import`, and `readygate score --responses`. Each check
raises InputError naming the field and the fix; callers add the row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import Any

from assessments.errors import InputError
from assessments.store.records import ResponseRecord

MAX_WEEK = 260
"""Five years of weekly pulses."""
TEXT_LIMITS = {"respondent": 200, "name": 120, "segment": 80}
FUTURE_SLACK = dt.timedelta(days=1)
"""A clock a day ahead is a time zone or a wrong clock; further ahead is a wrong value."""
MAX_STAMP = 64
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""No answer to readygate is older: an earlier time is a wrong value."""


def shown(value: object) -> str:
    """A value as an error message quotes it: repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def check_text(field: str, value: object) -> str:
    """`respondent`, `name` or `segment`: text within its length, without control characters."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"{field} {shown(value)} is not text")
    text = str(value)
    limit = TEXT_LIMITS[field]
    if len(text) > limit:
        raise InputError(f"{field} is {len(text)} characters long; at most {limit} fit")
    bad = unprintable(text)
    if bad:
        raise InputError(f"{field} holds the control character {bad}; remove it")
    return text


def check_week(value: object) -> int | None:
    """A pulse's week: a whole number from 0 (before go-live) to MAX_WEEK, or None."""
    if value is None or value == "":
        return None
    number: object = value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip()) if len(value.strip()) <= 6 else -1
    if isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= MAX_WEEK:
        return number
    raise InputError(f"week {shown(value)} is not valid: use a whole number from 0 "
                     f"(before go-live) to {MAX_WEEK}")


def check_submitted_at(value: object, now: dt.datetime) -> str:
    """An ISO 8601 date-time not more than a day ahead of `now`, as stored (UTC); '' if none."""
    if value is None or value == "":
        return ""
    try:
        if not isinstance(value, str) or len(value) > MAX_STAMP:
            raise ValueError
        moment = dt.datetime.fromisoformat(value)
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise InputError(f"submitted_at {shown(value)} is not a date-time like "
                         "2026-03-31T09:30:00+00:00") from None
    if moment < EARLIEST:
        raise InputError(f"submitted_at {shown(value)} is before {EARLIEST.year}: use the time "
                         "the answers were given")
    if moment > now + FUTURE_SLACK:
        raise InputError(f"submitted_at {shown(value)} is in the future; use the time the "
                         "answers were given")
    return moment.isoformat(timespec="seconds")


def check_storable(answers: Mapping[str, Any]) -> None:
    """Refuse text the store cannot write (a lone surrogate from a JSON escape like \\ud800,
    or a NUL character)."""
    for key, value in answers.items():
        bad = _unstorable(value)
        if bad:
            raise InputError(f"question '{key}': holds {bad}, which cannot be stored; "
                             "correct the text in the file")


def checked(record: ResponseRecord, now: dt.datetime) -> ResponseRecord:
    """The record with its metadata checked and its time in the stored form."""
    check_storable(record.answers)
    return dataclasses.replace(
        record, respondent=check_text("respondent", record.respondent),
        name=check_text("name", record.name), segment=check_text("segment", record.segment),
        week=check_week(record.week),
        submitted_at=check_submitted_at(record.submitted_at, now))


def unprintable(text: str) -> str:
    """The first control character of `text` as U+XXXX, or ''."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs"):
            return f"U+{ord(char):04X}"
    return ""


def _unstorable(value: object) -> str:
    # A lone surrogate cannot be written as UTF-8, a NUL not kept by PostgreSQL.
    if isinstance(value, str):
        for char in value:
            if "\ud800" <= char <= "\udfff" or char == "\x00":
                return f"U+{ord(char):04X}"
        return ""
    if isinstance(value, Mapping):
        return next((b for v in (*value.keys(), *value.values()) if (b := _unstorable(v))), "")
    if isinstance(value, list | tuple):
        return next((b for v in value if (b := _unstorable(v))), "")
    return ""
