"""A project of one's own: `readygate init`, readygate.toml, and data paths that cannot hurt."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from assessments.project.config import KEYS
from tests.helpers import no_settings_from_outside, run

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project made by `readygate init`, with the current folder inside it."""
    no_settings_from_outside(monkeypatch)
    folder = tmp_path / "deals"
    result = run("init", str(folder), "--organisation", "Acme Software")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(folder)
    return folder


def test_init_writes_a_project_that_checks_clean(project: Path) -> None:
    assert (project / "readygate.toml").is_file()
    assert (project / "questionnaires" / "it-security-review.yaml").is_file()
    assert (project / "questionnaires" / "schema.json").is_file()
    assert (project / "data").is_dir() and (project / "output" / "site").is_dir()
    result = run("check")
    assert result.exit_code == 0, result.output
    # The four built-ins and the example.
    assert result.output.splitlines()[-1].startswith("ok: 5 questionnaires")


def test_init_refuses_an_existing_project(project: Path) -> None:
    again = run("init", str(project))
    assert again.exit_code == 1 and "already exists" in again.output


def test_the_config_is_found_from_a_subfolder(project: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    (project / "questionnaires" / "it-security-review.yaml").write_text("id: [", "utf-8")
    monkeypatch.chdir(project / "output")
    result = run("check")
    assert result.exit_code == 1
    assert "it-security-review.yaml:1:" in result.output


def test_every_bad_key_is_reported_at_once(tmp_path: Path) -> None:
    config = tmp_path / "readygate.toml"
    config.write_text(textwrap.dedent("""\
        min_grop = 2
        min_group = 1
        base_url = "notaurl"
        definitions = "questionnaires"
        builtin_questionnaires = "yes"
        """), encoding="utf-8")
    result = run("--config", str(config), "check")
    assert result.exit_code == 1
    assert "unknown key 'min_grop': did you mean 'min_group'?" in result.output
    assert "min_group = 1: use a whole number of at least 2" in result.output
    assert "base_url = 'notaurl': use an http:// or https:// address" in result.output
    assert "definitions = 'questionnaires': use a list of folder names" in result.output
    assert "builtin_questionnaires = 'yes': use true or false" in result.output
    assert "5 problems in readygate.toml" in result.output


def test_a_config_that_is_not_toml_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "readygate.toml"
    config.write_text("data = \n", encoding="utf-8")
    result = run("--config", str(config), "check")
    assert result.exit_code == 1 and f"{config}: is not valid TOML" in result.output
    missing = run("--config", str(tmp_path / "nope.toml"), "check")
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_a_project_definition_replaces_a_built_in_and_check_says_so(project: Path) -> None:
    source = (project / "questionnaires" / "it-security-review.yaml").read_text("utf-8")
    (project / "questionnaires" / "pulse.yaml").write_text(
        source.replace("id: it-security-review", "id: post-go-live-pulse"), "utf-8")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "pulse.yaml: replaces the built-in questionnaire 'post-go-live-pulse'" in \
        result.output
    assert "ok: 5 questionnaires" in result.output  # still 5: one replaced, not added


def test_without_built_ins_only_the_projects_definitions_load(project: Path) -> None:
    config = project / "readygate.toml"
    config.write_text(config.read_text("utf-8").replace(
        "builtin_questionnaires = true", "builtin_questionnaires = false"), "utf-8")
    result = run("check")
    assert result.output.splitlines()[-1].startswith("ok: 1 questionnaire,"), result.output


def test_options_win_over_the_config(project: Path, tmp_path: Path) -> None:
    assert run("new", "acme", "--account", "Acme").exit_code == 0
    assert (project / "data" / "assessments" / "acme").is_dir()
    other = tmp_path / "elsewhere"
    assert run("--data", str(other), "new", "beta", "--account", "Beta").exit_code == 0
    assert (other / "assessments" / "beta").is_dir()
    link = run("invite", "acme", "pre-close-readiness")
    assert link.output.startswith("http://127.0.0.1:5000/r/"), link.output
    config = project / "readygate.toml"
    config.write_text(config.read_text("utf-8").replace(
        'base_url = "http://127.0.0.1:5000"', 'base_url = "https://deals.acme.example"'),
        "utf-8")
    assert run("invite", "acme", "pre-close-readiness").output.startswith(
        "https://deals.acme.example/r/")
    given = run("invite", "acme", "pre-close-readiness", "--base-url", "https://x.example")
    assert given.output.startswith("https://x.example/r/")


@pytest.mark.parametrize("command", [["score", "acme"], ["export"], ["build", "--no-pdf"],
                                     ["serve"]])
def test_read_only_commands_refuse_a_missing_data_directory(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("READYGATE_DATA", raising=False)
    result = run("--data", "mistyped-folder", *command)
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: no data directory at mistyped-folder: run "
                                     "`readygate init` to start a project, or give --data DIR "
                                     "(or READYGATE_DATA)")
    assert not (tmp_path / "mistyped-folder").exists()  # no folder, no secret key


def test_a_mistyped_data_path_deletes_no_report(project: Path, tmp_path: Path) -> None:
    assert run("demo").exit_code == 0
    assert run("build", "--no-pdf", "-q").exit_code == 0
    site = project / "output" / "site"
    before = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    empty = tmp_path / "empty-data"
    empty.mkdir()
    result = run("--data", str(empty), "build", "--no-pdf")
    assert result.exit_code == 1
    assert f"no assessments in {empty}" in result.output
    assert sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) == before


