"""Four processes submit 250 responses each through the app at once: 1,000 are stored."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from assessments.store import service
from assessments.store.interface import Store
from questionnaires import load
from scoring.assess import Assessment

pytestmark = pytest.mark.slow

WORKER = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    from assessments.web.app import create_app

    data, token, start, worker, url = sys.argv[1], sys.argv[2], Path(sys.argv[3]), *sys.argv[4:6]
    # Far above the open link's flood limits: this measures the store, not the limits.
    app = create_app({"DATA": data, "DATABASE_URL": url, "TESTING": True,
                      "WTF_CSRF_ENABLED": False,
                      "COLLECT_ADDRESS_LIMIT": 10**6, "COLLECT_LINK_LIMIT": 10**6,
                      "OPEN_LINK_DAILY_CAP": 10**6})
    client = app.test_client()
    while not start.exists():
        time.sleep(0.005)
    for n in range(250):
        response = client.post(f"/r/{token}", data={
            "usage_frequency": "every_day", "umux_easy": str(n % 7 + 1),
            "blockers": "none", "first_value_seen": "no",
            "blocker_training_detail": f"{worker}-{n}"})
        assert response.status_code == 303, response.status_code
    print("done", worker)
    """)


def test_four_processes_store_exactly_one_thousand(
        tmp_path: Path, open_engine: Callable[[Path], Store]) -> None:
    data = tmp_path / "data"
    store = open_engine(data)
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    definitions = {q.id: q for q in load()}
    # An open link: every post is a new respondent, so nothing replaces anything.
    _, token = service.create_invitation(store, definitions, "acme", "post-go-live-pulse",
                                         role="user", open_link=True)
    start = tmp_path / "go"
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    url = getattr(store, "url", "")
    workers = [subprocess.Popen([sys.executable, str(script), str(data), token, str(start),
                                 str(w), url], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for w in range(4)]
    time.sleep(1.5)  # let all four import and build their apps before the start signal
    start.touch()
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err[-2000:]
    stored = open_engine(data).responses("acme")
    assert len(stored) == 1000
    assert len({r.id for r in stored}) == 1000
    # The detail field was hidden (no training blocker), so it was dropped: every response
    # is still told apart by its own id and carries its worker's answers intact.
    assert {r.answers["usage_frequency"] for r in stored} == {"every_day"}
    assert sorted(r.answers["umux_easy"] for r in stored) == sorted(
        n % 7 + 1 for _ in range(4) for n in range(250))
