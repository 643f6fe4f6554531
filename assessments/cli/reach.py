"""The commands that reach respondents: invite (a link, or e-mail), remind, resend, links."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from assessments.cli.group import current_settings, friendly, load_definitions, main, open_store
from assessments.errors import InputError
from scoring.ids import RESPONDENT_ROLES

BASE_URL = click.option(
    "--base-url", envvar="READYGATE_URL", default=None,
    help="Where the app is reachable, an http(s) address (also READYGATE_URL; default: the "
         "project's base_url, else http://127.0.0.1:5000).")
REPLY_TO = click.option("--reply-to", default="", metavar="ADDRESS",
                        help="Where replies go: your own address (default: the sender).")


def _base_url(given: str | None) -> str:
    url = given or current_settings().project.base_url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--base-url {url!r} is not an http:// or https:// address, like "
                         "https://readygate.example.com")
    return url.rstrip("/")


def _sender(base_url: str | None, reply_to: str = "") -> Any:
    from assessments.mail.send import Sender
    from assessments.store.service import check_email

    project = current_settings().project
    return Sender(project.mail, _base_url(base_url), organisation=project.organisation,
                  reply_to=check_email(reply_to) if reply_to else "",
                  min_group=current_settings().min_group)


@main.command()
@click.argument("assessment")
@click.argument("questionnaire")
@click.option("--role", type=click.Choice(RESPONDENT_ROLES), default=None,
              help="Who answers (default: the one the questionnaire is for).")
@click.option("--name", default="", help="The respondent's name (optional).")
@click.option("--segment", default="", help="Team or group, for breakdowns of 3 or more.")
@click.option("--language", default="",
              help="The form's language, one the questionnaire is written in (`readygate "
                   "check` lists them), e.g. nl.")
@click.option("--named", is_flag=True,
              help="Show the answers with the respondent's name: the form says so. Without "
                   "it they are confidential, shown only in totals over --min-group people.")
@click.option("--expires-days", type=int, default=None, help="Expire after this many days.")
@click.option("--email", default="", metavar="ADDRESS",
              help="E-mail the link to this address (through the project's SMTP server) "
                   "instead of printing it.")
@click.option("--contacts", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None,
              help="E-mail a link to everyone in this CSV file (columns name, email, role, "
                   "segment, language, named; only email is needed). Run it again after a "
                   "failure: it sends only to those who got nothing.")
@REPLY_TO
@BASE_URL
@friendly
def invite(assessment: str, questionnaire: str, base_url: str | None, email: str,
           contacts: Path | None, reply_to: str, **options: Any) -> None:
    """Create a respondent link for ASSESSMENT and QUESTIONNAIRE: print it, or e-mail it
    (--email, or --contacts for a list)."""
    from assessments.store import service

    store = open_store()
    service.find_assessment(store, assessment)
    definitions = load_definitions()
    if email or contacts:
        _mail_invitations(store, definitions, assessment, questionnaire, email, contacts,
                          _sender(base_url, reply_to), options)
        return
    url = _base_url(base_url)
    _, token = service.create_invitation(store, definitions, assessment, questionnaire,
                                         **options)
    click.echo(f"{url}/r/{token}")


def _mail_invitations(store: Any, definitions: Any, assessment: str, questionnaire: str,
                      email: str, contacts: Path | None, sender: Any,
                      options: dict[str, Any]) -> None:
    from assessments.mail import send
    from assessments.mail.contacts import Contact, read_contacts
    from assessments.store import service

    q = definitions.get(questionnaire)
    if q is None:
        raise InputError(f"unknown questionnaire {questionnaire!r}; known: "
                         f"{', '.join(sorted(definitions))}")
    if email and contacts:
        raise InputError("give --email or --contacts, not both")
    if contacts is not None:
        try:
            text = contacts.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{contacts} is not UTF-8 text: save it as CSV UTF-8") from None
        people = read_contacts(text, q, source=str(contacts))
    else:
        people = [Contact(0, service.check_email(email), options["name"],
                          service.respondent_role(q, options["role"]), options["segment"],
                          service.link_language(q, options["language"]), options["named"])]
    outcomes = send.invite(store, definitions, assessment, questionnaire, people, sender,
                           expires_days=options["expires_days"])
    _report(outcomes, "invited")


def _report(outcomes: list[Any], done: str) -> None:
    """One line per person, then the totals; exit code 1 when anyone got nothing."""
    for o in outcomes:
        row = f"row {o.row}: " if o.row else ""
        reason = f" ({o.reason})" if o.reason else ""
        click.echo(f"{row}{o.who}: {o.status}{reason}")
    sent = sum(o.status == "sent" for o in outcomes)
    failed = [o for o in outcomes if o.status in ("refused", "not sent")]
    click.echo(f"{done} {sent} of {len(outcomes)}"
               + (f"; {len(failed)} got nothing: run the same command again to send to "
                  "them" if failed else ""))
    if failed:
        raise SystemExit(1)


@main.command()
@click.argument("assessment", required=False)
@click.option("--after-days", type=click.IntRange(min=1), default=3, show_default=True,
              help="At most one message per person in this many days.")
@click.option("--dry-run", is_flag=True, help="List who would get a reminder; send nothing.")
@BASE_URL
@friendly
def remind(assessment: str | None, after_days: int, dry_run: bool,
           base_url: str | None) -> None:
    """E-mail a reminder to everyone whose link is open and unanswered (weekly pulses:
    unanswered this week), in ASSESSMENT or in every assessment. Made for a daily timer."""
    from assessments.mail import send

    store = open_store()
    outcomes = send.remind(store, load_definitions(), _sender(base_url), ident=assessment,
                           after_days=after_days, dry_run=dry_run)
    if not outcomes:
        click.echo("nobody to remind")
        return
    if dry_run:
        for o in outcomes:
            click.echo(f"{o.invitation.assessment}: {o.who}: would be reminded")
        click.echo(f"{len(outcomes)} would be reminded (dry run: nothing sent)")
        return
    _report(outcomes, "reminded")


@main.command()
@click.argument("assessment")
@click.argument("link")
@REPLY_TO
@BASE_URL
@friendly
def resend(assessment: str, link: str, reply_to: str, base_url: str | None) -> None:
    """Replace the lost link LINK (an id `readygate links` shows) of ASSESSMENT: the old
    link stops opening the form, the new one is e-mailed (or printed, for a link without an
    address), and the answers stay the same respondent's."""
    from assessments.mail import send

    sender = _sender(base_url, reply_to)
    store = open_store()
    configured = sender.settings.configured
    inv, token, outcome = send.resend(store, load_definitions(), assessment, link,
                                      sender if configured else None)
    if outcome is None:
        click.echo(sender.link(token))
        return
    _report([outcome], "sent")


