"""Rate limits on the real app and a real data folder: logins, open-link posts, a daily cap."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from assessments.build.static_forms import open_link
from assessments.forms.fields import HONEYPOT_FIELD
from assessments.web.app import create_app
from scoring.assess import Assessment

RIGHT = {"name": "sam", "password": "correct horse battery"}
WRONG = {"name": "sam", "password": "wrong horse battery"}
PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "The totals differ from the old report",
         "umux_capabilities": "6", "umux_easy": "5", "recommend": "8"}


@pytest.fixture
def app(data_dir, open_engine):  # type: ignore[no-untyped-def]
    """The real app with one seller, on each engine in turn (the counters live there)."""
    from assessments.web.auth import add_user

    url = getattr(open_engine(data_dir), "url", "")
    application = create_app({"DATA": str(data_dir), "DATABASE_URL": url, "TESTING": True,
                              "WTF_CSRF_ENABLED": False, "SERVER_NAME": "rg.test"})
    add_user(application.extensions["readygate"].store, "sam", "correct horse battery")
    return application


def worker(app, **config):  # type: ignore[no-untyped-def]
    """Another worker of the same server: the same data folder and database."""
    return create_app({"DATA": app.config["DATA"], "DATABASE_URL": app.config["DATABASE_URL"],
                       "TESTING": True, "WTF_CSRF_ENABLED": False, "SERVER_NAME": "rg.test",
                       **config})


def counters(app) -> str:  # type: ignore[no-untyped-def]
    """Everything the rate limits keep, as text."""
    store = app.extensions["readygate"].store
    if not app.config["DATABASE_URL"]:
        return (store.root / "throttle.json").read_text(encoding="utf-8")
    from sqlalchemy import text

    with store.engine.connect() as c:
        return "".join(c.execute(text("SELECT t::text FROM limits t")).scalars())


def from_address(app, address: str):  # type: ignore[no-untyped-def]
    """A browser at another client address."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


def test_thirty_wrong_passwords_lock_the_account(client) -> None:  # type: ignore[no-untyped-def]
    codes = [client.post("/login", data=WRONG).status_code for _ in range(30)]
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
    locked = client.post("/login", data=RIGHT)  # the right password does not open a lock
    page = locked.get_data(as_text=True)
    assert locked.status_code == 429 and "Too many attempts. Try again in 15 minutes." in page
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "<h1>Log in</h1>" in page  # the login page itself, not a bare error
    assert client.get("/").status_code == 302


def test_a_successful_login_resets_the_accounts_count(client) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        assert client.post("/login", data=WRONG).status_code == 200
    assert client.post("/login", data=RIGHT).status_code == 302
    client.post("/logout")
    # Nine failures in all, but only five since the login: the fifth is still answered.
    assert [client.post("/login", data=WRONG).status_code for _ in range(5)] == [200] * 5
    assert client.post("/login", data=RIGHT).status_code == 429


def test_the_limit_holds_across_worker_processes(app, data_dir) -> None:  # type: ignore[no-untyped-def]
    # Two apps on one data folder are two workers: neither has the counts in memory.
    other = worker(app)
    one, two = app.test_client(), other.test_client()
    for n in range(5):
        assert (one if n % 2 else two).post("/login", data=WRONG).status_code == 200
    assert one.post("/login", data=RIGHT).status_code == 429
    assert two.post("/login", data=RIGHT).status_code == 429


def test_one_address_trying_many_names_is_stopped(app, client) -> None:  # type: ignore[no-untyped-def]
    for n in range(20):
        assert client.post("/login", data={"name": f"user{n}", "password": "x" * 10}
                           ).status_code == 200
    assert client.post("/login", data=RIGHT).status_code == 429
    assert from_address(app, "192.0.2.7").post("/login", data=RIGHT).status_code == 302


def test_two_app_servers_on_one_database_share_logins_and_their_limits(
        tmp_path, database_url) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.auth import add_user

    a, b = (create_app({"DATA": str(tmp_path / name), "DATABASE_URL": database_url,
                        "TESTING": True, "SERVER_NAME": "rg.test", "WTF_CSRF_ENABLED": False})
            for name in ("server-a", "server-b"))
    add_user(a.extensions["readygate"].store, "sam", "correct horse battery")
    # A login on one server is a login on the other: one key signs both servers' sessions.
    browser = a.test_client()
    assert browser.post("/login", data=RIGHT).status_code == 302
    other = b.test_client()
    other.set_cookie("session", browser.get_cookie("session", domain="rg.test").value,
                     domain="rg.test")
    assert other.get("/").status_code == 200
    # Failed logins count on both servers together.
    one, two = a.test_client(), b.test_client()
    for n in range(5):
        assert (one if n % 2 else two).post("/login", data=WRONG).status_code == 200
    assert one.post("/login", data=RIGHT).status_code == 429
    assert two.post("/login", data=RIGHT).status_code == 429


