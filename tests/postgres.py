"""A throwaway PostgreSQL cluster for the tests and the benchmarks: `initdb` into a temporary
folder, `pg_ctl` listening only on a Unix socket in that folder, removed at the end.

The server programs come from the distribution's `postgresql` package
(/usr/lib/postgresql/<version>/bin); PostgreSQL refuses to run as root, so as root the
cluster runs as the `postgres` user. Nothing here skips: without PostgreSQL the tests that
need it fail and say how to install it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

INSTALL = ("PostgreSQL's server programs are not installed: run `apt-get install -y "
           "postgresql` (.ci/run does), then the tests again")
TEMPLATE = "readygate_template"


def server_bin() -> Path:
    """The folder with initdb and pg_ctl (the newest installed version)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError(INSTALL)


@dataclass
class Cluster:
    """A running cluster; `url(name)` addresses one of its databases."""

    folder: Path
    user: str
    _numbers: Iterator[int]

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.folder}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement outside a transaction (CREATE DATABASE cannot run in one)."""
        import psycopg

        with psycopg.connect(host=str(self.folder), dbname=database, user=self.user,
                             autocommit=True) as connection:
            connection.execute(statement)

    def new_database(self, prefix: str = "t") -> str:
        """A new empty database with the store's schema (copied from a migrated template);
        returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return self.url(name)

    def empty_database(self, prefix: str = "e") -> str:
        """A new database without any table; returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)


OWNER_FILE = "owner.pid"
"""The process that started a cluster; a cluster whose process is gone was left behind."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(bin_dir: Path, owner: str) -> None:
    """Stop and remove the clusters of test processes that were killed before they could
    (a worker ended by a signal runs no clean-up)."""
    for folder in Path(tempfile.gettempdir()).glob("readygate-pg-*"):
        try:
            pid = int((folder / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-m",
                                  "immediate", "stop"], owner), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _as_owner(args: list[str], owner: str) -> list[str]:
    return ["runuser", "-u", owner, "--", *args] if os.geteuid() == 0 else args


@contextmanager
def cluster(*, durable: bool = False) -> Iterator[Cluster]:
    """Start a cluster in a new temporary folder; stop and remove it afterwards.

    The tests' cluster skips fsync (a crash of the test machine loses nothing that
    matters); `durable` keeps PostgreSQL's defaults, as a benchmark should."""
    bin_dir = server_bin()
    owner = "postgres" if os.geteuid() == 0 else ""
    remove_abandoned(bin_dir, owner)
    folder = Path(tempfile.mkdtemp(prefix="readygate-pg-"))
    (folder / OWNER_FILE).write_text(str(os.getpid()))
    data = folder / "data"
    if owner:
        shutil.chown(folder, owner)
    user = "postgres" if owner else os.environ.get("USER", "") or "postgres"
    run = _as_owner
    subprocess.run(run([str(bin_dir / "initdb"), "-D", str(data), "-U", user,
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                        *(() if durable else ("--no-sync",))],
                       owner), check=True, capture_output=True)
    options = f"-k {folder} -c listen_addresses='' -c max_connections=200"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(run([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                        "-l", str(folder / "server.log"), "start"], owner),
                   check=True, capture_output=True)
    found = Cluster(folder, user, count(1))
    try:
        from sqlalchemy import create_engine

        from assessments.store import sqlmigrate

        found.sql(f"CREATE DATABASE {TEMPLATE}")
        engine = create_engine(found.url(TEMPLATE))
        sqlmigrate.upgrade(engine)
        engine.dispose()
        yield found
    finally:
        subprocess.run(run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "stop"], owner), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
