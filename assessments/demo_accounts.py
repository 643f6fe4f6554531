"""The demo deals, as data: six fictional accounts, one or more per stage.

Every company, person and number here is invented. `assessments.demo` turns these
entries into stored records (ids, definition versions, invitation tokens); this module
only says who answered what, and when.

The stories, and what the scores make of them:

- Halden Freight (qualifying): an excited sponsor, nobody named to own the work.
- Brightmoor Clinics (closing): owner, workflow and baseline in place; capacity is not.
- Fennick Packaging (closing): the seller sees a ready deal, the plant manager does not.
- Orrin Valley Credit Union (implementing): ready, with a mitigated sceptic.
- Tessaline Distribution (live): trust and training blockers, then first value in week 5.
- Marlow Bay Hotels (live): a decent start that drifts under capacity and app friction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from scoring.assess import Assessment

READINESS, STAKEHOLDERS, PULSE = "pre-close-readiness", "stakeholder-map", "post-go-live-pulse"

SELLERS: Mapping[str, str] = {
    "priya": "Priya Raman",
    "jo": "Jo Okafor",
    "tomas": "Tomás Reyes",
    "sam": "Sam Berg",
}
"""The vendor's sellers: user name → display name. They answer as `seller`."""


@dataclass(frozen=True)
class Invitee:
    """A customer respondent's personal link; `key` is how `Said.who` refers to it."""

    key: str
    questionnaire: str
    role: str
    name: str
    segment: str = ""
    created_at: str = ""
    expires_at: str = ""
    revoked: bool = False
    open: bool = False


@dataclass(frozen=True)
class Said:
    """One submission: `who` is an `Invitee.key` or a seller's user name."""

    questionnaire: str
    who: str
    submitted_at: str
    answers: Mapping[str, Any]
    evidence: Mapping[str, int] = field(default_factory=dict)
    week: int | None = None


@dataclass(frozen=True)
class Account:
    """One demo deal: the assessment, the links sent out, and what came back."""

    assessment: Assessment
    invitees: tuple[Invitee, ...]
    said: tuple[Said, ...]


# The seven workflow-proof questions, in form order; `pulse` reads them from one string.
PROOF = ("proof_decision", "proof_workflow", "proof_source_of_truth", "proof_exception",
         "proof_artifact_retired", "proof_outcome", "proof_trust")
YES_NO = {"y": "yes", "n": "no"}


def pulse(go_live: str, who: str, week: int, time: str, usage: str, proof: str, trust: str,
          old: str, umux: tuple[int, int], recommend: int,
          blockers: Mapping[str, str] | None = None, value: str = "", seen: bool = False
          ) -> Said:
    """A weekly pulse, sent on the Friday of `week` (week 1 starts on `go_live`).

    `proof` answers PROOF in order: y yes, n no, - left blank (no exception that week).
    `blockers` maps each blocker type to what happened; none means nothing got in the way.
    `value` is the first value the respondent describes this week; `seen` says they saw it
    (in an earlier week) without describing it again.
    """
    friday = dt.date.fromisoformat(go_live) + dt.timedelta(days=7 * (week - 1) + 4)
    answers: dict[str, Any] = {"usage_frequency": usage}
    answers.update({q: YES_NO[a] for q, a in zip(PROOF, proof, strict=True) if a != "-"})
    answers.update(trust_change=trust, old_workflow=old, umux_capabilities=umux[0],
                   umux_easy=umux[1], blockers=list(blockers or ["none"]),
                   first_value_seen="yes" if value or seen else "no", recommend=recommend)
    answers.update({f"blocker_{kind}_detail": text for kind, text in (blockers or {}).items()})
    if value:
        answers["first_value"] = value
    return Said(PULSE, who, f"{friday.isoformat()}T{time}:00", answers, week=week)


def person(name: str, group: str, influence: int, stance: str, desired: str, success: str = "",
           resistance: str = "", mitigation: str = "", owner: str = "") -> dict[str, Any]:
    """One row of a seller's stakeholder map (empty texts are left out, as a form would)."""
    row: dict[str, Any] = {"name": name, "group": group, "influence": influence,
                           "stance": stance, "desired_stance": desired}
    row.update({k: v for k, v in (("success", success), ("resistance", resistance),
                                  ("mitigation", mitigation), ("owner", owner)) if v})
    return row


def adkar(who: str, at: str, group: str, ratings: tuple[int, int, int, int, int],
          success: str, resistance: str) -> Said:
    """A stakeholder's own answers: role group, success, resistance, ADKAR ratings 1–5."""
    elements = ("awareness", "desire", "knowledge", "ability", "reinforcement")
    answers: dict[str, Any] = {"role_group": group, "my_success": success,
                               "my_resistance": resistance}
    answers.update({f"adkar_{e}": r for e, r in zip(elements, ratings, strict=True)})
    return Said(STAKEHOLDERS, who, at, answers)


