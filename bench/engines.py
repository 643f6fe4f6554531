"""Both store engines side by side: TinyDB files and PostgreSQL.

- Submission latency: p95 of posts to an open link through the app, with no responses
  stored against N stored (spread over 20 assessments), batches of A and B interleaved.
- Throughput: submissions per second through real HTTP to `readygate serve` (gunicorn)
  with 4 workers against 1 worker on the same engine, eight clients posting at once,
  batches interleaved; both servers run side by side, so each batch meets a warm server.

PostgreSQL is a throwaway cluster (tests/postgres.py) with its durable defaults (fsync on),
as the files fsync every write.

Usage: python -m bench.engines [--stored 100000] [--posts 100] [--throughput-posts 400]
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.pairs import Paired, interleaved
from bench.submission import LIMITS, PULSE, Poster

CLIENTS = 8


def latency(folder: Path, url_for: Any, stored: int, posts: int) -> Paired:
    """p95 with none stored (a) and with `stored` (b), interleaved."""
    empty = Poster(folder / "empty", url_for(), 0)
    full = Poster(folder / "full", url_for(), stored)
    return interleaved(lambda: empty.p95(posts), lambda: full.p95(posts))


# -- throughput through gunicorn ---------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(data: Path, url: str, workers: int) -> Iterator[str]:
    """`readygate serve --workers N` on a free loopback port; yields its base address."""
    port = _free_port()
    env = {**os.environ, "READYGATE_DATABASE_URL": url,
           **{f"READYGATE_{k}": str(v) for k, v in LIMITS.items()}}
    env.pop("READYGATE_CONFIG", None)
    readygate = Path(sys.executable).with_name("readygate")
    proc = subprocess.Popen([str(readygate), "--data", str(data), "serve", "--workers",
                             str(workers), "--port", str(port)], env=env, cwd=data.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError as err:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"readygate serve --workers {workers} did not "
                                       "start") from err
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _client(base: str, token: str, posts: int, ready: threading.Barrier) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _Stay)
    page = opener.open(f"{base}/r/{token}").read().decode()
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found is not None, "no CSRF token on the form"
    data = urllib.parse.urlencode({"csrf_token": found[1], **PULSE}).encode()
    ready.wait()
    for _ in range(posts):
        try:
            opener.open(f"{base}/r/{token}", data)
        except urllib.error.HTTPError as err:
            assert err.code == 303, err.code


def per_second(base: str, token: str, posts: int) -> float:
    """Submissions per second of CLIENTS clients posting `posts` answers in all at once."""
    each = max(1, posts // CLIENTS)
    ready = threading.Barrier(CLIENTS + 1)
    threads = [threading.Thread(target=_client, args=(base, token, each, ready))
               for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    ready.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return each * CLIENTS / (time.perf_counter() - started)


def throughput(folder: Path, url: str, posts: int) -> Paired:
    """Submissions per second with 1 worker (a) and 4 workers (b), interleaved, on one
    store; b / a is the speed-up."""
    from assessments.store import service
    from assessments.store.interface import open_store
    from questionnaires import load
    from scoring.assess import Assessment

    data = folder / "served"
    store = open_store(data, url)
    store.save_assessment(Assessment("a0", "Account 0", stage="live", go_live="2026-01-05"))
    definitions = {q.id: q for q in load()}
    _, token = service.create_invitation(store, definitions, "a0", "post-go-live-pulse",
                                         role="user", open_link=True)
    with server(data, url, 1) as one, server(data, url, 4) as four:
        per_second(one, token, CLIENTS)  # warm both
        per_second(four, token, CLIENTS)
        # Timings are seconds per submission, so that b / a is a speed-up's inverse: flip it.
        found = interleaved(lambda: 1 / per_second(one, token, posts),
                            lambda: 1 / per_second(four, token, posts))
    return Paired(1 / found.a, 1 / found.b, 1 / found.ratio, found.pairs)


@contextlib.contextmanager
def engines() -> Iterator[dict[str, Any]]:
    """Each engine's name and a function giving a fresh store URL ('' for the files)."""
    from tests.postgres import cluster

    with cluster(durable=True) as pg:
        yield {"TinyDB": lambda: "", "PostgreSQL": pg.new_database}


def measure(stored: int, posts: int, throughput_posts: int) -> dict[str, dict[str, Any]]:
    """Both figures on both engines."""
    found: dict[str, dict[str, Any]] = {}
    with engines() as each, tempfile.TemporaryDirectory() as tmp:
        for name, url_for in each.items():
            folder = Path(tmp) / name
            folder.mkdir()
            lat = latency(folder, url_for, stored, posts)
            tput = throughput(folder, url_for(), throughput_posts)
            found[name] = {"stored": stored, "p95_empty_ms": lat.a, "p95_full_ms": lat.b,
                           "p95_ratio": lat.ratio, "per_second_1": tput.a,
                           "per_second_4": tput.b, "speedup": tput.ratio,
                           "pairs": lat.pairs}
    return found


def main() -> None:
    """Print both figures for both engines."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--throughput-posts", type=int, default=400)
    args = parser.parse_args()
    for name, m in measure(args.stored, args.posts, args.throughput_posts).items():
        print(f"{name}: p95 {m['p95_empty_ms']:.1f} ms empty, {m['p95_full_ms']:.1f} ms with "
              f"{m['stored']:,} stored ({m['p95_ratio']:.2f}×); {m['per_second_1']:.1f}/s "
              f"with 1 worker, {m['per_second_4']:.1f}/s with 4 ({m['speedup']:.2f}×) on "
              f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
