"""Signing a delivery, Stripe style: HMAC-SHA256 over `<timestamp>.<body>`.

The header is `X-Readygate-Signature: t=<unix seconds>,v1=<hex>`. A receiver recomputes
the HMAC with its copy of the secret, compares in constant time, and refuses a timestamp
further than TOLERANCE seconds from its own clock, so a captured delivery cannot be
replayed later.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Readygate-Signature"
TOLERANCE = 300
"""Seconds a receiver accepts between the signature's timestamp and its own clock."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`."""
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def header(secret: str, timestamp: int, body: bytes) -> str:
    """The value of the signature header for `body` sent at `timestamp`."""
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, value: str, body: bytes, now: float,
           tolerance: int = TOLERANCE) -> bool:
    """Whether `value` (the header) signs `body` under `secret`, within `tolerance` of `now`."""
    fields: dict[str, list[str]] = {}
    for item in value.split(","):
        key, _, found = item.strip().partition("=")
        fields.setdefault(key, []).append(found)
    try:
        timestamp = int(fields["t"][0])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, given) for given in fields.get("v1", ()))
