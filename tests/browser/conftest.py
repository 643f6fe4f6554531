"""A real server on loopback; Chromium and a page come from tests/conftest.py."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """(base URL, app) of a real server with the demo data and a seller login."""
    from assessments.demo.load import load_demo
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True})
    store = app.extensions["readygate"].store
    load_demo(store)
    add_user(store, "sam", "correct horse battery")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=5)
