"""What the web pages and the CLI do to the store: one function per operation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assessments.errors import InputError, NotFound
from assessments.store import metadata
from assessments.store import tracker as tracking
from assessments.store.interface import Store
from assessments.store.records import (
    SLUG,
    Invitation,
    ResponseRecord,
    new_id,
    new_token,
    token_hash,
)
from assessments.store.tracker import Tally
from questionnaires import Questionnaire
from scoring.assess import Assessment, Rollup, applying, assess
from scoring.checkpoints import checkpoint_day
from scoring.ids import CHECKPOINT, PULSE, READINESS, RESPONDENT_ROLES, STAGES
from scoring.responses import MIN_GROUP, SELLER, Response

Definitions = Mapping[str, Questionnaire]


def now() -> dt.datetime:
    """The current time in UTC (one place, so tests can reason about it)."""
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """A timestamp as stored: UTC, ISO 8601, whole seconds."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def check_date(value: str, what: str) -> str:
    """An ISO date ('' stays ''), else InputError naming `what`."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date like 2026-03-31") from None


def make_assessment(fields: Mapping[str, Any], known: Collection[str] = ()) -> Assessment:
    """A validated Assessment from form or CLI fields (InputError says what is wrong).

    `questionnaires` (a list of ids, each one of `known`) names those that apply; none
    leaves the default of its stage.
    """
    ident = (fields.get("id") or "").strip()
    if not SLUG.fullmatch(ident):
        raise InputError(f"id {ident!r} is not valid: use lowercase letters, digits and -, "
                         "like acme-emea (at most 63 characters)")
    for name in ("account", "deal", "owner"):
        bad = metadata.unprintable(str(fields.get(name) or ""))
        if bad:
            raise InputError(f"{name} holds the control character {bad}; remove it")
    account = (fields.get("account") or "").strip()
    if not account:
        raise InputError("account is required: the customer's name")
    stage = fields.get("stage") or "qualifying"
    if stage not in STAGES:
        raise InputError(f"stage {stage!r} is not valid: use {', '.join(STAGES)}")
    return Assessment(id=ident, account=account[:200], deal=(fields.get("deal") or "")[:200],
                      owner=(fields.get("owner") or "")[:200], stage=stage,
                      close_date=check_date(fields.get("close_date") or "", "close date"),
                      go_live=check_date(fields.get("go_live") or "", "go-live date"),
                      questionnaires=_questionnaires(fields.get("questionnaires"), known))


def _questionnaires(given: object, known: Collection[str]) -> tuple[str, ...]:
    if not given:
        return ()
    if isinstance(given, str) or not isinstance(given, Sequence) or \
            not all(isinstance(q, str) for q in given):
        raise InputError("questionnaires must be a list of questionnaire ids")
    unknown = [q for q in given if q not in known]
    if unknown:
        raise InputError(f"no questionnaire {unknown[0]!r}; known: {', '.join(sorted(known))}")
    return tuple(dict.fromkeys(given))


def create_assessment(store: Store, fields: Mapping[str, Any],
                      known: Collection[str] = ()) -> Assessment:
    """Create a new assessment; its id must be free (`known`: the questionnaire ids)."""
    assessment = make_assessment(fields, known)
    if store.has_assessment(assessment.id):
        raise InputError(f"an assessment with id {assessment.id!r} exists already")
    store.save_assessment(assessment)
    return assessment


def update_assessment(store: Store, ident: str, fields: Mapping[str, Any],
                      known: Collection[str] = ()) -> Assessment:
    """Change an assessment's details (the id stays; `known`: the questionnaire ids)."""
    store.assessment(ident)
    assessment = make_assessment({**fields, "id": ident}, known)
    store.save_assessment(assessment)
    return assessment


ROLE_LABELS = {"stakeholder": "a stakeholder", "user": "a user"}


def respondent_role(q: Questionnaire, role: str | None = None) -> str:
    """The role a link to `q` is for: `role` when q is answered by it, else, when none is
    given, the first respondent role of its audience (InputError when q has none, or
    `role` is not one of them)."""
    allowed = [a for a in q.audience if a in RESPONDENT_ROLES]
    if not role and allowed:
        return allowed[0]
    if role not in allowed:
        who = " or ".join(ROLE_LABELS[a] for a in allowed)
        raise InputError(f"“{q.title.get()}” is answered by {who or 'the seller alone'}, "
                         f"not {ROLE_LABELS.get(role or '', repr(role))}"
                         + ("" if allowed else ": it takes no respondent link"))
    return role


