"""The demo accounts: valid answers, stable ids, and the stories the scores should tell."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import pytest

import questionnaires
from assessments.demo.load import DemoAccount, demo_data, demo_token, load_demo
from assessments.store.filestore import FileStore
from assessments.store.records import Invitation, ResponseRecord, token_hash
from questionnaires.answers import check_answer, relevant_answers
from scoring import Response
from scoring.assess import Assessment, Rollup, assess
from scoring.commitments import Commitment
from scoring.ids import STAGES

DEFS = {q.id: q for q in questionnaires.load()}
GOOD_LIVE, DRIFTING, QUALIFYING = "tessaline-distribution", "marlow-bay-hotels", "halden-freight"


@cache
def accounts() -> dict[str, DemoAccount]:
    return {a.assessment.id: a for a in demo_data(DEFS)}


@cache
def rollup(assessment_id: str) -> Rollup:
    account = accounts()[assessment_id]
    grouped: dict[str, list[Response]] = {}
    for record in account.responses:
        grouped.setdefault(record.questionnaire, []).append(record.to_response())
    return assess(account.assessment, DEFS, grouped)


def records() -> list[ResponseRecord]:
    return [r for a in accounts().values() for r in a.responses]


# --- the data is valid, as a form submission would be ---


@pytest.mark.parametrize("record", records(), ids=lambda r: r.id)
def test_every_answer_passes_check_answer(record: ResponseRecord) -> None:
    q = DEFS[record.questionnaire]
    top = {x.id: x for s in q.sections for x in s.questions}
    checked = {}
    for question_id, value in record.to_response().answers.items():
        assert question_id in top, f"{record.id}: {q.id} has no question {question_id!r}"
        checked[question_id] = check_answer(top[question_id], value)
    # An answer to a hidden question would be dropped silently: the data would lie.
    assert relevant_answers(q, checked) == checked
    assert set(record.evidence) <= {x.id for x in top.values() if x.evidence}
    assert all(0 <= grade <= 3 for grade in record.evidence.values())


@pytest.mark.parametrize("record", records(), ids=lambda r: r.id)
def test_required_questions_the_respondent_sees_are_answered(record: ResponseRecord) -> None:
    q = DEFS[record.questionnaire]
    seen = [x for s in q.sections if not s.audience or record.role in s.audience
            for x in s.questions]
    missing = [x.id for x in seen if x.required and x.id not in record.answers]
    assert not missing, f"{record.id} ({record.role}) leaves {missing} unanswered"
    for question in seen:
        if question.type == "repeat":
            rows = record.answers.get(question.id, [])
            assert len(rows) >= question.min_rows
            for row in rows:
                assert {c.id for c in question.questions if c.required} <= set(row)


def test_records_carry_the_definitions_version_and_digest() -> None:
    for r in records():
        q = DEFS[r.questionnaire]
        assert (r.version, r.digest, r.source) == (str(q.version), q.digest, "demo")
        assert r.id.startswith(f"r_demo_{r.assessment}_") and r.submitted_at


def test_ids_and_tokens_are_unique() -> None:
    ids = [a.assessment.id for a in accounts().values()]
    response_ids = [r.id for r in records()]
    invitations = [i for a in accounts().values() for i in a.invitations]
    for values in (ids, response_ids, [i.id for i in invitations],
                   [i.token_hash for i in invitations]):
        assert len(values) == len(set(values))


def test_invitations_hash_the_public_demo_tokens() -> None:
    for account in accounts().values():
        aid = account.assessment.id
        assert len(account.invitations) >= 3
        for n, invitation in enumerate(account.invitations, start=1):
            assert invitation.assessment == aid
            assert invitation.token_hash == token_hash(demo_token(aid, n))


def test_customer_answers_come_through_their_own_invitation() -> None:
    for account in accounts().values():
        links = {i.id: i for i in account.invitations}
        for r in account.responses:
            if r.role == "seller":
                assert r.respondent not in links and r.name
                continue
            link = links[r.respondent]
            assert (link.questionnaire, link.role, link.name, link.segment) == (
                r.questionnaire, r.role, r.name, r.segment)


def test_every_stage_and_at_least_six_accounts() -> None:
    stages = Counter(a.assessment.stage for a in accounts().values())
    assert set(stages) == set(STAGES) and stages["live"] >= 2
    assert len(accounts()) >= 6


def test_demo_data_is_deterministic_and_not_shared() -> None:
    first, second = demo_data(DEFS), demo_data()
    assert first == second
    answers = first[0].responses[0].answers
    assert isinstance(answers, dict)
    answers["owner"] = "changed"
    assert demo_data(DEFS) == second


def test_a_respondent_wrote_html_looking_text() -> None:
    texts = [v for r in records() for v in r.answers.values() if isinstance(v, str)]
    assert any("<b>" in t and "&" in t and '"' in t for t in texts)


# --- the stories the scores tell ---


def test_good_live_account_proves_value_and_opens_the_gate() -> None:
    loop = rollup(GOOD_LIVE).adoption
    assert loop is not None and loop.latest is not None
    weeks = {w.week: w for w in loop.weeks}
    assert len(weeks) >= 8 and loop.first_value_week == 5
    assert any("seven cases" in text for text in loop.first_value_evidence)
    first, latest = weeks[1], loop.latest
    assert first.band == "at_risk" and first.old_way_still_primary >= 3
    assert {b.category for b in first.blockers} >= {"trust", "training"}
    assert first.health is not None and latest.health is not None
    assert first.health < latest.health and latest.band == "healthy"
    assert all(w.old_workflow_losing_power for n, w in weeks.items() if n >= 6)
    assert weeks[6].old_workflow is not None and weeks[6].old_workflow >= 67
    assert loop.expansion.open and loop.expansion.reasons == ()
    assert rollup(GOOD_LIVE).verdict == "healthy"
    # Two teams of three each week, so the teams show on their own.
    assert [(s.segment, s.n) for s in latest.segments] == [("Leeds", 3), ("Wakefield", 3)]


def test_drifting_live_account_closes_the_gate() -> None:
    loop = rollup(DRIFTING).adoption
    assert loop is not None and loop.latest is not None
    assert any(w.trend == "down" for w in loop.weeks)
    assert loop.weeks[0].band == "watch" and loop.latest.band == "at_risk"
    assert not loop.first_value_proven
    assert not loop.expansion.open and len(loop.expansion.reasons) >= 3
    assert {b.category for b in loop.latest.blockers} >= {"capacity", "product_friction"}
    # Five answers in the last week leave one team at two: no team is shown apart.
    assert loop.latest.segments == () and loop.latest.hidden == 2


def test_qualifying_deal_without_an_owner_is_not_ready() -> None:
    result = rollup(QUALIFYING)
    assert result.assessment.stage == "qualifying" and result.verdict == "not_ready"
    assert result.readiness is not None and result.readiness.barriers[0].criterion == "ownership"
    assert result.next_actions[0].text.startswith("Ask the sponsor to name one person")


def test_pre_live_deals_get_different_verdicts() -> None:
    verdicts = {rollup(a).verdict for a, acc in accounts().items()
                if acc.assessment.stage != "live"}
    assert verdicts == {"not_ready", "conditional", "ready"}


def test_seller_and_customer_disagree_somewhere() -> None:
    """Fennick: the seller sees a ready deal, the plant manager (a named link) does not."""
    flags = rollup("fennick-packaging").disagreements
    assert len(flags) >= 4 and {d.between for d in flags} == {"seller and customer"}
    assert {d.item for d in flags if d.caps} >= {"owner", "first_workflow"}
    assert all(a.attributed for d in flags for a in d.answers)


def test_stakeholder_maps_have_resistors_with_and_without_mitigations() -> None:
    people = [s for a in accounts() if (m := rollup(a).stakeholders) for s in m.stakeholders]
    assert any(s.resistor and not s.mitigation for s in people)
    assert any(s.resistor and s.mitigation for s in people)
    segments = [seg for a in accounts() if (m := rollup(a).stakeholders) for seg in m.adkar]
    assert any(seg.group != "combined" and seg.n >= 3 and seg.barrier for seg in segments)


# --- loading into a store ---


class MemoryStore:
    """The store API in memory, refusing a duplicate invitation as the real one does."""

    def __init__(self) -> None:
        self.saved: dict[str, Assessment] = {}
        self.stored: dict[str, list[ResponseRecord]] = {}
        self.links: list[Invitation] = []
        self.plans: dict[str, list[Commitment]] = {}

    def has_assessment(self, assessment_id: str) -> bool:
        return assessment_id in self.saved

    def save_assessment(self, assessment: Assessment) -> None:
        self.saved[assessment.id] = assessment
        self.stored.setdefault(assessment.id, [])

    def add_responses(self, rs: Sequence[ResponseRecord]) -> int:
        for r in rs:
            self.stored[r.assessment].append(r)
        return len(rs)

    def add_invitation(self, inv: Invitation) -> None:
        if any(i.id == inv.id for i in self.links):
            raise ValueError(f"invitation {inv.id!r} already exists")
        self.links.append(inv)

    def add_commitments(self, assessment_id: str, commitments: Sequence[Commitment]) -> None:
        self.plans.setdefault(assessment_id, []).extend(commitments)

    def responses(self, assessment_id: str, *,
                  include_superseded: bool = False) -> Iterable[ResponseRecord]:
        return [r for r in self.stored[assessment_id] if include_superseded or not r.superseded]


def totals() -> tuple[int, int, int]:
    data = accounts().values()
    return (len(data), sum(len(a.responses) for a in data),
            sum(len(a.invitations) for a in data))


def test_load_demo_fills_in_what_is_missing_and_nothing_else() -> None:
    store = MemoryStore()
    assert load_demo(store) == totals()[:2]
    assert load_demo(store) == (0, 0)
    lost = store.stored[GOOD_LIVE].pop()
    assert load_demo(store) == (0, 1)
    assert store.stored[GOOD_LIVE][-1] == lost and len(store.links) == totals()[2]


def test_load_demo_twice_into_the_store_changes_nothing(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "data")
    assert load_demo(store) == totals()[:2]

    def snapshot() -> list[tuple[Assessment, list[ResponseRecord], list[Invitation]]]:
        # Every answer, the ones later answers replaced too (kept as history).
        return [(a, store.responses(a.id, include_superseded=True), store.invitations(a.id))
                for a in store.assessments()]

    before = snapshot()
    assert load_demo(store) == (0, 0)
    assert snapshot() == before
    assert sum(len(rs) for _, rs, _ in before) == totals()[1]
    assert sum(len(links) for _, _, links in before) == totals()[2]
    # The demo tokens are public on purpose: they open their links like any other.
    opened = store.invitation_by_token(demo_token(GOOD_LIVE, 2))
    assert opened == accounts()[GOOD_LIVE].invitations[1]


def test_a_closing_deal_shows_two_readiness_rounds_and_what_changed(tmp_path: Path) -> None:
    from assessments.store import service
    from scoring.rounds import changes

    store = FileStore(tmp_path / "data")
    load_demo(store, only=("brightmoor-clinics",))
    rolled = service.rollup(store, DEFS, "brightmoor-clinics")
    assert [(r.number, r.by, r.at[:10]) for r in rolled.rounds] == [
        (1, "Jo Okafor", "2026-10-13"), (2, "Jo Okafor", "2026-11-03"),
        (3, "Marit Solberg, Head of Patient Access", "2026-11-06")]
    first, second, third = (r.shown or 0 for r in rolled.rounds)
    assert first < second < third
    # The seller's second round: an owner who can make tradeoffs, an agreed workflow.
    seller = {(c.kind, c.item) for c in changes(DEFS["pre-close-readiness"],
                                                 *rolled.rounds[:2])}
    assert {("gate_passed", "ownership"), ("gate_passed", "first_workflow"),
            ("barrier_cleared", "ownership")} <= seller
    # The customer's confirmation, the latest round, upgrades evidence.
    assert any(c.kind == "evidence_up" for c in rolled.changed)
    # The verdict reads the latest answers only: the same as without the history.
    assert (rolled.verdict, rolled.score) == (rollup("brightmoor-clinics").verdict,
                                              rollup("brightmoor-clinics").score)


def test_a_closing_deal_has_a_mutual_action_plan_with_a_slipped_commitment(
        tmp_path: Path) -> None:
    from assessments.store import service

    store = FileStore(tmp_path / "data")
    load_demo(store, only=("brightmoor-clinics",))
    rolled = service.rollup(store, DEFS, "brightmoor-clinics")
    assert len(rolled.commitments) == 5
    (slipped,) = rolled.slipped
    assert slipped.text == "Sign off the DPIA for PAS appointment slots"
    first = rolled.next_actions[0]
    assert first.source == "commitments" and "Data and system access" in first.reason
    assert load_demo(store) == (5, len(records()) - len(accounts()["brightmoor-clinics"]
                                                         .responses))
    assert len(store.commitments("brightmoor-clinics")) == 5  # a second load adds none
