"""Build fixtures: a demo store in tmp_path, the built site, and a static file server."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import questionnaires
from assessments.build.stages import BuildResult, build
from assessments.store.filestore import FileStore
from tests.build.helpers import demo_store


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    """The demo data in this test's own store."""
    return demo_store(tmp_path / "data")


@pytest.fixture
def definitions() -> dict[str, questionnaires.Questionnaire]:
    """The built-in definitions by id."""
    return {q.id: q for q in questionnaires.load()}


@pytest.fixture
def run(store: FileStore, definitions: dict[str, questionnaires.Questionnaire],
        tmp_path: Path) -> Callable[..., BuildResult]:
    """Build the demo store into tmp_path/site (quietly, pages only unless pdf=True)."""

    def _run(**options: Any) -> BuildResult:
        # One job: the PDFs render in this process, without starting workers that would
        # compete with the other test workers for the same cores.
        options = {"jobs": 1, "pdf": False, "quiet": True, **options}
        return build(options.pop("store", store), options.pop("definitions", definitions),
                     tmp_path / "site", **options)

    return _run


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with its PDFs, built once for every test that only reads it."""
    root = tmp_path_factory.mktemp("built")
    defs = {q.id: q for q in questionnaires.load()}
    build(demo_store(root / "data"), defs, root / "site", jobs=1, quiet=True)
    return root / "site"


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over HTTP on loopback; returns its base URL."""
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def _serve(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_port}"

    yield _serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