def test_the_table_holds_no_name_or_address(app, client, data_dir) -> None:  # type: ignore[no-untyped-def]
    from_address(app, "198.51.100.23").post("/login", data={"name": "mallory-x",
                                                            "password": "x" * 10})
    text = counters(app)
    assert "mallory" not in text and "198.51.100.23" not in text and len(text) < 400


@pytest.fixture
def post(app, store):  # type: ignore[no-untyped-def]
    """What a static pulse page of assessment acme posts, with its open-link token."""
    go_live = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    q = app.extensions["readygate"].definitions["post-go-live-pulse"]
    invitation, token = open_link(store, q, "acme")
    return {"token": token, "assessment": "acme", "questionnaire": q.id,
            "role": invitation.role, HONEYPOT_FIELD: "", **PULSE}


def test_one_address_cannot_flood_an_open_link(app, client, store, post) -> None:  # type: ignore[no-untyped-def]
    codes = [client.post("/collect", data=post).status_code for _ in range(200)]
    assert codes == [303] * 30 + [429] * 170
    assert len(store.responses("acme")) == 30  # nothing past the limit was stored
    assert app.config["COLLECT_ADDRESS_LIMIT"] == 30
    refused = client.post("/collect", data=post)
    assert "Too many attempts. Try again in" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    assert from_address(app, "192.0.2.8").post("/collect", data=post).status_code == 303


def test_an_open_link_takes_a_bounded_number_of_posts_an_hour(app, store, post) -> None:  # type: ignore[no-untyped-def]
    app.config["COLLECT_LINK_LIMIT"] = 4
    codes = [from_address(app, f"192.0.2.{n}").post("/collect", data=post).status_code
             for n in range(1, 8)]
    assert codes == [303] * 4 + [429] * 3
    assert len(store.responses("acme")) == 4


def test_the_daily_cap_refuses_and_tells_the_seller(app, data_dir, store, seller, post) -> None:  # type: ignore[no-untyped-def]
    other = worker(app, OPEN_LINK_DAILY_CAP=3)
    app.config["OPEN_LINK_DAILY_CAP"] = 3
    # Posts from many people, through two workers.
    codes = [from_address(app if n % 2 else other, f"192.0.2.{n}").post(
        "/collect", data=post).status_code for n in range(1, 7)]
    assert codes == [303] * 3 + [429] * 3
    assert len(store.responses("acme")) == 3
    refused = from_address(app, "192.0.2.50").post("/collect", data=post)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 429 and "closed for today" in text
    assert "Nothing you sent was stored" in text
    # The same open link opened as /r/<token> is no way around the cap.
    respondent = from_address(app, "192.0.2.51")
    answers = {k: v for k, v in post.items() if k in PULSE}
    assert respondent.post(f"/r/{post['token']}", data=answers).status_code == 429
    assert len(store.responses("acme")) == 3
    notice = ("The open link of Weekly pulse after go-live for Acme reached today's cap of "
              "3 answers; later posts were refused.")
    assert notice in html.unescape(seller.get("/").get_data(as_text=True))
    assert notice in html.unescape(seller.get("/assessments/acme").get_data(as_text=True))


def test_limits_come_from_the_environment_and_bad_ones_are_named(data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READYGATE_OPEN_LINK_DAILY_CAP", "7")
    assert create_app({"DATA": str(data_dir)}).config["OPEN_LINK_DAILY_CAP"] == 7
    monkeypatch.setenv("READYGATE_OPEN_LINK_DAILY_CAP", "lots")
    monkeypatch.setenv("READYGATE_SESSION_HOURS", "0")
    with pytest.raises(ValueError) as err:
        create_app({"DATA": str(data_dir)})
    assert "OPEN_LINK_DAILY_CAP (or READYGATE_OPEN_LINK_DAILY_CAP) is 'lots'" in str(err.value)
    assert "SESSION_HOURS" in str(err.value)


def test_a_closed_window_is_swept_and_the_next_attempt_counts_afresh(
        app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assessments.store import sqllimits
    from assessments.store.throttle import Rule

    monkeypatch.setattr(sqllimits, "SWEEP", 1.0)  # every take sweeps (PostgreSQL)
    limits = app.extensions["readygate"].throttle
    hit = (Rule("login-account", 2, 60), "sam")
    assert [limits.take([hit], now=1000.0) for _ in range(3)] == [0, 0, 60]
    # Long after the window closed, another subject's take sweeps the old row away; the
    # same account then counts from one again.
    assert limits.take([(Rule("login-account", 2, 60), "kim")], now=5000.0) == 0
    assert [limits.take([hit], now=5001.0) for _ in range(3)] == [0, 0, 60]
    # A successful login forgets the count: the next window starts whole.
    limits.forget([hit], now=5002.0)
    assert [limits.take([hit], now=5003.0) for _ in range(3)] == [0, 0, 60]
