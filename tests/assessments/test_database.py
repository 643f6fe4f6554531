"""PostgreSQL as the store: selected by URL, its schema migrated by `readygate db upgrade`,
and a whole store copied between engines and back with every response's checksum equal."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from assessments.store import sqlmigrate
from assessments.store.copy import response_checksum, tally
from assessments.store.filestore import FileStore
from assessments.store.interface import open_store
from assessments.store.records import Draft, new_token, token_hash
from assessments.store.sqlengine import release
from assessments.store.sqlstore import SqlStore
from tests.helpers import no_settings_from_outside, run

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo in a data folder, with a draft, a document and a replaced link beside it."""
    no_settings_from_outside(monkeypatch)
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    assert run("--data", str(data), "demo").exit_code == 0
    store = FileStore(data)
    store.save_draft(Draft("halden-freight", "stakeholder-map", "inv_x", None,
                           (("champion", "Ines"),), "2026-03-01T10:00:00+00:00"))
    store.change_document("webhooks", lambda d: {**d, "cursor": {"halden-freight": 3}})
    first = store.invitations("halden-freight")[0]
    store.add_token("halden-freight", first.id, token_hash(new_token()), replace=True)
    return data


def test_a_url_selects_postgresql_and_no_url_the_data_folder(
        tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READYGATE_DATABASE_URL", raising=False)
    assert isinstance(open_store(tmp_path / "a"), FileStore)
    assert isinstance(open_store(tmp_path / "a", database_url), SqlStore)
    monkeypatch.setenv("READYGATE_DATABASE_URL", database_url)
    found = open_store(tmp_path / "b")
    assert isinstance(found, SqlStore) and found.root == tmp_path / "b"
    assert "postgres" in repr(found) and "password" not in repr(found)
    # A password in the query string is no more shown than one before the host.
    with_password = open_store(tmp_path / "c", f"{database_url}&password=s3cret")
    assert "s3cret" not in with_password.place and "s3cret" not in repr(with_password)
    release(f"{database_url}&password=s3cret")


def test_a_bad_or_unreachable_url_is_named(tmp_path: Path, postgres: Any) -> None:
    no_such = postgres.url("no_such_database")
    with pytest.raises(Exception, match="cannot reach the database .*no_such_database"):
        open_store(tmp_path, no_such)
    with pytest.raises(Exception, match="PostgreSQL, not sqlite"):
        open_store(tmp_path, "sqlite:///x.db")


def test_an_empty_database_gets_its_tables_and_upgrade_says_where_it_stands(
        tmp_path: Path, postgres: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    no_settings_from_outside(monkeypatch)
    monkeypatch.chdir(tmp_path)
    url = postgres.empty_database()
    done = run("db", "upgrade", "--url", url)
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"schema at revision {sqlmigrate.head()} (was empty)"
    assert run("db", "upgrade", "--url", url).output.strip().endswith("(it was already)")
    engine = create_engine(url)
    assert {"assessments", "responses", "invitations", "tokens", "users"} <= set(
        inspect(engine).get_table_names())
    columns = {c["name"]: str(c["type"]) for c in inspect(engine).get_columns("responses")}
    assert columns["answers"] == "JSONB" and columns["week"] == "INTEGER"
    engine.dispose()
    release(url)


def test_the_migrations_make_exactly_the_tables_the_store_uses(database_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from assessments.store.sqlschema import metadata

    engine = create_engine(database_url)
    with engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), metadata) == []
    engine.dispose()


def test_a_database_of_another_schema_version_is_refused_with_the_fix(
        tmp_path: Path, database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as c:
        c.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    engine.dispose()
    with pytest.raises(Exception, match="run `readygate db upgrade`"):
        open_store(tmp_path, database_url)


def test_a_store_goes_to_postgresql_and_back_with_every_checksum_equal(
        demo_folder: Path, tmp_path: Path, database_url: str) -> None:
    source = FileStore(demo_folder)
    before = tally(source)
    assert before.counts["responses"] == 118 and before.counts["drafts"] == 1
    assert before.counts["token index entries"] == before.counts["links"] + 1
    done = run("db", "copy", "--from", str(demo_folder), "--to", database_url)
    assert done.exit_code == 0, done.output
    assert "copied and verified" in done.output and "118 responses" in done.output
    there = open_store(tmp_path / "local", database_url)
    assert tally(there) == before
    back = tmp_path / "back"
    done = run("db", "copy", "--from", database_url, "--to", str(back))
    assert done.exit_code == 0, done.output
    assert tally(FileStore(back)) == before
    # The same answers, read the same way, from all three.
    for a in source.assessments():
        theirs = [open_store(tmp_path / "local", database_url).responses(a.id),
                  FileStore(back).responses(a.id)]
        assert all(response_checksum(r) == response_checksum(source.responses(a.id))
                   for r in theirs)
    # A replaced link's old token still says "replaced" after the move.
    old = source.token_entries("halden-freight")
    assert sorted(old) == sorted(there.token_entries("halden-freight"))
    assert there.drafts("halden-freight") == source.drafts("halden-freight")
    assert there.document("webhooks") == {"cursor": {"halden-freight": 3}}
    assert there.users() == source.users()


def test_a_copy_refuses_a_target_that_holds_data_and_writes_nothing(
        demo_folder: Path, tmp_path: Path, database_url: str) -> None:
    target = open_store(tmp_path / "local", database_url)
    target.change_document("api-tokens", lambda d: {"tokens": []})
    done = run("db", "copy", "--from", str(demo_folder), "--to", database_url)
    assert done.exit_code == 1 and "already holds data" in done.output
    assert target.assessments() == []
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    done = run("db", "copy", "--from", str(demo_folder), "--to", str(tmp_path / "full"))
    assert done.exit_code == 1 and "not empty" in done.output
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]


def test_a_copy_into_postgresql_that_fails_midway_leaves_it_empty(
        demo_folder: Path, tmp_path: Path, database_url: str) -> None:
    # A user the target cannot take (a name PostgreSQL text refuses) comes after every
    # assessment was written: the one transaction rolls all of them back.
    (demo_folder / "users.json").write_text(
        '{"_default": {"1": {"name": "bad\\u0000name", "password_hash": "x"}}}')
    done = run("db", "copy", "--from", str(demo_folder), "--to", database_url)
    assert done.exit_code != 0
    assert open_store(tmp_path / "local", database_url).assessments() == []


def test_the_demo_on_postgresql_builds_the_same_site_byte_for_byte(
        tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    no_settings_from_outside(monkeypatch)
    sites = {}
    for engine, url in (("tinydb", ""), ("postgresql", database_url)):
        folder = tmp_path / engine
        folder.mkdir()
        monkeypatch.chdir(folder)
        if url:
            monkeypatch.setenv("READYGATE_DATABASE_URL", url)
        assert run("demo").exit_code == 0
        done = run("build")
        assert done.exit_code == 0, done.output
        site = folder / "output" / "site"
        sites[engine] = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).digest()
                         for p in sorted(site.rglob("*")) if p.is_file()}
    assert len([p for p in sites["tinydb"] if p.endswith(".pdf")]) == 12
    assert sites["postgresql"] == sites["tinydb"]



