"""`readygate score`: the roll-up as text and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assessments.cli import main

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "northwind.json")


def test_text_roll_up() -> None:
    result = CliRunner().invoke(main, ["score", "northwind-ops", "--responses", EXAMPLE])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Northwind Logistics — Exception desk, EU region (Closing)"
    assert lines[1].startswith("Verdict: Not ready (score 44, coverage 100 %")
    assert "Failed gates: ownership, data_access" in lines


def test_json_roll_up_has_the_documented_keys() -> None:
    result = CliRunner().invoke(main, ["score", "--responses", EXAMPLE, "--json"])
    data = json.loads(result.output)
    assert {"verdict", "score", "coverage", "failed_gates", "next_actions",
            "questionnaires"} <= set(data)
    pre = data["questionnaires"]["pre-close-readiness"]
    assert {"score", "band", "coverage", "criteria"} <= set(pre)
    assert data["verdict"] == "not_ready" and data["score"] == 44
    assert pre["criteria"]["ownership"]["passed"] is False
    assert data["next_actions"][0]["action"].startswith("Ask the sponsor")


def test_wrong_assessment_id_and_missing_file() -> None:
    wrong = CliRunner().invoke(main, ["score", "other", "--responses", EXAMPLE])
    assert wrong.exit_code == 1 and "holds assessment 'northwind-ops', not 'other'" in \
        wrong.output
    missing = CliRunner().invoke(main, ["score", "--responses", "nope.json"])
    assert missing.exit_code == 1 and "nope.json: cannot read it" in missing.output
    bare = CliRunner().invoke(main, ["score"])
    assert bare.exit_code == 2 and "--responses" in bare.output
