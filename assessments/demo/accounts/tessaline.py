"""Demo account: Tessaline Distribution (live)."""

from __future__ import annotations

from functools import partial

from assessments.demo.accounts import (
    PULSE,
    READINESS,
    STAKEHOLDERS,
    Account,
    Invitee,
    Said,
    confirmed,
    person,
    pulse,
)
from scoring.assess import Assessment

TESSALINE_LIVE = "2026-09-21"
TESSALINE_USERS = {
    "aisha": ("Aisha Khan, Shift lead", "Leeds"),
    "tom": ("Tom Whitlock, Exception handler", "Leeds"),
    "nadia": ("Nadia Petrova, Exception handler", "Leeds"),
    "gareth": ("Gareth Lloyd, Shift lead", "Wakefield"),
    "bev": ("Bev Sutton, Exception handler", "Wakefield"),
    "kofi": ("Kofi Mensah, Exception handler", "Wakefield"),
}
_t = partial(pulse, TESSALINE_LIVE)

TESSALINE = Account(
    Assessment(id="tessaline-distribution", account="Tessaline Distribution",
               deal="Delivery exception desk, North pilot", owner="Priya Raman", stage="live",
               close_date="2026-08-14", go_live=TESSALINE_LIVE),
    (
        Invitee("ruth", READINESS, "stakeholder", "Ruth Ainsley, Regional Operations Manager",
                named=True, created_at="2026-08-03T13:00:00", expires_at="2026-09-03T00:00:00"),
        *(Invitee(key, PULSE, "user", name, segment=team, created_at="2026-09-21T07:30:00")
          for key, (name, team) in TESSALINE_USERS.items()),
        Invitee("lee", PULSE, "user", "Lee Carver, Exception handler", segment="Wakefield",
                created_at="2026-09-21T07:30:00", revoked=True),
    ),
    (
        Said(READINESS, "priya", "2026-08-03T12:15:00", {
            "owner": "named_with_authority",
            "owner_name": "Ruth Ainsley, Regional Operations Manager North",
            "first_workflow": "agreed",
            "first_workflow_name": "Monday exception review by the Leeds and Wakefield "
                                   "exception teams, plus same-day exceptions as they come.",
            "first_workflow_cadence": "daily",
            "first_users": "group_informed",
            "first_users_detail": "Six exception handlers (three per depot): stop the 4pm "
                                  "exceptions spreadsheet, start working cases on the desk.",
            "data_access": "tested",
            "data_access_detail": "TMS delivery events and the carrier ETA feed; test extract "
                                  "run 30 July (owner: Neil Hardy, IT).",
            "decision_change": "named",
            "decision_change_detail": "Which failed deliveries get a same-day redelivery, "
                                      "daily, by the shift lead.",
            "proof_metric": "metric_baseline_target",
            "proof_metric_name": "Exceptions closed within 48 hours",
            "proof_metric_baseline": "58 % (exceptions spreadsheet, June-July 2026)",
            "proof_metric_target": "80 % by the end of November 2026",
            "old_process": "agreed_with_date",
            "old_process_detail": "The 4pm exceptions spreadsheet, read-only from week 6.",
            "capacity": "on_calendar",
            "capacity_detail": "Ruth 2 h a week; Aisha and Gareth half a day a week for the "
                               "first eight weeks.",
            "adoption_budget": "allocated",
            "stall_risks": "named_with_owner",
            "stall_risks_detail": "Graham Pell owns the spreadsheet and the priority rules "
                                  "(Ruth); carrier ETA accuracy (Neil Hardy).",
        }, {"owner": 3, "first_workflow": 3, "first_users": 2, "data_access": 3,
            "decision_change": 2, "proof_metric": 3, "old_process": 2, "capacity": 2,
            "adoption_budget": 2, "stall_risks": 2}),
        Said(READINESS, "ruth", "2026-08-05T08:10:00", {
            "owner": "named_with_authority",
            "owner_name": "Ruth Ainsley",
            "first_workflow": "agreed",
            "first_workflow_name": "Monday exception review, both depots.",
            "first_users": "group_informed",
            "first_users_detail": "The six handlers; briefed at the July depot meetings.",
            "data_access": "tested",
            "decision_change": "named",
            "decision_change_detail": "Same-day redelivery calls.",
            "proof_metric": "metric_baseline_target",
            "proof_metric_name": "Closed within 48 h",
            "proof_metric_baseline": "58 %",
            "proof_metric_target": "80 % by end of November",
            "old_process": "agreed_with_date",
            "old_process_detail": "Spreadsheet read-only from week 6; Graham agreed.",
            "capacity": "on_calendar",
            "capacity_detail": "In the rota for eight weeks.",
            "stall_risks": "named_with_owner",
            "stall_risks_detail": "Graham, the ETA feed, peak season from November.",
        }),
        Said(STAKEHOLDERS, "priya", "2026-08-04T10:00:00", {"stakeholders": [
            person("Ruth Ainsley, Regional Operations Manager", "manager", 5, "leading",
                   "leading", success="48-hour closure at 80 % before peak.",
                   owner="Priya Raman"),
            person("Alan Mistry, Operations Director", "approver", 4, "supportive",
                   "supportive", success="A pilot he can roll out to the South region.",
                   owner="Priya Raman"),
            person("Graham Pell, Transport planner (Leeds)", "daily_user", 4, "sceptical",
                   "supportive", success="Priority rules that match what he knows works.",
                   resistance="Built and owns the exceptions spreadsheet and its priority "
                              "rules.",
                   mitigation="Graham co-owns the priority rules with Ruth; his spreadsheet "
                              "goes read-only in week 6, not on day one.",
                   owner="Ruth Ainsley",
                   wanted="no"),
            person("Exception handlers, Leeds and Wakefield (6)", "daily_user", 2, "neutral",
                   "supportive", success="One list instead of the spreadsheet and the inbox.",
                   resistance="Checking the desk against the spreadsheet doubles the work.",
                   mitigation="Role-specific session in week 3 on handing over and closing "
                              "cases.",
                   owner="Aisha Khan"),
        ]}),
        # Week 1: go-live week. The spreadsheet rules; ETAs and counts are not trusted yet.
        _t("aisha", 1, "15:40", "some_days", "yyn-nnn", "same", "used_alongside", (5, 4), 6,
           {"trust": "The carrier ETA on the exception card was 40 minutes off for two Leeds "
                     "drops on Tuesday, so I checked every card against the carrier portal."}),
        _t("tom", 1, "16:05", "once", "nyn-nnn", "same", "still_primary", (4, 4), 4,
           {"training": "Don't know how to hand an exception over to Wakefield in it; emailed "
                        "them like before."}),
        _t("nadia", 1, "16:22", "some_days", "nynnnnn", "less", "still_primary", (4, 4), 5,
           {"trust": "Auto-priority put a failed pharmacy delivery below a late pallet of "
                     "paper towels. Re-sorted the list in the spreadsheet.",
            "training": "Couldn't find how to close a case when the customer refuses the "
                        "redelivery."}),
        _t("gareth", 1, "14:58", "once", "nnn-nnn", "same", "still_primary", (4, 4), 3,
           {"training": "Missed the go-live training (on leave Monday). Couldn't find the "
                        "filter for my own routes."}),
        _t("bev", 1, "15:31", "some_days", "nynnnnn", "less", "still_primary", (4, 4), 4,
           {"trust": "Exception count doesn't match the TMS end-of-day report: 31 on the desk, "
                     "34 in TMS. Kept the spreadsheet as master until someone explains the "
                     "gap."}),
        _t("kofi", 1, "17:12", "some_days", "nyn-nnn", "same", "still_primary", (4, 4), 5,
           {"workflow": "Ruth's 4pm update still comes from the spreadsheet, so I fill in "
                        "both.",
            "training": "Not sure which status means 'waiting on customer'."}),
        # Week 2: the ETA feed is fixed; the count gap is explained; still two systems.
        _t("aisha", 2, "15:15", "every_day", "yyn-nny", "more", "used_alongside", (5, 4), 6,
           {"trust": "ETAs better since Wednesday's carrier feed fix; still spot-checking the "
                     "Sheffield run."}),
        _t("tom", 2, "16:40", "some_days", "yyn-nnn", "same", "still_primary", (5, 4), 5,
           {"training": "Found the handover button, not how to split one exception across "
                        "two drops."}),
        _t("nadia", 2, "16:02", "some_days", "nyn-nnn", "same", "still_primary", (4, 4), 5,
           {"trust": "Priority still odd for pharmacy drops; checking those by hand."}),
        _t("gareth", 2, "15:20", "some_days", "nyn-nnn", "same", "still_primary", (4, 4), 4,
           {"training": "Still no session for those who missed go-live; Bev showed me the "
                        "route filter."}),
        _t("bev", 2, "15:48", "some_days", "nyn-nnn", "more", "still_primary", (4, 3), 5,
           {"trust": "Count gap explained: TMS counts cancelled drops. Keeping the "
                     "spreadsheet one more week."}),
        _t("kofi", 2, "17:30", "some_days", "nyn-nnn", "same", "still_primary", (4, 3), 5,
           {"product_friction": "Tried <b>bold</b> & \"quotes\" in the notes field and the "
                                "case history showed the raw tags. Went back to the "
                                "spreadsheet for long notes.",
            "workflow": "The 4pm update still comes from the spreadsheet."}),
        # Week 3: role-specific session on Tuesday; Ruth changes the pharmacy priority rule.
        _t("aisha", 3, "15:05", "every_day", "yyn-yny", "more", "used_alongside", (5, 5), 7),
        _t("tom", 3, "16:12", "every_day", "yyn-nny", "more", "used_alongside", (5, 4), 7),
        _t("nadia", 3, "16:30", "some_days", "yyn-nnn", "same", "used_alongside", (4, 5), 6,
           {"trust": "Pharmacy priority fixed after Tuesday's rule change; one more week "
                     "before I stop checking."}),
        _t("gareth", 3, "15:02", "some_days", "yyn-nnn", "more", "used_alongside", (4, 4), 6),
        _t("bev", 3, "15:55", "every_day", "yyn-nnn", "same", "still_primary", (4, 4), 5,
           {"workflow": "Wakefield still sends Ruth the 4pm spreadsheet; nobody told us to "
                        "stop."}),
        _t("kofi", 3, "17:05", "some_days", "yyn-nny", "more", "used_alongside", (4, 4), 6),
        # Week 4: Ruth reads the desk, not the spreadsheet, in the Monday review.
        _t("aisha", 4, "15:25", "every_day", "yyyyyny", "more", "rarely", (6, 5), 8),
        _t("tom", 4, "16:01", "every_day", "yyy-nny", "more", "used_alongside", (5, 5), 7),
        _t("nadia", 4, "16:18", "every_day", "yyy-nnn", "more", "used_alongside", (5, 5), 7),
        _t("gareth", 4, "15:10", "every_day", "yyyyynn", "more", "used_alongside", (5, 5), 7),
        _t("bev", 4, "15:44", "some_days", "yyn-nny", "same", "used_alongside", (5, 4), 6,
           {"workflow": "Told to stop the 4pm spreadsheet from Monday; still filling it in "
                        "this week."}),
        _t("kofi", 4, "17:20", "every_day", "yyy-nnn", "more", "used_alongside", (5, 5), 7),
        # Week 5: first value, described in the words of the people who saw it.
        _t("aisha", 5, "15:10", "every_day", "yyyyyyy", "more", "rarely", (6, 6), 9, value=(
            "Used it for the Monday exception review, resolved seven cases through the new "
            "workflow, and retired the old spreadsheet for the Leeds pilot region.")),
        _t("tom", 5, "16:15", "every_day", "yyy-yny", "more", "rarely", (6, 5), 8),
        _t("nadia", 5, "16:27", "every_day", "yyyyyny", "same", "rarely", (5, 6), 8),
        _t("gareth", 5, "14:55", "every_day", "yyyyyyy", "more", "used_alongside", (6, 5), 8,
           value="Closed 23 of 27 Wakefield exceptions inside 48 hours this week; "
                 "the spreadsheet had us at about 15 of 27."),
        _t("bev", 5, "15:40", "every_day", "yyy-ynn", "same", "rarely", (5, 5), 7),
        _t("kofi", 5, "17:02", "every_day", "yyy-nnn", "same", "used_alongside", (5, 5), 7,
           {"training": "Still unsure how to merge two exceptions for the same customer."}),
        # Week 6: the spreadsheet goes read-only as agreed; Wakefield follows Leeds.
        _t("aisha", 6, "15:00", "every_day", "yyyyyyy", "same", "retired", (6, 6), 9,
           value="Ran the whole Monday review from the desk; Ruth signed off the 48-hour "
                 "figure without asking for the spreadsheet."),
        _t("tom", 6, "16:20", "every_day", "yyyyyyy", "more", "retired", (6, 6), 9,
           value="Split a two-drop exception and closed both the same day."),
        _t("nadia", 6, "16:10", "every_day", "yyy-yyy", "more", "retired", (6, 6), 8,
           value="Pharmacy redelivery booked from the desk in 10 minutes, no phone calls."),
        _t("gareth", 6, "15:05", "every_day", "yyyyyyy", "same", "retired", (6, 6), 9,
           value="Wakefield's 48-hour rate was 81 % this week."),
        _t("bev", 6, "15:35", "every_day", "yyy-yny", "more", "rarely", (6, 5), 8),
        _t("kofi", 6, "17:10", "every_day", "yyy-yny", "more", "rarely", (5, 5), 7),
        confirmed(TESSALINE_LIVE, "priya", 6, "The Leeds pilot ran the Monday exception review "
                  "in the desk, closed 78 % of exceptions inside 48 hours against 58 % before, "
                  "and retired the spreadsheet.", "Ruth Ainsley, Regional Operations Manager"),
        # Week 7: steady; the last doubters see it for themselves.
        _t("aisha", 7, "15:12", "every_day", "yyyyyyy", "same", "retired", (7, 6), 10, seen=True),
        _t("tom", 7, "16:08", "every_day", "yyy-yyy", "same", "retired", (6, 6), 9, seen=True),
        _t("nadia", 7, "16:25", "every_day", "yyyyyyy", "more", "retired", (6, 6), 9, seen=True),
        _t("gareth", 7, "15:00", "every_day", "yyyyyyy", "same", "retired", (6, 6), 9, seen=True),
        _t("bev", 7, "15:30", "every_day", "yyy-yyy", "more", "retired", (6, 6), 8,
           value="No more end-of-day recount: the desk and TMS matched all week."),
        _t("kofi", 7, "17:00", "every_day", "yyy-yny", "more", "rarely", (6, 5), 8,
           value="Merged duplicate exceptions for one customer in two clicks."),
        # Week 8: Alan asks about the South region; the gate says it may go ahead.
        _t("aisha", 8, "15:05", "every_day", "yyyyyyy", "same", "retired", (7, 7), 10, seen=True),
        _t("tom", 8, "16:00", "every_day", "yyyyyyy", "same", "retired", (6, 6), 9, seen=True),
        _t("nadia", 8, "16:15", "every_day", "yyy-yyy", "same", "retired", (7, 6), 9, seen=True),
        _t("gareth", 8, "14:50", "every_day", "yyyyyyy", "same", "retired", (6, 6), 10, seen=True),
        _t("bev", 8, "15:25", "every_day", "yyy-yyy", "more", "retired", (6, 6), 9, seen=True),
        _t("kofi", 8, "16:55", "every_day", "yyyyyyy", "more", "retired", (6, 6), 9, seen=True),
    ),
)


# --- Marlow Bay Hotels: live. A decent start, then capacity and app friction win. ---
