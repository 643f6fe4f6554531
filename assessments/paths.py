"""Where readygate finds its site files, and the names it gives what it writes.

An installed wheel carries the templates, static files, print CSS and fonts as
`assessments/site/`; a checkout keeps them in the top-level `site/` folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _site() -> Path:
    packaged = resources.files("assessments") / "site"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "site"


SITE = _site()
"""Templates (`templates/`), static files (`static/`) and print CSS with fonts (`print/`)."""
DEFAULT_DATA = "instance"
"""The data directory when neither the project, `--data` nor READYGATE_DATA names one."""
PDF_NAME = "report.pdf"
"""Each assessment's PDF report, beside its page."""
