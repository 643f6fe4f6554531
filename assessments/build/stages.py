"""`readygate build`: the publish pages as a static site, with a PDF beside each report.

A build runs five named stages in order: `check` (the definitions load, assessment ids fit
the site, every output gets its input key), `pages` (Frozen-Flask), `forms` (static survey
forms, only when asked for), `pdfs` and `manifest`. Outputs whose inputs have not changed
since the last build are neither rendered nor rewritten (see `assessments.build.manifest`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click
from flask import Flask

from assessments.build import freeze, manifest
from assessments.errors import InputError
from assessments.paths import EDITIONS, SITE
from assessments.project.brand import Brand
from assessments.store.interface import Store
from questionnaires import Questionnaire
from scoring.responses import MIN_GROUP


class BuildError(RuntimeError):
    """A build that could not finish; the message says what failed and what to do."""


@dataclass
class BuildResult:
    """What a build wrote and left alone (paths relative to `out`), and each stage's time."""

    out: Path
    pdf: bool
    pages_written: list[str] = field(default_factory=list)
    pages_skipped: list[str] = field(default_factory=list)
    pdfs_written: list[str] = field(default_factory=list)
    pdfs_skipped: list[str] = field(default_factory=list)
    forms_written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The one line every build ends with."""
        pages = len(self.pages_written) + len(self.pages_skipped)
        pdfs = (f"{len(self.pdfs_written) + len(self.pdfs_skipped)} PDFs "
                f"({len(self.pdfs_skipped)} skipped)" if self.pdf else "no PDFs (--no-pdf)")
        return (f"{pages} pages, {pdfs} in {sum(self.seconds.values()):.1f} s → {self.out} "
                f"— open {self.out / 'index.html'}")


@dataclass
class _Run:
    """One build's inputs and what the stages hand on to each other."""

    store: Store
    definitions: Mapping[str, Questionnaire]
    out: Path
    jobs: int
    pdf: bool
    forms_action: str | None
    quiet: bool
    result: BuildResult
    min_group: int
    force: bool = False
    brand: Brand = field(default_factory=Brand)
    pdf_variant: str = "pdf/ua-1"
    app: Flask | None = None
    previous: dict[str, str] = field(default_factory=dict)
    pages: dict[str, freeze.Page] = field(default_factory=dict)
    pdf_keys: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)


def build(store: Store, definitions: Mapping[str, Questionnaire], out: Path, *, jobs: int,
          pdf: bool = True, forms_action: str | None = None, quiet: bool = False,
          min_group: int = MIN_GROUP, force: bool = False, brand: Brand | None = None,
          pdf_variant: str = "pdf/ua-1") -> BuildResult:
    """Build the site into `out`, writing only what changed; progress goes to stdout.

    `brand`: the organisation, logo and accent every page and PDF carries.
    `min_group`: confidential answers appear in reports only in totals over this many.
    `force`: write into a folder that holds files no build wrote (replacing those with an
    output's name, never touching the others).
    """
    result = BuildResult(Path(out), pdf)
    run = _Run(store, definitions, Path(out).absolute(), max(1, jobs), pdf, forms_action,
               quiet, result, min_group, force, brand or Brand(), pdf_variant)
    for name, stage in STAGES:
        start = time.perf_counter()
        said = stage(run)
        result.seconds[name] = time.perf_counter() - start
        if not quiet:
            click.echo(f"{name:>8}: {said} ({result.seconds[name]:.2f} s)")
    return result


def _check(run: _Run) -> str:
    """Load the app (the definitions again), refuse clashing ids, key every output."""
    site, data = SITE.resolve(), run.store.root.resolve()
    for inside in (site, data):
        if run.out.resolve() == inside or inside in run.out.resolve().parents:
            raise InputError(f"--out {run.result.out} is inside {inside}: build the site "
                             "somewhere else, e.g. output/site")
    if run.forms_action:
        from assessments.build.static_forms import check_action

        check_action(run.forms_action)  # a bad URL stops the build before it writes anything
    if run.out.exists() and not run.out.is_dir():
        raise InputError(f"--out {run.result.out} is a file: build into a folder")
    assessments = run.store.assessments()
    if not assessments:
        # An empty or mistyped data directory must not read as "every report is stale".
        raise InputError(f"no assessments in {run.store.place}: nothing to build (create one "
                         "with `readygate new`, or give the right --data)")
    run.previous = manifest.load(run.out)
    if not run.previous and not run.force and _foreign(run.out):
        raise InputError(f"--out {run.result.out} holds files that no readygate build wrote: "
                         "build into an empty or new folder, or add --force to write beside "
                         "them (they are never deleted)")
    run.app = app = freeze.site_app(run.store, run.definitions, run.out, pdf_links=run.pdf,
                                    min_group=run.min_group, brand=run.brand)
    reserved = {r.rule.strip("/").partition("/")[0] for r in app.url_map.iter_rules()
                if r.endpoint != "publish.report"}
    for clash in (a.id for a in assessments if a.id in reserved):
        raise InputError(f"assessment {clash!r} cannot be published: its page would be the "
                         f"site's own {clash}/ folder; create it under another id")
    # The privacy setting and the brand change every page, so they key every output.
    salt = manifest.digest(manifest.site_key(SITE), run.min_group,
                           manifest.brand_key(run.brand))
    defs = manifest.definition_keys(run.definitions)
    reports = {a.id: manifest.assessment_key(run.store, defs, a) for a in assessments}
    run.pages = freeze.paths(app, freeze.plan(run.store, run.definitions, salt, reports,
                                              pdf_links=run.pdf,
                                              filters=freeze.filter_pages(app)))
    run.pdf_keys = {f"{ident}/{name}": manifest.digest(salt, "pdf", run.pdf_variant, edition,
                                                        key)
                    for ident, key in reports.items() for name, edition in EDITIONS.items()}
    wanted = {rel: page.key for rel, page in run.pages.items()} | run.pdf_keys
    todo = {rel for rel, key in wanted.items() if run.previous.get(rel) != key}
    due = {rel for rel in todo if rel in run.previous}
    if due:
        # Forget what is about to change before changing it: were the build interrupted and
        # the inputs then put back, a half-updated output must not pass for up to date.
        manifest.save(run.out, {k: v for k, v in run.previous.items() if k not in due})
    return (f"{len(assessments)} assessments, {len(run.definitions)} questionnaires; "
            f"{len(todo)} of {len(wanted)} pages and PDFs out of date")


