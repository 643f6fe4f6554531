"""`readygate serve`, `demo` and `build`: the live app, the demo data and the static site."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assessments.cli.group import current_settings, friendly, load_definitions, main, open_store

if TYPE_CHECKING:
    from assessments.project.config import Project

DEMO_USER, DEMO_PASSWORD, DEMO_NAME = "demo", "readygate-demo", "Demo Seller"
THEME = click.option(
    "--theme", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="A TOML file whose organisation, logo and accent replace the project's (its logo "
         "path is relative to the file).")


def _project(theme: Path | None) -> Project:
    """The project's settings, with the brand of `--theme` when one is given."""
    from assessments.project.config import with_theme

    project = current_settings().project
    return with_theme(project, theme) if theme else project


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, help="Port to listen on.")
@click.option("--secure-cookies", is_flag=True,
              help="Send the login cookie over HTTPS only (default when READYGATE_URL or the "
                   "project's base_url is https).")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Worker processes of the production server (gunicorn).")
@click.option("--dev", is_flag=True,
              help="Run Flask's development server instead: one process, for trying it out.")
@THEME
@friendly
def serve(host: str, port: int, secure_cookies: bool, workers: int, dev: bool,
          theme: Path | None) -> None:
    """Run the web app: seller pages, respondent forms and live reports, on a production
    server with --workers processes (--dev: Flask's development server)."""
    from assessments.project.config import public_url
    from assessments.web.app import create_app

    settings = current_settings()
    brand = _project(theme).brand
    store = open_store()
    app = create_app({"DATA": str(settings.data), "MIN_GROUP": settings.min_group,
                      "ORGANISATION": brand.organisation, "LOGO": str(brand.logo or ""),
                      "ACCENT": brand.accent, "PUBLIC_URL": public_url(settings.project),
                      "MAIL": settings.project.mail,
                      **({"SESSION_COOKIE_SECURE": True} if secure_cookies else {})},
                     store=store, definitions=load_definitions())
    how = "development server" if dev else f"{workers} worker{'s' * (workers != 1)}"
    click.echo(f"readygate on http://{host}:{port}/ ({how}; data: {store.place})")
    if dev:
        app.run(host=host, port=port, debug=False, use_reloader=False)
    else:
        from assessments.web.server import run

        run(app, host, port, workers)


@main.command()
@friendly
def demo() -> None:
    """Load the fictional demo accounts (running it again changes nothing)."""
    from assessments.demo.load import load_demo
    from assessments.web.auth import add_user

    store = open_store(create=True)
    accounts, responses = load_demo(store)
    if store.user(DEMO_USER) is None:
        add_user(store, DEMO_USER, DEMO_PASSWORD, DEMO_NAME)
    click.echo(f"demo data: {accounts} assessments and {responses} responses added "
               f"({len(store.assessments())} assessments in {store.place})")
    click.echo(f"log in as {DEMO_USER} / {DEMO_PASSWORD}")


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write the site and the PDFs into (default: the project's "
                   "output, else output/site).")
@click.option("--force", is_flag=True,
              help="Write into a folder that holds files no build of readygate wrote: files "
                   "with a page's or a PDF's name are replaced, the others are never touched.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="PDFs to render in parallel.")
@click.option("--no-pdf", is_flag=True, help="Build the pages only, no PDF reports.")
@click.option("--pdf-variant", type=click.Choice(["pdf/ua-1", "pdf/a-3b"]), default="pdf/ua-1",
              show_default=True,
              help="pdf/ua-1: tagged for screen readers; pdf/a-3b: archival, for customers who "
                   "store deal documents.")
@click.option("--forms", "forms_action", metavar="ACTION_URL", default=None,
              help="Also write static survey forms that post to ACTION_URL.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the final summary line.")
@THEME
@friendly
def build(out: Path | None, force: bool, jobs: int, no_pdf: bool, pdf_variant: str,
          forms_action: str | None, quiet: bool, theme: Path | None) -> None:
    """Build the static site and two PDFs per report (executive, full) into --out.

    Only what changed since the last build is written: a report and its PDF are
    redone when the assessment, its responses, a definition it reads or a
    template changes. Open <out>/index.html in a browser, straight from disk.
    """
    from assessments.build.stages import BuildError
    from assessments.build.stages import build as build_site

    settings = current_settings()
    brand = _project(theme).brand
    try:
        result = build_site(open_store(), load_definitions(), out or settings.project.output,
                            jobs=jobs, pdf=not no_pdf, forms_action=forms_action, quiet=quiet,
                            min_group=settings.min_group, force=force, brand=brand,
                            pdf_variant=pdf_variant)
    except BuildError as err:
        raise click.ClickException(str(err)) from None
    click.echo(result.summary())
