"""`readygate serve` as a team runs it: four gunicorn workers on one data folder or one
PostgreSQL database, eight client processes posting at once through real HTTP on loopback;
every answer is stored once."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import free_port

pytestmark = pytest.mark.slow

CLIENT = r"""
import http.cookiejar, re, sys, urllib.parse, urllib.request
base, token, posts = sys.argv[1], sys.argv[2], int(sys.argv[3])
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(f"{base}/r/{token}").read().decode()
csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
data = urllib.parse.urlencode({"csrf_token": csrf, "usage_frequency": "every_day",
                               "proof_decision": "yes", "umux_capabilities": "6",
                               "umux_easy": "5"}).encode()
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
poster = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Stay)
done = 0
for _ in range(posts):
    try:
        poster.open(f"{base}/r/{token}", data)
    except urllib.error.HTTPError as err:
        assert err.code == 303, err.code
    done += 1
print(done)
"""


def test_four_workers_store_every_answer_of_eight_clients_once(
        tmp_path: Path, open_engine: Callable[[Path], Any]) -> None:
    from assessments.store import service
    from questionnaires import load
    from scoring.assess import Assessment

    data = tmp_path / "data"
    store = open_engine(data)
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    definitions = {q.id: q for q in load()}
    _, token = service.create_invitation(store, definitions, "acme", "post-go-live-pulse",
                                         open_link=True)
    port = free_port()
    env = {**os.environ, "READYGATE_COLLECT_ADDRESS_LIMIT": "100000",
           "READYGATE_COLLECT_LINK_LIMIT": "100000", "READYGATE_OPEN_LINK_DAILY_CAP": "100000"}
    env.pop("READYGATE_CONFIG", None)
    env["READYGATE_DATABASE_URL"] = getattr(store, "url", "")
    readygate = Path(sys.executable).with_name("readygate")
    server = subprocess.Popen([str(readygate), "--data", str(data), "serve", "--workers", "4",
                               "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start")
        base = f"http://127.0.0.1:{port}"
        clients = [subprocess.Popen([sys.executable, "-c", CLIENT, base, token, "50"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for _ in range(8)]
        results = [c.communicate(timeout=300) for c in clients]
        assert all(c.returncode == 0 for c in clients), results
        assert sum(int(out) for out, _ in results) == 400
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert re.search(r"Booting worker with pid", output), output[-2000:]
    assert len(set(re.findall(r"Booting worker with pid: (\d+)", output))) == 4
    stored = open_engine(data).responses("acme")
    assert len(stored) == 400  # none lost
    assert len({r.id for r in stored}) == 400 and len({r.respondent for r in stored}) == 400
