"""Plain helpers and constants shared by test modules (fixtures live in conftest.py files).

Test modules import from here (or from a tests/<dir>/helpers.py), never from another
test module or a conftest: tests/test_suite_layout.py checks it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from assessments.cli import main

MINIMAL = """\
    id: mini
    title: Mini
    version: 1
    audience: seller
    sections:
      - id: basics
        title: Basics
        questions:
          - id: owner
            type: yes_no
            label: Is there a named owner?
            criterion: ownership
    scoring:
      criteria:
        - id: ownership
          label: Ownership
          action: Name an owner.
    """


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG of one colour, written without an image library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    row = b"\x00" + bytes(rgb) * width  # filter byte 0, then the pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


SETTINGS_FROM_OUTSIDE = ("READYGATE_DATA", "READYGATE_MIN_GROUP", "READYGATE_URL",
                         "READYGATE_CONFIG")


def no_settings_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset every environment variable that would put settings above a project's config."""
    for name in SETTINGS_FROM_OUTSIDE:
        monkeypatch.delenv(name, raising=False)


def run(*args: str) -> Result:
    """`readygate ARGS…` in this process, its output and exit code captured."""
    return CliRunner().invoke(main, list(args))


HEALTHY_PULSE = {
    "usage_frequency": "every_day", "proof_decision": "yes", "proof_workflow": "yes",
    "proof_source_of_truth": "yes", "proof_exception": "yes", "proof_artifact_retired": "yes",
    "proof_outcome": "yes", "proof_trust": "yes", "trust_change": "more",
    "old_workflow": "retired", "umux_capabilities": 7, "umux_easy": 6,
    "first_value_seen": "yes", "first_value": "Closed seven exceptions in the queue",
    "recommend": 9}
"""A user's weekly pulse in a week that went well: every workflow-proof question yes."""

SELLER_READINESS_FORM = {
    "owner": "named_with_authority", "owner__evidence": "2", "owner_name": "Ines",
    "first_workflow": "agreed", "first_workflow__evidence": "3",
    "first_users": "unknown", "data_access": "unknown", "decision_change": "none",
    "proof_metric": "none", "old_process": "none", "capacity": "none",
    "stall_risks": "not_discussed"}
"""The seller's pre-close readiness form as posted: an owner and a workflow, little else."""


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    """The handler of the test SMTP server (conftest `smtp`): what it received."""

    def __init__(self) -> None:
        self.port = 0
        self.messages: list[Any] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: set[str] = set()
        self.drop_after: int | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import email
        import email.policy

        if self.drop_after is not None and len(self.messages) >= self.drop_after:
            server.transport.close()  # hang up mid-batch, the message not taken
            return "421 4.3.0 Going away"
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def to(self, address: str) -> list[Any]:
        """The messages sent to `address`."""
        return [m for m in self.messages if address in str(m["To"])]


def mail_project(folder: Path, port: int, **keys: object) -> Path:
    """A readygate.toml in `folder` whose mail goes to the test server on `port`."""
    lines = {"data": '"data"', "base_url": '"https://rg.example"',
             "organisation": '"Northwind Software"', "smtp_host": '"127.0.0.1"',
             "smtp_port": str(port), "smtp_security": '"none"',
             "mail_from": '"Readiness team <readiness@northwind.example>"'}
    lines.update({k: v if isinstance(v, str) and v.startswith(("'", '"', "[")) else repr(v)
                  for k, v in keys.items()})
    path = folder / "readygate.toml"
    path.write_text("".join(f"{k} = {v}\n" for k, v in lines.items()), encoding="utf-8")
    return path
