"""Sessions that end: logout and a new password end them all, idle ones expire, https only."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from email.utils import parsedate_to_datetime
from pathlib import Path

from click.testing import CliRunner
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from assessments.cli import main
from assessments.store.records import User
from assessments.web.app import create_app

HOST = "rg.test"
RIGHT = {"name": "sam", "password": "correct horse battery"}


def cookie(browser) -> str:  # type: ignore[no-untyped-def]
    """The session cookie a browser holds."""
    return browser.get_cookie("session", domain=HOST).value


def replay(app, value: str):  # type: ignore[no-untyped-def]
    """Another browser that presents a copied session cookie."""
    browser = app.test_client()
    browser.set_cookie("session", value, domain=HOST)
    return browser


def aged(app, value: str, seconds: int) -> str:  # type: ignore[no-untyped-def]
    """The same session, signed as if `seconds` ago (as a browser would keep it)."""
    interface = app.session_interface
    signer_kwargs = {"key_derivation": interface.key_derivation,
                     "digest_method": interface.digest_method}
    now = URLSafeTimedSerializer(app.secret_key, salt=interface.salt,
                                 serializer=interface.serializer, signer_kwargs=signer_kwargs)

    class Earlier(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - seconds

    then = URLSafeTimedSerializer(app.secret_key, salt=interface.salt,
                                  serializer=interface.serializer, signer=Earlier,
                                  signer_kwargs=signer_kwargs)
    return then.dumps(now.loads(value))


def is_login_redirect(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and "/login" in response.headers["Location"]


def test_logging_out_ends_the_users_other_sessions_too(app, seller) -> None:  # type: ignore[no-untyped-def]
    laptop = app.test_client()
    assert laptop.post("/login", data=RIGHT).status_code == 302
    assert laptop.get("/").status_code == 200
    seller.post("/logout")
    assert is_login_redirect(laptop.get("/"))
    assert laptop.post("/login", data=RIGHT).status_code == 302  # a new login works


def test_a_new_password_from_the_cli_ends_old_sessions(app, seller, data_dir) -> None:  # type: ignore[no-untyped-def]
    copied = cookie(seller)
    result = CliRunner().invoke(main, ["--data", str(data_dir), "adduser", "--reset", "sam"],
                                input="a brand new secret\na brand new secret\n")
    assert result.exit_code == 0, result.output
    assert "new password for user sam" in result.output
    assert is_login_redirect(seller.get("/"))
    assert is_login_redirect(replay(app, copied).get("/"))
    browser = app.test_client()
    assert browser.post("/login", data=RIGHT).status_code == 200  # the old one is refused
    assert browser.post("/login", data={"name": "sam", "password": "a brand new secret"}
                        ).status_code == 302


def test_reset_names_a_missing_user_and_a_short_password(app, store, data_dir) -> None:  # type: ignore[no-untyped-def]
    def reset(name: str, password: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["--data", str(data_dir), "adduser", "--reset", name,
                                         "--password", password])

    before = store.user("sam")
    missing = reset("nobody", "long enough secret")
    assert missing.exit_code == 1 and "there is no user 'nobody'" in missing.output
    short = reset("sam", "short")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    assert store.users() == [before]


def test_a_stored_user_from_before_session_versions_still_logs_in(app, store, data_dir) -> None:  # type: ignore[no-untyped-def]
    doc = {k: v for k, v in vars(store.user("sam")).items() if k != "session_version"}
    (data_dir / "users.json").write_text(json.dumps({"_default": {"1": doc}}))
    browser = app.test_client()
    assert browser.post("/login", data=RIGHT).status_code == 302
    assert browser.get("/").status_code == 200
    browser.post("/logout")
    assert store.user("sam") == User(**doc, session_version=1)


def test_an_idle_session_expires_after_twelve_hours(app, seller) -> None:  # type: ignore[no-untyped-def]
    fresh = cookie(seller)
    assert replay(app, aged(app, fresh, 11 * 3600)).get("/").status_code == 200
    assert is_login_redirect(replay(app, aged(app, fresh, 13 * 3600)).get("/"))
    assert app.config["SESSION_HOURS"] == 12
    # Each request renews the cookie: twelve more hours from now, not from the login.
    renewed = seller.get("/").headers["Set-Cookie"]
    expires = parsedate_to_datetime(renewed.split("Expires=", 1)[1].split(";", 1)[0])
    left = (expires - dt.datetime.now(dt.UTC)).total_seconds()
    assert 11.9 * 3600 < left <= 12 * 3600


def test_the_session_lifetime_is_a_setting(data_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assessments.web.auth import add_user

    monkeypatch.setenv("READYGATE_SESSION_HOURS", "1")
    app = create_app({"DATA": str(data_dir), "TESTING": True, "WTF_CSRF_ENABLED": False,
                      "SERVER_NAME": HOST})
    add_user(app.extensions["readygate"].store, "sam", RIGHT["password"])
    browser = app.test_client()
    browser.post("/login", data=RIGHT)
    assert replay(app, aged(app, cookie(browser), 50 * 60)).get("/").status_code == 200
    assert is_login_redirect(replay(app, aged(app, cookie(browser), 70 * 60)).get("/"))


def test_the_cookie_is_secure_when_served_over_https(data_dir) -> None:  # type: ignore[no-untyped-def]
    for url, secure in [("https://gate.example.com", True), ("http://127.0.0.1:5000", False)]:
        app = create_app({"DATA": str(data_dir), "PUBLIC_URL": url})
        set_cookie = app.test_client().get("/login").headers["Set-Cookie"]
        assert set_cookie.startswith("session=") and ("; Secure" in set_cookie) is secure, url


def test_serve_secure_cookies(data_dir: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "READYGATE_URL"}
    data_dir.mkdir()  # serve only reads a data directory that exists
    server = subprocess.Popen(
        [sys.executable, "-c", "from assessments.cli import main; main()", "--data",
         str(data_dir), "serve", "--port", str(port), "--secure-cookies"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as page:
                    set_cookie = page.headers["Set-Cookie"]
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(10)
    assert set_cookie.startswith("session=") and "; Secure" in set_cookie
