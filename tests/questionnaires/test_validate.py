"""questionnaires.validate: one set of rules for every way answers arrive."""

from __future__ import annotations

import questionnaires
from questionnaires.validate import validate

QS = {q.id: q for q in questionnaires.load()}
PRE, MAP, PULSE = QS["pre-close-readiness"], QS["stakeholder-map"], QS["post-go-live-pulse"]


def test_clean_answers_pass_and_keep_their_shape() -> None:
    clean, grades, errors = validate(PULSE, {"usage_frequency": "every_day",
                                             "blockers": ["trust", "training"],
                                             "blocker_trust_detail": "Totals differ",
                                             "umux_easy": "6", "recommend": 9},
                                     audience="user")
    assert errors == []
    assert clean["blockers"] == ("trust", "training") and clean["umux_easy"] == 6


def test_every_problem_is_reported_per_question() -> None:
    _, _, errors = validate(PRE, {"owner": "maybe", "first_workflow": "agreed",
                                  "nonsense": 1, "owner_name": "x" * 500},
                            audience="seller", evidence={"owner": 7, "owner_name": 2})
    by = {(e.question, e.message.split(" ")[0]) for e in errors}
    assert ("owner", "'maybe'") in by
    assert ("nonsense", "'nonsense'") in by
    assert any(e.question == "owner_name" and "takes no evidence" in e.message for e in errors)
    assert any(e.question == "data_access" and e.message == "An answer is required."
               for e in errors)


def test_irrelevant_answers_are_dropped_not_refused() -> None:
    clean, _, errors = validate(PRE, {"owner": "none", "owner_name": "Ghost"}, audience="seller")
    assert "owner_name" not in clean
    assert not any(e.question == "owner_name" for e in errors)


def test_sections_of_another_audience_are_not_asked() -> None:
    _, _, errors = validate(MAP, {"adkar_desire": 4, "stakeholders": [{"name": "x"}]},
                            audience="stakeholder")
    refused = {e.question: e.message for e in errors}
    assert refused["stakeholders"] == "'stakeholders' is not a question of stakeholder-map " \
        "for a stakeholder"
    assert "adkar_desire" not in refused and "role_group" in refused  # required, unanswered
    _, _, seller_errors = validate(MAP, {"adkar_desire": 4}, audience="seller")
    assert {e.question for e in seller_errors} == {"adkar_desire", "stakeholders"}


def test_constraint_message_and_rows() -> None:
    _, _, errors = validate(PULSE, {"usage_frequency": "once", "blockers": ["none", "trust"]},
                            audience="user")
    blockers = PULSE.question("blockers").constraint_message
    assert [(e.question, e.message) for e in errors] == [("blockers", str(blockers))]
    rows = [{"name": "Dana", "influence": 9}]
    _, _, row_errors = validate(MAP, {"stakeholders": rows}, audience="seller")
    assert any("9 is outside 1 to 5" in e.message for e in row_errors)
