"""The commands that change or read a store's deals: new, adduser, import, export, score,
plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from assessments.cli.group import current_settings, friendly, load_definitions, main, open_store
from assessments.errors import InputError
from scoring.ids import READINESS, STAGES


@main.command()
@click.argument("ident")
@click.option("--account", required=True, help="The customer's name.")
@click.option("--deal", default="", help="The deal or project.")
@click.option("--owner", default="", help="The seller who owns the deal.")
@click.option("--stage", type=click.Choice(STAGES), default="qualifying", show_default=True)
@click.option("--close-date", default="", help="Expected close, YYYY-MM-DD.")
@click.option("--go-live", default="", help="Go-live date, YYYY-MM-DD.")
@click.option("--questionnaire", "questionnaires", multiple=True, metavar="ID",
              help="A questionnaire that applies (repeat for several; default: the built-ins "
                   "of its stage and every questionnaire of the project's own).")
@friendly
def new(ident: str, questionnaires: tuple[str, ...], **fields: str) -> None:
    """Create an assessment with id IDENT (lowercase letters, digits and -)."""
    from assessments.store import service
    from scoring.assess import applying

    definitions = load_definitions()
    created = service.create_assessment(open_store(create=True), {
        "id": ident, **fields, "questionnaires": list(questionnaires)}, definitions)
    click.echo(f"created {created.id} ({created.account}, {created.stage}): "
               f"{', '.join(applying(created, definitions))}")


@main.command()
@click.argument("name")
@click.option("--reset", is_flag=True,
              help="Give the existing user NAME a new password and end all their sessions.")
@click.option("--name", "display_name", default=None,
              help="How answers and reports name this seller, e.g. \"Sam Rivera\" "
                   "(prompted for a new account when not given: reports never show a "
                   "login); with --reset it changes the name too.")
@click.password_option(help="Prompted for when not given (at least 10 characters).")
@friendly
def adduser(name: str, reset: bool, display_name: str | None, password: str) -> None:
    """Create a seller account NAME (--reset: a new password); it is stored hashed."""
    from assessments.web.auth import add_user, rename_user, set_password

    store = open_store(create=not reset)
    if reset:
        set_password(store, name, password)
        if display_name is not None:
            rename_user(store, name, display_name)
    else:
        if display_name is None:
            display_name = click.prompt("Name shown in reports (e.g. Sam Rivera)")
        add_user(store, name, password, display_name)
    click.echo(f"{'new password for' if reset else 'created'} user {name}")


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

    stored, skipped = transfer.import_file(open_store(create=True), load_definitions(), file,
                                           assessment)
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

    store, definitions = open_store(), load_definitions()
    if scores:
        rows = list(transfer.score_rows(store, definitions, current_settings().min_group))
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

    definitions = load_definitions()
    if responses_file is not None:
        info, responses = read_responses(responses_file, definitions)
        if assessment and assessment != info.id:
            raise InputError(f"{responses_file} holds assessment '{info.id}', not "
                             f"'{assessment}'")
        rollup = assess(info, definitions, responses, min_group=current_settings().min_group)
    elif assessment:
        store = open_store()
        service.find_assessment(store, assessment)
        rollup = service.rollup(store, definitions, assessment,
                                min_group=current_settings().min_group)
    else:
        raise click.UsageError("name an ASSESSMENT, or give --responses FILE.json")
    if as_json:
        click.echo(json.dumps(rollup_data(rollup), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(rollup_lines(rollup)))


@main.command()
@click.argument("assessment")
@click.option("--propose", is_flag=True,
              help="Add the commitments the barriers and the activation plan call for (none "
                   "the plan has already).")
@click.option("--add", "text", default=None, metavar="TEXT", help="Add a commitment.")
@click.option("--side", type=click.Choice(["customer", "vendor"]), default="customer",
              show_default=True, help="Whose commitment --add is.")
@click.option("--owner", default="", help="Who carries out --add.")
@click.option("--due", default="", help="--add's due date, YYYY-MM-DD.")
@click.option("--criterion", default="", help="The readiness criterion --add serves (its id).")
@click.option("--week", type=click.IntRange(1, 12), default=None,
              help="The plan's week --add serves.")
@click.option("--status", "statuses", multiple=True, metavar="ID=STATUS",
              help="Set a commitment's status: open, done, slipped or dropped (repeatable).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the plan as CSV to this file.")
@click.option("--ics", "ics_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write the open commitments' due dates as an iCalendar file.")
@friendly
def plan(assessment: str, propose: bool, text: str | None, statuses: tuple[str, ...],
         csv_file: Path | None, ics_file: Path | None, **fields: Any) -> None:
    """Show ASSESSMENT's mutual action plan, and change it: --propose, --add, --status.

    A customer commitment on a must-have criterion that slipped (marked so, or open past
    its due date) is a barrier and keeps the deal from ready."""
    from assessments.store import plans, service
    from assessments.transfer.calendar import plan_csv, plan_ics
    from scoring.commitments import SIDES, STATUSES, serves

    store, definitions = open_store(), load_definitions()
    service.find_assessment(store, assessment)
    if propose:
        added = plans.propose(store, definitions, assessment)
        click.echo(f"added {len(added)} commitments from the barriers and the activation plan")
    if text is not None:
        made = plans.add(store, definitions, assessment, {**fields, "text": text})
        click.echo(f"added {made.id}: {made.text}")
    for pair in statuses:
        ident, _, status = pair.partition("=")
        changed = plans.change(store, definitions, assessment, ident, {"status": status})
        click.echo(f"{changed.id}: {STATUSES[changed.status].lower()}")
    rolled = service.rollup(store, definitions, assessment)
    criteria = {c.id: c.label.get() for q in [definitions.get(READINESS)] if q
                for c in (q.scoring.criteria if q.scoring else ())}
    if csv_file is not None:
        csv_file.write_text(plan_csv(rolled.commitments, criteria), encoding="utf-8")
        click.echo(f"wrote {csv_file}")
    if ics_file is not None:
        ics_file.write_text(plan_ics(rolled.assessment, rolled.commitments, criteria,
                                     service.now()), encoding="utf-8", newline="")
        click.echo(f"wrote {ics_file}")
    for c in rolled.commitments:
        late = "  SLIPPED: a barrier" if c in rolled.slipped else ""
        click.echo(f"{c.id}  {SIDES[c.side]:8}  {STATUSES[c.status]:7}  {c.due or '—':10}  "
                   f"{c.text} ({c.owner or 'no owner'}; {serves(c, criteria) or '—'}){late}")
    if not rolled.commitments:
        click.echo("no commitments yet: --propose starts the plan from the barriers")
