"""Where a project's signed webhooks go: `[[webhooks]]` tables in `readygate.toml`.

A table names a URL, the events it wants and the environment variable that holds its
secret: the secret itself is never in a file.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

EVENTS = ("response.submitted", "verdict.changed", "health.changed", "gate.changed")
"""Every event a webhook can subscribe to."""
FIELDS = ("url", "events", "secret_env")
ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,127}")
MIN_SECRET = 16
EXAMPLE = ('[{url = "https://hooks.example.com/readygate", events = ["verdict.changed"], '
           'secret_env = "READYGATE_WEBHOOK_SECRET"}]')
SHAPE = ('use [[webhooks]] tables at the end of the file, each with url and secret_env, '
         'e.g. [[webhooks]] url = "https://hooks.example.com/readygate" '
         'secret_env = "READYGATE_WEBHOOK_SECRET"')


@dataclass(frozen=True)
class Webhook:
    """One receiver: its address, the events it is sent, and where its secret comes from."""

    url: str
    secret_env: str
    events: tuple[str, ...] = EVENTS

    def secret(self) -> str:
        """The signing secret, from the environment only ('' when not set)."""
        return os.environ.get(self.secret_env, "")

    def wants(self, event_type: str) -> bool:
        """Whether this receiver subscribed to events of `event_type`."""
        return event_type in self.events


def webhook_problems(value: Any) -> list[str]:
    """Every problem of the `webhooks` value, each after its place (`[2].url = …: fix`)."""
    if not isinstance(value, list) or not value or \
            not all(isinstance(entry, dict) for entry in value):
        return [f" = {value!r}: {SHAPE}"]
    problems = [f"[{n}]{p}" for n, entry in enumerate(value, 1) for p in _entry(entry)]
    urls = [entry.get("url") for entry in value]
    problems += [f"[{n}].url = {url!r}: another [[webhooks]] table has this url; give it "
                 "once, with every event it wants" for n, url in enumerate(urls, 1)
                 if isinstance(url, str) and urls.index(url) != n - 1]
    return problems


def check_webhooks(value: Any) -> str | None:
    """The first problem of the `webhooks` value, or None when it is fine."""
    found = webhook_problems(value)
    return found[0] if found else None


def _entry(entry: dict[str, Any]) -> list[str]:
    problems = []
    for name in entry:
        if name not in FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            # A top-level key written after a [[webhooks]] header lands in the table.
            problems.append(f": unknown key '{name}': {hint}a table holds {', '.join(FIELDS)}; "
                            "keys after a [[webhooks]] header belong to it, so put the "
                            "tables at the end of the file")
    url = entry.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append(f".url = {url!r}: use an http:// or https:// address, e.g. "
                        '"https://hooks.example.com/readygate"')
    events = entry.get("events", list(EVENTS))
    if not isinstance(events, list) or not events or \
            not all(isinstance(e, str) and e in EVENTS for e in events):
        problems.append(f".events = {events!r}: use a list of {', '.join(EVENTS)} (leave it "
                        "out for all of them)")
    secret_env = entry.get("secret_env")
    if not isinstance(secret_env, str) or not ENV_NAME.fullmatch(secret_env):
        problems.append(f".secret_env = {secret_env!r}: name the environment variable that "
                        'holds the secret, e.g. "READYGATE_WEBHOOK_SECRET" (never the '
                        "secret itself)")
    return problems


def webhooks_from(value: Any) -> tuple[Webhook, ...]:
    """The webhooks of a checked `webhooks` value (none when it is not given)."""
    return tuple(Webhook(url=entry["url"], secret_env=entry["secret_env"],
                         events=tuple(dict.fromkeys(entry.get("events", EVENTS))))
                 for entry in value or ())


def secret_problem(hook: Webhook) -> str | None:
    """What is wrong with a webhook's secret in the environment, or None."""
    secret = hook.secret()
    if not secret:
        return (f"{hook.url}: {hook.secret_env} is not set; set it to the secret the receiver "
                "checks signatures with")
    if len(secret) < MIN_SECRET:
        return (f"{hook.url}: {hook.secret_env} is shorter than {MIN_SECRET} characters; use "
                "a long random one, e.g. from "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`")
    return None
