"""Readiness reports as PDF files: WeasyPrint, fetching nothing but files under `site/` and
the brand's asset folder (the logo, copied there by readygate).

The only module that imports WeasyPrint. It takes report HTML as strings (no Flask here),
styles it with the print stylesheet in `site/print/`, and writes each PDF atomically.
The same HTML always gives the same bytes: the creation date comes from the page's own
`dcterms.created` (the newest response) and the file identifier from the HTML's hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import mimetypes
import multiprocessing
import os
import secrets
import stat
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessments.paths import SITE

__all__ = ["PRINT_CSS", "SITE", "Refused", "RenderError", "Renderer", "SiteFetcher", "render_many",
           "site_fetcher"]

log = logging.getLogger(__name__)
PRINT_CSS = ("print/report.css",)
VARIANTS = ("pdf/ua-1", "pdf/a-3b")
"""PDF/UA-1: tagged for screen readers (the default); PDF/A-3b: archival."""
MAX_BYTES = 5_000_000


class RenderError(RuntimeError):
    """A report that could not be turned into a PDF; the message names its file."""


class Refused(ValueError):
    """A resource the renderer may not fetch."""


class SiteFetcher(URLFetcher):
    """Serves `file:` URLs under the site folder or the asset folder, and small `data:` URLs;
    refuses the rest."""

    def __init__(self, site_dir: Path, max_bytes: int, assets: Path | None = None) -> None:
        # Only data: goes through the standard machinery; file: is served by hand below.
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.root = Path(site_dir).resolve()
        self.roots = (self.root,) if assets is None else (self.root, _asset_root(assets))
        self.max_bytes = max_bytes

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """The resource at `url`, or Refused (logged) so WeasyPrint leaves it out."""
        try:
            scheme = url.partition(":")[0].lower() if ":" in url else ""
            if scheme == "file":
                return self._file(url)
            if scheme == "data":
                return self._data(url, headers)
            raise Refused(f"{scheme or 'relative'} URLs are never fetched")
        except Refused as refusal:
            # A data: URL can be megabytes long; the log needs only its start.
            log.info("refused %s: %s", url[:120], refusal)
            raise

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise Refused(f"file on another host ({parts.netloc})")
        try:
            # resolve() follows every symlink and `..`, so the check below sees the real file.
            path = Path(url2pathname(parts.path)).resolve()
        except (OSError, RuntimeError, ValueError) as error:  # ValueError: a NUL in the path
            raise Refused(f"unresolvable path ({error.__class__.__name__})") from None
        if not any(path.is_relative_to(root) for root in self.roots):
            raise Refused(f"outside {' and '.join(map(str, self.roots))}")
        try:
            # O_NOFOLLOW: a symlink swapped in after resolve() must not be followed now.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as error:
            raise Refused(f"cannot open ({error.strerror})") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise Refused("not a file")
        with os.fdopen(fd, "rb") as handle:
            body = handle.read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise Refused(f"larger than {self.max_bytes} bytes")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": kind})

    def _data(self, url: str, headers: Any) -> URLFetcherResponse:
        # Base64 makes data 4/3 longer; anything far beyond that is refused undecoded.
        if len(url) > self.max_bytes * 4 // 3 + 1024:
            raise Refused(f"data URL larger than {self.max_bytes} bytes")
        response = super().fetch(url, headers)
        try:
            body = response.read(self.max_bytes + 1)
        finally:
            response.close()
        if len(body) > self.max_bytes:
            raise Refused(f"data URL larger than {self.max_bytes} bytes")
        return URLFetcherResponse(url, body, response.headers, response.status)


def _asset_root(assets: Path) -> Path:
    # A symlinked asset folder could stand for any folder at all: only a real one is a root.
    if Path(assets).is_symlink():
        raise ValueError(f"the asset folder {assets} is a symlink: use a real folder")
    return Path(assets).resolve()


class _RefusalEcho(logging.Filter):
    """Drops WeasyPrint's error for a resource the fetcher refused: that is logged already."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not any(str(arg).startswith(f"{Refused.__name__}:") for arg in args)


def _quiet_refusals() -> None:
    # A page that links app.css (outside site/) would otherwise print an error per PDF.
    weasy = logging.getLogger("weasyprint")
    if not any(isinstance(f, _RefusalEcho) for f in weasy.filters):
        weasy.addFilter(_RefusalEcho())


