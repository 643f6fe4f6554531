"""Demo account: Fennick Packaging (closing)."""

from __future__ import annotations

from assessments.demo.accounts import READINESS, STAKEHOLDERS, Account, Invitee, Said, person
from scoring.assess import Assessment

FENNICK = Account(
    Assessment(id="fennick-packaging", account="Fennick Packaging",
               deal="Inbound quality holds, plant 2", owner="Tomás Reyes", stage="closing",
               close_date="2026-12-11", go_live="2027-01-25"),
    (
        Invitee("anneke", READINESS, "stakeholder", "Anneke Vos, Plant Manager",
                named=True, created_at="2026-11-03T08:00:00", expires_at="2026-12-03T00:00:00"),
        Invitee("jan", STAKEHOLDERS, "stakeholder", "Jan Smit, ERP lead",
                created_at="2026-11-03T08:02:00", revoked=True),
        Invitee("ilse", STAKEHOLDERS, "stakeholder", "Ilse Brouwer, Purchasing Manager",
                created_at="2026-11-03T08:04:00", expires_at="2026-12-03T00:00:00"),
    ),
    (
        Said(READINESS, "tomas", "2026-11-02T16:40:00", {
            "owner": "named_with_authority",
            "owner_name": "Anneke Vos, Plant Manager",
            "first_workflow": "agreed",
            "first_workflow_name": "Inbound quality hold review by QA, every morning at 7:30.",
            "first_workflow_cadence": "daily",
            "first_users": "group_informed",
            "first_users_detail": "8 QA inspectors and 4 goods-in leads: stop paper hold tags, "
                                  "start holds on the handheld.",
            "data_access": "tested",
            "data_access_detail": "Supplier master and goods receipts from the ERP; sample "
                                  "extract tested on 28 October.",
            "decision_change": "named",
            "decision_change_detail": "Release or reject held pallets, daily, by the QA shift "
                                      "lead.",
            "proof_metric": "metric_baseline_target",
            "proof_metric_name": "Hours a held pallet waits for a decision",
            "proof_metric_baseline": "31 h average (QA hold log, September 2026)",
            "proof_metric_target": "Under 12 h by 31 March 2027",
            "old_process": "agreed_with_date",
            "old_process_detail": "Paper hold tags and the hold log binder, from go-live.",
            "capacity": "on_calendar",
            "capacity_detail": "QA lead one day a week, two inspectors half a day, January to "
                               "March.",
            "adoption_budget": "allocated",
            "stall_risks": "named_with_owner",
            "stall_risks_detail": "ERP upgrade in February (Jan Smit, IT).",
        }, {"owner": 3, "first_workflow": 2, "first_users": 2, "data_access": 2,
            "decision_change": 2, "proof_metric": 2, "old_process": 1, "capacity": 1,
            "adoption_budget": 1, "stall_risks": 2}),
        Said(READINESS, "anneke", "2026-11-09T07:55:00", {
            "owner": "named",
            "owner_name": "Me, but line schedules and supplier calls go through Rutger de Wit "
                          "(Operations Director).",
            "first_workflow": "named",
            "first_workflow_name": "The hold review, but QA and Purchasing still argue about "
                                   "who may release a pallet.",
            "first_users": "group_named",
            "first_users_detail": "The QA inspectors know. Nobody has told the goods-in leads.",
            "data_access": "identified",
            "data_access_detail": "As far as I know nobody has asked IT for the ERP extract. "
                                  "Jan is on the ERP upgrade until March.",
            "decision_change": "named",
            "decision_change_detail": "Release or reject, by the QA shift lead.",
            "proof_metric": "metric_no_baseline",
            "proof_metric_name": "Hold waiting time",
            "old_process": "named",
            "old_process_detail": "The hold log binder. Our auditors want it for the BRC "
                                  "audit in April.",
            "capacity": "best_effort",
            "adoption_budget": "none",
            "stall_risks": "named",
            "stall_risks_detail": "BRC audit in April; the ERP upgrade; nobody owns supplier "
                                  "escalations.",
        }),
        Said(STAKEHOLDERS, "tomas", "2026-11-02T17:05:00", {"stakeholders": [
            person("Rutger de Wit, Operations Director", "approver", 5, "neutral", "supportive",
                   success="Fewer line stops waiting for QA.",
                   resistance="Signs the order but has not seen the hold-time numbers.",
                   mitigation="Tomás and Anneke walk Rutger through the 31-hour baseline "
                              "before the order form reaches him.",
                   owner="Tomás Reyes"),
            person("Anneke Vos, Plant Manager", "manager", 4, "supportive", "leading",
                   success="Holds decided the same shift.", owner="Tomás Reyes"),
            person("QA inspectors, plant 2 (8)", "daily_user", 3, "supportive", "supportive",
                   success="No more chasing paper tags across the warehouse."),
            person("Ilse Brouwer, Purchasing Manager", "other", 3, "sceptical",
                   "neutral", success="Keeps the say over supplier escalations.",
                   resistance="Sees the holds as QA taking over supplier conversations.",
                   mitigation="Purchasing gets read access to supplier hold history, no "
                              "release rights.",
                   owner="Anneke Vos",
                   wanted="no"),
        ]}),
    ),
)


# --- Orrin Valley Credit Union: implementing, ready. The sceptic has a plan. ---
