"""The command line starts light: help and the version load no web, storage or PDF library."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

HEAVY = ("flask", "werkzeug", "wtforms", "tinydb", "weasyprint", "yaml", "questionnaires",
         "scoring.aggregate", "assessments.store.filestore", "assessments.web.auth")

PROBE = f"""
import sys
from assessments.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(m for m in {HEAVY!r} if m in sys.modules))
"""


def run_cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


def test_help_loads_nothing_heavy() -> None:
    for args in (["--help"], ["build", "--help"], ["import", "--help"]):
        out = run_cli(*args)
        assert "Usage:" in out and out.rstrip().endswith("[]"), out


def test_version_comes_from_the_package_metadata() -> None:
    out = run_cli("--version")
    assert f"version {version('readygate')}" in out and out.rstrip().endswith("[]")
