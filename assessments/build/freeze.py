"""Freeze the publish pages with Frozen-Flask, rendering only pages whose inputs changed."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, url_for
from flask_frozen import Freezer, MissingURLGeneratorWarning, patch_url_for

from assessments.build import manifest
from assessments.project.brand import Brand
from assessments.store.interface import Store
from assessments.web import publish
from assessments.web.app import create_app
from assessments.web.brand import FOLDER as brand_folder
from assessments.web.context import KEY
from questionnaires import Questionnaire

# One URL generator per published endpoint; `freeze` refuses to run if publish grows another.
ENDPOINTS = ("publish.index", "publish.filtered", "publish.report", "publish.blank_form",
             "publish.scoring")
ASSET = "static"
"""The manifest key of a copied static file: Frozen-Flask compares those byte for byte."""


@dataclass(frozen=True)
class Page:
    """One page to publish: its endpoint, URL values and input key."""

    endpoint: str
    values: tuple[tuple[str, str], ...]
    key: str


@dataclass
class Frozen:
    """What a freeze wrote (changed or new), left alone, and every file it stands for."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)


def site_app(store: Store, definitions: Mapping[str, Questionnaire], out: Path, *,
             pdf_links: bool, min_group: int, brand: Brand | None = None) -> Flask:
    """The read-only app over `store` and `definitions`, set up to freeze into `out`."""
    brand = brand or Brand()
    # Pages show exactly what the caller loaded, and read the caller's store.
    return create_app({
        "DATA": str(store.root),
        "FREEZER_DESTINATION": str(out),
        "FREEZER_RELATIVE_URLS": True,
        # The manifest removes what a build no longer makes; Frozen-Flask's own clean-up would
        # also delete the PDFs and static forms it does not know about.
        "FREEZER_REMOVE_EXTRA_FILES": False,
        "READYGATE_PDF_LINKS": pdf_links,
        "MIN_GROUP": min_group,
        # The PDFs read the logo the pages stage froze into <out>/brand/.
        "BRAND_ASSETS": str(out / brand_folder),
    }, store=store, definitions=dict(definitions), collect=False, brand=brand)


def plan(store: Store, definitions: Mapping[str, Questionnaire], salt: str,
         reports: Mapping[str, str], *, pdf_links: bool,
         filters: Iterable[tuple[str, str]] = ()) -> list[Page]:
    """Every page with its key; `reports` maps assessment id to its input key, `filters`
    names the portfolio's filter pages (from `filter_pages`)."""
    defs = manifest.definition_keys(definitions)
    return [
        Page("publish.index", (), manifest.digest(salt, "index", reports, defs, pdf_links)),
        # A filter page counts every assessment in its links, as the index does.
        *(Page("publish.filtered", (("facet", facet), ("value", value)),
               manifest.digest(salt, "filtered", facet, value, reports, defs, pdf_links))
          for facet, value in filters),
        *(Page("publish.report", (("ident", ident),), manifest.digest(salt, "report", key))
          for ident, key in reports.items()),
        *(Page("publish.blank_form", (("questionnaire", qid),),
               manifest.digest(salt, "form", defs[qid])) for qid in sorted(defs)),
        Page("publish.scoring", (), manifest.digest(salt, "scoring", defs)),
    ]


def filter_pages(app: Flask) -> list[tuple[str, str]]:
    """(filter, value) of each portfolio page of one stage, verdict or owner that lists at
    least one assessment: the static site has those and no empty one."""
    with app.test_request_context():
        return publish.filter_pages()


def paths(app: Flask, pages: list[Page]) -> dict[str, Page]:
    """Each page by the file it freezes to, relative to the destination."""
    freezer = Freezer(app, log_url_for=False)
    with app.test_request_context():
        return {freezer.urlpath_to_filepath(url_for(p.endpoint, **_values(p))): p
                for p in pages}


def freeze(app: Flask, by_path: Mapping[str, Page], previous: Mapping[str, str]) -> Frozen:
    """Freeze every page (by its file, from `paths`); one whose key is unchanged is not
    rendered."""
    published = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("publish.")}
    if published != set(ENDPOINTS):
        raise RuntimeError(f"publish endpoints {sorted(published)} differ from the frozen "
                           f"ones {sorted(ENDPOINTS)}: give each a page in freeze.plan")
    freezer = Freezer(app, with_no_argument_rules=False, log_url_for=False)
    for endpoint in ENDPOINTS:
        freezer.register_generator(_generator(endpoint, list(by_path.values())))
    brand = app.extensions[KEY].brand
    if brand.logo:
        # A copied file, like the static ones: recorded as ASSET, removed when it goes.
        freezer.register_generator(lambda: [("brand.logo", {"name": brand.logo_name})])
    result, before, untouched = Frozen(), {}, set()

    def skip(url: str, path: str) -> bool:
        # Frozen-Flask asks only when the file exists already.
        rel = Path(path).relative_to(freezer.root).as_posix()
        page = by_path.get(rel)
        if page is not None and previous.get(rel) == page.key:
            untouched.add(rel)
            return True
        before[rel] = _hash(Path(path))
        return False

    app.config["FREEZER_SKIP_EXISTING"] = skip
    # The portfolio, its filter pages, the reports and the PDFs share each roll-up: a build's
    # app makes it once (publish._report).
    with warnings.catch_warnings():
        # An empty portfolio has no report pages; the check above already ensures that
        # every endpoint has its generator.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        for frozen in freezer.freeze_yield():
            rel = frozen.path.as_posix()
            page = by_path.get(rel)
            result.outputs[rel] = page.key if page else ASSET
            if page is None:
                continue
            # Frozen-Flask leaves a file alone when the new page has the same bytes.
            same = rel in untouched or before.get(rel) == _hash(freezer.root / rel)
            (result.skipped if same else result.written).append(rel)
    return result


def page_html(app: Flask, page: Page, **query: str) -> str:
    """A page's HTML exactly as frozen (relative links), rendered again by its view; `query`
    asks for a variant of it (the report's `edition`), with the same links."""
    with app.test_request_context():
        values: dict[str, Any] = {**_values(page), **query}
        url = url_for(page.endpoint, **values)
    with patch_url_for(app):
        response = app.test_client().get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status} while building")
    return response.get_data(as_text=True)


def _generator(endpoint: str, pages: list[Page]) -> Callable[[], Iterator[tuple[str, dict[
        str, str]]]]:
    def generate() -> Iterator[tuple[str, dict[str, str]]]:
        for page in pages:
            if page.endpoint == endpoint:
                yield endpoint, dict(page.values)

    generate.__name__ = endpoint.partition(".")[2]
    return generate


def _values(page: Page) -> dict[str, Any]:
    return dict(page.values)


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
