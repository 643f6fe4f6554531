"""Plain helpers and constants shared by test modules (fixtures live in conftest.py files).

Test modules import from here (or from a tests/<dir>/helpers.py), never from another
test module or a conftest: tests/test_suite_layout.py checks it.
"""

from __future__ import annotations

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
