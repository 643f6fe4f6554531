"""Scenario tests: several respondents, several weeks, run as a user would run them.

Every case goes through `readygate score --responses FILE` (JSON and text), the command
the cases were first reproduced with. `deal` writes the file and runs both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assessments.cli import main
from tests.scenarios.helpers import Deal, Result


@pytest.fixture
def deal(tmp_path: Path) -> Deal:
    """Score these responses for one assessment through the CLI, as JSON and as text."""

    def run(responses: Sequence[Mapping[str, Any]], *, stage: str = "closing",
            go_live: str = "", extra: Sequence[str] = ()) -> Result:
        path = tmp_path / "responses.json"
        assessment = {"id": "acme", "account": "Acme", "stage": stage}
        if go_live:
            assessment["go_live"] = go_live
        path.write_text(json.dumps({"assessment": assessment, "responses": list(responses)}),
                        encoding="utf-8")
        outputs = []
        for flags in (["--json"], []):
            result = CliRunner().invoke(main, [*extra, "score", "--responses", str(path),
                                               *flags])
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
        return Result(json.loads(outputs[0]), outputs[1])

    return run
