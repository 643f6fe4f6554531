"""Generated sentences that read right whatever people typed into them.

User text often ends with its own full stop; ours adds another, or a semicolon after it.
`clause` takes the end off a piece so it can sit inside a sentence, `sentence` makes a
piece a sentence of its own: a capital first letter and exactly one final stop.
"""

from __future__ import annotations

_ENDS = ".;:,"
_STOPS = (".", "!", "?", "…")


def clause(text: str) -> str:
    """Text to join into a sentence: without a trailing full stop, semicolon or comma."""
    return text.strip().rstrip(_ENDS).rstrip()


def sentence(text: str) -> str:
    """Text as a sentence of its own: capitalised, ending in exactly one stop."""
    body = text.strip()
    if not body:
        return body
    body = body[0].upper() + body[1:]
    return body if body.endswith(_STOPS) else clause(body) + "."