def _foreign(out: Path) -> bool:
    """Whether `out` holds anything at all (called only when it has no manifest)."""
    return out.is_dir() and any(out.iterdir())


def _pages(run: _Run) -> str:
    """Freeze the portfolio, the reports, the blank forms and the scoring page."""
    assert run.app is not None
    frozen = freeze.freeze(run.app, run.pages, run.previous)
    run.result.pages_written, run.result.pages_skipped = frozen.written, frozen.skipped
    run.outputs.update(frozen.outputs)
    return f"{len(frozen.written)} written, {len(frozen.skipped)} unchanged"


def _forms(run: _Run) -> str:
    """Static survey forms that post to --forms ACTION_URL."""
    if not run.forms_action:
        return "none asked for (--forms ACTION_URL)"
    from assessments.build.static_forms import write_forms

    assert run.app is not None
    written = write_forms(run.app, run.store, run.definitions, run.out,
                          action=run.forms_action)
    rels = [Path(p).absolute().relative_to(run.out).as_posix() for p in written]
    run.outputs.update(dict.fromkeys(rels, "static-form"))
    run.result.forms_written = rels
    return f"{len(rels)} written"


def _pdfs(run: _Run) -> str:
    """Render the reports whose inputs changed, or whose PDF is missing, into PDFs."""
    current = {rel: key for rel, key in run.pdf_keys.items()
               if run.previous.get(rel) == key and (run.out / rel).is_file()}
    # Up-to-date PDFs stay even with --no-pdf; the manifest stage removes stale ones.
    run.outputs.update(current)
    if not run.pdf:
        return f"none rendered (--no-pdf); {len(current)} still up to date"
    due = [rel for rel in run.pdf_keys if rel not in current]
    if due:
        # WeasyPrint is heavy to import: only when a PDF is due.
        from assessments.report.pdf import RenderError, render_many

        assert run.app is not None
        items = [(freeze.page_html(run.app, run.pages[_page_of(rel)],
                                   edition=EDITIONS[rel.rpartition("/")[2]]), run.out / rel)
                 for rel in due]
        finished: list[str] = []
        with _progress(len(items), show=not run.quiet and sys.stdout.isatty()) as tick:

            def done(path: Path) -> None:
                finished.append(path.relative_to(run.out).as_posix())
                tick()

            # The logo, frozen by the pages stage, is the one file beside site/ they read.
            assets = Path(run.app.config["BRAND_ASSETS"]) if run.brand.logo else None
            try:
                render_many(items, site_dir=SITE, jobs=run.jobs, on_done=done,
                            variant=run.pdf_variant, assets=assets)
            except RenderError as err:
                # Record what is done, so the next build renders only the rest (and still
                # removes what the previous build made and this one no longer does).
                older = {k: v for k, v in run.previous.items() if k not in run.pdf_keys}
                manifest.save(run.out, older | run.outputs
                              | {rel: run.pdf_keys[rel] for rel in finished})
                done_pdfs = f"{len(finished)} PDF{'s' if len(finished) != 1 else ''}"
                raise BuildError(f"{err}\nThe pages and {done_pdfs} are built; build again "
                                 "for the rest, or use --no-pdf.") from err
        run.outputs.update({rel: run.pdf_keys[rel] for rel in due})
    run.result.pdfs_written = due
    run.result.pdfs_skipped = sorted(current)
    return f"{len(due)} rendered, {len(current)} up to date"


def _manifest(run: _Run) -> str:
    """Remove what the previous build wrote and this one did not; record this build."""
    run.result.removed = manifest.remove_stale(run.out, run.previous, run.outputs)
    if run.outputs != run.previous:  # a build that changed nothing leaves no trace
        manifest.save(run.out, run.outputs)
    return f"{len(run.outputs)} outputs recorded, {len(run.result.removed)} stale removed"


STAGES: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("check", _check), ("pages", _pages), ("forms", _forms), ("pdfs", _pdfs),
    ("manifest", _manifest),
)


def _page_of(pdf: str) -> str:
    return pdf.rpartition("/")[0] + "/index.html"


@contextmanager
def _progress(total: int, *, show: bool) -> Iterator[Callable[..., None]]:
    """A callback that advances a PDFs-done bar with the time left (silent when not shown)."""
    if not show:
        yield lambda *_: None
        return
    with click.progressbar(length=total, label="    pdfs", show_eta=True, show_pos=True) as bar:
        yield lambda *_: bar.update(1)
