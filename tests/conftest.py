"""Shared fixtures: definition projects written into tmp_path from dedented strings."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

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


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a dedented definition into tmp_path and return its path."""

    def _write(text: str, name: str = "def.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write
