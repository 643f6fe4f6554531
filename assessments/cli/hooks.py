"""`readygate webhooks`: send the outbox of signed events, show where it stands, test a
receiver, and retry what failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from assessments.cli.group import current_settings, friendly, load_definitions, main, open_store
from assessments.errors import InputError

if TYPE_CHECKING:
    from assessments.project.webhooks import Webhook

NONE_SET = ("readygate.toml names no webhooks: add a [[webhooks]] table with url and "
            "secret_env at the end of it (see the documentation's webhooks page)")


def _receivers() -> tuple[tuple[Webhook, ...], dict[str, str], list[str]]:
    """The configured webhooks, the secrets of those whose secret is set (by url), and what
    is wrong with the others'."""
    from assessments.project.webhooks import secret_problem

    hooks = current_settings().project.webhooks
    if not hooks:
        raise InputError(NONE_SET)
    problems = {h.url: secret_problem(h) for h in hooks}
    secrets = {h.url: h.secret() for h in hooks if problems[h.url] is None}
    return hooks, secrets, [p for p in problems.values() if p]


def _stop_on(problems: list[str]) -> None:
    """Exit 1 naming each receiver whose secret is missing; its deliveries wait."""
    if problems:
        raise click.ClickException("\n".join(f"{p}; its deliveries wait" for p in problems))


@main.group()
def webhooks() -> None:
    """Signed webhooks: new answers and changed verdicts, health and gates, sent to the
    receivers that the [[webhooks]] tables of readygate.toml name."""


@webhooks.command()
@click.option("--once", is_flag=True,
              help="Make one pass and stop (default: pass again while a pass finds events "
                   "to add or deliveries that are due).")
@friendly
def deliver(once: bool) -> None:
    """Add every new answer and every change of verdict, health or a gate to the outbox, and
    send each receiver what is due; made for a cron job or a systemd timer.

    One line per attempt. A failed delivery is tried again after 1 minute, then 2, 4, … at
    most 6 hours apart, and given up after 10 attempts (`readygate webhooks status` lists
    it, `readygate webhooks retry` tries it again)."""
    from assessments.hooks import deliver as delivering

    hooks, secrets, problems = _receivers()
    store, definitions = open_store(), load_definitions()
    for problem in problems:
        click.echo(problem, err=True)
    passes = delivering.drain(store, definitions, hooks, secrets,
                              min_group=current_settings().min_group, once=once,
                              log=click.echo)
    added = sum(p.added for p in passes)
    tried = [o for p in passes for o in p.outcomes if o.sent]
    delivered = sum(o.ok for o in tried)
    click.echo(f"{added} new event{'s' * (added != 1)}; {delivered} delivered, "
               f"{len(tried) - delivered} attempt{'s' * (len(tried) - delivered != 1)} failed")
    _stop_on(problems)


@webhooks.command()
@friendly
def status() -> None:
    """List each receiver's pending, failed and delivered events, and the latest errors."""
    from assessments.hooks import status as outbox_status
    from assessments.store.service import now

    hooks = current_settings().project.webhooks
    found = outbox_status.read(open_store(), hooks, now())
    if not found.started_at:
        click.echo("the outbox has not started: run `readygate webhooks deliver`")
    else:
        click.echo(f"the outbox follows {found.assessments} assessment"
                   f"{'s' * (found.assessments != 1)}, since {found.started_at}; "
                   f"{found.due} deliver{'y' if found.due == 1 else 'ies'} due now")
    for url, counts in found.counts.items():
        gone = "" if any(h.url == url for h in hooks) else " (no longer in readygate.toml)"
        click.echo(f"{url}{gone}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    if found.problems:
        click.echo("latest errors:")
    for p in found.problems:
        when = f"next attempt at {p.next_at}" if p.status == "pending" else "gave up"
        click.echo(f"  {p.event} {p.kind} → {p.url}: {p.error} ({p.attempts} attempts, {when})")


@webhooks.command("test")
@click.argument("url", required=False)
@friendly
def ping(url: str | None) -> None:
    """Send a signed `ping` event to URL (one of the webhooks readygate.toml names), or to
    each of them, and say how each answered; nothing is stored."""
    from assessments.hooks.events import PING, new_event
    from assessments.hooks.send import post
    from assessments.store.service import iso, now

    hooks, secrets, problems = _receivers()
    chosen = [h for h in hooks if url in (None, h.url)]
    if not chosen:
        raise InputError(f"{url} is not one of the webhooks in readygate.toml: "
                         + ", ".join(h.url for h in hooks))
    failed = False
    for hook in chosen:
        if hook.url not in secrets:
            continue
        answer = post(hook.url, secrets[hook.url], new_event(PING, {}, iso(now())))
        failed |= not answer.ok
        click.echo(f"{hook.url}: " + (f"answered {answer.status}" if answer.ok
                                      else answer.error))
    _stop_on([p for p in problems if any(p.startswith(h.url + ":") for h in chosen)])
    if failed:
        raise click.ClickException("a receiver did not answer 2xx")


@webhooks.command()
@friendly
def retry() -> None:
    """Make every delivery given up on due again (after a receiver's outage was fixed); the
    next `readygate webhooks deliver` sends them."""
    from assessments.hooks import status as outbox_status
    from assessments.store.service import now

    hooks = current_settings().project.webhooks
    if not hooks:
        raise InputError(NONE_SET)
    count = outbox_status.retry(open_store(), hooks, now())
    click.echo(f"{count} failed deliver{'ies' if count != 1 else 'y'} due again")
