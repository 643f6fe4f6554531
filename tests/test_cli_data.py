"""CLI commands that change or read the store: new, invite, adduser, import, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assessments.cli import main
from assessments.store.filestore import FileStore
from assessments.store.records import token_hash


@pytest.fixture
def run(data_dir: Path):  # type: ignore[no-untyped-def]
    def invoke(*args: str, stdin: str | None = None) -> Result:
        return CliRunner().invoke(main, ["--data", str(data_dir), *args], input=stdin)
    return invoke


@pytest.fixture
def acme(run) -> None:  # type: ignore[no-untyped-def]
    result = run("new", "acme", "--account", "Acme", "--stage", "closing")
    assert result.exit_code == 0, result.output


def test_new_and_its_errors(run, data_dir: Path, acme: None) -> None:  # type: ignore[no-untyped-def]
    assert FileStore(data_dir).assessment("acme").stage == "closing"
    again = run("new", "acme", "--account", "Acme")
    assert again.exit_code == 1 and "exists already" in again.output
    bad = run("new", "Not OK", "--account", "X")
    assert bad.exit_code == 1 and "is not valid" in bad.output


def test_invite_prints_a_working_link(run, data_dir: Path, acme: None) -> None:  # type: ignore[no-untyped-def]
    closing = run("invite", "acme", "post-go-live-pulse", "--role", "user")
    assert closing.exit_code == 1
    assert "“Weekly pulse after go-live” is not asked in Acme (it asks “Pre-close " \
        "implementation readiness”, “Stakeholder map”)" in closing.output
    live = run("new", "acme-live", "--account", "Acme", "--stage", "live")
    assert live.exit_code == 0 and live.output.strip().endswith(
        "post-go-live-pulse, pre-close-readiness, stakeholder-map")  # the definitions' order
    result = run("invite", "acme-live", "post-go-live-pulse", "--role", "user", "--name", "Kim",
                 "--base-url", "https://rg.example/")
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith("https://rg.example/r/")
    invitation = FileStore(data_dir).invitation_by_token(link.rsplit("/", 1)[1])
    assert invitation is not None and invitation.name == "Kim"
    assert invitation.token_hash == token_hash(link.rsplit("/", 1)[1])
    wrong = run("invite", "acme", "pre-close-readiness", "--role", "user")
    assert wrong.exit_code == 1 and "“Pre-close implementation readiness” is answered by a " \
        "stakeholder, not a user" in wrong.output
    # Without --role the link is for the one the questionnaire is for.
    default = run("invite", "acme-live", "post-go-live-pulse", "--base-url", "https://rg.example")
    assert default.exit_code == 0, default.output
    token = default.output.strip().rsplit("/", 1)[1]
    assert FileStore(data_dir).invitation_by_token(token).role == "user"  # type: ignore[union-attr]
    missing = run("invite", "nope", "pre-close-readiness")
    assert missing.exit_code == 1 and "no assessment 'nope'" in missing.output


def test_adduser_prompts_and_hashes(run, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    # Without --name the name reports show is asked for too: a report never shows a login.
    result = run("adduser", "kim", stdin="long enough pw\nlong enough pw\nKim Ahn\n")
    assert result.exit_code == 0, result.output
    assert "Name shown in reports" in result.output
    user = FileStore(data_dir).user("kim")
    assert user is not None and "long enough pw" not in user.password_hash
    assert user.shown_as == "Kim Ahn"
    short = run("adduser", "lee", stdin="short\nshort\nLee Park\n")
    assert short.exit_code == 1 and "too short" in short.output
    named = run("adduser", "sam", "--name", "Sam Rivera", stdin="long enough pw\n" * 2)
    assert named.exit_code == 0 and FileStore(data_dir).user("sam").shown_as == "Sam Rivera"
    renamed = run("adduser", "kim", "--reset", "--name", "Kim Lee",
                  stdin="another long pw\n" * 2)
    assert renamed.exit_code == 0 and FileStore(data_dir).user("kim").shown_as == "Kim Lee"


PULSE_ROW = {"usage_frequency": "every_day", "proof_decision": "yes",
             "blockers": "trust training", "blocker_trust_detail": "Totals differ",
             "umux_capabilities": "6", "umux_easy": "5", "recommend": "8"}


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_import_then_export_round_trip(run, data_dir: Path, acme: None,
                                           tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    meta = {"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user",
            "week": "2"}
    path = write_csv(tmp_path / "in.csv", [{**meta, "respondent": f"u{i}", **PULSE_ROW}
                                           for i in range(3)])
    result = run("import", str(path))
    assert result.exit_code == 0 and "imported 3 responses" in result.output
    stored = FileStore(data_dir).responses("acme")
    assert stored[0].answers["blockers"] == ["trust", "training"]
    assert stored[0].answers["umux_easy"] == 5 and stored[0].week == 2
    exported = run("export", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 3 and rows[0]["blockers"] == "trust training"
    as_json = json.loads(run("export").output)
    assert as_json["responses"][0]["answers"]["recommend"] == 8
    again = tmp_path / "again.json"
    again.write_text(json.dumps(as_json))
    result = run("import", str(again))
    # The export of what was imported is the same responses: stored once.
    assert result.exit_code == 0 and "imported 0 responses" in result.output
    assert "3 already stored, skipped" in result.output
    assert FileStore(data_dir).response_count("acme") == 3


def test_a_bad_row_stores_nothing_and_names_its_line(run, data_dir: Path, acme: None,
                                                     tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    meta = {"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user"}
    rows = [{**meta, **PULSE_ROW}, {**meta, **PULSE_ROW, "recommend": "11"},
            {**meta, **PULSE_ROW, "usage_frequency": "<script>alert(1)</script>"}]
    result = run("import", str(write_csv(tmp_path / "bad.csv", rows)))
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    # The same words a respondent would see on the web form.
    assert "bad.csv:3: question 'recommend': Not a valid choice." in result.output
    assert "bad.csv:4: question 'usage_frequency'" in result.output
    assert FileStore(data_dir).response_count("acme") == 0


@pytest.mark.parametrize(("content", "says"), [
    ('{"responses": [', "not valid JSON"),
    ('{"responses": [{"assessment": "nope", "questionnaire": "post-go-live-pulse"}]}',
     "no assessment 'nope'"),
    ('{"responses": [{"assessment": "acme", "questionnaire": "nope"}]}',
     "unknown questionnaire 'nope'"),
    ('[{"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "manager"}]',
     "role 'manager' does not answer"),
    ('[{"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user", '
     '"answers": {"hacked": 1}}]', "hacked: not a question of post-go-live-pulse"),
])
def test_malformed_json_imports_are_refused(run, data_dir: Path, acme: None, tmp_path: Path,
                                            content: str, says: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.json"
    path.write_text(content)
    result = run("import", str(path))
    assert result.exit_code == 1 and says in result.output, result.output
    assert FileStore(data_dir).response_count("acme") == 0


def test_export_scores_for_a_crm(run, acme: None) -> None:  # type: ignore[no-untyped-def]
    result = run("export", "--scores")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows == [{"assessment": "acme", "account": "Acme", "deal_owner": "",
                     "stage": "closing", "verdict": "insufficient_data", "score": "",
                     "confidence": "0", "coverage": "0.00", "failed_gates": "",
                     "disagreements": "0", "first_disagreement": "", "customer_owner": "",
                     "economic_buyer": "", "old_process": "", "proof_metric": "",
                     "proof_baseline": "", "proof_target": "", "proof_current": "",
                     "proof_checkpoint": "",
                     "go_live": "", "first_value_date": "", "expansion_gate": "",
                     "next_action": "Fill in the pre-close readiness check with what is true "
                                    "today, and ask the customer's owner to confirm it.",
                     "next_action_owner": "", "overdue_commitments": "0"}]
    as_json = json.loads(run("export", "--scores", "--format", "json").output)
    assert as_json[0]["verdict"] == "insufficient_data"


READY = {"owner": "named_with_authority", "first_workflow": "agreed",
         "first_users": "group_informed", "data_access": "tested", "decision_change": "named",
         "proof_metric": "metric_baseline_target", "old_process": "agreed_with_date",
         "capacity": "on_calendar", "adoption_budget": "allocated",
         "stall_risks": "named_with_owner"}


def test_export_scores_counts_disagreements(run, acme: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The seller documents everything; the customer's owner (a named link) says nobody owns
    it and access is untested: two disagreements, the first named in the CSV."""
    base = {"assessment": "acme", "questionnaire": "pre-close-readiness"}
    path = tmp_path / "readiness.json"
    path.write_text(json.dumps({"responses": [
        {**base, "role": "seller", "respondent": "sam", "name": "Sam Rivera",
         "answers": READY, "evidence": dict.fromkeys(READY, 3)},
        {**base, "role": "stakeholder", "respondent": "ines", "name": "Ines Duarte",
         "named": True, "answers": dict(READY, owner="none", data_access="identified")},
    ]}), encoding="utf-8")
    assert run("import", str(path)).exit_code == 0
    [row] = csv.DictReader(io.StringIO(run("export", "--scores").output))
    assert (row["verdict"], row["disagreements"]) == ("not_ready", "2")
    assert row["first_disagreement"] == (
        "Named owner with authority: Sam Rivera (seller) says “A named person who can make "
        "tradeoffs”; Ines Duarte (customer) says “Nobody named yet” (3 steps apart on the "
        "choice list); “Nobody named yet” counts; on a must-have, so the verdict is "
        "conditional at best.")


