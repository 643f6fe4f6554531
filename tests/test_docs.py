"""The README documents every key, type, operator, function and command that exists."""

from __future__ import annotations

import re
from pathlib import Path

import click

from assessments.app import SETTINGS
from assessments.cli import main
from questionnaires import model, reference
from questionnaires.expressions import SIGNATURES
from questionnaires.expressions.lexer import COMPARISONS, KEYWORDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def test_key_reference_is_generated_from_the_model() -> None:
    assert reference.splice(README) == README, "README key reference is stale: run `make schema`"


def test_two_commands_open_the_readme() -> None:
    top = README[:400]
    assert "make demo" in top and "make test" in top


def test_every_question_type_is_documented() -> None:
    table = section("### Question types")
    for qtype in model.QUESTION_TYPES:
        assert f"| `{qtype}` |" in table, qtype


def test_every_operator_and_function_is_documented() -> None:
    table = section("### Expressions")
    for op in sorted(COMPARISONS | {"+", "-", "*", "/"}):
        assert f"`{op}`" in table, op
    for word in sorted(KEYWORDS):
        assert f"`{word}`" in table, word
    for name in SIGNATURES:
        assert re.search(rf"`{name}\(", table), name


def test_every_command_is_documented() -> None:
    table = section("## Command line")
    for name in main.commands:
        assert f"`readygate {name}" in table, name


def test_every_option_is_in_its_commands_row() -> None:
    table = section("## Command line")
    for name, command in main.commands.items():
        rows = "\n".join(line for line in table.splitlines()
                         if line.startswith(f"| `readygate {name}"))
        for param in command.params:
            if isinstance(param, click.Option) and not param.prompt:  # prompts say so
                flags = [*param.opts, *param.secondary_opts]
                assert any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", rows)
                           for f in flags), f"readygate {name} {flags[0]}"


def test_every_setting_of_the_live_app_is_documented() -> None:
    text = section("## The live app")
    for key in [*SETTINGS, "URL"]:
        assert f"`READYGATE_{key}`" in text, key