@main.command()
@click.argument("assessment")
@friendly
def links(assessment: str) -> None:
    """List ASSESSMENT's respondent links: who, sent, opened, answered (weekly pulses: the
    weeks), reminded. Never what anyone answered."""
    from assessments.store import service

    store = open_store()
    definitions = load_definitions()
    for tally in service.tracker(store, assessment):
        q = definitions.get(tally.questionnaire)
        title = q.title.get() if q else tally.questionnaire
        scope = " this week" if tally.weekly else ""
        click.echo(f"{title}: answered{scope} {tally.answered} of {tally.live}"
                   + (f", {tally.open_answers} through open links" if tally.open_answers
                      else ""))
        for t in tally.links:
            inv = t.invitation
            who = inv.name or inv.email or inv.role
            weeks = (" weeks " + ",".join(map(str, sorted(t.weeks)))) if t.weeks else ""
            extra = [f"reminded {inv.reminders}×" if inv.reminders else "",
                     "no more messages" if inv.unsubscribed else "",
                     inv.send_error and f"not sent: {inv.send_error}"]
            click.echo(f"  {inv.id}  {who}: {t.status if t.state == 'ok' else t.state}"
                       f"{weeks}" + "".join(f"; {e}" for e in extra if e))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the alerts as JSON.")
@click.option("--email", "addresses", multiple=True, metavar="ADDRESS",
              help="Also e-mail the list to this address (repeatable), through the project's "
                   "SMTP server.")
@click.option("--email-owners", is_flag=True,
              help="Also e-mail each deal's owner the alerts of their own deals, at the "
                   "address readygate.toml's owner_emails gives for their name.")
@friendly
def alerts(as_json: bool, addresses: tuple[str, ...], email_owners: bool) -> None:
    """List what needs attention in every deal: health at risk or trending down, a must-have
    gate newly failed, a customer commitment slipped, no pulse answers for two weeks."""
    import json

    from assessments.mail import digest
    from assessments.mail.outbox import Outbox, ServerDown
    from assessments.store import service
    from assessments.store.service import check_email
    from scoring.alerts import alerts as find

    store, definitions = open_store(), load_definitions()
    today = service.now().date()
    found = [a for deal in store.assessments()
             for a in find(service.rollup(store, definitions, deal.id,
                                          min_group=current_settings().min_group), today)]
    if as_json:
        click.echo(json.dumps([{"assessment": a.assessment, "account": a.account,
                                "owner": a.owner, "kind": a.kind, "title": a.title,
                                "text": a.text} for a in found], indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(digest.lines(found)) if found else "no alerts")
    project = current_settings().project
    mailings = [(check_email(a), found) for a in addresses] if found else []
    if email_owners:
        unknown = sorted({a.owner or "(no owner)" for a in found} - set(project.owner_emails))
        if unknown:
            click.echo(f"no address in owner_emails for {', '.join(unknown)}: their alerts "
                       "were not e-mailed", err=True)
        for owner, address in project.owner_emails.items():
            theirs = [a for a in found if a.owner == owner]
            if theirs:
                mailings.append((address, theirs))
    if mailings:
        try:
            with Outbox(project.mail) as out:
                for to, listed in mailings:
                    out.send(digest.message(listed, project.mail, to))
        except ServerDown as err:
            raise InputError(str(err)) from None
        for to, listed in mailings:
            click.echo(f"e-mailed {len(listed)} alerts to {to}", err=as_json)
