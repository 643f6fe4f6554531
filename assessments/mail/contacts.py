"""A list of people to invite: a CSV file with a header row, checked whole before anything
is sent.

Columns (only `email` is needed; any order, any case): name, email, role, segment, language,
named. Comma, semicolon or tab separated (as spreadsheets save them), UTF-8 with or without
a byte-order mark. Every problem is reported with its row number as a spreadsheet shows it
(the header is row 1), and nothing is sent while there is one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from assessments.errors import InputError
from assessments.store import metadata, service
from questionnaires import Questionnaire

COLUMNS = ("name", "email", "role", "segment", "language", "named")
YES = {"yes", "y", "true", "1", "named", "ja", "j"}
NO = {"", "no", "n", "false", "0", "nee"}
MAX_ROWS = 2000


@dataclass(frozen=True)
class Contact:
    """One person to invite, checked."""

    row: int
    email: str
    name: str = ""
    role: str = ""
    segment: str = ""
    language: str = ""
    named: bool = False


class ContactsError(InputError):
    """A contact list with problems; the message lists every one with its row."""


def read_contacts(text: str, q: Questionnaire, *, source: str = "the list") -> list[Contact]:
    """Every contact of a CSV text, checked for questionnaire `q` (ContactsError listing each
    problem with its row number)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ContactsError(f"{source} is empty: give a header row (name,email,…) and one "
                            "row per person")
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "email" not in header:
        what = (f"unknown column {unknown[0]!r}" if unknown else "no 'email' column")
        raise ContactsError(f"{source}, row 1: {what}; the header row names the columns "
                            f"{', '.join(COLUMNS)} (only email is needed)")
    if len(rows) - 1 > MAX_ROWS:
        raise ContactsError(f"{source} has {len(rows) - 1} rows; at most {MAX_ROWS} at once")
    contacts, problems = [], []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = dict(zip(header, (c.strip() for c in cells), strict=False))
        try:
            contact = _contact(number, values, q)
        except InputError as err:
            problems.append(f"{source}, row {number}: {err}")
            continue
        key = contact.email.lower()
        if key in seen:
            problems.append(f"{source}, row {number}: {contact.email} is on row {seen[key]} "
                            "already")
            continue
        seen[key] = number
        contacts.append(contact)
    if problems:
        count = len(problems)
        raise ContactsError("\n".join(problems) + f"\n{count} problem{'s' * (count != 1)}; "
                            "nothing was sent")
    if not contacts:
        raise ContactsError(f"{source} has a header row but nobody on it")
    return contacts


def _contact(row: int, values: dict[str, str], q: Questionnaire) -> Contact:
    checks: list[tuple[str, Callable[[], object]]] = [
        ("email", lambda: service.check_email(values.get("email", "") or "(empty)")),
        ("role", lambda: service.respondent_role(q, values.get("role") or None)),
        ("language", lambda: service.link_language(q, values.get("language", ""))),
        ("name", lambda: metadata.check_text("name", values.get("name", ""))),
        ("segment", lambda: metadata.check_text("segment", values.get("segment", ""))),
        ("named", lambda: _named(values.get("named", ""))),
    ]
    found, problems = {}, []
    for column, check in checks:
        try:
            found[column] = check()
        except InputError as err:
            problems.append(str(err))
    if problems:
        raise InputError("; ".join(problems))
    return Contact(row, **found)  # type: ignore[arg-type]


def _named(value: str) -> bool:
    word = value.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise InputError(f"named {value!r}: use yes or no (empty is no: confidential)")