def test_build_refuses_a_folder_it_did_not_write_unless_forced(project: Path,
                                                               tmp_path: Path) -> None:
    assert run("demo").exit_code == 0
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", "utf-8")
    refused = run("build", "--no-pdf", "--out", str(mine))
    assert refused.exit_code == 1 and "holds files that no readygate build wrote" in \
        refused.output
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    forced = run("build", "--no-pdf", "-q", "--out", str(mine), "--force")
    assert forced.exit_code == 0, forced.output
    assert (mine / "index.html").is_file() and (mine / "notes.txt").read_text() == "keep me"
    # The next build knows the folder (its manifest) and needs no --force; notes.txt stays.
    again = run("build", "--no-pdf", "-q", "--out", str(mine))
    assert again.exit_code == 0 and (mine / "notes.txt").is_file()


def test_a_broken_definition_stops_the_build_before_it_writes(project: Path) -> None:
    assert run("demo").exit_code == 0
    (project / "questionnaires" / "it-security-review.yaml").write_text("id: [", "utf-8")
    result = run("build", "--no-pdf")
    assert result.exit_code == 1 and "the definitions have problems" in result.output
    assert "it-security-review.yaml:1:" in result.output
    assert list((project / "output" / "site").iterdir()) == []


def test_the_organisation_heads_every_page(project: Path) -> None:
    assert run("demo").exit_code == 0
    assert run("build", "--no-pdf", "-q").exit_code == 0
    page = (project / "output" / "site" / "index.html").read_text("utf-8")
    assert '<span class="organisation">Acme Software</span>' in page
    config = project / "readygate.toml"
    config.write_text(config.read_text("utf-8").replace("Acme Software", "Acme & Co"), "utf-8")
    assert run("build", "--no-pdf", "-q").exit_code == 0  # a new name redoes every page
    report = (project / "output" / "site" / "orrin-valley" / "index.html").read_text("utf-8")
    assert "Implementation readiness report · Acme &amp; Co" in report


def test_every_config_key_is_documented() -> None:
    text = (DOCS / "projects.md").read_text("utf-8")
    for key in KEYS:
        assert f"`{key.name}`" in text, key.name


def test_create_app_under_a_wsgi_server_runs_the_project(project: Path) -> None:
    from assessments.web.app import create_app

    assert run("new", "acme", "--account", "Acme").exit_code == 0
    app = create_app()  # what `gunicorn 'assessments.web.app:create_app()'` calls, in DIR
    context = app.extensions["readygate"]
    assert context.store.root == project / "data"
    assert "it-security-review" in context.definitions
    assert app.config["ORGANISATION"] == "Acme Software"
    page = app.test_client().get("/login").get_data(as_text=True)
    assert '<span class="organisation">Acme Software</span>' in page


