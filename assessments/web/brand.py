"""The brand on pages and PDFs: the logo's fixed route, and where a PDF finds the logo.

Pages link `/brand/logo.<ext>` (the build freezes it to `<out>/brand/`). A PDF reads the logo
as a file from the brand's asset folder, the only folder besides `site/` the renderer may
read: the build's `<out>/brand/`, or in the live app a copy under the PDF cache that holds
nothing else.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app
from werkzeug.wrappers import Response

from assessments.project.brand import Brand
from assessments.store import atomic
from assessments.web.context import context

bp = Blueprint("brand", __name__)
FOLDER = "brand"
"""Where pages find the logo: `/brand/logo.<ext>`, frozen to `<out>/brand/`."""
# Opened on its own, an SVG is a document: it may run nothing and load nothing.
LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@bp.route(f"/{FOLDER}/<name>")
def logo(name: str) -> Response:
    """The project's logo, as it was read and checked when the app started."""
    brand = context().brand
    if brand.logo is None or name != brand.logo_name:
        abort(404)
    response = Response(brand.data, mimetype=brand.logo_type)
    response.headers["Content-Security-Policy"] = LOGO_POLICY
    return response


def assets_folder() -> Path:
    """The folder a PDF of this app reads the logo from."""
    return Path(current_app.config["BRAND_ASSETS"])


def print_logo(brand: Brand, assets: Path) -> str:
    """The logo's address for a PDF: its file in the asset folder. (Pages link the route,
    with the templates' url_for, which a build makes relative.)"""
    return (assets / brand.logo_name).absolute().as_uri() if brand.logo else ""


def install(brand: Brand, folder: Path) -> None:
    """Copy the logo into `folder` (removing a logo of another type), unless the copy there
    is the same already."""
    atomic.make_dirs(folder)
    wanted = folder / brand.logo_name
    data = brand.data if brand.logo else None
    for old in folder.glob("logo.*"):  # a logo of another type, from before
        if old != wanted:
            old.unlink(missing_ok=True)
    if data is not None and (not wanted.is_file() or wanted.read_bytes() != data):
        atomic.write_bytes(wanted, data)
