"""Where readygate finds its site files, and the names it gives what it writes.

An installed wheel carries the templates, static files, print CSS and fonts as
`assessments/site/`; a checkout keeps them in the top-level `site/` folder.
"""

from __future__ import annotations

from pathlib import Path


def _site() -> Path:
    # The package is always a folder on disk (the wheel is not zip-safe), so its own path
    # finds the packaged copy without loading importlib.resources at every start.
    here = Path(__file__).resolve().parent
    packaged = here / "site"
    return packaged if packaged.is_dir() else here.parent / "site"


SITE = _site()
"""Templates (`templates/`), static files (`static/`) and print CSS with fonts (`print/`)."""
DEFAULT_DATA = "instance"
"""The data directory when neither the project, `--data` nor READYGATE_DATA names one."""
PDF_NAME = "report.pdf"
"""Each assessment's executive report (at most four pages), beside its page."""
FULL_PDF_NAME = "report-full.pdf"
"""Each assessment's full report: the plan, the handoff and the appendix too."""
EDITIONS = {PDF_NAME: "executive", FULL_PDF_NAME: "full"}
"""Each PDF and the edition of the report page it prints (`?edition=`)."""
