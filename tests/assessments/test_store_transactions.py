"""Writes of several files are one transaction: an import is stored whole or not at all, and
a respondent never keeps two current answers — under crashes and under concurrent posts."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessments.store import atomic, service
from assessments.store.filestore import FileStore
from assessments.store.interface import Store, open_store
from assessments.store.records import ResponseRecord
from assessments.transfer import files as transfer
from questionnaires import load
from scoring.assess import Assessment

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
HELD = 495  # the import then fills shard 1 and spans shards 2, 3 and 4
IMPORTED = 1200
PULSE = {"usage_frequency": "every_day", "proof_decision": "yes",
         "blockers": ["trust", "training"], "blocker_trust_detail": "Totals differ",
         "umux_capabilities": 6, "umux_easy": 5, "recommend": 8}


def pulse_rows(n: int, start: int = 0) -> list[dict[str, object]]:
    return [{"assessment": "acme", "questionnaire": "post-go-live-pulse", "role": "user",
             "respondent": f"u{i}", "week": 2, "submitted_at": "2026-02-01T10:00:00+00:00",
             "answers": PULSE} for i in range(start, start + n)]


@pytest.fixture(scope="module")
def holding(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose assessment holds 495 responses, and a 1,200-row import file."""
    root = tmp_path_factory.mktemp("holding")
    store = FileStore(root / "data")
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    store.add_responses([ResponseRecord("", "acme", "post-go-live-pulse", "2", "", "user",
                                        {"n": n}, respondent=f"old{n}") for n in range(HELD)])
    (root / "in.json").write_text(json.dumps({"responses": pulse_rows(IMPORTED)}))
    return root


KILLED_IMPORT = textwrap.dedent("""\
    import os, pathlib, signal, sys
    from pathlib import Path
    from assessments.transfer import files as transfer
    from assessments.store.filestore import FileStore
    from questionnaires import load
    data, file, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    store, definitions = FileStore(data), {q.id: q for q in load()}
    replaced, real_replace, real_unlink = [], os.replace, pathlib.Path.unlink

    def replace(src, dst):
        replaced.append(Path(dst).name)
        if kill_at == str(len(replaced)):  # killed instead of the n-th rename
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)

    def unlink(path, *args, **kwargs):
        if kill_at == "journal-removal" and path.name == ".journal.json":
            os.kill(os.getpid(), signal.SIGKILL)
        real_unlink(path, *args, **kwargs)

    os.replace, pathlib.Path.unlink = replace, unlink
    transfer.import_file(store, definitions, file)
    print("survived", replaced, flush=True)
    """)


def killed_import(holding: Path, folder: Path, kill_at: str) -> subprocess.CompletedProcess[str]:
    if not folder.exists():
        shutil.copytree(holding / "data", folder)
    return subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(folder),
                           str(holding / "in.json"), kill_at],
                          capture_output=True, text=True, env=ENV, timeout=120)


def test_an_uninterrupted_import_renames_the_journal_then_each_shard(
        holding: Path, tmp_path: Path) -> None:
    done = killed_import(holding, tmp_path / "data", "never")
    assert done.returncode == 0, done.stderr
    assert "['.journal.json', 'responses-0001.json', 'responses-0002.json', " \
           "'responses-0003.json', 'responses-0004.json']" in done.stdout
    assert FileStore(tmp_path / "data").response_count("acme") == HELD + IMPORTED


@pytest.mark.parametrize("kill_at", ["1", "2", "3", "4", "5", "journal-removal"])
def test_an_import_killed_after_any_shard_write_is_all_or_nothing(
        holding: Path, tmp_path: Path, kill_at: str) -> None:
    data = tmp_path / "data"
    done = killed_import(holding, data, kill_at)
    assert done.returncode == -signal.SIGKILL, done.stderr
    store = FileStore(data)  # opening finishes or discards what the crash left
    assert not (data / ".journal.json").exists()
    assert list(data.rglob("*.tmp")) == []
    stored = store.responses("acme")
    # Killed before the journal was in place: nothing. After it: everything.
    expected = HELD if kill_at == "1" else HELD + IMPORTED
    assert len(stored) == expected
    assert len({r.id for r in stored}) == expected
    # Running the import again stores what is missing, and nothing twice.
    definitions = {q.id: q for q in load()}
    added, skipped = transfer.import_file(store, definitions, holding / "in.json")
    assert (added, skipped) == ((IMPORTED, 0) if kill_at == "1" else (0, IMPORTED))
    assert store.response_count("acme") == HELD + IMPORTED


