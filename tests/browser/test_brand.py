"""The brand in a real browser: the accent's one inline rule passes the app's CSP."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from tests.browser.helpers import login
from tests.helpers import png

pytestmark = pytest.mark.slow


def test_chromium_applies_the_accent_and_blocks_any_other_inline_style(tmp_path: Path,
                                                                       page: Any) -> None:
    from assessments.demo.load import load_demo
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    logo = tmp_path / "project" / "brand" / "logo.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(png(40, 20, (20, 90, 160)))
    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "ORGANISATION": "Acme Software", "LOGO": str(logo), "ACCENT": "#7a1f5c"})
    store = app.extensions["readygate"].store
    load_demo(store, ("halden-freight",))
    add_user(store, "sam", "correct horse battery")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    try:
        login(page, base)
        page.goto(f"{base}/reports/halden-freight/")
        accent = page.evaluate(
            "getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
        assert accent == "#7a1f5c"
        assert page.evaluate("document.querySelector('img.logo').naturalWidth") == 40
        assert refused == []
        # Another inline style, as injected markup would bring, is refused.
        page.evaluate("""() => { const s = document.createElement('style');
            s.textContent = ':root{--accent:#00ff00}'; document.head.append(s); }""")
        page.wait_for_timeout(200)
        assert page.evaluate("getComputedStyle(document.documentElement)"
                             ".getPropertyValue('--accent').trim()") == "#7a1f5c"
        assert refused, "the browser should report the refused style"
    finally:
        server.shutdown()