def test_a_nul_character_is_dropped_from_answers_and_drafts_on_both_engines(
        tmp_path: Path, open_engine: Any) -> None:
    import datetime as dt

    from assessments.errors import InputError
    from assessments.store import service
    from assessments.web.app import create_app
    from scoring.assess import Assessment

    store = open_engine(tmp_path / "data")
    app = create_app({"DATA": str(tmp_path / "data"), "DATABASE_URL": getattr(store, "url", ""),
                      "TESTING": True, "WTF_CSRF_ENABLED": False})
    go_live = (dt.date.today() - dt.timedelta(days=10)).isoformat()  # in week 2
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    invitation, token = service.create_invitation(
        store, app.extensions["readygate"].definitions, "acme", "post-go-live-pulse")
    client = app.test_client()
    saved = client.post(f"/r/{token}", data={"usage_frequency": "some_days",
                                             "blocker_trust_detail": "half\x00way", "save": "1"})
    assert saved.status_code == 200
    kept = store.draft("acme", "post-go-live-pulse", invitation.id, 2)
    assert kept is not None and ("blocker_trust_detail", "halfway") in kept.fields
    sent = client.post(f"/r/{token}", data={
        "usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
        "blocker_trust_detail": "to\x00tals differ", "umux_capabilities": "6",
        "umux_easy": "5", "recommend": "8"})
    assert sent.status_code == 303
    assert store.responses("acme")[0].answers["blocker_trust_detail"] == "totals differ"
    with pytest.raises(InputError, match="control character U\\+0000"):
        service.create_assessment(store, {"id": "nul", "account": "Acme\x00"})
