"""`readygate check` prints every problem as path:line:col: message and sets the exit code."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessments.cli import main
from tests.helpers import MINIMAL


def test_builtins_pass() -> None:
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "adoption-checkpoint: languages en", "post-go-live-pulse: languages en, nl",
        "pre-close-readiness: languages en", "stakeholder-map: languages en",
        "ok: 4 questionnaires, 91 questions, no problems"]


def test_a_text_missing_in_a_declared_language_is_a_warning(write: Callable[..., Path],
                                                            tmp_path: Path) -> None:
    # A title in Dutch declares Dutch: every text a respondent reads should have it.
    write(MINIMAL.replace("title: Mini", "title: {en: Mini, nl: Mini NL}")
          .replace("title: Basics", "title: {en: Basics, nl: Basis}"))
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "mini: languages en, nl"
    assert lines[1] == (f"{tmp_path / 'def.yaml'}:11:16: warning: question 'owner' has no "
                        "'nl' text; a form in 'nl' shows it in the default language")
    assert lines[2].endswith("no problems, 1 text missing in a declared language")


def test_problems_are_listed_sorted_and_exit_1(write: Callable[..., Path],
                                               tmp_path: Path) -> None:
    write(MINIMAL.replace("type: yes_no", "type: yesno"), "b.yaml")
    write(MINIMAL.replace("id: mini", "id: other").replace("title: Mini", "titel: Mini"),
          "a.yaml")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{tmp_path / 'a.yaml'}:1:1: questionnaire 'other' is missing")
    assert lines[1].startswith(f"{tmp_path / 'a.yaml'}:2:1: unknown key 'titel'")
    assert lines[2].startswith(f"{tmp_path / 'b.yaml'}:10:15: 'type' of question 'owner' is "
                               "'yesno', which is not valid — did you mean 'yes_no'?")
    assert "3 problems found" in result.stderr


def test_every_command_has_help() -> None:
    for command in main.commands.values():
        assert command.help, command.name
        result = CliRunner().invoke(main, [command.name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.parametrize(("hostile", "at"), [
    ("description: &r [*r]\n", (18, 18)),
    ("extra: " + "[" * 10_000 + "]" * 10_000 + "\n", (18, 71)),
], ids=["recursive alias", "deep nesting"])
def test_hostile_yaml_is_one_problem_line_without_traceback(
        hostile: str, at: tuple[int, int], write: Callable[..., Path]) -> None:
    # A real process: an endless loop is cut off by the timeout, a traceback reaches stderr.
    path = write(MINIMAL + hostile)
    result = subprocess.run([sys.executable, "-c", "from assessments.cli import main; "
                             "main(prog_name='readygate')", "check", str(path)],
                            capture_output=True, text=True, timeout=20)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:{at[0]}:{at[1]}: "), lines
    assert result.stderr.strip() == "1 problem found"