# --- Halden Freight: qualifying. The sponsor is excited; nobody owns the work. ---

HALDEN = Account(
    Assessment(id="halden-freight", account="Halden Freight", deal="Carrier claims desk",
               owner="Priya Raman", stage="qualifying", close_date="2027-02-26",
               go_live="2027-05-03"),
    (
        Invitee("gemma", READINESS, "stakeholder", "Gemma Hart, VP Operations",
                created_at="2026-11-10T09:30:00", expires_at="2026-12-10T00:00:00"),
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
            person("Derek Lomas, Claims team lead (Doncaster)", "did_not_want", 4, "resistant",
                   "supportive", success="His team's targets still mean something.",
                   resistance="Built the Claimsbook workbook; his team's monthly targets are "
                              "measured from it, and nobody asked him before the demo."),
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
        }, {"owner": 2, "first_workflow": 2, "first_users": 2, "data_access": 1,
            "decision_change": 2, "proof_metric": 1, "old_process": 1, "capacity": 2,
            "stall_risks": 1}),
    ),
)


# --- Brightmoor Clinics: closing. Owner, workflow and baseline hold; capacity is thin. ---

BRIGHTMOOR = Account(
    Assessment(id="brightmoor-clinics", account="Brightmoor Clinics",
               deal="Referral triage, nine outpatient clinics", owner="Jo Okafor",
               stage="closing", close_date="2026-12-18", go_live="2027-02-15"),
    (
        Invitee("marit", READINESS, "stakeholder", "Marit Solberg, Head of Patient Access",
                created_at="2026-11-03T15:00:00", expires_at="2026-12-03T00:00:00"),
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
        }, {"owner": 3, "first_workflow": 3, "first_users": 2, "data_access": 2,
            "decision_change": 2, "proof_metric": 2, "old_process": 2, "capacity": 2,
            "stall_risks": 2}),
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
            person("Dr Felix Brandt, Clinical lead Eastgate", "did_not_want", 3, "sceptical",
                   "supportive", success="Clinicians, not rules, decide what is urgent.",
                   resistance="Thinks rule-based triage will misgrade his complex patients.",
                   mitigation="Felix reviews the triage rules with Marit before go-live; "
                              "Eastgate joins in week 3 only if Harbour Road waits fall.",
                   owner="Marit Solberg"),
        ]}),
    ),
)


# --- Fennick Packaging: closing. Seller and plant manager tell different stories. ---

FENNICK = Account(
    Assessment(id="fennick-packaging", account="Fennick Packaging",
               deal="Inbound quality holds, plant 2", owner="Tomás Reyes", stage="closing",
               close_date="2026-12-11", go_live="2027-01-25"),
    (
        Invitee("anneke", READINESS, "stakeholder", "Anneke Vos, Plant Manager",
                created_at="2026-11-03T08:00:00", expires_at="2026-12-03T00:00:00"),
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
        }, {"owner": 1, "first_workflow": 2, "first_users": 2, "data_access": 0,
            "decision_change": 2, "proof_metric": 2, "old_process": 2, "capacity": 3,
            "adoption_budget": 3, "stall_risks": 2}),
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
            person("Ilse Brouwer, Purchasing Manager", "did_not_want", 3, "sceptical",
                   "neutral", success="Keeps the say over supplier escalations.",
                   resistance="Sees the holds as QA taking over supplier conversations.",
                   mitigation="Purchasing gets read access to supplier hold history, no "
                              "release rights.",
                   owner="Anneke Vos"),
        ]}),
    ),
)