KILLED_AT_COMMIT = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from sqlalchemy import event
    from assessments.store import service
    from assessments.store.interface import open_store
    from assessments.transfer import files as transfer
    from questionnaires import load
    data, url, job = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    store, definitions = open_store(data, url), {q.id: q for q in load()}
    # Killed at the very moment the transaction would commit: everything is written but
    # nothing is made current.
    event.listen(store.engine, "commit", lambda conn: os.kill(os.getpid(), signal.SIGKILL))
    if job == "import":
        transfer.import_file(store, definitions, Path(sys.argv[4]))
    else:
        who = service.Respondent("user", "inv_kim", "Kim")
        service.submit(store, definitions["post-go-live-pulse"], store.assessment("acme"),
                       {"usage_frequency": "every_day"}, {}, who)
    print("survived", flush=True)
    """)


def test_on_postgresql_an_import_killed_at_its_commit_stores_nothing(
        holding: Path, tmp_path: Path, database_url: str) -> None:
    store = open_store(tmp_path / "data", database_url)
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    store.add_responses(FileStore(holding / "data").responses("acme"))
    done = subprocess.run([sys.executable, "-c", KILLED_AT_COMMIT, str(tmp_path / "data"),
                           database_url, "import", str(holding / "in.json")],
                          capture_output=True, text=True, env=ENV, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert store.response_count("acme") == HELD
    added, skipped = transfer.import_file(store, {q.id: q for q in load()},
                                          holding / "in.json")
    assert (added, skipped) == (IMPORTED, 0)
    assert store.response_count("acme") == HELD + IMPORTED


def test_on_postgresql_a_replacing_answer_killed_at_its_commit_keeps_the_old_one(
        tmp_path: Path, database_url: str) -> None:
    store = open_store(tmp_path / "data", database_url)
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    q = {q.id: q for q in load()}["post-go-live-pulse"]
    first = service.submit(store, q, store.assessment("acme"), {"usage_frequency": "once"},
                           {}, service.Respondent("user", "inv_kim", "Kim"))
    done = subprocess.run([sys.executable, "-c", KILLED_AT_COMMIT, str(tmp_path / "data"),
                           database_url, "submit"],
                          capture_output=True, text=True, env=ENV, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert [r.id for r in store.responses("acme", include_superseded=True)] == [first.id]


def test_a_reader_finishes_a_journal_a_crashed_writer_left(holding: Path,
                                                           tmp_path: Path) -> None:
    data = shutil.copytree(holding / "data", tmp_path / "data")
    reader = FileStore(data)  # a long-running process (a server) opened the store before
    assert killed_import(holding, data, "3").returncode == -signal.SIGKILL
    assert (data / ".journal.json").exists()
    # It finishes the cut-short write before it reads, and sees all of it.
    assert reader.response_count("acme") == HELD + IMPORTED
    assert not (data / ".journal.json").exists()


def test_a_lone_surrogate_is_refused_with_its_row_and_nothing_is_stored(
        holding: Path, tmp_path: Path) -> None:
    data = shutil.copytree(holding / "data", tmp_path / "data")
    rows = pulse_rows(10)
    rows[7] = {**rows[7], "answers": {**PULSE, "blocker_trust_detail": "bad \ud800 text"}}
    path = tmp_path / "ten.json"
    path.write_text(json.dumps({"responses": rows}))  # json escapes it as \\ud800
    done = subprocess.run([sys.executable, "-c", "from assessments.cli import main; main()",
                           "--data", str(data), "import", str(path)],
                          capture_output=True, text=True, env=ENV, timeout=120)
    assert done.returncode == 1
    assert "responses[7]" in done.stderr and "blocker_trust_detail" in done.stderr
    assert "U+D800" in done.stderr and "Traceback" not in done.stderr
    assert FileStore(data).response_count("acme") == HELD


def test_the_same_rows_twice_in_one_file_are_stored_once(holding: Path, tmp_path: Path) -> None:
    data = shutil.copytree(holding / "data", tmp_path / "data")
    path = tmp_path / "twice.json"
    path.write_text(json.dumps({"responses": pulse_rows(3) + pulse_rows(3)}))
    store = FileStore(data)
    assert transfer.import_file(store, {q.id: q for q in load()}, path) == (3, 3)
    assert store.response_count("acme") == HELD + 3


# -- one current answer per respondent --------------------------------------------------------

POSTER = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    from assessments.web.app import create_app

    data, token, start, n, url = sys.argv[1], sys.argv[2], Path(sys.argv[3]), *sys.argv[4:6]
    app = create_app({"DATA": data, "DATABASE_URL": url, "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    while not start.exists():
        time.sleep(0.002)
    response = client.post(f"/r/{token}", data={
        "usage_frequency": "every_day", "umux_easy": "5", "blockers": "none",
        "first_value_seen": "no", "umux_capabilities": str(int(n) % 7 + 1)})
    assert response.status_code == 303, response.status_code
    """)


