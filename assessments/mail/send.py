"""Invitations, reminders and replacement links by e-mail, so that nothing is half-sent.

An invitation batch stores every new link first, in one write, then sends one message per
person and records each one that went out (`sent_at`) or why not (`send_error`). When the
server refuses one message the batch goes on; when it goes down, the batch stops and every
link not yet sent says so. Running the same batch again sends only to those who got
nothing: a link already sent is left alone, and a link whose message never went out gets a
new token (nobody has the old one) and its message.

Tokens are stored hashed, so a reminder cannot repeat the first link: it carries a new one
that opens the same form, and the first link keeps working. A replacement (a lost link)
carries a new token that is then the only one that opens it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assessments.errors import InputError
from assessments.mail.compose import Letter, message, minutes, privacy, purpose
from assessments.mail.contacts import Contact
from assessments.mail.outbox import Outbox, Refused, ServerDown
from assessments.project.smtp import NOT_SET, MailSettings
from assessments.store import service
from assessments.store.interface import Store
from assessments.store.records import Invitation, new_token, token_hash
from questionnaires import Questionnaire
from scoring.assess import Assessment
from scoring.ids import PULSE

Definitions = Mapping[str, Questionnaire]


@dataclass(frozen=True)
class Sender:
    """What every message of a batch shares: server, address of the app, who asks."""

    settings: MailSettings
    base_url: str
    organisation: str = ""
    asker: str = ""
    """Who the messages say asks (the seller); else the deal's owner or the organisation."""
    reply_to: str = ""
    min_group: int = 3

    def link(self, token: str) -> str:
        """The respondent link of a token."""
        return f"{self.base_url.rstrip('/')}/r/{token}"


@dataclass(frozen=True)
class Outcome:
    """What happened for one person."""

    invitation: Invitation
    status: str
    """sent, already sent, refused, not sent (server down), would remind (dry run)."""
    reason: str = ""
    row: int | None = None

    @property
    def who(self) -> str:
        """The person, as the seller knows them."""
        inv = self.invitation
        return f"{inv.name} <{inv.email}>" if inv.name else inv.email


def invite(store: Store, definitions: Definitions, ident: str, questionnaire: str,
           contacts: Sequence[Contact], sender: Sender, *,
           expires_days: int | None = None) -> list[Outcome]:
    """Invite each contact to `questionnaire` of assessment `ident` by e-mail."""
    deal = store.assessment(ident)
    if not sender.settings.configured:
        raise InputError(NOT_SET)
    earlier = {i.email.lower(): i for i in store.invitations(ident)
               if i.questionnaire == questionnaire and i.email and not i.revoked
               and not i.open}
    asker = sender.asker or deal.owner or sender.organisation
    new: list[Invitation] = []
    plan: list[tuple[Contact, Invitation, str | None]] = []
    for c in contacts:
        before = earlier.get(c.email.lower())
        if before is not None:
            plan.append((c, before, None))
            continue
        inv, token = service.make_invitation(
            store, definitions, ident, questionnaire, role=c.role or None, name=c.name,
            segment=c.segment, language=c.language, expires_days=expires_days,
            named=c.named, email=c.email)
        inv = dataclasses.replace(inv, asked_by=asker, reply_to=sender.reply_to)
        new.append(inv)
        plan.append((c, inv, token))
    store.add_invitations(new)  # every link first, in one write
    outcomes: list[Outcome] = []
    with _outbox(sender) as out:
        for c, inv, given in plan:
            if given is None and inv.sent_at:
                outcomes.append(Outcome(inv, "already sent", row=c.row))
                continue
            token = given or new_token()
            if given is None:  # its message never went out: nobody holds its token
                inv = store.add_token(ident, inv.id, token_hash(token), replace=True)
            outcomes.append(_deliver(store, out, definitions, deal, inv, token, "invitation",
                                     sender, c.row))
    return outcomes


