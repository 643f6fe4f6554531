"""Posting one delivery: a signed JSON body over HTTP(S), a 2xx answer or the reason why not.

Redirects are not followed (a POST turned into a GET would lose its body and its
signature), and every connection has a timeout, so a receiver that hangs costs TIMEOUT
seconds, not the whole run.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessments.hooks import sign

TIMEOUT = 10.0
"""Seconds to wait for a receiver to connect, and then for each read of its answer."""
USER_AGENT = "readygate-webhooks/1"


@dataclass(frozen=True)
class Answer:
    """What a receiver did with one delivery."""

    ok: bool
    status: int | None = None
    """Its HTTP status, None when it never answered."""
    error: str = ""
    reached: bool = True
    """False when it could not be reached at all (connection refused, timed out, DNS)."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # the 3xx answer then surfaces as an HTTPError


def body_of(event: Mapping[str, Any]) -> bytes:
    """The exact bytes sent and signed."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def post(url: str, secret: str, event: Mapping[str, Any], *,
         timeout: float = TIMEOUT) -> Answer:
    """Send `event` to `url`, signed with `secret` at the current time."""
    body = body_of(event)
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
               "X-Readygate-Event": str(event["type"]),
               "X-Readygate-Delivery": str(event["id"]),
               sign.HEADER: sign.header(secret, int(time.time()), body)}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        # Built per call: it reads the proxy settings of the environment as they are now.
        opener = urllib.request.build_opener(_NoRedirects)
        with opener.open(request, timeout=timeout) as answer:
            return Answer(True, answer.status)
    except urllib.error.HTTPError as err:
        text = _snippet(err)
        return Answer(False, err.code, f"answered {err.code} {err.reason}{text}")
    except urllib.error.URLError as err:
        return Answer(False, error=f"could not connect: {err.reason}", reached=False)
    except (TimeoutError, ConnectionError) as err:
        return Answer(False, error=f"no answer: {err or type(err).__name__}", reached=False)
    except (OSError, http.client.HTTPException) as err:
        return Answer(False, error=f"broken answer: {err or type(err).__name__}")


def _snippet(err: urllib.error.HTTPError) -> str:
    """The start of an error answer's body, on one line ('' when it has none)."""
    try:
        text = err.read(200).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return ""
    finally:
        err.close()
    line = " ".join(text.split())
    return f": {line}" if line else ""
