"""`readygate init` and `check`: a project folder and its definitions."""

from __future__ import annotations

from pathlib import Path

import click

from assessments.cli.group import friendly, main, project_library


@main.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path),
                default=Path("."))
@click.option("--organisation", default="", help="Your organisation's name, for the config.")
@friendly
def init(folder: Path, organisation: str) -> None:
    """Start a project in FOLDER (default: here): readygate.toml, an example questionnaire
    in questionnaires/, and the data and output folders the config names."""
    from assessments.project.scaffold import init as scaffold

    for path in scaffold(folder, organisation):
        click.echo(f"wrote {path}")
    click.echo(f"next: edit {folder / 'questionnaires'}, then run `readygate check` and "
               "`readygate serve` in that folder")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@friendly
def check(paths: tuple[Path, ...]) -> None:
    """Check questionnaire definitions and list every problem.

    PATHS are definition files or folders of *.yaml files (default: the
    project's definitions beside the built-in questionnaires). Each problem
    prints as path:line:col: message; the exit code is 1 when there is any.
    It lists each questionnaire's languages (its default, then those its
    title is given in) and warns of every text a form in one of them would
    show in the default language instead.
    """
    import questionnaires

    try:
        library = questionnaires.Library(questionnaires.load(paths)) if paths else project_library()
    except questionnaires.DefinitionError as err:
        for problem in err.problems:
            click.echo(str(problem))
        count = len(err.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
        raise SystemExit(1) from None
    from questionnaires.languages import gaps, languages

    loaded = library.questionnaires
    for qid, path in library.replaced:
        click.echo(f"{path}: replaces the built-in questionnaire '{qid}'")
    for q in loaded:
        click.echo(f"{q.id}: languages {', '.join(languages(q))}")
    warnings = [gap for q in loaded for gap in gaps(q)]
    for gap in warnings:
        click.echo(str(gap))
    questions = sum(len(q.all_questions()) for q in loaded)
    missing = (f", {len(warnings)} text{'s' * (len(warnings) != 1)} missing in a declared "
               "language" if warnings else "")
    click.echo(f"ok: {len(loaded)} questionnaire{'s' if len(loaded) != 1 else ''}, "
               f"{questions} questions, no problems{missing}")