def link_language(q: Questionnaire, language: str) -> str:
    """`language` if `q` is written in it ('' for none: the form's default), else
    InputError listing the languages it is written in."""
    from questionnaires.languages import languages

    if not language:
        return ""
    written = languages(q)
    if language not in written:
        raise InputError(f"“{q.title.get()}” is not written in {language!r}; use "
                         f"{' or '.join(written)}")
    return language


def check_email(address: str) -> str:
    """One plain e-mail address (`name@example.com`), else InputError saying why."""
    from assessments.project.smtp import ADDRESS

    text = address.strip()
    if len(text) > 254 or not ADDRESS.fullmatch(text):
        raise InputError(f"{address!r} is not an e-mail address like name@example.com")
    return text


def create_invitation(store: Store, definitions: Definitions, assessment: str,
                      questionnaire: str, *, role: str | None = None, name: str = "",
                      segment: str = "", language: str = "", expires_days: int | None = None,
                      open_link: bool = False, named: bool = False, email: str = ""
                      ) -> tuple[Invitation, str]:
    """A new respondent link; returns it with its token (shown once, stored hashed)."""
    invitation, token = make_invitation(store, definitions, assessment, questionnaire,
                                        role=role, name=name, segment=segment,
                                        language=language, expires_days=expires_days,
                                        open_link=open_link, named=named, email=email)
    store.add_invitation(invitation)
    return invitation, token


def make_invitation(store: Store, definitions: Definitions, assessment: str,
                    questionnaire: str, *, role: str | None = None, name: str = "",
                    segment: str = "", language: str = "", expires_days: int | None = None,
                    open_link: bool = False, named: bool = False, email: str = ""
                    ) -> tuple[Invitation, str]:
    """A checked invitation and its token, not yet stored (InputError says what is wrong)."""
    deal = store.assessment(assessment)
    q = definitions.get(questionnaire)
    if q is None:
        raise InputError(f"unknown questionnaire {questionnaire!r}; known: "
                         f"{', '.join(sorted(definitions))}")
    if questionnaire not in applying(deal, definitions):
        titles = ", ".join(f"“{definitions[x].title.get()}”"
                           for x in applying(deal, definitions))
        raise InputError(f"“{q.title.get()}” is not asked in {deal.account} (it asks "
                         f"{titles}); add it on the assessment's edit page first")
    role = respondent_role(q, role)
    if expires_days is not None and not 1 <= expires_days <= 3650:
        raise InputError("expiry must be from 1 to 3650 days")
    token = new_token()
    expires = iso(now() + dt.timedelta(days=expires_days)) if expires_days else ""
    name, segment = metadata.check_text("name", name), metadata.check_text("segment", segment)
    invitation = Invitation(new_id("inv"), token_hash(token), assessment, questionnaire, role,
                            name=name, segment=segment, language=link_language(q, language),
                            expires_at=expires, open=open_link, created_at=iso(now()),
                            named=named and not open_link,
                            email=check_email(email) if email else "")
    return invitation, token


def asked(definitions: Definitions, assessment: Assessment, questionnaire: str
          ) -> Questionnaire | None:
    """The questionnaire a link opens, or None when the project removed its definition or
    the seller took it off the assessment: the link is gone."""
    q = definitions.get(questionnaire)
    return q if q is not None and q.id in applying(assessment, definitions) else None


def link_state(invitation: Invitation, moment: dt.datetime | None = None) -> str:
    """`ok`, `revoked` or `expired`."""
    if invitation.revoked:
        return "revoked"
    if invitation.expires_at and utc(invitation.expires_at) <= (moment or now()):
        return "expired"
    return "ok"


def utc(stamp: str) -> dt.datetime:
    """A stored timestamp as an aware UTC time (one without a zone is taken as UTC)."""
    moment = dt.datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def week_of(assessment: Assessment, moment: dt.datetime) -> int | None:
    """Whole weeks since go-live, the first week being 1; None before go-live or without one."""
    if not assessment.go_live:
        return None
    days = (moment.date() - dt.date.fromisoformat(assessment.go_live)).days
    return days // 7 + 1 if days >= 0 else None


