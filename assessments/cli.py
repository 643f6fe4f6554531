"""The `readygate` command line: thin commands that call one library function each."""

from __future__ import annotations

import json
from pathlib import Path

import click

import questionnaires
from assessments.errors import InputError
from assessments.responsefile import read_responses
from scoring.assess import assess
from scoring.summary import rollup_data, rollup_lines


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


@main.command()
@click.argument("assessment", required=False)
@click.option("--responses", "responses_file", type=click.Path(path_type=Path),
              help="A JSON file holding the assessment and its responses.")
@click.option("--json", "as_json", is_flag=True, help="Print the roll-up as JSON.")
def score(assessment: str | None, responses_file: Path | None, as_json: bool) -> None:
    """Print the readiness roll-up of an assessment.

    The roll-up holds the verdict, score, coverage, failed gates, next actions,
    the adoption-hypothesis handoff and the 12-week activation plan; --json
    prints it as data (scores as shown, 0–100; coverage 0–1).
    """
    if responses_file is None:
        raise click.UsageError("give the responses with --responses FILE.json")
    try:
        definitions = {q.id: q for q in questionnaires.load()}
        info, responses = read_responses(responses_file, definitions)
        if assessment and assessment != info.id:
            raise InputError(f"{responses_file} holds assessment '{info.id}', not "
                             f"'{assessment}'")
        rollup = assess(info, definitions, responses)
    except (InputError, questionnaires.DefinitionError) as err:
        raise click.ClickException(str(err)) from None
    if as_json:
        click.echo(json.dumps(rollup_data(rollup), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(rollup_lines(rollup)))
