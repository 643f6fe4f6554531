"""Demo data: six fictional deals across every stage, and loading them into a store.

`demo_data()` is pure: ids, timestamps and tokens are constants, so two calls give equal
results. The deals themselves live in `assessments.demo.accounts`.

Demo tokens are public. Each demo invitation's token is `demo-<assessment id>-<n>` (n
counts the account's invitations from 1), written here in plain sight; only its hash is
stored, as for any invitation, but anyone who reads this can open those links. Never let
demo invitations guard real answers.

`load_demo(store)` may run any number of times. An account whose assessment exists and
whose demo responses are all present is skipped; otherwise the assessment is saved if it
is missing and only the missing responses are added, so a second run adds nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import questionnaires
from assessments.demo.accounts import SELLERS, Account, Invitee, Said, accounts
from assessments.store.records import Invitation, ResponseRecord, token_hash
from questionnaires import Questionnaire
from scoring.assess import Assessment

SOURCE = "demo"


@dataclass(frozen=True)
class DemoAccount:
    """One demo deal as the store keeps it: assessment, responses and invitations."""

    assessment: Assessment
    responses: tuple[ResponseRecord, ...]
    invitations: tuple[Invitation, ...]


class DemoStore(Protocol):
    """The part of `assessments.store.filestore.Store` that loading the demo needs."""

    def has_assessment(self, assessment_id: str, /) -> bool: ...

    def save_assessment(self, assessment: Assessment, /) -> object: ...

    def add_responses(self, records: Sequence[ResponseRecord], /) -> object: ...

    def add_invitation(self, invitation: Invitation, /) -> object: ...

    def responses(self, assessment_id: str, /, *,
                  include_superseded: bool = False) -> Iterable[ResponseRecord]: ...


def demo_token(assessment_id: str, n: int) -> str:
    """The public token of an assessment's n-th demo invitation (n from 1)."""
    return f"demo-{assessment_id}-{n}"


def demo_data(definitions: Mapping[str, Questionnaire] | None = None
              ) -> tuple[DemoAccount, ...]:
    """Every demo deal, its responses stamped with the definitions' version and digest."""
    defs = definitions if definitions is not None else {q.id: q for q in questionnaires.load()}
    return tuple(_account(account, defs) for account in accounts())


def load_demo(store: DemoStore) -> tuple[int, int]:
    """Write the demo into `store`: (assessments added, responses added); again gives (0, 0)."""
    assessments = responses = 0
    for account in demo_data():
        info = account.assessment
        exists = store.has_assessment(info.id)
        stored = store.responses(info.id, include_superseded=True) if exists else []
        present = {r.id for r in stored}
        missing = [r for r in account.responses if r.id not in present]
        if exists and not missing:
            continue
        if not exists:
            store.save_assessment(info)
            assessments += 1
            # The store API cannot tell whether an invitation is already there, so links
            # go in only with a new assessment; a re-run must not mint duplicates.
            for invitation in account.invitations:
                store.add_invitation(invitation)
        store.add_responses(missing)
        responses += len(missing)
    return assessments, responses


def _account(account: Account, defs: Mapping[str, Questionnaire]) -> DemoAccount:
    aid = account.assessment.id
    invitations = {invitee.key: _invitation(aid, n, invitee)
                   for n, invitee in enumerate(account.invitees, start=1)}
    records = tuple(_record(aid, n, said, defs[said.questionnaire], invitations.get(said.who))
                    for n, said in enumerate(account.said, start=1))
    return DemoAccount(account.assessment, records, tuple(invitations.values()))


def _invitation(assessment_id: str, n: int, invitee: Invitee) -> Invitation:
    return Invitation(
        id=f"i_demo_{assessment_id}_{n}", token_hash=token_hash(demo_token(assessment_id, n)),
        assessment=assessment_id, questionnaire=invitee.questionnaire, role=invitee.role,
        name=invitee.name, segment=invitee.segment, expires_at=invitee.expires_at,
        revoked=invitee.revoked, open=invitee.open, created_at=invitee.created_at,
        named=invitee.named)


def _record(assessment_id: str, n: int, said: Said, q: Questionnaire,
            invitation: Invitation | None) -> ResponseRecord:
    """A stored response: a customer answers through their invitation, a seller by login."""
    if invitation is None:
        role, respondent, name, segment = "seller", said.who, SELLERS[said.who], ""
    else:
        role, respondent = invitation.role, invitation.id
        name, segment = invitation.name, invitation.segment
    return ResponseRecord(
        id=f"r_demo_{assessment_id}_{n}", assessment=assessment_id, questionnaire=q.id,
        version=str(q.version), digest=q.digest or "", role=role,
        # A deep copy, so a caller that edits a record cannot change the next call's data.
        answers=copy.deepcopy(dict(said.answers)), evidence=dict(said.evidence),
        respondent=respondent, name=name, segment=segment, week=said.week,
        submitted_at=said.submitted_at, source=SOURCE,
        named=invitation is None or invitation.named)
