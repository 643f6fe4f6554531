"""What a browser downloads for each respondent questionnaire page: HTML, CSS and JS."""

from __future__ import annotations

import re
import tempfile
from typing import Any

from assessments.store import service
from assessments.web.app import create_app
from scoring.assess import Assessment
from scoring.ids import RESPONDENT_ROLES

# Signatures of the usual frameworks; a questionnaire page must need none of them.
FRAMEWORKS = re.compile(r"react|vue(\.min)?\.js|angular|jquery|svelte|htmx|alpine", re.I)


def measure() -> list[dict[str, Any]]:
    """Bytes per respondent questionnaire page (uncompressed, as served)."""
    with tempfile.TemporaryDirectory() as data:
        app = create_app({"DATA": data, "TESTING": True})
        store = app.extensions["readygate"].store
        definitions = app.extensions["readygate"].definitions
        store.save_assessment(Assessment("w", "Weight Co", stage="live", go_live="2026-01-05"))
        client = app.test_client()
        results = []
        for q in definitions.values():
            role = next((a for a in q.audience if a in RESPONDENT_ROLES), None)
            if role is None:
                continue
            _, token = service.create_invitation(store, definitions, "w", q.id, role=role)
            html = client.get(f"/r/{token}").get_data()
            text = html.decode()
            css = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
            js = re.findall(r'<script[^>]+src="([^"]+)"', text)
            sizes = {kind: sum(_size(client, url) for url in urls)
                     for kind, urls in (("css", css), ("js", js))}
            framework = any(FRAMEWORKS.search(url) for url in js) or bool(
                re.search(r"<script(?![^>]*src=)", text))
            results.append({"questionnaire": q.id, "html": len(html), **sizes,
                            "total": len(html) + sizes["css"] + sizes["js"],
                            "framework": framework})
        return results


def _size(client: Any, url: str) -> int:
    """Bytes of one asset and of every stylesheet it @imports, as a browser fetches them (the
    response is closed: static files are served from disk)."""
    with client.get(url) as response:
        body = response.get_data()
    imported = re.findall(r'@import url\("([^"]+)"\)', body.decode("utf-8", "replace"))
    base = url.rpartition("/")[0]
    return len(body) + sum(_size(client, f"{base}/{name}") for name in imported)
