"""Demo data: six fictional deals across every stage, and loading them into a store.

The deals are data files, `accounts/<assessment id>.json`, in the import's JSON shape with
four additions: the account's `assessment`, its `links` (the personal links sent out), its
`commitments` (the mutual action plan), and `superseded` on an answer a later one of the
same respondent replaced (kept as history).
A response names either a link (`"link": key`: the customer who answered through it) or a
seller (`role`, `respondent`, `name`). Every row goes through the import's checks.

Every company, person and number in them is invented. The stories, and what the scores
make of them:

- Halden Freight (qualifying): an excited sponsor, nobody named to own the work.
- Brightmoor Clinics (closing): owner, workflow and baseline in place since a second
  readiness round; capacity is not.
- Fennick Packaging (closing): the seller sees a ready deal, the plant manager does not.
- Orrin Valley Credit Union (implementing): ready, with a mitigated sceptic.
- Tessaline Distribution (live): trust and training blockers, then first value in week 5.
- Marlow Bay Hotels (live): a decent start that drifts under capacity and app friction.

`demo_data()` is pure: ids, timestamps and tokens are constants, so two calls give equal
results.

Demo tokens are public. Each demo invitation's token is `demo-<assessment id>-<n>` (n
counts the account's links from 1), written here in plain sight; only its hash is
stored, as for any invitation, but anyone who reads this can open those links. Never let
demo invitations guard real answers.

`load_demo(store)` may run any number of times. An account whose assessment exists and
whose demo responses are all present is skipped; otherwise the assessment is saved if it
is missing and only the missing responses are added, so a second run adds nothing.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

import questionnaires
from assessments.errors import InputError
from assessments.store.records import Invitation, ResponseRecord, assessment_from, token_hash
from assessments.transfer.files import record_from_row
from questionnaires import Questionnaire
from scoring.assess import Assessment
from scoring.commitments import Commitment

SOURCE = "demo"
ORDER = ("halden-freight", "brightmoor-clinics", "fennick-packaging", "orrin-valley",
         "tessaline-distribution", "marlow-bay-hotels")
"""The accounts in stage order."""


@dataclass(frozen=True)
class DemoAccount:
    """One demo deal as the store keeps it: assessment, responses and invitations."""

    assessment: Assessment
    responses: tuple[ResponseRecord, ...]
    invitations: tuple[Invitation, ...]
    commitments: tuple[Commitment, ...] = ()


class DemoStore(Protocol):
    """The part of `assessments.store.filestore.Store` that loading the demo needs."""

    def has_assessment(self, assessment_id: str, /) -> bool: ...

    def save_assessment(self, assessment: Assessment, /) -> object: ...

    def add_responses(self, records: Sequence[ResponseRecord], /) -> object: ...

    def add_invitation(self, invitation: Invitation, /) -> object: ...
    def add_commitments(self, assessment: str, commitments: Sequence[Commitment], /
                        ) -> object: ...

    def responses(self, assessment_id: str, /, *,
                  include_superseded: bool = False) -> Iterable[ResponseRecord]: ...


def demo_token(assessment_id: str, n: int) -> str:
    """The public token of an assessment's n-th demo invitation (n from 1)."""
    return f"demo-{assessment_id}-{n}"


def demo_data(definitions: Mapping[str, Questionnaire] | None = None
              ) -> tuple[DemoAccount, ...]:
    """Every demo deal, its responses stamped with the definitions' version and digest."""
    defs = definitions if definitions is not None else {q.id: q for q in questionnaires.load()}
    folder = resources.files("assessments.demo") / "accounts"
    return tuple(_account(json.loads((folder / f"{ident}.json").read_text("utf-8")), defs)
                 for ident in ORDER)


def load_demo(store: DemoStore, only: Collection[str] = ()) -> tuple[int, int]:
    """Write the demo (`only` these accounts, when given) into `store`: (assessments added,
    responses added); again gives (0, 0)."""
    assessments = responses = 0
    for account in demo_data():
        info = account.assessment
        if only and info.id not in only:
            continue
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
            if account.commitments:
                store.add_commitments(info.id, account.commitments)
        store.add_responses(missing)
        responses += len(missing)
    return assessments, responses


def _account(data: Mapping[str, Any], defs: Mapping[str, Questionnaire]) -> DemoAccount:
    assessment = assessment_from(data["assessment"])
    aid = assessment.id
    links = {link["key"]: _invitation(aid, n, link)
             for n, link in enumerate(data["links"], start=1)}
    records = []
    for n, row in enumerate(data["responses"], start=1):
        # An earlier answer that a later one of the same respondent replaced: history.
        superseded = bool(row.get("superseded"))
        row = {k: v for k, v in row.items() if k != "superseded"}
        link = links.get(row.get("link", ""))
        if link is not None:
            row = {**row, "role": link.role, "respondent": link.id, "name": link.name,
                   "segment": link.segment, "named": link.named}
        try:
            record = record_from_row(assessment, defs, row, source=SOURCE)
        except InputError as err:
            raise InputError(f"demo account {aid}: responses[{n - 1}]: {err}") from None
        named = record.named or link is None  # a seller's answers always carry their name
        records.append(dataclasses.replace(record, id=f"r_demo_{aid}_{n}", named=named,
                                           superseded=superseded))
    plan = tuple(Commitment(**c) for c in data.get("commitments", ()))
    return DemoAccount(assessment, tuple(records), tuple(links.values()), plan)


def _invitation(assessment_id: str, n: int, link: Mapping[str, Any]) -> Invitation:
    return Invitation(
        id=f"i_demo_{assessment_id}_{n}", token_hash=token_hash(demo_token(assessment_id, n)),
        assessment=assessment_id, questionnaire=link["questionnaire"], role=link["role"],
        name=link["name"], segment=link.get("segment", ""),
        expires_at=link.get("expires_at", ""), revoked=link.get("revoked", False),
        open=link.get("open", False), created_at=link["created_at"],
        named=link.get("named", False))
