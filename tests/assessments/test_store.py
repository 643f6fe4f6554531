"""The store: round trips, missing things, unsafe ids, secrets on disk, shards, several writers."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessments.errors import InputError, NotFound
from assessments.store import atomic
from assessments.store.filestore import FileStore
from assessments.store.interface import Store, open_store
from assessments.store.records import (
    Draft,
    Invitation,
    ResponseRecord,
    User,
    new_token,
    token_hash,
)
from assessments.store.shards import SHARD_SIZE
from scoring.assess import Assessment
from scoring.commitments import Commitment

ROOT = Path(__file__).resolve().parents[2]


def response(assessment: str = "acme", questionnaire: str = "pre-close-readiness",
             **fields: Any) -> ResponseRecord:
    values: dict[str, Any] = {"id": "", "version": "3", "digest": "d" * 64, "role": "seller",
                              "answers": {"owner": "yes", "users": ["ops", "finance"]}}
    values.update(fields)
    return ResponseRecord(assessment=assessment, questionnaire=questionnaire, **values)


def invitation(token: str, **fields: Any) -> Invitation:
    values: dict[str, Any] = {"id": "inv_1", "assessment": "acme",
                              "questionnaire": "stakeholder-map", "role": "manager"}
    values.update(fields)
    return Invitation(token_hash=token_hash(token), **values)


@pytest.fixture
def store(open_engine: Callable[[Path], Store], tmp_path: Path) -> Store:
    """A store with one assessment: on each engine in turn."""
    s = open_engine(tmp_path / "data")
    s.save_assessment(Assessment("acme", "Acme Corp", deal="Platform", owner="sam"))
    return s


@pytest.fixture
def file_store(tmp_path: Path) -> FileStore:
    """The same on TinyDB files, for what only files have (shards, temporary files)."""
    s = FileStore(tmp_path / "data")
    s.save_assessment(Assessment("acme", "Acme Corp", deal="Platform", owner="sam"))
    return s


def stored_bytes(store: Store) -> bytes:
    """Everything the store keeps: its files, or every row of every table."""
    if isinstance(store, FileStore):
        return b"".join(p.read_bytes() for p in store.root.rglob("*") if p.is_file())
    from sqlalchemy import text

    from assessments.store.sqlschema import metadata

    engine = store.engine  # type: ignore[attr-defined]
    with engine.connect() as c:
        return b"".join(str(row).encode() for table in metadata.sorted_tables
                        for row in c.execute(text(f"SELECT t::text FROM {table.name} t")))


def shard_sizes(store: Store, assessment: str = "acme") -> list[int]:
    folder = store.root / "assessments" / assessment
    return [len(json.loads(p.read_text())["_default"])
            for p in sorted(folder.glob("responses-*.json"))]


def test_assessments_round_trip_sorted_and_replaced(store: Store) -> None:
    store.save_assessment(Assessment("beta-2", "Beta", stage="closing"))
    store.save_assessment(Assessment("alpha", "Alpha", go_live="2025-03-01"))
    assert [a.id for a in store.assessments()] == ["acme", "alpha", "beta-2"]
    assert store.assessment("alpha") == Assessment("alpha", "Alpha", go_live="2025-03-01")
    assert store.has_assessment("beta-2") and not store.has_assessment("gamma")
    store.save_assessment(Assessment("beta-2", "Beta GmbH", stage="live"))
    assert store.assessment("beta-2") == Assessment("beta-2", "Beta GmbH", stage="live")
    assert len(store.assessments()) == 3


def test_a_same_size_rewrite_is_seen_by_the_cached_reader(file_store: FileStore) -> None:
    # Same length, written faster than a coarse clock ticks: a freed inode may come back
    # with the same size and mtime, and only a strictly later mtime tells them apart.
    for n in range(50):
        file_store.save_assessment(Assessment("acme", f"Acme {n % 10}a"))
        assert file_store.assessment("acme").account == f"Acme {n % 10}a"
        file_store.save_assessment(Assessment("acme", f"Acme {n % 10}b"))
        file_store.save_assessment(Assessment("acme", f"Acme {n % 10}c"))
        assert file_store.assessment("acme").account == f"Acme {n % 10}c"


def test_every_write_moves_the_mtime_forward_even_against_the_clock(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    atomic.write_json(path, {"_default": {}})
    future = path.stat().st_mtime_ns + 10**12  # a clock that stepped back, or a coarse one
    os.utime(path, ns=(future, future))
    atomic.write_json(path, {"_default": {}})
    assert path.stat().st_mtime_ns > future


def test_responses_round_trip_in_submission_order(store: Store) -> None:
    first = store.add_response(response(answers={"owner": "yes", "users": ["ops"]}))
    second = store.add_response(response("acme", "post-go-live-pulse", week=2, role="user",
                                         respondent="inv_9", evidence={"owner": 3}))
    kept = store.add_response(response(id="r_import1", submitted_at="2024-05-01T09:00:00+00:00",
                                       source="import"))
    assert re.fullmatch(r"r_[0-9a-f]{16}", first.id)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", first.submitted_at)
    assert (kept.id, kept.submitted_at) == ("r_import1", "2024-05-01T09:00:00+00:00")
    assert store.responses("acme") == [first, second, kept]
    assert store.responses("acme")[0].answers["users"] == ["ops"]
    assert store.responses("acme", "post-go-live-pulse") == [second]
    assert store.response_count("acme") == 3


def test_superseded_responses_stay_in_history(store: Store) -> None:
    old = store.add_response(response(week=1))
    new = store.add_response(response(week=1))
    store.supersede("acme", old.id)
    assert store.responses("acme") == [new]
    assert [r.superseded for r in store.responses("acme", include_superseded=True)] == [
        True, False]
    assert store.response_count("acme") == 1


def test_bulk_insert_returns_the_count_and_fails_whole(store: Store) -> None:
    store.save_assessment(Assessment("beta", "Beta"))
    assert len(store.add_responses([response(), response("beta"), response()])) == 3
    assert (store.response_count("acme"), store.response_count("beta")) == (2, 1)
    with pytest.raises(NotFound, match="nope"):
        store.add_responses([response(), response("nope")])
    with pytest.raises(TypeError):
        store.add_responses([response(), response(answers={"x": {1, 2}})])
    assert store.response_count("acme") == 2


def test_missing_things_raise_not_found(store: Store) -> None:
    cases = [lambda: store.assessment("nope"), lambda: store.responses("nope"),
             lambda: store.add_response(response("nope")),
             lambda: store.invitation("acme", "inv_x"), lambda: store.invitations("nope"),
             lambda: store.revoke("acme", "inv_x"), lambda: store.supersede("acme", "r_x"),
             lambda: store.add_invitation(invitation(new_token(), assessment="nope"))]
    for case in cases:
        with pytest.raises(NotFound) as caught:
            case()
        assert isinstance(caught.value, KeyError) and "no " in str(caught.value)
    assert not (store.root / "assessments" / "nope").exists()


@pytest.mark.parametrize("bad", ["../x", "..", "Acme", "", "-x", "a/b", "a b", "x\n", "a" * 64,
                                 "/tmp/x", "é"])
def test_ids_that_are_not_slugs_are_refused(store: Store, tmp_path: Path, bad: str) -> None:
    calls = [lambda: store.save_assessment(Assessment(bad, "Evil")),
             lambda: store.assessment(bad), lambda: store.has_assessment(bad),
             lambda: store.add_response(response(bad)), lambda: store.responses(bad)]
    for call in calls:
        with pytest.raises(ValueError, match="not a slug"):
            call()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert [a.id for a in store.assessments()] == ["acme"]


def test_invitations_round_trip_by_token_and_revoke(store: Store) -> None:
    token, other = new_token(), new_token()
    inv = invitation(token, name="Dana", expires_at="2030-01-01T00:00:00+00:00")
    store.add_invitation(inv)
    store.add_invitation(invitation(other, id="inv_2", role="approver"))
    assert store.invitation_by_token(token) == inv
    assert store.invitation_by_token(other).id == "inv_2"  # type: ignore[union-attr]
    assert store.invitation_by_token(new_token()) is None
    assert store.invitation_by_token(token_hash(token)) is None  # the hash is no token
    assert store.invitation("acme", "inv_1") == inv
    assert [i.id for i in store.invitations("acme")] == ["inv_1", "inv_2"]
    store.revoke("acme", "inv_1")
    assert store.invitation_by_token(token).revoked  # type: ignore[union-attr]
    assert not store.invitation("acme", "inv_2").revoked


def test_bad_invitations_are_refused(store: Store) -> None:
    token = new_token()
    store.add_invitation(invitation(token))
    with pytest.raises(ValueError, match="already exists"):
        store.add_invitation(invitation(new_token()))
    with pytest.raises(ValueError, match="never store the token"):
        store.add_invitation(dataclasses.replace(invitation(token, id="inv_2"), token_hash=token))
    assert len(store.invitations("acme")) == 1


def test_a_raw_token_never_reaches_the_disk(store: Store) -> None:
    tokens = [new_token() for _ in range(5)]
    for n, token in enumerate(tokens):
        store.add_invitation(invitation(token, id=f"inv_{n}"))
    store.revoke("acme", "inv_0")
    blob = stored_bytes(store)
    assert token_hash(tokens[0]).encode() in blob  # the search does see the files
    for token in tokens:
        assert token.encode() not in blob


def test_a_replaced_token_stops_opening_but_its_page_knows_it(store: Store) -> None:
    first, second, third = new_token(), new_token(), new_token()
    store.add_invitation(invitation(first))
    added = store.add_token("acme", "inv_1", token_hash(second))
    assert added.tokens == (token_hash(first), token_hash(second))
    assert store.invitation_by_token(second) == added == store.invitation_by_token(first)
    store.add_token("acme", "inv_1", token_hash(third), replace=True)
    assert store.invitation_by_token(first) is None
    assert store.invitation_by_token(first, replaced=True).id == "inv_1"  # type: ignore[union-attr]
    assert store.invitation_by_token(third).tokens == (token_hash(third),)  # type: ignore[union-attr]
    assert sorted(h for h, _ in store.token_entries("acme")) == sorted(
        token_hash(t) for t in (first, second, third))
    with pytest.raises(ValueError, match="keeps the id and tokens"):
        store.change_invitation("acme", "inv_1", lambda i: dataclasses.replace(i, id="inv_9"))
    changed = store.change_invitation("acme", "inv_1",
                                      lambda i: dataclasses.replace(i, reminders=2))
    assert store.invitation("acme", "inv_1") == changed and changed.reminders == 2


def test_drafts_are_kept_per_respondent_questionnaire_and_week(store: Store) -> None:
    def draft(week: int | None, text: str, who: str = "inv_1") -> Draft:
        return Draft("acme", "post-go-live-pulse", who, week, (("first_value", text),),
                     "2026-03-01T10:00:00+00:00")

    store.save_draft(draft(None, "a"))
    store.save_draft(draft(3, "b"))
    store.save_draft(draft(3, "c"))  # replaces week 3's
    store.save_draft(draft(3, "d", who="inv_2"))
    assert store.draft("acme", "post-go-live-pulse", "inv_1", 3) == draft(3, "c")
    assert store.draft("acme", "post-go-live-pulse", "inv_1", None) == draft(None, "a")
    assert store.draft("acme", "post-go-live-pulse", "inv_1", 4) is None
    assert store.drafts("acme") == [draft(None, "a"), draft(3, "c"), draft(3, "d", "inv_2")]
    store.drop_draft("acme", "post-go-live-pulse", "inv_1", 3)
    store.drop_draft("acme", "post-go-live-pulse", "inv_1", 3)  # nothing left: no error
    assert store.draft("acme", "post-go-live-pulse", "inv_1", 3) is None
    assert store.drafts("acme") == [draft(None, "a"), draft(3, "d", "inv_2")]


def test_commitments_round_trip_change_and_refuse_a_taken_id(store: Store) -> None:
    plan = [Commitment("c1", "customer", "Sign off the DPIA", owner="Lisette", due="2026-12-01"),
            Commitment("c2", "vendor", "Load the data", week=2)]
    store.add_commitments("acme", plan)
    assert store.commitments("acme") == plan
    with pytest.raises(ValueError, match="id of its own"):
        store.add_commitments("acme", [Commitment("c2", "vendor", "Again")])
    with pytest.raises(ValueError, match="id of its own"):
        store.add_commitments("acme", [Commitment("c3", "vendor", "x"),
                                       Commitment("c3", "vendor", "y")])
    done = store.change_commitment("acme", "c1", lambda c: dataclasses.replace(c, status="done"))
    assert store.commitments("acme") == [done, plan[1]]
    with pytest.raises(NotFound):
        store.change_commitment("acme", "c9", lambda c: c)


def test_documents_take_every_change_of_threads_at_once(store: Store) -> None:
    assert store.document("webhooks") == {} and store.document_names() == []

    def count() -> None:
        for _ in range(25):
            store.change_document("webhooks", lambda d: {**d, "n": d.get("n", 0) + 1})

    threads = [threading.Thread(target=count) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.document("webhooks") == {"n": 100}
    assert store.document_names() == ["webhooks"]
    with pytest.raises(ValueError, match="not a slug"):
        store.document("../users")


def test_users_round_trip_and_names_are_unique(store: Store) -> None:
    store.add_user(User("zoe", "pbkdf2:sha256$x", "2024-01-01T00:00:00+00:00"))
    store.add_user(User("ann", "pbkdf2:sha256$y"))
    assert store.user("zoe") == User("zoe", "pbkdf2:sha256$x", "2024-01-01T00:00:00+00:00")
    assert store.user("bob") is None
    assert [u.name for u in store.users()] == ["ann", "zoe"]
    with pytest.raises(ValueError, match="'ann' already exists"):
        store.add_user(User("ann", "other"))
    assert store.user("ann") == User("ann", "pbkdf2:sha256$y")


def test_secret_key_is_private_and_stable(tmp_path: Path) -> None:
    key = FileStore(tmp_path).secret_key()
    assert len(key) >= 32
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert FileStore(tmp_path).secret_key() == key
    assert FileStore(tmp_path / "other").secret_key() != key


def test_a_database_keeps_one_secret_key_for_every_server(
        database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READYGATE_SECRET_KEY", raising=False)
    key = open_store(tmp_path / "a", database_url).secret_key()
    assert len(key) >= 32 and not (tmp_path / "a" / "secret_key").exists()
    assert open_store(tmp_path / "b", database_url).secret_key() == key  # another machine
    monkeypatch.setenv("READYGATE_SECRET_KEY", "k" * 40)
    assert open_store(tmp_path / "b", database_url).secret_key() == b"k" * 40
    monkeypatch.setenv("READYGATE_SECRET_KEY", "short")
    with pytest.raises(InputError, match="too short"):
        open_store(tmp_path / "b", database_url).secret_key()


def test_data_folder_comes_from_argument_env_or_instance(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("READYGATE_DATA", raising=False)
    assert FileStore.open().root == tmp_path / "instance"
    monkeypatch.setenv("READYGATE_DATA", str(tmp_path / "env"))
    FileStore.open().save_assessment(Assessment("acme", "Acme"))
    assert (tmp_path / "env" / "assessments" / "acme" / "assessment.json").is_file()
    assert FileStore.open(tmp_path / "arg").root == tmp_path / "arg"
    assert FileStore.open(str(tmp_path / "arg")).assessments() == []


def test_stray_temporary_files_are_removed_on_open(file_store: FileStore) -> None:
    file_store.add_response(response())
    folder = file_store.root / "assessments" / "acme"
    strays = [folder / ".responses-0001.json.0123456789abcdef.tmp",
              file_store.root / ".users.json.fedcba9876543210.tmp"]
    for path in strays:
        path.write_text('{"_default": {"1": ')  # what a crash mid-write leaves
    mine = folder / "notes.tmp"
    mine.write_text("not ours")
    reopened = FileStore(file_store.root)
    assert [p for p in strays if p.exists()] == []
    assert mine.exists()
    assert reopened.response_count("acme") == 1


def test_a_failed_write_keeps_the_last_good_state(file_store: FileStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    kept = file_store.add_response(response())

    def crash(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        file_store.add_response(response())
    monkeypatch.undo()
    assert FileStore(file_store.root).responses("acme") == [kept]
    assert [p for p in file_store.root.rglob("*.tmp")] == []


def test_a_corrupt_file_is_named(file_store: FileStore) -> None:
    (file_store.root / "users.json").write_text('{"_default": {')
    with pytest.raises(ValueError, match=r"users\.json: not valid JSON"):
        file_store.users()


def test_1200_responses_fill_three_shards_through_one_journal(
        file_store: FileStore, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[str] = []
    real = atomic.write_bytes

    def counting(path: Path, data: bytes) -> None:
        writes.append(path.name)
        real(path, data)

    monkeypatch.setattr(atomic, "write_bytes", counting)
    assert len(file_store.add_responses([response(answers={"n": n}) for n in range(1200)])) == 1200
    # The journal first (one atomic step makes the whole write current), then each shard once.
    assert writes == [".journal.json", *(f"responses-000{n}.json" for n in (1, 2, 3))]
    assert not (file_store.root / ".journal.json").exists()
    assert shard_sizes(file_store) == [500, 500, 200]
    assert [r.answers["n"] for r in file_store.responses("acme")] == list(range(1200))
    writes.clear()
    file_store.add_response(response())
    assert writes == ["responses-0003.json"]  # one file: no journal needed


def test_single_adds_start_a_new_shard_when_the_last_is_full(file_store: FileStore) -> None:
    file_store.add_responses([response() for _ in range(SHARD_SIZE - 1)])
    file_store.add_response(response())
    assert shard_sizes(file_store) == [SHARD_SIZE]
    last = file_store.add_response(response())
    assert shard_sizes(file_store) == [SHARD_SIZE, 1]
    file_store.add_responses([response() for _ in range(SHARD_SIZE)])
    assert shard_sizes(file_store) == [SHARD_SIZE, SHARD_SIZE, 1]
    assert file_store.responses("acme")[SHARD_SIZE] == last
    file_store.supersede("acme", last.id)
    assert file_store.response_count("acme") == 2 * SHARD_SIZE


def test_threads_sharing_a_store_lose_no_write(store: Store) -> None:
    def add() -> None:
        for _ in range(40):
            store.add_response(response())

    threads = [threading.Thread(target=add) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.id for r in store.responses("acme")}) == 160


WRITER = """
import sys
from pathlib import Path
from assessments.store.records import ResponseRecord
from assessments.store.interface import open_store
store = open_store(Path(sys.argv[1]), sys.argv[4])
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    store.add_response(ResponseRecord("", "acme", "q", "1", "", sys.argv[3], {"i": i}))
"""


def child(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_four_processes_writing_at_once_lose_nothing(store: Store) -> None:
    url = getattr(store, "url", "")
    procs = [child(WRITER, str(store.root), "250", f"w{n}", url) for n in range(4)]
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline() == "ready\n"
        for p in procs:  # release them together
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.close()
        assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    finally:
        for p in procs:
            p.kill()
            p.wait()
            assert p.stdout is not None
            p.stdout.close()
    stored = open_store(store.root, url).responses("acme")
    assert len(stored) == 1000 and len({r.id for r in stored}) == 1000
    if isinstance(store, FileStore):
        assert shard_sizes(store) == [500, 500]
    for n in range(4):  # each writer's responses, all there and in its own order
        assert [r.answers["i"] for r in stored if r.role == f"w{n}"] == list(range(250))


READER = """
import sys
from pathlib import Path
from assessments.store.records import ResponseRecord
from assessments.store.interface import open_store
store = open_store(Path(sys.argv[1]), sys.argv[2])
for line in sys.stdin:
    if line.strip() == "add":
        print(store.add_response(ResponseRecord("", "acme", "q", "1", "", "a", {})).id)
    else:
        print(store.response_count("acme"), store.assessment("acme").account)
    sys.stdout.flush()
"""


def test_a_process_sees_another_process_write_after_caching(store: Store) -> None:
    with child(READER, str(store.root), getattr(store, "url", "")) as a:
        assert a.stdin is not None and a.stdout is not None

        def ask(command: str) -> str:
            a.stdin.write(command + "\n")  # type: ignore[union-attr]
            a.stdin.flush()  # type: ignore[union-attr]
            return a.stdout.readline().strip()  # type: ignore[union-attr]

        first = ask("add")
        assert ask("count") == "1 Acme Corp"
        second = store.add_response(response()).id
        store.save_assessment(Assessment("acme", "Acme Inc."))  # same size as "Acme Corp"
        assert ask("count") == "2 Acme Inc."
        third = ask("add")
        a.stdin.close()
        assert a.wait(timeout=30) == 0
    assert [r.id for r in store.responses("acme")] == [first, second, third]
