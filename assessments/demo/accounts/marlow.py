"""Demo account: Marlow Bay Hotels (live)."""

from __future__ import annotations

from functools import partial

from assessments.demo.accounts import (
    PULSE,
    READINESS,
    STAKEHOLDERS,
    Account,
    Invitee,
    Said,
    person,
    pulse,
)
from scoring.assess import Assessment

MARLOW_LIVE = "2026-10-05"
MARLOW_USERS = {
    "lucy": ("Lucy Tran, Floor supervisor", "Housekeeping"),
    "mehmet": ("Mehmet Aydin, Room attendant", "Housekeeping"),
    "rosa": ("Rosa Delgado, Room attendant", "Housekeeping"),
    "owen": ("Owen Price, Maintenance supervisor", "Maintenance"),
    "jake": ("Jake Mercer, Maintenance technician", "Maintenance"),
    "sunita": ("Sunita Rao, Maintenance technician", "Maintenance"),
}
_m = partial(pulse, MARLOW_LIVE)

MARLOW = Account(
    Assessment(id="marlow-bay-hotels", account="Marlow Bay Hotels",
               deal="Maintenance work orders, four coastal hotels", owner="Jo Okafor",
               stage="live", close_date="2026-09-04", go_live=MARLOW_LIVE),
    (
        Invitee("carla", READINESS, "stakeholder", "Carla Benedetti, Group Operations Manager",
                named=True, created_at="2026-08-20T10:00:00", expires_at="2026-09-20T00:00:00"),
        *(Invitee(key, PULSE, "user", name, segment=team, created_at="2026-10-05T06:45:00")
          for key, (name, team) in MARLOW_USERS.items()),
        Invitee("denise", STAKEHOLDERS, "stakeholder", "Denise Carr, Executive Housekeeper",
                created_at="2026-08-20T10:05:00", expires_at="2026-09-04T00:00:00"),
    ),
    (
        Said(READINESS, "jo", "2026-08-19T15:30:00", {
            "owner": "named_with_authority",
            "owner_name": "Carla Benedetti, Group Operations Manager",
            "first_workflow": "agreed",
            "first_workflow_name": "Room-blocking maintenance jobs logged, assigned and closed "
                                   "in the app, all four hotels, every shift.",
            "first_workflow_cadence": "daily",
            "first_users": "group_named",
            "first_users_detail": "Housekeeping supervisors and room attendants report; the "
                                  "maintenance team picks up and closes. About 40 people.",
            "data_access": "agreed",
            "data_access_detail": "Room status from the PMS (Sandeep Kaur, IT); staff list "
                                  "from HR for logins.",
            "decision_change": "named",
            "decision_change_detail": "Which blocked rooms are fixed first before check-in, "
                                      "by the maintenance supervisor, every morning.",
            "proof_metric": "metric_with_baseline",
            "proof_metric_name": "Room nights lost to maintenance blocks",
            "proof_metric_baseline": "96 per month across the group (PMS, June-July 2026)",
            "old_process": "named",
            "old_process_detail": "Paper job dockets and the 'MB Maintenance' WhatsApp group.",
            "capacity": "named",
            "capacity_detail": "Lucy and Owen named as champions; no time set aside, summer "
                               "season still running.",
            "adoption_budget": "informal",
            "stall_risks": "named",
            "stall_risks_detail": "Wi-Fi in the plant rooms; staff turnover after the season; "
                                  "Denise prefers paper.",
        }, {"owner": 2, "first_workflow": 2, "first_users": 1, "data_access": 2,
            "decision_change": 2, "proof_metric": 2, "old_process": 1, "capacity": 1,
            "adoption_budget": 1, "stall_risks": 1}),
        Said(READINESS, "carla", "2026-08-24T11:00:00", {
            "owner": "named_with_authority",
            "owner_name": "Carla Benedetti",
            "first_workflow": "agreed",
            "first_workflow_name": "Maintenance jobs that block a room.",
            "first_users": "group_named",
            "first_users_detail": "Housekeeping and maintenance at all four hotels.",
            "data_access": "agreed",
            "decision_change": "named",
            "proof_metric": "metric_with_baseline",
            "proof_metric_name": "Room nights lost",
            "proof_metric_baseline": "About 96 a month",
            "old_process": "named",
            "old_process_detail": "The WhatsApp group and the dockets.",
            "capacity": "named",
            "capacity_detail": "Lucy and Owen, when the season allows.",
            "stall_risks": "named",
        }),
        Said(STAKEHOLDERS, "jo", "2026-08-20T09:30:00", {"stakeholders": [
            person("Carla Benedetti, Group Operations Manager", "approver", 5, "supportive",
                   "leading", success="Fewer rooms off sale in the shoulder season.",
                   owner="Jo Okafor"),
            person("Owen Price, Maintenance supervisor", "manager", 4, "supportive", "leading",
                   success="One list of jobs instead of five WhatsApp threads.",
                   owner="Carla Benedetti"),
            person("Denise Carr, Executive Housekeeper", "manager", 4, "sceptical",
                   "supportive", success="Her attendants spend time on rooms, not phones.",
                   resistance="Thinks logging jobs on a phone slows her attendants down.",
                   mitigation="Denise picks which job types go in the app first; paper "
                              "dockets stay for deep cleans until November.",
                   owner="Carla Benedetti",
                   wanted="no"),
            person("Room attendants, four hotels (about 30)", "daily_user", 2, "neutral",
                   "supportive", success="Report a fault once and see when it is fixed.",
                   resistance="Agency staff change weekly and have no logins.",
                   mitigation="Shared housekeeping tablet per floor.", owner="Lucy Tran"),
        ]}),
        # Week 1: a decent start; jobs go through the app, the WhatsApp group still runs.
        _m("lucy", 1, "14:10", "every_day", "yyy-ynn", "more", "used_alongside", (5, 5), 7,
           {"product_friction": "Room status takes a minute to reach the front desk tablet."},
           seen=True),
        _m("mehmet", 1, "13:45", "every_day", "nyn-nyy", "same", "used_alongside", (5, 5), 7),
        _m("rosa", 1, "13:52", "some_days", "nyn-nny", "more", "used_alongside", (5, 4), 7,
           {"training": "Don't know how to attach a photo of the damage."}),
        _m("owen", 1, "16:30", "every_day", "yyyyyyy", "more", "used_alongside", (6, 5), 8,
           seen=True),
        _m("jake", 1, "16:02", "every_day", "yyn-yny", "same", "used_alongside", (6, 5), 7,
           seen=True),
        _m("sunita", 1, "15:40", "every_day", "yyn-nnn", "same", "used_alongside", (5, 5), 7),
        # Week 2: about the same; the first friction reports from the plant rooms.
        _m("lucy", 2, "14:05", "every_day", "yyy-yny", "more", "used_alongside", (5, 5), 7,
           seen=True),
        _m("mehmet", 2, "13:40", "every_day", "yyn-nny", "same", "used_alongside", (5, 5), 7,
           seen=True),
        _m("rosa", 2, "13:55", "every_day", "nyn-nny", "same", "used_alongside", (5, 5), 7),
        _m("owen", 2, "16:20", "every_day", "yyyyyyy", "same", "used_alongside", (6, 5), 8,
           seen=True),
        _m("jake", 2, "16:10", "every_day", "yyn-yny", "same", "used_alongside", (5, 4), 7,
           {"product_friction": "The app logs me out in the basement plant room at the "
                                "Harbourside: no signal. I write the job on paper and type it "
                                "up later."}, seen=True),
        _m("sunita", 2, "15:35", "some_days", "yyn-nnn", "same", "used_alongside", (5, 5), 7),
        # Week 3: half-term; two attendants off sick; jobs go back to being phoned in.
        _m("lucy", 3, "14:30", "some_days", "yyn-nny", "same", "used_alongside", (5, 4), 6,
           {"capacity": "Two room attendants off sick at the Harbourside and half-term "
                        "full; no time to log jobs, I called Owen instead."}, seen=True),
        _m("mehmet", 3, "13:50", "some_days", "yyn-nny", "same", "used_alongside", (5, 4), 6),
        _m("rosa", 3, "14:01", "some_days", "nyn-nnn", "same", "used_alongside", (4, 4), 6,
           {"capacity": "Sixteen rooms a shift this week instead of twelve."}),
        _m("owen", 3, "16:45", "every_day", "yyy-ynn", "same", "used_alongside", (5, 4), 7,
           {"product_friction": "Logged out twice in the plant room again; jobs typed up at "
                                "the end of the shift."}, seen=True),
        _m("jake", 3, "16:05", "some_days", "nyn-nny", "same", "used_alongside", (5, 4), 6,
           {"product_friction": "Same plant-room logout as last week."}, seen=True),
        _m("sunita", 3, "15:50", "some_days", "yyn-nny", "same", "used_alongside", (5, 4), 6),
        # Week 4: the WhatsApp group is the main way again for some.
        _m("lucy", 4, "14:20", "some_days", "yyn-nnn", "less", "used_alongside", (4, 4), 5,
           {"capacity": "Still one attendant short; the agency staff have no logins."}),
        _m("mehmet", 4, "13:35", "some_days", "nyn-nny", "same", "used_alongside", (4, 4), 5,
           {"capacity": "Agency colleague couldn't log in, so we both used WhatsApp."}),
        _m("rosa", 4, "14:12", "once", "nyn-nnn", "same", "still_primary", (4, 4), 5,
           {"capacity": "No time between check-outs and check-ins."}),
        _m("owen", 4, "16:25", "every_day", "yyn-nny", "less", "used_alongside", (5, 4), 6,
           {"product_friction": "Job photos upload only on Wi-Fi; half my jobs have no photo, "
                                "so housekeeping sends them on WhatsApp."}, seen=True),
        _m("jake", 4, "16:15", "some_days", "yyn-nny", "same", "used_alongside", (4, 4), 5,
           {"product_friction": "Plant-room logout, every day this week."}),
        _m("sunita", 4, "15:30", "some_days", "yyn-nny", "same", "used_alongside", (5, 4), 6),
        # Week 5: the champions have no time set aside, and it shows.
        _m("lucy", 5, "14:40", "once", "nyn-nnn", "less", "still_primary", (4, 4), 4,
           {"capacity": "I'm covering two floors; the app is the first thing that goes."}),
        _m("mehmet", 5, "13:30", "some_days", "yyn-nny", "same", "used_alongside", (4, 4), 5,
           {"capacity": "Short-staffed all week."}),
        _m("rosa", 5, "14:05", "once", "nnn-nnn", "same", "still_primary", (4, 3), 4,
           {"capacity": "No time."}),
        _m("owen", 5, "16:50", "some_days", "yyn-nny", "less", "used_alongside", (4, 4), 5,
           {"product_friction": "Still logged out in the plant rooms; support ticket open "
                                "since week 2.",
            "capacity": "One technician on holiday; no time to chase housekeeping to use "
                        "the app."}),
        _m("jake", 5, "16:20", "some_days", "nyn-nnn", "same", "still_primary", (4, 4), 5,
           {"product_friction": "Gave up on the app in the basement; paper dockets again."}),
        _m("sunita", 5, "15:45", "some_days", "yyn-nny", "same", "used_alongside", (5, 4), 6),
        # Week 6: paper dockets and WhatsApp run the jobs; the app is a record, if that.
        _m("lucy", 6, "14:35", "once", "nnn-nnn", "same", "still_primary", (4, 3), 4,
           {"capacity": "Nobody has time to enter jobs twice; WhatsApp wins."}),
        _m("mehmet", 6, "13:55", "once", "nyn-nnn", "same", "still_primary", (4, 4), 4,
           {"capacity": "Opened it once this week."}),
        _m("rosa", 6, "14:15", "once", "nyn-nnn", "same", "still_primary", (4, 3), 4),
        _m("owen", 6, "16:40", "some_days", "yyn-nny", "same", "used_alongside", (4, 4), 5,
           {"product_friction": "Logout fix promised for the next release; no date.",
            "capacity": "Carla asked for the paper docket count for the monthly report."}),
        _m("jake", 6, "16:12", "once", "nnn-nnn", "same", "still_primary", (4, 3), 4,
           {"product_friction": "Paper in the plant rooms, typed up on Fridays if at all."}),
        _m("sunita", 6, "15:55", "some_days", "yyn-nny", "same", "used_alongside", (4, 4), 5,
           {"capacity": "Covering the Quayside on my own this week."}),
        # Week 7: Jake is off; five answers, so only the week's total can be shown.
        _m("lucy", 7, "14:30", "not_at_all", "nnn-nnn", "less", "still_primary", (3, 2), 2,
           {"capacity": "Season's over, half the attendants left; new starters have no "
                        "logins yet."}),
        _m("mehmet", 7, "13:40", "once", "nnn-nnn", "same", "still_primary", (4, 3), 3),
        _m("rosa", 7, "14:20", "once", "nnn-nnn", "less", "still_primary", (4, 3), 3,
           {"capacity": "Training the new starters on paper first."}),
        _m("owen", 7, "16:35", "some_days", "nyn-nnn", "same", "still_primary", (4, 3), 3,
           {"product_friction": "Logout in the plant rooms still not fixed.",
            "capacity": "Two technicians for four hotels this week."}),
        _m("sunita", 7, "15:50", "some_days", "nyn-nny", "same", "used_alongside", (4, 3), 3,
           {"product_friction": "The app takes 30 seconds to open on the old handsets."}),
    ),
)
