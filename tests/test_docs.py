"""The docs document every key, type, operator, function, command and setting that exists."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click

from assessments import clireference
from assessments.cli import main
from assessments.web.app import SETTINGS
from questionnaires import model, reference
from questionnaires.expressions import SIGNATURES
from questionnaires.expressions.lexer import COMPARISONS, KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def page(name: str) -> str:
    """The Markdown of one page under docs/."""
    return (DOCS / name).read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    """From the heading `title` up to the next second-level heading."""
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def hand_written() -> dict[str, str]:
    """Every page under docs/ but the generated references, by name."""
    return {str(p.relative_to(DOCS)): p.read_text(encoding="utf-8")
            for p in sorted(DOCS.rglob("*.md")) if p.parent.name != "reference"}


def test_key_reference_is_generated_from_the_model() -> None:
    assert page("reference/keys.md") == reference.page(), \
        "docs/reference/keys.md is stale: run `make schema`"


def test_cli_reference_is_generated_from_the_commands() -> None:
    assert page("reference/cli.md") == clireference.render(), \
        "docs/reference/cli.md is stale: run `make schema`"


def test_two_commands_open_the_readme() -> None:
    top = README[:400]
    assert "make demo" in top and "make test" in top


def test_every_question_type_is_documented() -> None:
    table = section(page("definitions.md"), "## Question types")
    for qtype in model.QUESTION_TYPES:
        assert f"| `{qtype}` |" in table, qtype


def test_every_operator_and_function_is_documented() -> None:
    table = section(page("definitions.md"), "## Expressions")
    for op in sorted(COMPARISONS | {"+", "-", "*", "/"}):
        assert f"`{op}`" in table, op
    for word in sorted(KEYWORDS):
        assert f"`{word}`" in table, word
    for name in SIGNATURES:
        assert re.search(rf"`{name}\(", table), name


def test_every_command_is_in_the_reference_and_a_written_page() -> None:
    cli = page("reference/cli.md")
    pages = hand_written()
    for name in main.commands:
        assert f"\n## readygate {name}\n" in cli, name
        assert any(f"`readygate {name}" in text for text in pages.values()), name


def test_every_option_is_in_its_commands_row() -> None:
    table = page("commands.md")
    for name, command in main.commands.items():
        rows = "\n".join(line for line in table.splitlines()
                         if line.startswith(f"| `readygate {name}"))
        for param in command.params:
            if isinstance(param, click.Option) and not param.prompt:  # prompts say so
                flags = [*param.opts, *param.secondary_opts]
                assert any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", rows)
                           for f in flags), f"readygate {name} {flags[0]}"


def test_every_setting_of_the_live_app_is_documented() -> None:
    text = page("live-app.md")
    for key in [*SETTINGS, "URL"]:
        assert f"`READYGATE_{key}`" in text, key


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                            "--site-dir", str(tmp_path)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "index.html").is_file()
