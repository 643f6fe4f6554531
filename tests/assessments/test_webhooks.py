"""Signed webhooks: a real receiver on loopback, real questionnaires, a real store.

The receiver checks every signature with the verification the documentation gives (the
Python block of docs/webhooks.md, run as it is), answers 500 to the first attempts of each
delivery it is told to refuse, and keeps what it saw. The backoff clock is the `moment`
each pass is given, so no test sleeps.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from assessments.hooks import deliver, outbox, sign
from assessments.hooks.status import summary
from assessments.project.webhooks import EVENTS, Webhook
from assessments.store import service
from assessments.store.filestore import FileStore
from assessments.store.interface import Store
from questionnaires import load
from scoring.assess import Assessment
from tests.helpers import HEALTHY_PULSE, free_port, no_settings_from_outside, run
from tests.scenarios.helpers import DOCUMENTED, READY

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cret-for-the-loopback-receiver"
SECRET_ENV = "READYGATE_TEST_WEBHOOK_SECRET"
T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
DEFINITIONS = {q.id: q for q in load()}
READINESS = DEFINITIONS["pre-close-readiness"]
SAM = service.Respondent("seller", "sam", "Sam Rivera")
INES = service.Respondent("stakeholder", "inv_ines", "Ines")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def documented_verify() -> Callable[..., bool]:
    """The `verify` function of docs/webhooks.md's "Verifying a delivery", as a receiver
    would paste it."""
    text = (ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    part = text[text.index("## Verifying a delivery"):]
    code = re.search(r"```python\n(.*?)```", part, re.S)
    assert code is not None
    namespace: dict[str, Any] = {}
    exec(compile(code.group(1), "docs/webhooks.md", "exec"), namespace)
    return namespace["verify"]  # type: ignore[no-any-return]


VERIFY = documented_verify()


@dataclass
class Receiver:
    """What the loopback receiver saw: every request, and the events it accepted."""

    url: str = ""
    refuse_first: int = 2
    """Answer 500 to this many attempts of each delivery, then 200."""
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accepted(self) -> list[dict[str, Any]]:
        """The events answered 200, once per X-Readygate-Delivery (a receiver deduplicates)."""
        unique: dict[str, dict[str, Any]] = {}
        for r in self.requests:
            if r["status"] == 200:
                unique.setdefault(r["delivery"], r["event"])
        return list(unique.values())

    def attempts(self) -> Counter[str]:
        return Counter(r["delivery"] for r in self.requests)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """An HTTP receiver on 127.0.0.1 that checks signatures as the documentation says."""
    seen = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            delivery = self.headers["X-Readygate-Delivery"]
            good = VERIFY(SECRET, self.headers.get(sign.HEADER, ""), body)
            with seen.lock:
                before = sum(r["delivery"] == delivery for r in seen.requests)
                status = 400 if not good else 500 if before < seen.refuse_first else 200
                event = json.loads(body)
                seen.requests.append({"delivery": delivery, "status": status, "event": event,
                                      "type": self.headers["X-Readygate-Event"],
                                      "body": body})
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"not yet" if status == 500 else b"")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    seen.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/readygate"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def direct(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback never goes through a proxy the environment may name."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def hooks_to(url: str, events: tuple[str, ...] = EVENTS) -> tuple[Webhook, ...]:
    return (Webhook(url, SECRET_ENV, events),)


def passes(store: Store, url: str, moment: dt.datetime, *,
           hooks: tuple[Webhook, ...] | None = None, log: list[str] | None = None
           ) -> deliver.Pass:
    """One delivery pass at `moment`."""
    return deliver.run_pass(store, DEFINITIONS, hooks or hooks_to(url), {url: SECRET},
                            min_group=3, moment=moment,
                            log=(log.append if log is not None else lambda line: None))


def deal(store: Store, ident: str = "acme", stage: str = "closing") -> Assessment:
    assessment = Assessment(ident, ident.title(), stage=stage)
    store.save_assessment(assessment)
    return assessment


def answer(store: Store, who: service.Respondent, answers: dict[str, Any],
           ident: str = "acme") -> None:
    evidence = DOCUMENTED if who.role == "seller" else {}
    service.submit(store, READINESS, store.assessment(ident), answers, evidence, who)


def events_of(store: Store) -> list[dict[str, Any]]:
    return list(store.document(outbox.DOCUMENT).get("events", []))


def changed(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e["data"] for e in events if e["type"] == kind]


def test_every_event_arrives_once_through_a_receiver_that_fails_twice(
        tmp_path: Path, receiver: Receiver, open_engine: Callable[[Path], Store]) -> None:
    store = open_engine(tmp_path / "data")
    deal(store)
    assert passes(store, receiver.url, T0).added == 0  # the outbox starts: a baseline
    answer(store, SAM, READY)  # the seller's documented claims: ready
    log: list[str] = []
    minute = dt.timedelta(minutes=1)
    for step in range(4):
        passes(store, receiver.url, T0 + step * minute, log=log)
    # A customer says the owner cannot make tradeoffs: the must-have fails, not ready.
    answer(store, INES, dict(READY, owner="named"))
    for step in range(4, 12):
        passes(store, receiver.url, T0 + step * minute, log=log)

    got = receiver.accepted()
    kinds = Counter(e["type"] for e in got)
    assert kinds == {"response.submitted": 2, "verdict.changed": 2, "gate.changed": 1}
    assert changed(got, "verdict.changed") == [
        {"assessment": "acme", "old": "insufficient_data", "new": "ready"},
        {"assessment": "acme", "old": "ready", "new": "not_ready"}]
    assert changed(got, "gate.changed") == [
        {"assessment": "acme", "gate": "ownership", "old": "passed", "new": "failed"}]
    # Each event was refused twice, then taken: three attempts, one event id each.
    assert {e["id"] for e in got} == {e["id"] for e in events_of(store)}
    assert set(receiver.attempts().values()) == {3}
    assert all(r["status"] != 400 for r in receiver.requests)
    assert all(r["type"] == r["event"]["type"] for r in receiver.requests)
    # One line per attempt; the first failures say when the next attempt comes.
    assert len(log) == len(receiver.requests) == 15
    assert "answered 500 Internal Server Error: not yet (attempt 1 of 10); next attempt at " \
           "2026-11-02T09:01:00+00:00" in log[0]
    assert sum("delivered, 200 (attempt 3)" in line for line in log) == 5
    state = summary(store.document(outbox.DOCUMENT), hooks_to(receiver.url), T0)
    assert state.counts == {receiver.url: {"pending": 0, "failed": 0, "delivered": 5}}


def test_a_body_names_where_an_answer_belongs_never_what_it_says(
        tmp_path: Path, receiver: Receiver) -> None:
    receiver.refuse_first = 0
    store = FileStore(tmp_path / "data")
    deal(store)
    passes(store, receiver.url, T0)
    answer(store, INES, dict(READY, owner_name="Ana Ruiz, COO"))
    passes(store, receiver.url, T0)
    [sent] = [r for r in receiver.requests if r["type"] == "response.submitted"]
    [stored] = store.responses("acme")
    assert sent["event"]["data"] == {
        "assessment": "acme", "questionnaire": "pre-close-readiness", "response": stored.id,
        "role": "stakeholder", "week": None, "submitted_at": stored.submitted_at}
    assert set(sent["event"]) == {"id", "type", "created_at", "data"}
    for request in receiver.requests:
        assert b"Ana Ruiz" not in request["body"] and b"named_with_authority" not in \
            request["body"] and b"Ines" not in request["body"]


def test_the_documented_verification_refuses_a_bad_signature() -> None:
    body = b'{"id":"evt_1","type":"ping","created_at":"2026-11-02T09:00:00+00:00","data":{}}'
    now = int(time.time())
    good = sign.header(SECRET, now, body)
    assert VERIFY(SECRET, good, body) and sign.verify(SECRET, good, body, now)
    stale = sign.header(SECRET, now - sign.TOLERANCE - 1, body)
    for header, signed in ((good, body.replace(b"ping", b"pong")),  # a changed body
                           (sign.header("another secret, long", now, body), body),
                           (stale, body),  # replayed after the tolerance
                           (f"t={now}", body), ("v1=" + "0" * 64, body), ("", body),
                           (good.replace("t=", "t=1"), body)):
        assert not VERIFY(SECRET, header, signed), header
        assert not sign.verify(SECRET, header, signed, now), header


CRASH = textwrap.dedent("""\
    import os, signal, sys
    from assessments.hooks import deliver, outbox, send
    from assessments.store import service
    from assessments.store.filestore import FileStore
    from assessments.project.webhooks import Webhook
    from questionnaires import load
    from tests.scenarios.helpers import DOCUMENTED, READY

    data, url, secret, where = sys.argv[1:5]
    store = FileStore(data)
    definitions = {q.id: q for q in load()}
    service.submit(store, definitions["pre-close-readiness"], store.assessment("acme"), READY,
                   DOCUMENTED, service.Respondent("seller", "sam", "Sam"))

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if where == "after the answer":
        die()
    real_post = send.post
    if where == "before sending":
        send.post = die
    else:  # the receiver took it, the outbox never heard
        def post_then_die(*args, **kwargs):
            real_post(*args, **kwargs)
            die()
        send.post = post_then_die
    deliver.run_pass(store, definitions, (Webhook(url, "X"),), {url: secret}, min_group=3,
                     moment=service.now())
    """)


def crashed(data: Path, url: str, where: str) -> None:
    """Submit an answer in another process, which is killed at `where`."""
    done = subprocess.run([sys.executable, "-c", CRASH, str(data), url, SECRET, where],
                          env={**ENV, "no_proxy": "127.0.0.1"}, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize("where", ["after the answer", "before sending", "after sending"])
def test_a_crash_between_the_answer_and_the_delivery_loses_no_event(
        tmp_path: Path, receiver: Receiver, where: str) -> None:
    receiver.refuse_first = 0
    data = tmp_path / "data"
    deal(FileStore(data))
    passes(FileStore(data), receiver.url, service.now())  # the outbox has started
    crashed(data, receiver.url, where)
    store = FileStore(data)  # a fresh process's store
    if where != "after the answer":  # what the killed run took is leased: left alone now
        assert passes(store, receiver.url, service.now()).outcomes == ()
    later = service.now() + dt.timedelta(minutes=30)  # past the crashed run's lease
    passes(store, receiver.url, later)
    passes(store, receiver.url, later + dt.timedelta(minutes=1))
    got = receiver.accepted()
    assert Counter(e["type"] for e in got) == {"response.submitted": 1, "verdict.changed": 1}
    assert {e["id"] for e in got} == {e["id"] for e in events_of(store)}
    # Sent and never recorded: it came twice, under one X-Readygate-Delivery.
    twice = where == "after sending"
    assert max(receiver.attempts().values()) == (2 if twice else 1)


def test_a_verdict_change_is_announced_once(tmp_path: Path, receiver: Receiver) -> None:
    receiver.refuse_first = 0
    store = FileStore(tmp_path / "data")
    deal(store)
    passes(store, receiver.url, T0)
    answer(store, SAM, READY)
    for minutes in range(3):
        passes(store, receiver.url, T0 + dt.timedelta(minutes=minutes))
    answer(store, SAM, READY)  # the same answers again: replaces the first, same verdict
    passes(store, receiver.url, T0 + dt.timedelta(minutes=5))
    got = receiver.accepted()
    assert changed(got, "verdict.changed") == [
        {"assessment": "acme", "old": "insufficient_data", "new": "ready"}]
    assert [e["type"] for e in got] == ["response.submitted", "verdict.changed",
                                        "response.submitted"]


def test_a_healthy_first_week_changes_health_and_opens_the_expansion_gate(
        tmp_path: Path) -> None:
    store = FileStore(tmp_path / "data")
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-11-02"))
    url = "http://127.0.0.1:9/never-sent"
    passes(store, url, T0)
    pulse = DEFINITIONS["post-go-live-pulse"]
    for n in range(3):  # three users: enough for the week to have a health band
        service.submit(store, pulse, store.assessment("acme"), HEALTHY_PULSE, {},
                       service.Respondent("user", f"inv_{n}"), moment=T0 + dt.timedelta(days=1))
    looks = deliver.look(store, DEFINITIONS, min_group=3)
    [look] = looks
    assert [kind for kind, _ in look.events] == ["response.submitted"] * 3 + [
        "verdict.changed", "health.changed", "gate.changed"]
    assert [data for _, data in look.events[3:]] == [
        {"assessment": "acme", "old": "insufficient_data", "new": "healthy"},
        {"assessment": "acme", "old": None, "new": "healthy"},
        {"assessment": "acme", "gate": "expansion", "old": "closed", "new": "open"}]
    assert {data["week"] for _, data in look.events[:3]} == {1}


def test_answers_before_the_outbox_started_are_not_announced_but_a_new_deals_are(
        tmp_path: Path, receiver: Receiver) -> None:
    receiver.refuse_first = 0
    store = FileStore(tmp_path / "data")
    deal(store)
    answer(store, SAM, READY)
    assert passes(store, receiver.url, T0).added == 0  # recorded as it stands
    deal(store, "globex")  # created after the start, answered before the next run
    answer(store, SAM, READY, ident="globex")
    passes(store, receiver.url, T0)
    got = receiver.accepted()
    assert {e["data"]["assessment"] for e in got} == {"globex"}
    assert changed(got, "verdict.changed") == [
        {"assessment": "globex", "old": "insufficient_data", "new": "ready"}]


def test_a_receiver_subscribed_to_some_events_gets_only_those(
        tmp_path: Path, receiver: Receiver) -> None:
    receiver.refuse_first = 0
    store = FileStore(tmp_path / "data")
    deal(store)
    hooks = hooks_to(receiver.url, ("verdict.changed",))
    passes(store, receiver.url, T0, hooks=hooks)
    answer(store, SAM, READY)
    passes(store, receiver.url, T0, hooks=hooks)
    assert [e["type"] for e in receiver.accepted()] == ["verdict.changed"]
    assert len(events_of(store)) == 1  # nobody wanted the submission: nothing kept


def test_backoff_doubles_up_to_six_hours_and_gives_up_after_ten_attempts(
        tmp_path: Path, receiver: Receiver) -> None:
    receiver.refuse_first = 1000
    store = FileStore(tmp_path / "data")
    deal(store)
    passes(store, receiver.url, T0)
    answer(store, SAM, READY)
    moment, waits = T0, []
    for _ in range(10):
        passes(store, receiver.url, moment)
        passes(store, receiver.url, moment + dt.timedelta(seconds=59))  # not due yet
        [delivery, _] = [e["deliveries"][receiver.url] for e in events_of(store)]
        later = service.utc(delivery["next_at"])
        waits.append(later - moment)
        moment = later
    minutes = [int(w.total_seconds() // 60) for w in waits[:9]]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256]
    assert receiver.attempts().most_common(1)[0][1] == 10
    state = summary(store.document(outbox.DOCUMENT), hooks_to(receiver.url), moment)
    assert state.counts[receiver.url] == {"pending": 0, "failed": 2, "delivered": 0}
    assert {p.error for p in state.problems} == {
        "answered 500 Internal Server Error: not yet"}
    assert outbox.retry_after(9) == dt.timedelta(hours=4, minutes=16)
    assert outbox.retry_after(10) == outbox.LAST_RETRY == dt.timedelta(hours=6)


def test_a_receiver_that_is_down_costs_one_attempt_per_run(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/hooks"
    store = FileStore(tmp_path / "data")
    deal(store)
    passes(store, url, T0)
    answer(store, SAM, READY)
    log: list[str] = []
    done = deliver.drain(store, DEFINITIONS, hooks_to(url), {url: SECRET}, min_group=3,
                         clock=lambda: T0, log=log.append)
    assert len(log) == 1 and "could not connect" in log[0]
    attempts = sorted(e["deliveries"][url]["attempts"] for e in events_of(store))
    assert attempts == [0, 1] and done[-1].outcomes == ()


def test_delivered_events_are_pruned_after_a_week(tmp_path: Path, receiver: Receiver) -> None:
    receiver.refuse_first = 0
    store = FileStore(tmp_path / "data")
    deal(store)
    passes(store, receiver.url, T0)
    answer(store, SAM, READY)
    passes(store, receiver.url, T0)
    assert len(events_of(store)) == 2
    answer(store, INES, READY)
    passes(store, receiver.url, T0 + dt.timedelta(days=8))
    assert [e["type"] for e in events_of(store)] == ["response.submitted"]


# -- the command line and readygate.toml --------------------------------------------------

@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, receiver: Receiver) -> Path:
    """A project folder whose one webhook is the loopback receiver."""
    no_settings_from_outside(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(SECRET_ENV, SECRET)
    receiver.refuse_first = 0
    (tmp_path / "readygate.toml").write_text(textwrap.dedent(f"""\
        data = "data"

        [[webhooks]]
        url = "{receiver.url}"
        secret_env = "{SECRET_ENV}"
        """), encoding="utf-8")
    assert run("new", "acme", "--account", "Acme", "--stage", "closing").exit_code == 0
    return tmp_path


def test_deliver_and_status_on_the_command_line(project: Path, receiver: Receiver) -> None:
    first = run("webhooks", "deliver")
    assert first.exit_code == 0, first.output
    assert first.output == "0 new events; 0 delivered, 0 attempts failed\n"
    answer(FileStore(project / "data"), SAM, READY)
    done = run("webhooks", "deliver", "--once")
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert len(lines) == 3 and all("delivered, 200 (attempt 1)" in x for x in lines[:2])
    assert lines[2] == "2 new events; 2 delivered, 0 attempts failed"
    status = run("webhooks", "status")
    assert f"{receiver.url}: 0 pending, 0 failed, 2 delivered" in status.output
    assert "the outbox follows 1 assessment, since " in status.output
    ping = run("webhooks", "test")
    assert ping.exit_code == 0 and f"{receiver.url}: answered 200" in ping.output
    assert receiver.requests[-1]["type"] == "ping"


def test_a_missing_secret_is_named_and_its_deliveries_wait(
        project: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("webhooks", "deliver").exit_code == 0
    answer(FileStore(project / "data"), SAM, READY)
    monkeypatch.delenv(SECRET_ENV)
    done = run("webhooks", "deliver")
    assert done.exit_code == 1
    assert f"{receiver.url}: {SECRET_ENV} is not set" in done.output
    assert receiver.requests == []
    monkeypatch.setenv(SECRET_ENV, SECRET)
    assert run("webhooks", "deliver").exit_code == 0
    assert len(receiver.accepted()) == 2


def test_a_retry_sends_what_was_given_up_on(project: Path, receiver: Receiver) -> None:
    store = FileStore(project / "data")
    receiver.refuse_first = 1000
    assert run("webhooks", "deliver").exit_code == 0
    answer(store, SAM, READY)
    moment = service.now() - 10 * outbox.LAST_RETRY
    for _ in range(10):
        passes(store, receiver.url, moment)
        moment += outbox.LAST_RETRY
    assert "0 pending, 2 failed" in run("webhooks", "status").output
    receiver.refuse_first = 0
    assert run("webhooks", "retry").output == "2 failed deliveries due again\n"
    assert run("webhooks", "deliver").exit_code == 0
    assert len(receiver.accepted()) == 2


def test_every_problem_of_the_webhook_tables_is_reported_at_once(project: Path) -> None:
    (project / "readygate.toml").write_text(textwrap.dedent("""\
        data = "data"

        [[webhooks]]
        url = "ftp://crm.example.com"
        secret_env = "a-secret-pasted-here"

        [[webhooks]]
        url = "https://chat.example.com/hooks"
        events = ["verdict.change"]
        secret_env = "CHAT_SECRET"
        min_group = 3
        """), encoding="utf-8")
    done = run("webhooks", "status")
    assert done.exit_code == 1
    assert "webhooks[1].url = 'ftp://crm.example.com': use an http:// or https:// address" \
        in done.output
    assert "webhooks[1].secret_env = 'a-secret-pasted-here': name the environment variable" \
        in done.output
    assert "webhooks[2].events = ['verdict.change']: use a list of response.submitted" \
        in done.output
    assert "webhooks[2]: unknown key 'min_group'" in done.output
    assert "4 problems in readygate.toml" in done.output


def test_a_project_without_webhooks_is_told_how_to_add_one(project: Path) -> None:
    (project / "readygate.toml").write_text('data = "data"\n', encoding="utf-8")
    done = run("webhooks", "deliver")
    assert done.exit_code == 1 and "add a [[webhooks]] table" in done.output
