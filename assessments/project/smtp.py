"""How a project sends e-mail: its SMTP server and sender, from `readygate.toml`.

The password is never in a file: it comes from READYGATE_SMTP_PASSWORD when the server
needs a login (`smtp_user`).
"""

from __future__ import annotations

import email.utils
import os
import re
from dataclasses import dataclass
from typing import Any

PASSWORD_ENV = "READYGATE_SMTP_PASSWORD"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"[^@\s<>()\[\],;:\"\\]{{1,64}}@{_LABEL}(?:\.{_LABEL})+")
"""A plain address as people type one: name@example.com (no display name, no comments)."""
SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class MailSettings:
    """An SMTP server and the sender its messages come from."""

    host: str = ""
    port: int = 0
    """0: the usual port of `security`."""
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    """`Name <address>` or a plain address."""

    @property
    def configured(self) -> bool:
        """Whether messages can go out: a server and a sender are set."""
        return bool(self.host and self.sender)

    @property
    def server_port(self) -> int:
        """The port to connect to."""
        return self.port or DEFAULT_PORTS[self.security]

    @property
    def sender_address(self) -> str:
        """The sender's bare address."""
        return email.utils.parseaddr(self.sender)[1]

    def password(self) -> str:
        """The login password, from the environment only ('' when not set)."""
        return os.environ.get(PASSWORD_ENV, "")

    def __repr__(self) -> str:  # never a password, and nothing that could hold one
        return (f"MailSettings(host={self.host!r}, port={self.server_port}, "
                f"security={self.security!r}, user={self.user!r}, sender={self.sender!r})")


NOT_SET = ("e-mail is not set up: add smtp_host and mail_from to readygate.toml "
           "(see the docs' e-mail page)")


def host_problem(value: Any) -> str | None:
    """A host name or address, one line."""
    ok = isinstance(value, str) and value.strip() and not any(
        c.isspace() or ord(c) < 32 for c in value)
    return None if ok else 'use a host name, e.g. "smtp.example.com"'


def port_problem(value: Any) -> str | None:
    """A TCP port."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 65535
    return None if ok else "use a port number from 1 to 65535, e.g. 587"


def security_problem(value: Any) -> str | None:
    """How the connection is secured."""
    return None if value in SECURITY else (
        'use "starttls" (port 587), "ssl" (port 465) or "none" (only on a trusted network)')


def user_problem(value: Any) -> str | None:
    """The login name; its password comes from the environment."""
    ok = isinstance(value, str) and value and len(value) <= 254 and not any(
        ord(c) < 32 for c in value)
    return None if ok else f'use the login name; its password goes in {PASSWORD_ENV}'


def sender_problem(value: Any) -> str | None:
    """`Name <address>` or an address."""
    ok = isinstance(value, str) and not any(ord(c) < 32 for c in value) and \
        ADDRESS.fullmatch(email.utils.parseaddr(value)[1])
    return None if ok else 'use "Name <address>", e.g. "Readiness team <readiness@example.com>"'


def owners_problem(value: Any) -> str | None:
    """A table of deal owners' names and their addresses."""
    example = 'use a table of names and addresses, e.g. {"Jo Okafor" = "jo@example.com"}'
    if not isinstance(value, dict) or not value:
        return example
    for name, address in value.items():
        if not isinstance(address, str) or not ADDRESS.fullmatch(address.strip()):
            return f"{name!r}: {address!r} is not an e-mail address; {example}"
    return None