def site_fetcher(site_dir: Path, *, assets: Path | None = None,
                 max_bytes: int = MAX_BYTES) -> SiteFetcher:
    """A WeasyPrint url_fetcher that reads only files under `site_dir` and `assets` (and
    small data:)."""
    return SiteFetcher(site_dir, max_bytes, assets)


class Renderer:
    """One per process: fonts and print stylesheets are loaded once and reused for every PDF."""

    def __init__(self, site_dir: Path = SITE, *, assets: Path | None = None,
                 stylesheets: Sequence[str] = PRINT_CSS, max_bytes: int = MAX_BYTES,
                 variant: str = VARIANTS[0]) -> None:
        """`assets`: the folder holding the brand's logo (and nothing else), also readable."""
        _quiet_refusals()
        if variant not in VARIANTS:
            raise ValueError(f"PDF variant {variant!r}: use one of {', '.join(VARIANTS)}")
        self.variant = variant
        self.site_dir = Path(site_dir).resolve()
        self.fetcher = site_fetcher(self.site_dir, assets=assets, max_bytes=max_bytes)
        self.fonts = FontConfiguration()
        self.stylesheets = [CSS(filename=str(self.site_dir / name), font_config=self.fonts,
                                url_fetcher=self.fetcher) for name in stylesheets]
        # The trailing slash makes relative URLs resolve inside the folder, not beside it.
        self.base_url = self.site_dir.as_uri() + "/"

    def pdf(self, html: str) -> bytes:
        """The PDF for one report page's HTML."""
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
        # Without an explicit identifier WeasyPrint writes none; one derived from the
        # source keeps the bytes reproducible while telling different reports apart.
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode()
        # Tagged (a structure tree with headings, table headers, the language and every
        # chart's numbers in words as its alternative text), or archival PDF/A.
        pdf: bytes = document.write_pdf(stylesheets=self.stylesheets, font_config=self.fonts,
                                        pdf_identifier=identifier, pdf_variant=self.variant,
                                        pdf_tags=True)
        return pdf

    def render(self, html: str, out: Path) -> None:
        """Write the PDF to `out` atomically: readers see the old file or the whole new one."""
        data = self.pdf(html)
        out = Path(out)
        tmp = out.with_name(f".{out.name}.{secrets.token_hex(8)}.tmp")
        # 0o666 under the umask, like any published file: a web server must be able to read it.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, out)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise


_worker: Renderer | None = None


def _start_worker(site_dir: str, variant: str, assets: str | None) -> None:
    global _worker
    _worker = Renderer(Path(site_dir), variant=variant,
                       assets=Path(assets) if assets else None)


def _render_in_worker(html: str, out: str) -> None:
    if _worker is None:  # pragma: no cover - the pool's initializer always runs first
        raise RuntimeError("worker started without a renderer")
    _worker.render(html, Path(out))


def render_many(items: Sequence[tuple[str, Path]], *, site_dir: Path, jobs: int,
                on_done: Callable[[Path], None] | None = None,
                variant: str = VARIANTS[0], assets: Path | None = None) -> None:
    """Render (html, out) pairs, in this process or `jobs` worker processes; first error wins.

    `assets`: the brand's asset folder, readable besides `site_dir`."""
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, got {jobs}")
    if not items:
        return
    # A worker costs a process start and a font setup: never more workers than PDFs.
    workers = min(jobs, len(items))
    if workers == 1:
        renderer = Renderer(site_dir, variant=variant, assets=assets)
        for html, out in items:
            try:
                renderer.render(html, out)
            except Exception as error:
                raise RenderError(f"could not render {out}: {error}") from error
            if on_done:
                on_done(out)
        return
    # spawn, not fork: a forked child inherits whatever threads and locks the parent held.
    # (So a script calling this needs the usual `if __name__ == "__main__":` guard.)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(str(site_dir), variant,
                                       str(assets) if assets else None)) as pool:
        futures: dict[Future[None], Path] = {
            pool.submit(_render_in_worker, html, str(out)): out for html, out in items}
        try:
            for future in as_completed(futures):
                out = futures[future]
                try:
                    future.result()
                except Exception as error:
                    raise RenderError(f"could not render {out}: {error}") from error
                if on_done:
                    on_done(out)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