def remind(store: Store, definitions: Definitions, sender: Sender, *,
           ident: str | None = None, after_days: int = 3, dry_run: bool = False,
           moment: dt.datetime | None = None) -> list[Outcome]:
    """Remind everyone whose link is open and unanswered (weekly pulses: this week), at most
    once per `after_days` days since the last message; `dry_run` sends and records
    nothing."""
    if after_days < 1:
        raise InputError("--after-days must be at least 1")
    moment = moment or service.now()
    deals = [store.assessment(ident)] if ident else store.assessments()
    due: list[tuple[Assessment, Invitation]] = []
    for deal in deals:
        for tally in service.tracker(store, deal.id, moment):
            if service.asked(definitions, deal, tally.questionnaire) is None:
                continue
            for t in tally.waiting:
                inv = t.invitation
                last = max(inv.sent_at, inv.reminded_at)
                if (inv.email and inv.sent_at and not inv.unsubscribed and
                        service.utc(last) <= moment - dt.timedelta(days=after_days)):
                    due.append((deal, inv))
    if dry_run:
        return [Outcome(inv, "would remind") for _, inv in due]
    if not due:
        return []
    outcomes = []
    with _outbox(sender) as out:
        for deal, inv in due:
            token = new_token()
            inv = store.add_token(deal.id, inv.id, token_hash(token))
            done = _deliver(store, out, definitions, deal, inv, token, "reminder", sender)
            outcomes.append(done)
    return outcomes


def resend(store: Store, definitions: Definitions, ident: str, invitation: str,
           sender: Sender | None) -> tuple[Invitation, str, Outcome | None]:
    """Replace a lost link: a new token becomes the only one that opens it (the answers
    stay one respondent's), and it is e-mailed when the link has an address and `sender`
    can send. Returns the invitation, the new token and what the message did."""
    deal = store.assessment(ident)
    inv = store.invitation(ident, invitation)
    if inv.open:
        raise InputError("an open link is shared on purpose: revoke it and create another")
    if inv.revoked:
        raise InputError("a revoked link stays closed: create a new link instead")
    token = new_token()
    inv = store.add_token(ident, inv.id, token_hash(token), replace=True)
    inv = store.change_invitation(ident, inv.id, lambda i: dataclasses.replace(
        i, replaced_at=service.iso(service.now())))
    if not inv.email or sender is None or not sender.settings.configured:
        return inv, token, None
    with _outbox(sender) as out:
        done = _deliver(store, out, definitions, deal, inv, token, "replacement", sender)
    return done.invitation, token, done


class _Batch:
    """An outbox that, once the server is down, fails every later message the same way."""

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox
        self.down = ""

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.outbox.close()


def _outbox(sender: Sender) -> _Batch:
    if not sender.settings.configured:
        raise InputError(NOT_SET)
    return _Batch(Outbox(sender.settings))


def _deliver(store: Store, batch: _Batch, definitions: Definitions, deal: Assessment,
             inv: Invitation, token: str, kind: str, sender: Sender,
             row: int | None = None) -> Outcome:
    """Send one message and record what happened on its invitation."""
    now = service.iso(service.now())
    if batch.down:
        error = batch.down
    else:
        q = definitions[inv.questionnaire]
        try:
            batch.outbox.send(message(_letter(deal, q, inv, token, kind, sender),
                                      sender.settings, inv.reply_to or sender.reply_to))
        except Refused as err:
            error = str(err)
        except ServerDown as err:
            batch.down = error = str(err)
        else:
            stamp: Callable[[Invitation], Invitation] = (
                (lambda i: dataclasses.replace(i, sent_at=now, send_error=""))
                if kind != "reminder" else
                (lambda i: dataclasses.replace(i, reminded_at=now, reminders=i.reminders + 1,
                                               send_error="")))
            return Outcome(store.change_invitation(deal.id, inv.id, stamp), "sent", row=row)
    failed = store.change_invitation(deal.id, inv.id,
                                     lambda i: dataclasses.replace(i, send_error=error))
    return Outcome(failed, "not sent" if batch.down else "refused", error, row)


def _letter(deal: Assessment, q: Questionnaire, inv: Invitation, token: str, kind: str,
            sender: Sender) -> Letter:
    language = inv.language or q.default_language
    expires = inv.expires_at[:10] if inv.expires_at else ""
    link = sender.link(token)
    return Letter(kind=kind, to_name=inv.name, to_address=inv.email, language=language,
                  account=deal.account,
                  asker=inv.asked_by or sender.asker or deal.owner or sender.organisation
                  or sender.settings.sender,
                  organisation=sender.organisation, title=q.title.get(language),
                  purpose=purpose(q, language), minutes=minutes(q, inv.role),
                  privacy=privacy(q, inv.role, inv.named, sender.min_group, language),
                  link=link,
                  unsubscribe=f"{link}/unsubscribe", expires=expires,
                  weekly=q.id == PULSE)
