"""The `readygate` command line: thin commands that call one library function each.

Library code raises plain exceptions; only this module turns them into exit
codes and one-line messages.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from assessments.errors import InputError
from scoring.ids import RESPONDENT_ROLES, STAGES
from scoring.responses import MIN_GROUP

if TYPE_CHECKING:
    import questionnaires
    from assessments.store.filestore import Store

# Each command imports what it needs when it runs: `readygate --help` loads no web, storage
# or PDF library.

F = TypeVar("F", bound=Callable[..., Any])
DEMO_USER, DEMO_PASSWORD = "demo", "readygate-demo"


def friendly(command: F) -> F:
    """Turn the library's exceptions into one-line messages and exit code 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except Exception as err:
            import questionnaires
            from assessments.store.filestore import NotFound

            if isinstance(err, InputError | NotFound | ValueError):
                # str() of a KeyError (NotFound) quotes its message; show the message itself.
                message = err.args[0] if isinstance(err, KeyError) and err.args else str(err)
                raise click.ClickException(str(message)) from None
            if isinstance(err, questionnaires.DefinitionError):
                raise click.ClickException(f"the definitions have problems (run `readygate "
                                           f"check`):\n{err}") from None
            raise

    return run  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="readygate")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              envvar="READYGATE_DATA", default="instance", show_default=True,
              help="Data directory (also READYGATE_DATA).")
@click.option("--min-group", type=click.IntRange(min=2), envvar="READYGATE_MIN_GROUP",
              default=MIN_GROUP, show_default=True,
              help="Show confidential customer answers only in totals over this many people "
                   "(also READYGATE_MIN_GROUP).")
@click.pass_context
def main(ctx: click.Context, data: Path, min_group: int) -> None:
    """readygate: questionnaires to forms, readiness scores, a static site and PDF reports."""
    ctx.obj = Settings(data, min_group)


@dataclass(frozen=True)
class Settings:
    """The options every command shares."""

    data: Path
    min_group: int


def _settings() -> Settings:
    settings: Settings = click.get_current_context().find_root().obj
    return settings


def _store() -> Store:
    from assessments.store.filestore import Store

    return Store.open(_settings().data)


