"""Demo account: Halden Freight (qualifying)."""

from __future__ import annotations

from assessments.demo.accounts import READINESS, STAKEHOLDERS, Account, Invitee, Said, person
from scoring.assess import Assessment

HALDEN = Account(
    Assessment(id="halden-freight", account="Halden Freight", deal="Carrier claims desk",
               owner="Priya Raman", stage="qualifying", close_date="2027-02-26",
               go_live="2027-05-03"),
    (
        Invitee("gemma", READINESS, "stakeholder", "Gemma Hart, VP Operations",
                named=True, created_at="2026-11-10T09:30:00", expires_at="2026-12-10T00:00:00"),
        Invitee("derek", STAKEHOLDERS, "stakeholder", "Derek Lomas, Claims team lead",
                created_at="2026-11-12T10:00:00", expires_at="2026-12-12T00:00:00"),
        Invitee("farah", STAKEHOLDERS, "stakeholder", "Farah Qureshi, Claims handler",
                created_at="2026-11-12T10:01:00", expires_at="2026-12-12T00:00:00"),
    ),
    (
        Said(READINESS, "priya", "2026-11-09T11:20:00", {
            "owner": "none",
            "first_workflow": "named",
            "first_workflow_name": "Carrier damage claims at Doncaster, probably weekly; Gemma "
                                   "also mentioned Bolton returns. Not agreed with anyone.",
            "first_workflow_cadence": "weekly",
            "first_users": "everyone",
            "data_access": "unknown",
            "decision_change": "general",
            "decision_change_detail": "Gemma wants \"better visibility of claims across the "
                                      "network\". No decision or cadence named yet.",
            "proof_metric": "outcome_only",
            "old_process": "none",
            "capacity": "best_effort",
            "adoption_budget": "none",
            "stall_risks": "not_discussed",
        }, {"owner": 2, "first_workflow": 1, "first_users": 1, "data_access": 0,
            "decision_change": 1, "proof_metric": 1, "old_process": 1, "capacity": 2,
            "adoption_budget": 1, "stall_risks": 0}),
        Said(STAKEHOLDERS, "priya", "2026-11-10T09:00:00", {"stakeholders": [
            person("Gemma Hart, VP Operations", "approver", 5, "leading", "leading",
                   success="Claims closed inside 10 days across all six depots.",
                   owner="Priya Raman"),
            person("Derek Lomas, Claims team lead (Doncaster)", "manager", 4, "resistant",
                   "supportive", success="His team's targets still mean something.",
                   resistance="Built the Claimsbook workbook; his team's monthly targets are "
                              "measured from it, and nobody asked him before the demo.",
                   wanted="no"),
            person("Claims handlers, Doncaster and Bolton (14)", "daily_user", 2, "neutral",
                   "supportive", success="One place to see a claim's history.",
                   resistance="Double entry while the workbook and the desk run side by side.",
                   mitigation="Ask Gemma to name who decides the date the workbook stops.",
                   owner="Priya Raman"),
        ]}),
        Said(READINESS, "gemma", "2026-11-12T08:45:00", {
            "owner": "sponsor_only",
            "owner_name": "Me for now. I'll drive it until we find someone.",
            "first_workflow": "several",
            "first_users": "everyone",
            "data_access": "identified",
            "data_access_detail": "Claims live in the Claimsbook workbook and the carrier "
                                  "portal. IT will sort access once we sign.",
            "decision_change": "general",
            "decision_change_detail": "Faster claims, fewer write-offs. The team is excited "
                                      "and we need to move fast.",
            "proof_metric": "outcome_only",
            "old_process": "none",
            "capacity": "best_effort",
            "stall_risks": "not_discussed",
        }),
    ),
)


# --- Brightmoor Clinics: closing. Owner, workflow and baseline hold; capacity is thin. ---
