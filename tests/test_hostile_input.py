"""Hostile or careless input files: bad metadata, deep nesting, spreadsheet formulas, extra rows.

Each is refused with its row and field (nothing stored), or neutralised on the way out.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.cli import main
from assessments.errors import InputError
from assessments.store.filestore import FileStore
from assessments.store.records import ResponseRecord
from assessments.transfer.files import import_file
from questionnaires import load

PULSE = {"usage_frequency": "every_day", "umux_easy": 5, "blockers": ["none"]}
GOOD = {"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user",
        "respondent": "u1", "week": 3, "submitted_at": "2026-02-01T10:00:00+00:00",
        "answers": PULSE}


@pytest.fixture
def run(data_dir: Path):  # type: ignore[no-untyped-def]
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, ["--data", str(data_dir), *args])
    assert invoke("new", "acme", "--account", "Acme", "--stage", "live",
                  "--go-live", "2026-01-05").exit_code == 0
    return invoke


BAD_METADATA = [
    ("week", 10**12, "week 1000000000000 is not valid"),
    ("week", -5, "week -5 is not valid"),
    ("week", True, "week True is not valid"),
    ("week", 261, "week 261 is not valid: use a whole number from 0 (before go-live) to 260"),
    ("submitted_at", "<b>not a date</b>", "submitted_at '<b>not a date</b>' is not a date-time"),
    ("submitted_at", "2999-01-01T00:00:00+00:00",
     "submitted_at '2999-01-01T00:00:00+00:00' is in the future"),
    ("respondent", "x" * 1_000_000, "respondent is 1000000 characters long; at most 200"),
    ("name", "Kim\x1b[31m", "name holds the control character U+001B"),
    ("segment", "ops\r\n=cmd", "segment holds the control character U+000D"),
    ("respondent", ["u1"], "respondent ['u1'] is not text"),
    ("submitted_at", "0001-01-01T00:00:00+05:00",
     "submitted_at '0001-01-01T00:00:00+05:00' is not a date-time"),
    ("submitted_at", "1999-12-31T23:00:00+00:00",
     "submitted_at '1999-12-31T23:00:00+00:00' is before 2000"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_METADATA)
def test_bad_metadata_is_refused_with_its_row(run, data_dir: Path, tmp_path: Path, field: str,
                                              value: Any, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.json"
    rows = [GOOD, {**GOOD, "respondent": "u2", field: value}]
    path.write_text(json.dumps({"responses": rows}))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert f"{path}:responses[1]: {message}" in result.output
    assert "nothing was imported" in result.output and len(result.output) < 2000
    assert FileStore(data_dir).response_count("acme") == 0


@pytest.mark.parametrize(("field", "value", "message"), BAD_METADATA)
def test_a_responses_file_checks_metadata_the_same_way(tmp_path: Path, field: str,
                                                       value: Any, message: str) -> None:
    path = tmp_path / "deal.json"
    row = {k: v for k, v in GOOD.items() if k not in ("assessment", "respondent")}
    path.write_text(json.dumps({"assessment": {"id": "acme", "account": "Acme"},
                                "responses": [{**row, field: value}]}))
    result = CliRunner().invoke(main, ["score", "--responses", str(path)])
    assert result.exit_code == 1 and f"responses[0]: {message}" in result.output


def test_week_zero_and_a_csv_week_are_metadata_too(run, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("assessment,questionnaire,role,respondent,week,usage_frequency\n"
                    "acme,post-go-live-pulse,user,u1,0,every_day\n"
                    "acme,post-go-live-pulse,user,u2,99999999999,every_day\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and f"{path}:3: week '99999999999' is not valid" in \
        result.output
    path.write_text(path.read_text().replace("99999999999", "260"))
    assert run("import", str(path)).exit_code == 0
    assert sorted(r.week for r in FileStore(data_dir).responses("acme")) == [0, 260]


def test_a_link_name_with_control_characters_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    result = run("invite", "acme", "post-go-live-pulse", "--role", "user", "--name",
                 "Kim\x07")
    assert result.exit_code == 1 and "name holds the control character U+0007" in result.output


@pytest.mark.parametrize("text", ["[" * 10_000 + "]" * 10_000,
                                  '{"responses": ' + '{"a": ' * 5_000 + "1" + "}" * 5_001])
def test_deeply_nested_json_is_one_problem_not_a_traceback(run, tmp_path: Path,
                                                           text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "deep.json"
    path.write_text(text)
    for result in (run("import", str(path)),
                   CliRunner().invoke(main, ["score", "--responses", str(path)])):
        assert result.exit_code == 1
        assert f"{path}:1:" in result.output and "nested more than 32 levels" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["responses", "answers", "week", "x"]),
                                      inner, max_size=3), max_leaves=40)


@pytest.mark.slow  # 40 imports through the store, each a file and a locked write
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=JSON, depth=st.integers(0, 60))
def test_any_json_file_imports_or_is_refused_with_a_message(tmp_path: Path, data: Any,
                                                            depth: int) -> None:
    store = FileStore(tmp_path / "prop-data")
    path = tmp_path / "prop.json"
    wrapped: Any = {"responses": [{**GOOD, "answers": {"usage_frequency": data}}]}
    for _ in range(depth):
        wrapped = [wrapped]
    path.write_text(json.dumps(wrapped))
    with pytest.raises(InputError):  # no assessment 'acme' here, at best: never a traceback
        import_file(store, {q.id: q for q in load()}, path)


FORMULAS = ["=HYPERLINK(\"x\")", " =1+1", "\t=cmd()", "\r=x", "\n@SUM(1)", "+1", "-2",
            "  @x"]


def test_every_exported_cell_that_a_spreadsheet_would_run_is_neutralised(
        run, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = FileStore(data_dir)
    # Stored before metadata was checked on the way in: the export must still be safe.
    store.add_responses([ResponseRecord("", "acme", "post-go-live-pulse", "2", "", "user",
                                        {"usage_frequency": "every_day",
                                         "blocker_trust_detail": formula},
                                        respondent=formula, name=formula, segment=formula,
                                        submitted_at=formula)
                         for formula in FORMULAS])
    rows = list(csv.reader(io.StringIO(run("export", "--format", "csv").output, newline="")))
    header = rows[0]
    cells = [row[header.index(column)] for row in rows[1:]
             for column in ("respondent", "name", "segment", "submitted_at",
                            "blocker_trust_detail")]
    assert len(cells) == 5 * len(FORMULAS)
    assert all(cell.startswith("'") for cell in cells), cells


def test_too_many_repeat_rows_is_an_error_next_to_the_field(seller, store) -> None:  # type: ignore[no-untyped-def]
    seller.post("/assessments/new", data={"id": "acme", "account": "Acme", "stage": "closing"})
    rows = {f"stakeholders-{i}-{cell}": value for i in range(60)
            for cell, value in (("name", f"Person {i}"), ("group", "daily_user"))}
    response = seller.post("/assessments/acme/fill/stakeholder-map", data=rows)
    page = response.get_data(as_text=True)
    # Not a 303 with 50 rows kept: the import refuses the same data, and so does the form.
    assert response.status_code == 400
    assert "Has 60 rows; at most 50 fit." in page
    assert 'href="#stakeholders"' in page  # the summary links to the field
    assert store.responses("acme") == []


def test_an_unclosed_string_or_a_huge_number_is_one_problem(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unclosed = tmp_path / "unclosed.json"
    unclosed.write_text('"' + '\\"' * 500_000)  # every later quote escaped: one long string
    result = run("import", str(unclosed))
    assert result.exit_code == 1 and f"{unclosed}:1:" in result.output
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"responses": []})[:-2] + "[" + "9" * 5000 + "]}")
    result = run("import", str(huge))
    assert result.exit_code == 1 and f"{huge}: not valid JSON" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_rows_that_name_no_respondent_or_time_are_never_taken_for_stored_ones(
        run, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A form backend's export: no respondent, no submitted_at, three different people.
    path = tmp_path / "backend.csv"
    path.write_text("assessment,questionnaire,role,usage_frequency\n"
                    + "acme,post-go-live-pulse,user,every_day\n" * 3)
    assert "imported 3 responses" in run("import", str(path)).output
    # One person's pulses of three weeks carry one time stamp: three answers, not one.
    weeks = tmp_path / "weeks.json"
    weeks.write_text(json.dumps({"responses": [{**GOOD, "week": w} for w in (1, 2, 3)]}))
    assert "imported 3 responses" in run("import", str(weeks)).output
    assert "imported 0 responses" in run("import", str(weeks)).output
    assert FileStore(data_dir).response_count("acme") == 6


def test_an_export_with_history_restores_as_it_was(run, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = FileStore(data_dir)
    store.add_response(ResponseRecord("", "acme", "post-go-live-pulse", "2", "", "user",
                                      {"usage_frequency": "once"}, respondent="kim", week=3,
                                      submitted_at="2026-02-01T10:00:00+00:00", name="=Kim"))
    store.add_response(ResponseRecord("", "acme", "post-go-live-pulse", "2", "", "user",
                                      {"usage_frequency": "every_day"}, respondent="kim", week=3,
                                      submitted_at="2026-02-02T10:00:00Z", name="=Kim"),
                       replaces=True)
    for fmt in ("json", "csv"):
        backup = tmp_path / f"backup.{fmt}"
        assert run("export", "--history", "--format", fmt, "-o", str(backup)).exit_code == 0
        target = tmp_path / f"restored-{fmt}"
        restore = CliRunner().invoke(main, ["--data", str(target), "new", "acme",
                                            "--account", "Acme"])
        assert restore.exit_code == 0
        result = CliRunner().invoke(main, ["--data", str(target), "import", str(backup)])
        assert "imported 2 responses" in result.output, result.output
        restored = FileStore(target).responses("acme", include_superseded=True)
        assert [r.name for r in restored] == ["=Kim", "=Kim"]  # the export's ' is gone again
        if fmt == "json":  # CSV has no history column: both come back current
            assert [r.answers["usage_frequency"] for r in FileStore(target).responses("acme")] \
                == ["every_day"]
    # Stored as given before this release ("Z"), the same instant is still recognised.
    assert "2 already stored" in run("import", str(tmp_path / "backup.json")).output