def _definitions() -> dict[str, questionnaires.Questionnaire]:
    import questionnaires

    return {q.id: q for q in questionnaires.load()}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check questionnaire definitions and list every problem.

    PATHS are definition files or folders of *.yaml files (default: the
    built-in questionnaires). Each problem prints as path:line:col: message;
    the exit code is 1 when there is any.
    """
    import questionnaires

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
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@click.option("--secure-cookies", is_flag=True,
              help="Send the login cookie over HTTPS only (default when READYGATE_URL is https).")
@friendly
def serve(host: str, port: int, secure_cookies: bool) -> None:
    """Run the web app: seller pages, respondent forms and live reports."""
    from assessments.web.app import create_app

    app = create_app({"DATA": str(_settings().data), "MIN_GROUP": _settings().min_group,
                      **({"SESSION_COOKIE_SECURE": True} if secure_cookies else {})})
    click.echo(f"readygate on http://{host}:{port}/ (data: {app.config['DATA']})")
    app.run(host=host, port=port, debug=False, use_reloader=False)


@main.command()
@click.argument("ident")
@click.option("--account", required=True, help="The customer's name.")
@click.option("--deal", default="", help="The deal or project.")
@click.option("--owner", default="", help="The seller who owns the deal.")
@click.option("--stage", type=click.Choice(STAGES), default="qualifying", show_default=True)
@click.option("--close-date", default="", help="Expected close, YYYY-MM-DD.")
@click.option("--go-live", default="", help="Go-live date, YYYY-MM-DD.")
@friendly
def new(ident: str, **fields: str) -> None:
    """Create an assessment with id IDENT (lowercase letters, digits and -)."""
    from assessments.store import service

    created = service.create_assessment(_store(), {"id": ident, **fields})
    click.echo(f"created {created.id} ({created.account}, {created.stage})")


@main.command()
@click.argument("assessment")
@click.argument("questionnaire")
@click.option("--role", type=click.Choice(RESPONDENT_ROLES), default="stakeholder",
              show_default=True, help="Who answers: a stakeholder or a user.")
@click.option("--name", default="", help="The respondent's name (optional).")
@click.option("--segment", default="", help="Team or group, for breakdowns of 3 or more.")
@click.option("--language", default="", help="Fix the form's language, e.g. nl.")
@click.option("--named", is_flag=True,
              help="Show the answers with the respondent's name: the form says so. Without "
                   "it they are confidential, shown only in totals over --min-group people.")
@click.option("--expires-days", type=int, default=None, help="Expire after this many days.")
@click.option("--base-url", envvar="READYGATE_URL", default="http://127.0.0.1:5000",
              show_default=True, help="Where the app is reachable (also READYGATE_URL).")
@friendly
def invite(assessment: str, questionnaire: str, base_url: str, **options: Any) -> None:
    """Create a respondent link for ASSESSMENT and QUESTIONNAIRE and print it."""
    from assessments.store import service

    store = _store()
    service.find_assessment(store, assessment)
    _, token = service.create_invitation(store, _definitions(), assessment, questionnaire,
                                         **options)
    click.echo(f"{base_url.rstrip('/')}/r/{token}")


@main.command()
@click.argument("name")
@click.option("--reset", is_flag=True,
              help="Give the existing user NAME a new password and end all their sessions.")
@click.password_option(help="Prompted for when not given (at least 10 characters).")
@friendly
def adduser(name: str, reset: bool, password: str) -> None:
    """Create a seller account NAME (--reset: a new password); it is stored hashed."""
    from assessments.web.auth import add_user, set_password

    (set_password if reset else add_user)(_store(), name, password)
    click.echo(f"{'new password for' if reset else 'created'} user {name}")


@main.command()
@friendly
def demo() -> None:
    """Load the fictional demo accounts (running it again changes nothing)."""
    from assessments.demo.load import load_demo
    from assessments.web.auth import add_user

    store = _store()
    accounts, responses = load_demo(store)
    if store.user(DEMO_USER) is None:
        add_user(store, DEMO_USER, DEMO_PASSWORD)
    click.echo(f"demo data: {accounts} assessments and {responses} responses added "
               f"({len(store.assessments())} assessments in {store.root})")
    click.echo(f"log in as {DEMO_USER} / {DEMO_PASSWORD}")


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output/site"), show_default=True,
              help="Folder to write the site and the PDFs into.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="PDFs to render in parallel.")
@click.option("--no-pdf", is_flag=True, help="Build the pages only, no PDF reports.")
@click.option("--forms", "forms_action", metavar="ACTION_URL", default=None,
              help="Also write static survey forms that post to ACTION_URL.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the final summary line.")
@friendly
def build(out: Path, jobs: int, no_pdf: bool, forms_action: str | None, quiet: bool) -> None:
    """Build the static site and a PDF per report into --out.

    Only what changed since the last build is written: a report and its PDF are
    redone when the assessment, its responses, a definition it reads or a
    template changes. Open <out>/index.html in a browser, straight from disk.
    """
    from assessments.build.stages import BuildError
    from assessments.build.stages import build as build_site

    try:
        result = build_site(_store(), _definitions(), out, jobs=jobs, pdf=not no_pdf,
                            forms_action=forms_action, quiet=quiet,
                            min_group=_settings().min_group)
    except BuildError as err:
        raise click.ClickException(str(err)) from None
    click.echo(result.summary())


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--assessment", default=None, help="For rows that do not name one.")
@friendly
def import_(file: Path, assessment: str | None) -> None:
    """Import responses from FILE (JSON, or CSV whose columns are question ids).

    Every row is validated like a web submission; if any row is bad, each
    problem is listed with its line and nothing is stored. The rows are
    stored in one write, all or none, even across a crash. A response
    already stored (same respondent, questionnaire and submitted_at) is
    skipped, so importing the same file twice stores it once.
    """
    from assessments.transfer import files as transfer

    stored, skipped = transfer.import_file(_store(), _definitions(), file, assessment)
    already = f" ({skipped} already stored, skipped)" if skipped else ""
    click.echo(f"imported {stored} responses from {file}{already}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--assessment", default=None, help="Only this assessment.")
@click.option("--scores", is_flag=True,
              help="One row per assessment: account, stage, verdict, score, coverage, next "
                   "action (CSV by default for a CRM import).")
@click.option("--history", is_flag=True, help="Include answers replaced by later ones.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@friendly
def export(fmt: str, assessment: str | None, scores: bool, history: bool,
           output: Path | None) -> None:
    """Export responses (JSON or CSV), or with --scores the scores of every assessment."""
    from assessments.transfer import files as transfer

    store, definitions = _store(), _definitions()
    if scores:
        rows = list(transfer.score_rows(store, definitions, _settings().min_group))
        text = transfer.scores_csv(rows) if fmt == "csv" or not _given("fmt") else \
            json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    else:
        records = transfer.export_records(store, assessment, history)
        text = transfer.to_csv(records, definitions) if fmt == "csv" else \
            transfer.to_json(records)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def _given(param: str) -> bool:
    source = click.get_current_context().get_parameter_source(param)
    return source is not None and source.name == "COMMANDLINE"


@main.command()
@click.argument("assessment", required=False)
@click.option("--responses", "responses_file", type=click.Path(path_type=Path),
              help="Read the assessment and responses from a JSON file instead of the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the roll-up as JSON.")
@friendly
def score(assessment: str | None, responses_file: Path | None, as_json: bool) -> None:
    """Print the readiness roll-up of ASSESSMENT.

    The roll-up holds the verdict, score, coverage, failed gates, next actions,
    the adoption-hypothesis handoff and the 12-week activation plan; --json
    prints it as data (scores as shown, 0–100; coverage 0–1).
    """
    from assessments.store import service
    from assessments.transfer.responsefile import read_responses
    from scoring.assess import assess
    from scoring.summary import rollup_data, rollup_lines

    definitions = _definitions()
    if responses_file is not None:
        info, responses = read_responses(responses_file, definitions)
        if assessment and assessment != info.id:
            raise InputError(f"{responses_file} holds assessment '{info.id}', not "
                             f"'{assessment}'")
        rollup = assess(info, definitions, responses, min_group=_settings().min_group)
    elif assessment:
        store = _store()
        service.find_assessment(store, assessment)
        rollup = service.rollup(store, definitions, assessment,
                                min_group=_settings().min_group)
    else:
        raise click.UsageError("name an ASSESSMENT, or give --responses FILE.json")
    if as_json:
        click.echo(json.dumps(rollup_data(rollup), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(rollup_lines(rollup)))
