"""PDFs in the live app: rendered on demand, cached by the hash of their inputs.

A seller's second download of an unchanged report is a file read; a new response, a new
definition or template changes the key, and the next download renders afresh. One PDF
per assessment and edition is kept: a fresh one replaces the older.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Blueprint, abort
from werkzeug.wrappers import Response

from assessments.errors import NotFound
from assessments.paths import EDITIONS, SITE
from assessments.report import keys
from assessments.web.auth import require_login
from assessments.web.brand import assets_folder, install
from assessments.web.context import context, definitions, min_group, store
from assessments.web.publish import report_page

if TYPE_CHECKING:
    from assessments.report.pdf import Renderer

FOLDER = "pdf-cache"
ASSETS = "_brand"
"""The logo's copy for PDFs, in FOLDER: no assessment id starts with `_`."""
# Only the live app has this blueprint (under /reports): the static site has the build's files.
bp = Blueprint("pdfs", __name__)
bp.before_request(require_login)
_lock = threading.Lock()  # one render at a time per process: WeasyPrint's fonts are shared
_renderers: dict[Path, Renderer] = {}
"""One renderer per asset folder (one per app): fonts and print CSS load once."""


@functools.cache
def _site_key() -> str:
    # Templates and print CSS do not change while the app runs.
    return keys.site_key(SITE)


def key(*parts: object) -> str:
    """The cache key of one PDF: the site's files and `parts` (settings and input key)."""
    return keys.digest(_site_key(), *parts)


def cached_pdf(data: Path, ident: str, edition: str, key_: str,
               html: Callable[[], str], assets: Path | None = None) -> bytes:
    """An assessment's PDF of one edition under its key, rendered from `html()` only when
    it is not cached; `assets` (the brand's asset folder) is readable while rendering."""
    folder = data / FOLDER / ident
    path = folder / f"{edition}-{key_[:32]}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    with _lock:
        if path.is_file():  # another request rendered it while this one waited
            return path.read_bytes()
        renderer = _renderers.get(assets or SITE)
        if renderer is None:
            from assessments.report.pdf import Renderer  # WeasyPrint loads on first use

            renderer = _renderers[assets or SITE] = Renderer(SITE, assets=assets)
        folder.mkdir(parents=True, exist_ok=True)
        renderer.render(html(), path)
        for older in folder.glob(f"{edition}-*.pdf"):
            if older != path:
                older.unlink(missing_ok=True)
        return path.read_bytes()


@bp.route("/<ident>/<any('report.pdf', 'report-full.pdf'):name>")
def report_pdf(ident: str, name: str) -> Response:
    """The executive or full PDF of a report, for a logged-in seller."""
    try:
        assessment = store().assessment(ident)
    except (NotFound, ValueError):
        abort(404)
    edition = EDITIONS[name]
    inputs = keys.assessment_key(store(), keys.definition_keys(definitions()), assessment)
    brand = context().brand
    assets = None
    if brand.logo:
        assets = assets_folder()
        install(brand, assets)
    pdf = cached_pdf(store().root, ident, edition,
                     key(min_group(), keys.brand_key(brand), edition, inputs),
                     lambda: report_page(ident, edition), assets)
    # A report PDF is small: sent whole, as the cached file may be replaced at any moment.
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{ident}-{name}"',
        "Cache-Control": "no-store"})
