"""Demo account: Orrin Valley Credit Union (implementing)."""

from __future__ import annotations

from assessments.demo.accounts import READINESS, STAKEHOLDERS, Account, Invitee, Said, adkar, person
from scoring.assess import Assessment

ORRIN_SELF = {
    "paula": "Paula Reid, Loan processor (super-user)",
    "dev": "Dev Malhotra, Loan processor",
    "sinead": "Sinead Keogh, Loan processor",
    "tariq": "Tariq Aziz, Processing team lead",
    "maeve": "Maeve Dunne, Riverside branch manager",
    "colm": "Colm Farrelly, Senior underwriter",
}

ORRIN = Account(
    Assessment(id="orrin-valley", account="Orrin Valley Credit Union",
               deal="Loan exception queue, member lending", owner="Sam Berg",
               stage="implementing", close_date="2026-10-16", go_live="2026-12-07"),
    (
        Invitee("harriet", READINESS, "stakeholder", "Harriet Lunde, Head of Member Lending",
                named=True, created_at="2026-10-05T10:30:00", expires_at="2026-11-05T00:00:00"),
        *(Invitee(key, STAKEHOLDERS, "stakeholder", name, created_at="2026-10-06T09:00:00",
                  expires_at="2026-12-31T00:00:00")
          for key, name in ORRIN_SELF.items()),
    ),
    (
        Said(READINESS, "sam", "2026-10-05T10:00:00", {
            "owner": "named_with_authority",
            "owner_name": "Harriet Lunde, Head of Member Lending (signed the success plan on "
                          "2 October)",
            "first_workflow": "agreed",
            "first_workflow_name": "Loan exception queue: processors clear missing-document "
                                   "and affordability exceptions at 9:00 and 14:00 daily.",
            "first_workflow_cadence": "daily",
            "first_users": "group_informed",
            "first_users_detail": "11 loan processors at Riverside: stop the 'Exceptions' "
                                  "Outlook folder and the Friday Excel roll-up, start working "
                                  "exceptions in the queue.",
            "data_access": "tested",
            "data_access_detail": "Loan origination export tested 29 September (Marcus Bell, "
                                  "IT); read access to the document store granted.",
            "decision_change": "named",
            "decision_change_detail": "Which exceptions a team lead escalates to underwriting, "
                                      "twice a day.",
            "proof_metric": "metric_baseline_target",
            "proof_metric_name": "Median days from application to lending decision",
            "proof_metric_baseline": "6.5 days (LOS report, Q3 2026)",
            "proof_metric_target": "4 days by 31 March 2027",
            "old_process": "agreed_with_date",
            "old_process_detail": "The Friday Excel roll-up stops on 18 January 2027; Harriet "
                                  "no longer accepts it in the Monday huddle.",
            "capacity": "on_calendar",
            "capacity_detail": "Harriet 2 h a week; super-users Paula and Dev one day a week "
                               "until March; a one-hour weekly review is booked.",
            "adoption_budget": "allocated",
            "stall_risks": "named_with_owner",
            "stall_risks_detail": "Year-end volume (Harriet moved go-live to 7 December); Colm "
                                  "wants to keep his affordability sheet (plan agreed, Sam); "
                                  "LOS patch in November (Marcus Bell).",
        }, {"owner": 3, "first_workflow": 3, "first_users": 2, "data_access": 3,
            "decision_change": 2, "proof_metric": 3, "old_process": 2, "capacity": 3,
            "adoption_budget": 2, "stall_risks": 2}),
        Said(READINESS, "harriet", "2026-10-07T16:20:00", {
            "owner": "named_with_authority",
            "owner_name": "Harriet Lunde",
            "first_workflow": "agreed",
            "first_workflow_name": "Exception queue, twice daily, Riverside processors.",
            "first_users": "group_informed",
            "first_users_detail": "All 11 processors were briefed on 1 October; Tariq runs "
                                  "the team huddles.",
            "data_access": "tested",
            "data_access_detail": "Marcus sent the test extract; document store access live.",
            "decision_change": "named",
            "decision_change_detail": "Escalations to underwriting, 9:00 and 14:00.",
            "proof_metric": "metric_baseline_target",
            "proof_metric_name": "Application to decision, median days",
            "proof_metric_baseline": "6.5 days, Q3",
            "proof_metric_target": "4 days by end of March",
            "old_process": "agreed_with_date",
            "old_process_detail": "Friday roll-up ends 18 January. I have told the team.",
            "capacity": "on_calendar",
            "capacity_detail": "In the diary until March: my 2 h, Paula and Dev on Thursdays.",
            "adoption_budget": "allocated",
            "stall_risks": "named_with_owner",
            "stall_risks_detail": "December volume; Colm's sheet; the LOS patch.",
        }),
        Said(STAKEHOLDERS, "sam", "2026-10-06T08:30:00", {"stakeholders": [
            person("Harriet Lunde, Head of Member Lending", "manager", 5, "leading", "leading",
                   success="Decisions in four days without weekend catch-up.",
                   owner="Sam Berg"),
            person("Gwen Talbot, COO", "approver", 4, "supportive", "supportive",
                   success="Member complaints about slow loans halved.",
                   resistance="A winter go-live that slows lending decisions before it speeds "
                              "them up.", owner="Sam Berg"),
            person("Loan processors, Riverside (11)", "daily_user", 3, "neutral", "supportive",
                   success="No more hunting exceptions through an Outlook folder.",
                   resistance="Not sure yet what changes in their day; knowledge is the gap.",
                   mitigation="Two hands-on sessions on real files in November; a one-page "
                              "before and after per role.",
                   owner="Paula Reid"),
            person("Colm Farrelly, Senior underwriter", "daily_user", 3, "sceptical",
                   "supportive",
                   success="No affordability edge case slips through.",
                   resistance="His affordability spreadsheet is the team's safety net; he "
                              "fears the queue hides edge cases.",
                   mitigation="Colm writes the affordability exception rules with Sam; his "
                              "sheet stays as a cross-check until 18 January.",
                   owner="Harriet Lunde",
                   wanted="no"),
        ]}),
        adkar("paula", "2026-10-08T09:12:00", "daily_user", (5, 4, 3, 3, 4),
              "Clearing the 9:00 batch before the branch calls start chasing.",
              "If I have to re-type the member number in two places."),
        adkar("dev", "2026-10-08T11:47:00", "daily_user", (4, 4, 3, 3, 3),
              "Seeing which exceptions are mine without asking Tariq.",
              "Not knowing what replaces the Outlook flags I use now."),
        adkar("sinead", "2026-10-09T14:03:00", "daily_user", (4, 3, 3, 3, 4),
              "Friday afternoons without the roll-up.",
              "Learning it in December, when we are busiest."),
        adkar("tariq", "2026-10-08T16:30:00", "manager", (5, 5, 4, 4, 5),
              "Knowing at 10:00 how many exceptions are left, not at 4pm.",
              "If the queue numbers don't match what the LOS says."),
        adkar("maeve", "2026-10-10T10:15:00", "manager", (4, 4, 4, 3, 4),
              "Members told a date for their decision, and we keep it.",
              "Branch staff losing sight of their members' applications."),
        adkar("colm", "2026-10-12T19:40:00", "daily_user", (4, 2, 3, 3, 2),
              "No affordability case approved that my sheet would have stopped.",
              "Output I can't check. I'll keep my sheet until the rules are proven.",
              wanted="no"),
    ),
)


# --- Tessaline Distribution: live. Trust and training first, first value in week 5. ---
