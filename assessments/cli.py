"""The `readygate` command line: thin commands that call one library function each."""

from __future__ import annotations

from pathlib import Path

import click

import questionnaires


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readygate")
def main() -> None:
    """readygate: questionnaires to forms, readiness scores, a static site and PDF reports."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check questionnaire definitions and list every problem.

    PATHS are definition files or folders of *.yaml files (default: the
    built-in questionnaires). Each problem prints as path:line:col: message;
    the exit code is 1 when there is any.
    """
    try:
        loaded = questionnaires.load(paths or (questionnaires.BUILTIN_DIR,))
    except questionnaires.DefinitionError as err:
        for problem in err.problems:
            click.echo(str(problem))
        count = len(err.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
        raise SystemExit(1) from None
    questions = sum(len(q.all_questions()) for q in loaded)
    click.echo(f"ok: {len(loaded)} questionnaire{'s' if len(loaded) != 1 else ''}, "
               f"{questions} questions, no problems")