def test_twelve_processes_posting_one_personal_link_leave_one_current_answer(
        tmp_path: Path, open_engine: Callable[[Path], Store]) -> None:
    data = tmp_path / "data"
    store = open_engine(data)
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    definitions = {q.id: q for q in load()}
    _, token = service.create_invitation(store, definitions, "acme", "post-go-live-pulse",
                                         role="user", name="Kim")
    script = tmp_path / "poster.py"
    script.write_text(POSTER)
    for round_ in range(3):
        start = tmp_path / f"go-{round_}"
        posters = [subprocess.Popen([sys.executable, str(script), str(data), token, str(start),
                                     str(n), getattr(store, "url", "")],
                                    stderr=subprocess.PIPE, text=True, env=ENV)
                   for n in range(12)]
        time.sleep(2.0)  # every process has built its app and waits for the signal
        start.touch()
        for poster in posters:
            _, err = poster.communicate(timeout=120)
            assert poster.returncode == 0, err[-2000:]
        every = store.responses("acme", include_superseded=True)
        assert len(every) == 12 * (round_ + 1)
        current = store.responses("acme")
        assert len(current) == 1, f"round {round_}: {len(current)} current answers"


KILLED_REPLACE = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path
    from assessments.store import service
    from assessments.store.filestore import FileStore
    from questionnaires import load
    data = Path(sys.argv[1])
    store = FileStore(data)
    q = {q.id: q for q in load()}["post-go-live-pulse"]
    who = service.Respondent("user", "inv_kim", "Kim")
    real, count = os.replace, []

    def replace(src, dst):
        count.append(dst)
        if len(count) == 2:  # the journal is in place; the first file is not yet replaced
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst)

    os.replace = replace
    service.submit(store, q, store.assessment("acme"), {"usage_frequency": "every_day"}, {},
                   who)
    """)


def test_a_crash_while_replacing_an_answer_in_an_older_shard_leaves_one_current(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = FileStore(data)
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    q = {q.id: q for q in load()}["post-go-live-pulse"]
    who = service.Respondent("user", "inv_kim", "Kim")
    first = service.submit(store, q, store.assessment("acme"),
                           {"usage_frequency": "once"}, {}, who)
    # Fill the shard, so the new answer lands in a new shard and two files change at once.
    store.add_responses([ResponseRecord("", "acme", "other", "1", "", "user", {})
                         for _ in range(499)])
    done = subprocess.run([sys.executable, "-c", KILLED_REPLACE, str(data)],
                          capture_output=True, text=True, env=ENV, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    current = [r for r in FileStore(data).responses("acme", "post-go-live-pulse")]
    assert len(current) == 1 and current[0].id != first.id
    assert current[0].answers["usage_frequency"] == "every_day"


WRITER_OF_TWO_SHARDS = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from assessments.store.records import ResponseRecord
    from assessments.store.filestore import FileStore
    store = FileStore(Path(sys.argv[1]))
    # Kim's new answer lands in shard 2 and supersedes the one in shard 1: two files.
    store.add_response(ResponseRecord("", "acme", "q", "1", "", "user", {"n": 2},
                                      respondent="kim"), replaces=True)
    """)


def test_a_reader_never_sees_half_of_a_write_of_two_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    store = FileStore(data)
    store.save_assessment(Assessment("acme", "Acme"))
    store.add_response(ResponseRecord("", "acme", "q", "1", "", "user", {"n": 1},
                                      respondent="kim"))
    store.add_responses([ResponseRecord("", "acme", "q", "1", "", "user", {})
                         for _ in range(500)])  # shard 1 is full, shard 2 holds one
    writer: list[subprocess.Popen[str]] = []
    real_load = atomic.load

    def slow_load(path: Path, decode: Any) -> Any:
        value = real_load(path, decode)
        if path.name == "responses-0001.json" and not writer:
            # Between the reader's two shards, a writer changes both.
            writer.append(subprocess.Popen([sys.executable, "-c", WRITER_OF_TWO_SHARDS,
                                            str(data)], env=ENV, text=True))
            time.sleep(3.0)  # ample time for the writer, were it not kept waiting
        return value

    monkeypatch.setattr(atomic, "load", slow_load)
    seen = store.responses("acme", "q")
    assert writer and writer[0].wait(timeout=60) == 0
    assert [r.answers for r in seen if r.respondent == "kim"] == [{"n": 1}]
    monkeypatch.undo()
    assert [r.answers for r in store.responses("acme", "q") if r.respondent == "kim"] == \
        [{"n": 2}]


def test_opening_the_store_leaves_a_rate_limit_write_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    FileStore(data)
    temp = data / ".throttle.json.0123456789abcdef.tmp"
    opened = threading.Event()
    with atomic.file_lock(data / ".throttle.lock"):  # a rate-limit write is under way
        temp.write_text("{}")
        opener = threading.Thread(target=lambda: (FileStore(data), opened.set()))
        opener.start()
        assert not opened.wait(1.0)  # the new process waits rather than delete its file
        assert temp.exists()
    opener.join(timeout=30)
    assert opened.is_set() and not temp.exists()