# --- Orrin Valley Credit Union: implementing, ready. The sceptic has a plan. ---

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
                created_at="2026-10-05T10:30:00", expires_at="2026-11-05T00:00:00"),
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
        }, {"owner": 3, "first_workflow": 3, "first_users": 3, "data_access": 3,
            "decision_change": 2, "proof_metric": 3, "old_process": 3, "capacity": 3,
            "adoption_budget": 3, "stall_risks": 2}),
        Said(STAKEHOLDERS, "sam", "2026-10-06T08:30:00", {"stakeholders": [
            person("Harriet Lunde, Head of Member Lending", "manager", 5, "leading", "leading",
                   success="Decisions in four days without weekend catch-up.",
                   owner="Sam Berg"),
            person("Gwen Talbot, COO", "approver", 4, "supportive", "supportive",
                   success="Member complaints about slow loans halved.", owner="Sam Berg"),
            person("Loan processors, Riverside (11)", "daily_user", 3, "neutral", "supportive",
                   success="No more hunting exceptions through an Outlook folder.",
                   resistance="Not sure yet what changes in their day; knowledge is the gap.",
                   mitigation="Two hands-on sessions on real files in November; a one-page "
                              "before and after per role.",
                   owner="Paula Reid"),
            person("Colm Farrelly, Senior underwriter", "did_not_want", 3, "sceptical",
                   "supportive",
                   success="No affordability edge case slips through.",
                   resistance="His affordability spreadsheet is the team's safety net; he "
                              "fears the queue hides edge cases.",
                   mitigation="Colm writes the affordability exception rules with Sam; his "
                              "sheet stays as a cross-check until 18 January.",
                   owner="Harriet Lunde"),
        ]}),
        adkar("paula", "2026-10-08T09:12:00", "daily_user", (5, 4, 3, 3, 4),
              "Clearing the 9:00 batch before the branch calls start chasing.",
              "If I have to re-type the member number in two places."),
        adkar("dev", "2026-10-08T11:47:00", "daily_user", (4, 4, 2, 3, 3),
              "Seeing which exceptions are mine without asking Tariq.",
              "Not knowing what replaces the Outlook flags I use now."),
        adkar("sinead", "2026-10-09T14:03:00", "daily_user", (4, 3, 3, 2, 4),
              "Friday afternoons without the roll-up.",
              "Learning it in December, when we are busiest."),
        adkar("tariq", "2026-10-08T16:30:00", "manager", (5, 5, 4, 4, 5),
              "Knowing at 10:00 how many exceptions are left, not at 4pm.",
              "If the queue numbers don't match what the LOS says."),
        adkar("maeve", "2026-10-10T10:15:00", "manager", (4, 4, 4, 3, 4),
              "Members told a date for their decision, and we keep it.",
              "Branch staff losing sight of their members' applications."),
        adkar("colm", "2026-10-12T19:40:00", "did_not_want", (4, 2, 3, 3, 2),
              "No affordability case approved that my sheet would have stopped.",
              "Output I can't check. I'll keep my sheet until the rules are proven."),
    ),
)


# --- Tessaline Distribution: live. Trust and training first, first value in week 5. ---

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
                created_at="2026-08-03T13:00:00", expires_at="2026-09-03T00:00:00"),
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
        }, {"owner": 3, "first_workflow": 3, "first_users": 3, "data_access": 2,
            "decision_change": 2, "proof_metric": 3, "old_process": 3, "capacity": 3,
            "stall_risks": 2}),
        Said(STAKEHOLDERS, "priya", "2026-08-04T10:00:00", {"stakeholders": [
            person("Ruth Ainsley, Regional Operations Manager", "manager", 5, "leading",
                   "leading", success="48-hour closure at 80 % before peak.",
                   owner="Priya Raman"),
            person("Alan Mistry, Operations Director", "approver", 4, "supportive",
                   "supportive", success="A pilot he can roll out to the South region.",
                   owner="Priya Raman"),
            person("Graham Pell, Transport planner (Leeds)", "did_not_want", 4, "sceptical",
                   "supportive", success="Priority rules that match what he knows works.",
                   resistance="Built and owns the exceptions spreadsheet and its priority "
                              "rules.",
                   mitigation="Graham co-owns the priority rules with Ruth; his spreadsheet "
                              "goes read-only in week 6, not on day one.",
                   owner="Ruth Ainsley"),
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
                created_at="2026-08-20T10:00:00", expires_at="2026-09-20T00:00:00"),
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
        }, {"owner": 2, "first_workflow": 2, "first_users": 2, "data_access": 2,
            "decision_change": 2, "proof_metric": 2, "old_process": 2, "capacity": 2,
            "stall_risks": 2}),
        Said(STAKEHOLDERS, "jo", "2026-08-20T09:30:00", {"stakeholders": [
            person("Carla Benedetti, Group Operations Manager", "approver", 5, "supportive",
                   "leading", success="Fewer rooms off sale in the shoulder season.",
                   owner="Jo Okafor"),
            person("Owen Price, Maintenance supervisor", "manager", 4, "supportive", "leading",
                   success="One list of jobs instead of five WhatsApp threads.",
                   owner="Carla Benedetti"),
            person("Denise Carr, Executive Housekeeper", "did_not_want", 4, "sceptical",
                   "supportive", success="Her attendants spend time on rooms, not phones.",
                   resistance="Thinks logging jobs on a phone slows her attendants down.",
                   mitigation="Denise picks which job types go in the app first; paper "
                              "dockets stay for deep cleans until November.",
                   owner="Carla Benedetti"),
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

ACCOUNTS: tuple[Account, ...] = (HALDEN, BRIGHTMOOR, FENNICK, ORRIN, TESSALINE, MARLOW)
