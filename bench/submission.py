"""Submission latency through the app (test client) with N responses already stored.

Usage: python -m bench.submission [--stored 0,10000] [--posts 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from assessments.store import service
from assessments.store.records import ResponseRecord
from assessments.web.app import create_app
from scoring.assess import Assessment

PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "Totals differ", "umux_capabilities": "6", "umux_easy": "5",
         "recommend": "8"}
ASSESSMENTS = 20


def fill(app: object, stored: int, digest: str, assessments: int = ASSESSMENTS) -> None:
    """Spread `stored` responses over the assessments with bulk writes."""
    store = app.extensions["readygate"].store  # type: ignore[attr-defined]
    for n in range(assessments):
        store.save_assessment(Assessment(f"a{n}", f"Account {n}", stage="live",
                                         go_live="2026-01-05"))
    per = stored // assessments
    for n in range(assessments):
        store.add_responses([ResponseRecord(
            id="", assessment=f"a{n}", questionnaire="post-go-live-pulse", version="1",
            digest=digest, role="user", answers={"usage_frequency": "once", "recommend": i % 11},
            respondent=f"seed-{i}", week=1 + i % 8, submitted_at="2026-02-01T10:00:00+00:00")
            for i in range(per)])


def measure_one_assessment(stored: int, posts: int) -> dict[str, float]:
    """p50 and p95 of submissions into one assessment that already holds `stored`."""
    return measure(stored, posts, assessments=1)


def measure(stored: int, posts: int, assessments: int = ASSESSMENTS) -> dict[str, float]:
    """p50 and p95 in milliseconds of `posts` submissions into assessment a0."""
    with tempfile.TemporaryDirectory() as data:
        # Far above the open link's flood limits, which would otherwise stop the run.
        app = create_app({"DATA": data, "TESTING": True, "WTF_CSRF_ENABLED": False,
                          "COLLECT_ADDRESS_LIMIT": 10**9, "COLLECT_LINK_LIMIT": 10**9,
                          "OPEN_LINK_DAILY_CAP": 10**9})
        definitions = app.extensions["readygate"].definitions
        fill(app, stored, definitions["post-go-live-pulse"].digest, assessments)
        store = app.extensions["readygate"].store
        _, token = service.create_invitation(store, definitions, "a0", "post-go-live-pulse",
                                             role="user", open_link=True)
        client = app.test_client()
        client.post(f"/r/{token}", data=PULSE)  # warm caches and templates
        times = []
        for _ in range(posts):
            started = time.perf_counter()
            response = client.post(f"/r/{token}", data=PULSE)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 303, response.status_code
        times.sort()
        return {"stored": stored, "p50_ms": statistics.median(times),
                "p95_ms": times[int(len(times) * 0.95) - 1]}


def main() -> None:
    """Print p50/p95 for each stored count."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stored", default="0,10000")
    parser.add_argument("--posts", type=int, default=200)
    args = parser.parse_args()
    for stored in (int(s) for s in args.stored.split(",")):
        result = measure(stored, args.posts)
        print(f"stored {stored:>6}: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")


if __name__ == "__main__":
    main()
