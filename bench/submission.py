"""Submission latency through the app (test client) with N responses already stored.

Usage: python -m bench.submission [--stored 10000] [--posts 100] [--url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assessments.store.records import ResponseRecord
from scoring.assess import Assessment

PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "Totals differ", "umux_capabilities": "6", "umux_easy": "5",
         "recommend": "8"}
ASSESSMENTS = 20
LIMITS = {"COLLECT_ADDRESS_LIMIT": 10**9, "COLLECT_LINK_LIMIT": 10**9,
          "OPEN_LINK_DAILY_CAP": 10**9}
"""Far above the open link's flood limits, which would otherwise stop the run."""


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


class Poster:
    """An app on a store (a data folder, or PostgreSQL at `url`) filled with `stored`
    responses over `assessments` assessments, posting to an open link of the first."""

    def __init__(self, data: Path, url: str, stored: int,
                 assessments: int = ASSESSMENTS) -> None:
        from assessments.store import service
        from assessments.web.app import create_app

        self.app = create_app({"DATA": str(data), "DATABASE_URL": url, "TESTING": True,
                               "WTF_CSRF_ENABLED": False, **LIMITS})
        definitions = self.app.extensions["readygate"].definitions
        fill(self.app, stored, definitions["post-go-live-pulse"].digest, assessments)
        store = self.app.extensions["readygate"].store
        _, self.token = service.create_invitation(store, definitions, "a0",
                                                  "post-go-live-pulse", role="user",
                                                  open_link=True)
        self.client = self.app.test_client()
        self.post()  # warm caches, templates and the connection pool

    def post(self) -> float:
        """One submission; its time in milliseconds."""
        started = time.perf_counter()
        response = self.client.post(f"/r/{self.token}", data=PULSE)
        assert response.status_code == 303, response.status_code
        return (time.perf_counter() - started) * 1000

    def p95(self, posts: int) -> float:
        """The 95th percentile of a batch of `posts` submissions, in milliseconds."""
        times = sorted(self.post() for _ in range(posts))
        return times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    """Print the p95 of empty and filled stores, interleaved."""
    from bench.pairs import interleaved

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stored", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--url", default="", help="PostgreSQL (default: a data folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Poster(Path(tmp) / "empty", args.url, 0)
        full = Poster(Path(tmp) / "full", args.url, args.stored)
        found = interleaved(lambda: empty.p95(args.posts), lambda: full.p95(args.posts))
    print(f"p95 {found.a:.1f} ms empty, {found.b:.1f} ms with {args.stored:,} stored: "
          f"{found.ratio:.2f}× (median of {found.pairs} interleaved pairs)")


if __name__ == "__main__":
    main()
