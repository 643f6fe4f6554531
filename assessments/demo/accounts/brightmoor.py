"""Demo account: Brightmoor Clinics (closing)."""

from __future__ import annotations

from assessments.demo.accounts import READINESS, STAKEHOLDERS, Account, Invitee, Said, person
from scoring.assess import Assessment

BRIGHTMOOR = Account(
    Assessment(id="brightmoor-clinics", account="Brightmoor Clinics",
               deal="Referral triage, nine outpatient clinics", owner="Jo Okafor",
               stage="closing", close_date="2026-12-18", go_live="2027-02-15"),
    (
        Invitee("marit", READINESS, "stakeholder", "Marit Solberg, Head of Patient Access",
                named=True, created_at="2026-11-03T15:00:00", expires_at="2026-12-03T00:00:00"),
        Invitee("coordinators", STAKEHOLDERS, "stakeholder", "Referral coordinators",
                segment="Harbour Road hub", created_at="2026-11-04T12:00:00", open=True),
        Invitee("felix", STAKEHOLDERS, "stakeholder", "Dr Felix Brandt, Clinical lead Eastgate",
                created_at="2026-11-04T12:05:00", expires_at="2026-11-18T00:00:00"),
    ),
    (
        Said(READINESS, "jo", "2026-11-03T14:10:00", {
            "owner": "named_with_authority",
            "owner_name": "Marit Solberg, Head of Patient Access (signs off triage rules and "
                          "clinic rotas)",
            "first_workflow": "agreed",
            "first_workflow_name": "Daily triage of new GP referrals by the central referral "
                                   "team, every weekday 8:00-10:00.",
            "first_workflow_cadence": "daily",
            "first_users": "group_named",
            "first_users_detail": "6 referral coordinators at the Harbour Road hub: stop "
                                  "re-keying referrals from the e-referral inbox into the PAS, "
                                  "start triaging in the queue.",
            "data_access": "agreed",
            "data_access_detail": "e-referral inbox export (Kwame Asante, IT); PAS appointment "
                                  "slots (Lisette Moreau, information governance, DPIA open).",
            "decision_change": "named",
            "decision_change_detail": "Which referrals get urgent slots, daily, by the duty "
                                      "coordinator.",
            "proof_metric": "metric_with_baseline",
            "proof_metric_name": "Days from referral received to first appointment booked",
            "proof_metric_baseline": "11.4 days median (PAS report, September 2026)",
            "old_process": "named",
            "old_process_detail": "The shared 'Referrals tracker' spreadsheet on the S: drive.",
            "capacity": "named",
            "capacity_detail": "Marit and two coordinators named; no hours until the winter "
                               "rota is out.",
            "adoption_budget": "informal",
            "stall_risks": "named",
            "stall_risks_detail": "DPIA sign-off may slip into January; Dr Brandt doubts the "
                                  "triage rules; winter pressure from December.",
        }, {"owner": 2, "first_workflow": 2, "first_users": 2, "data_access": 2,
            "decision_change": 1, "proof_metric": 2, "old_process": 1, "capacity": 1,
            "adoption_budget": 1, "stall_risks": 2}),
        Said(READINESS, "marit", "2026-11-06T09:30:00", {
            "owner": "named_with_authority",
            "owner_name": "Marit Solberg",
            "first_workflow": "agreed",
            "first_workflow_name": "Morning triage of GP referrals, Harbour Road, weekdays.",
            "first_users": "group_named",
            "first_users_detail": "The six coordinators. They know it is coming, not yet what "
                                  "changes for them day to day.",
            "data_access": "agreed",
            "data_access_detail": "Kwame has agreed the inbox export. PAS slots wait for the "
                                  "DPIA, which Lisette expects mid-December.",
            "decision_change": "named",
            "decision_change_detail": "Urgent slot allocation, every morning.",
            "proof_metric": "metric_with_baseline",
            "proof_metric_name": "Referral to first appointment booked (days)",
            "proof_metric_baseline": "11.4 days median, PAS, September",
            "old_process": "agreed",
            "old_process_detail": "Referrals tracker spreadsheet. It goes, but not before the "
                                  "queue has run a month.",
            "capacity": "named",
            "capacity_detail": "Two coordinators half a day a week from January. The rest "
                               "after winter.",
            "stall_risks": "named",
            "stall_risks_detail": "Winter. Felix. The DPIA.",
        }),
        Said(STAKEHOLDERS, "jo", "2026-11-04T11:40:00", {"stakeholders": [
            person("Dr Hannah Whitcombe, Medical Director", "approver", 5, "supportive",
                   "supportive", success="Referral waits down before the spring inspection.",
                   owner="Jo Okafor"),
            person("Marit Solberg, Head of Patient Access", "manager", 4, "leading", "leading",
                   success="Her coordinators stop re-keying referrals.", owner="Jo Okafor"),
            person("Referral coordinators, Harbour Road (6)", "daily_user", 3, "neutral",
                   "supportive", success="No more copying referrals between two screens.",
                   resistance="Worried urgent referrals get lost in a new queue in winter.",
                   mitigation="Shadow the Tuesday triage with two coordinators; keep the "
                              "tracker read-only for the first month.",
                   owner="Marit Solberg"),
            person("Dr Felix Brandt, Clinical lead Eastgate", "manager", 3, "sceptical",
                   "supportive", success="Clinicians, not rules, decide what is urgent.",
                   resistance="Thinks rule-based triage will misgrade his complex patients.",
                   mitigation="Felix reviews the triage rules with Marit before go-live; "
                              "Eastgate joins in week 3 only if Harbour Road waits fall.",
                   owner="Marit Solberg",
                   wanted="no"),
        ]}),
    ),
)


# --- Fennick Packaging: closing. Seller and plant manager tell different stories. ---