def test_formula_cells_are_defused(run, data_dir: Path, acme: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    meta = {"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user"}
    path = write_csv(tmp_path / "f.csv", [{**meta, **PULSE_ROW,
                                           "blocker_trust_detail": "=HYPERLINK(\"x\")"}])
    assert run("import", str(path)).exit_code == 0
    exported = run("export", "--format", "csv").output
    assert "'=HYPERLINK" in exported


def test_malformed_csv_is_refused(run, data_dir: Path, acme: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.csv"
    path.write_text("assessment,questionnaire,recommend\nacme,post-go-live-pulse,8,extra\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "broken.csv:2: more cells than columns" in result.output
    assert FileStore(data_dir).response_count("acme") == 0


def test_a_form_backends_export_with_token_and_honeypot_imports(
        run, data_dir: Path, acme: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    meta = {"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user",
            "token": "abc123", "website-url": ""}
    path = write_csv(tmp_path / "backend.csv", [{**meta, **PULSE_ROW}])
    result = run("import", str(path))
    assert result.exit_code == 0, result.output
    assert "token" not in FileStore(data_dir).responses("acme")[0].answers


def test_export_scores_carries_what_a_crm_deal_record_takes(tmp_path: Path) -> None:
    from assessments.demo.load import load_demo

    data = tmp_path / "demo"
    load_demo(FileStore(data))
    rows = {r["assessment"]: r for r in csv.DictReader(io.StringIO(CliRunner().invoke(
        main, ["--data", str(data), "export", "--scores"]).output))}
    fennick, tess = rows["fennick-packaging"], rows["tessaline-distribution"]
    assert fennick["failed_gates"].startswith("Named owner with authority; First workflow")
    assert fennick["proof_metric"] == "Hours a held pallet waits for a decision"
    assert fennick["proof_baseline"].startswith("31 h average")
    assert fennick["proof_target"] == "Under 12 h by 31 March 2027"
    assert fennick["customer_owner"] == "Anneke Vos, Plant Manager"
    assert rows["brightmoor-clinics"]["economic_buyer"] == \
        "Dr Hannah Whitcombe, Medical Director"
    assert "Referrals tracker" in rows["brightmoor-clinics"]["old_process"]
    assert tess["go_live"] == "2026-08-24" and tess["first_value_date"] == "2026-09-23"
    assert tess["expansion_gate"] == "open"
    assert tess["proof_current"].startswith("84 % closed within 48 hours")
    assert tess["proof_checkpoint"] == ("day 90: reached the target, confirmed by Ruth Ainsley, "
                                        "Regional Operations Manager North")
    brightmoor = rows["brightmoor-clinics"]
    assert brightmoor["overdue_commitments"] == "1"
    assert brightmoor["next_action_owner"] == "Lisette Moreau, Information Governance"