def test_the_environment_wins_over_the_file(project: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "env-data"
    monkeypatch.setenv("READYGATE_DATA", str(elsewhere))
    monkeypatch.setenv("READYGATE_URL", "https://env.example")
    assert run("new", "acme", "--account", "Acme").exit_code == 0
    assert (elsewhere / "assessments" / "acme").is_dir()
    assert not (project / "data" / "assessments").exists()
    assert run("invite", "acme", "pre-close-readiness").output.startswith(
        "https://env.example/r/")


def test_a_data_path_that_is_a_file_gets_one_line(project: Path) -> None:
    (project / "afile").write_text("not a folder", "utf-8")
    config = project / "readygate.toml"
    config.write_text(config.read_text("utf-8").replace('data = "data"', 'data = "afile"'),
                      "utf-8")
    for command in (["new", "acme", "--account", "Acme"], ["score", "acme"]):
        result = run(*command)
        assert result.exit_code == 1
        assert result.output.strip() == (f"Error: {project / 'afile'} is a file, not a data "
                                         "directory: give --data a folder (or set `data` in "
                                         "readygate.toml)")
    assert (project / "afile").read_text("utf-8") == "not a folder"


def test_a_definitions_folder_that_is_missing_is_named(project: Path) -> None:
    config = project / "readygate.toml"
    config.write_text(config.read_text("utf-8").replace(
        'definitions = ["questionnaires"]', 'definitions = ["questionnaires", "mine"]'),
        "utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "definitions: no folder 'mine' beside it" in result.output


def test_static_forms_are_written_only_for_the_questionnaires_that_apply(project: Path) -> None:
    assert run("new", "sec", "--account", "Sec Co", "--questionnaire",
               "it-security-review").exit_code == 0
    assert run("build", "--no-pdf", "-q", "--forms", "https://forms.example/collect"
               ).exit_code == 0
    forms = project / "output" / "site" / "forms" / "sec"
    assert sorted(p.name for p in forms.iterdir()) == ["it-security-review"]


def _answer(project: Path, name: str, status: str, at: str) -> None:
    path = project / f"{name}.json"
    path.write_text(json.dumps({"responses": [{
        "assessment": "sec", "questionnaire": "it-security-review", "role": "seller",
        "respondent": name, "name": name.title(), "submitted_at": at,
        "answers": {"review_status": status, "single_sign_on": "yes", "data_agreement": "yes"},
        "evidence": {"review_status": 3}}]}), encoding="utf-8")
    assert run("import", str(path)).exit_code == 0


def test_without_the_built_ins_the_own_questionnaire_decides_the_verdict(
        project: Path) -> None:
    config = project / "readygate.toml"
    config.write_text(config.read_text("utf-8").replace(
        "builtin_questionnaires = true", "builtin_questionnaires = false"), "utf-8")
    assert run("new", "sec", "--account", "Sec Co", "--stage", "closing").exit_code == 0
    empty = json.loads(run("score", "sec", "--json").output)
    assert empty["verdict"] == "insufficient_data"
    assert all("pre-close readiness" not in a["action"] for a in empty["next_actions"])
    # The seller: approved in writing, documented; single sign-on and the DPA in place.
    _answer(project, "sam", "approved", "2026-11-20T10:00:00Z")
    ready = json.loads(run("score", "sec", "--json").output)
    assert (ready["verdict"], ready["score"]) == ("ready", 100)
    # A second seller says the review has not started: the must-have fails for the deal.
    _answer(project, "kim", "not_started", "2026-11-21T10:00:00Z")
    blocked = json.loads(run("score", "sec", "--json").output)
    assert blocked["verdict"] == "not_ready"
    assert "it-security-review/security_review" in blocked["failed_gates"]
    text = run("score", "sec").output
    assert "Verdict: Not ready" in text


def test_a_config_named_on_the_command_line_is_the_only_one_read(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("demo").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "readygate.toml").write_text("not = [toml", "utf-8")
    monkeypatch.chdir(elsewhere)
    built = run("--config", str(project / "readygate.toml"), "build", "--no-pdf", "-q")
    assert built.exit_code == 0, built.output
    assert (project / "output" / "site" / "index.html").is_file()
