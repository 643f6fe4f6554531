"""API tokens: a seller's key to the JSON API, stored only as its SHA-256.

The tokens live in the store's document `api-tokens` (token id → entry), read with
`Store.document` and changed with `Store.change_document`, so every engine keeps them the
same way and two changes at once both land. A token is shown once, when it is made; a
revoked token, or one whose user no longer exists, opens nothing.
"""

from __future__ import annotations

import hmac
import unicodedata
from dataclasses import dataclass
from typing import Any

from assessments.errors import InputError
from assessments.store import service
from assessments.store.interface import Store
from assessments.store.records import User, new_id, new_token, record_from, to_doc, token_hash

DOCUMENT = "api-tokens"
MAX_LABEL = 80
MAX_TOKEN = 200
"""Nothing longer can be a token: absurd input is not hashed."""


@dataclass(frozen=True)
class ApiToken:
    """One API token as stored: whom it acts for and what it is for, never the token."""

    id: str
    user: str
    """The seller login it acts as."""
    token_hash: str
    label: str = ""
    created_at: str = ""
    revoked_at: str = ""
    """When it was revoked; empty while it opens the API."""

    @property
    def revoked(self) -> bool:
        """Whether it was revoked."""
        return bool(self.revoked_at)


def check_label(label: str) -> str:
    """A token's label: at most MAX_LABEL characters without control characters."""
    text = label.strip()
    if len(text) > MAX_LABEL:
        raise InputError(f"the label is {len(text)} characters long; at most {MAX_LABEL} fit")
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cs")), None)
    if bad is not None:
        raise InputError(f"the label holds the control character U+{ord(bad):04X}; remove it")
    return text


def create(store: Store, user: str, label: str = "") -> tuple[ApiToken, str]:
    """A new token for the seller `user`; returns it with the token, which is never stored."""
    if store.user(user) is None:
        raise InputError(f"there is no user {user!r}: create it with `readygate adduser "
                         f"{user}` first")
    token = new_token()
    made = ApiToken(new_id("tok"), user, token_hash(token), check_label(label),
                    service.iso(service.now()))
    store.change_document(DOCUMENT, lambda doc: {**doc, made.id: to_doc(made)})
    return made, token


def tokens(store: Store) -> list[ApiToken]:
    """Every token, oldest first."""
    found = [_token(entry) for entry in store.document(DOCUMENT).values()
             if isinstance(entry, dict)]
    return sorted(found, key=lambda t: (t.created_at, t.id))


def revoke(store: Store, ident: str) -> ApiToken:
    """Revoke a token: it opens nothing from now on (revoking it again changes nothing)."""
    if not isinstance(store.document(DOCUMENT).get(ident), dict):
        raise InputError(f"there is no API token {ident!r}: `readygate token list` lists "
                         "them")
    stamp = service.iso(service.now())

    def change(doc: dict[str, Any]) -> dict[str, Any]:
        entry = doc.get(ident)
        if not isinstance(entry, dict) or entry.get("revoked_at"):
            return doc
        return {**doc, ident: {**entry, "revoked_at": stamp}}

    return _token(store.change_document(DOCUMENT, change)[ident])


def verify(store: Store, token: str) -> User | None:
    """The seller a token acts as; None for an unknown or revoked token, or a removed user."""
    if not 0 < len(token) <= MAX_TOKEN:
        return None
    digest = token_hash(token).encode()
    found: dict[str, Any] | None = None
    # Every stored hash is compared, each in constant time: how long the answer takes says
    # nothing about how close a guess came.
    for entry in store.document(DOCUMENT).values():
        stored = entry.get("token_hash") if isinstance(entry, dict) else None
        if isinstance(stored, str) and hmac.compare_digest(stored.encode(), digest):
            found = entry
    if found is None or found.get("revoked_at"):
        return None
    return store.user(str(found.get("user", "")))


def _token(entry: dict[str, Any]) -> ApiToken:
    made: ApiToken = record_from(ApiToken, entry)
    return made