def pulse_week(assessment: Assessment, moment: dt.datetime) -> int:
    """The week a pulse counts in: since go-live, or 0 before it or without a go-live date
    (never left out: the respondent was told their answers were saved). Weeks stop at
    MAX_WEEK, five years after go-live."""
    return min(week_of(assessment, moment) or 0, metadata.MAX_WEEK)


@dataclass(frozen=True)
class Respondent:
    """Who is submitting: a logged-in seller or an invitation."""

    role: str
    key: str
    """The seller's user name or the invitation id."""
    name: str = ""
    segment: str = ""
    replaces: bool = True
    """Whether a new answer supersedes this respondent's earlier one (not for open links)."""
    named: bool = False
    """Answered on a named link (a seller's answers always carry their name)."""


def submit(store: Store, q: Questionnaire, assessment: Assessment, answers: Mapping[str, Any],
           evidence: Mapping[str, int], who: Respondent, *, source: str = "web",
           moment: dt.datetime | None = None) -> ResponseRecord:
    """Store one validated submission; a weekly pulse answered again in its week replaces it.

    Earlier answers are kept as history (superseded), never deleted.
    """
    moment = moment or now()
    week = pulse_week(assessment, moment) if q.id == PULSE else None
    if q.id == CHECKPOINT:  # one answer per checkpoint: day 30's does not replace day 60's
        week = checkpoint_day(answers)
    # On an open link every post is a person of its own, so scoring never takes two people
    # for one: the link's id with a suffix of the post's own.
    record = ResponseRecord(id="", assessment=assessment.id, questionnaire=q.id,
                            version=q.version, digest=q.digest or "", role=who.role,
                            answers=dict(answers), evidence=dict(evidence),
                            respondent=who.key if who.replaces else new_id(who.key),
                            name=who.name, segment=who.segment, week=week,
                            submitted_at=iso(moment), source=source,
                            named=who.named or who.role == SELLER)
    record = metadata.checked(record, moment)
    # The earlier answer is found and superseded in the same locked write as the new one is
    # added: two posts at once, or a crash, never leave this respondent two current answers.
    return store.add_response(record, replaces=who.replaces)


def by_questionnaire(records: Iterable[ResponseRecord]) -> dict[str, list[Response]]:
    """Stored responses as scoring reads them, by questionnaire id."""
    grouped: dict[str, list[Response]] = {}
    for record in records:
        grouped.setdefault(record.questionnaire, []).append(record.to_response())
    return grouped


def rollup(store: Store, definitions: Definitions, ident: str, *,
           min_group: int = MIN_GROUP,
           answers: Mapping[str, Sequence[Response]] | None = None) -> Rollup:
    """The live roll-up of a stored assessment (`answers`: its responses by questionnaire,
    when the caller has read them already), with its readiness rounds and its mutual action
    plan as of today."""
    assessment = store.assessment(ident)
    records = store.responses(ident, include_superseded=True)
    if answers is None:
        answers = by_questionnaire(r for r in records if not r.superseded)
    history = [r.to_response() for r in records if r.questionnaire == READINESS]
    return assess(assessment, definitions, answers, min_group=min_group, history=history,
                  commitments=store.commitments(ident), today=now().date())


def last_response(store: Store, ident: str) -> str:
    """When the newest response came in ('' when none)."""
    return max((r.submitted_at for r in store.responses(ident)), default="")


def find_assessment(store: Store, ident: str) -> Assessment:
    """The assessment, or InputError naming the ones that exist."""
    try:
        return store.assessment(ident)
    except (NotFound, ValueError):
        known = ", ".join(a.id for a in store.assessments()) or "none yet"
        raise InputError(f"no assessment {ident!r}; known: {known}") from None


def revoke(store: Store, assessment: str, invitation: str) -> Invitation:
    """Revoke a link; its page then answers 410."""
    store.revoke(assessment, invitation)
    return replace(store.invitation(assessment, invitation), revoked=True)


def tracker(store: Store, ident: str, moment: dt.datetime | None = None) -> list[Tally]:
    """Where each personal link of an assessment stands, per questionnaire."""
    moment = moment or now()
    assessment = store.assessment(ident)
    return tracking.track(store.invitations(ident),
                          store.responses(ident, include_superseded=True),
                          pulse_week(assessment, moment), moment, link_state)
