"""A built wheel, installed outside the checkout, runs a project of its own end to end."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
# Top-level folders the wheel is not built from (assessments/build/ is code and stays).
TOP_LEFT_OUT = {".git", ".venv", "output", "instance", "build", "dist", "tests", "docs", "bench",
                ".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache"}


def left_out(folder: str, names: list[str]) -> set[str]:
    top = TOP_LEFT_OUT if Path(folder) == ROOT else set()
    return {n for n in names if n in top or n == "__pycache__" or n.endswith(".egg-info")}


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtualenv that holds the wheel and nothing of the checkout."""
    top = tmp_path_factory.mktemp("install")
    source = top / "source"
    shutil.copytree(ROOT, source, ignore=left_out)
    sh(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
       "--wheel-dir", top / "wheels", source, cwd=top)
    wheel = next((top / "wheels").glob("readygate-*.whl"))
    venv = top / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=top)
    python = venv / "bin" / "python"
    # The dependencies come from this environment's site-packages, added as a plain path:
    # its .pth files (the checkout's editable install among them) are not run.
    purelib = sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                 cwd=top).strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    sh(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
       wheel, cwd=top)
    return venv / "bin"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith("READYGATE_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def test_the_wheel_carries_the_site_and_no_checkout(installed: Path, tmp_path: Path) -> None:
    where = sh(installed / "python", "-c", "import assessments.paths as p; print(p.SITE)",
               cwd=tmp_path, env=clean_env()).strip()
    site = Path(where)
    assert ROOT not in site.parents and site.name == "site", where
    for part in ("templates/report.html", "static/app.css", "print/report.css",
                 "print/fonts/DejaVuSans.ttf", "translations/nl/LC_MESSAGES/messages.mo"):
        assert (site / part).is_file(), part
    version = sh(installed / "readygate", "--version", cwd=tmp_path, env=clean_env())
    assert version.strip() == "readygate, version 0.1.0"


def test_a_project_of_its_own_from_init_to_serve(installed: Path, tmp_path: Path) -> None:
    env = clean_env()
    readygate = installed / "readygate"
    sh(readygate, "init", "deals", "--organisation", "Acme Software", cwd=tmp_path, env=env)
    project = tmp_path / "deals"
    assert "ok: 5 questionnaires" in sh(readygate, "check", cwd=project, env=env)
    # The demo goes into a data folder of its own: the project's site holds only its deal.
    sh(readygate, "--data", "demo-data", "demo", cwd=project, env=env)
    halden = sh(readygate, "--data", "demo-data", "score", "halden-freight", cwd=project,
                env=env)
    assert "\nVerdict: Not ready (score 13" in halden, halden
    sh(readygate, "new", "acme", "--account", "Acme Corp", "--stage", "closing",
       cwd=project, env=env)
    # The seller's readiness check of a ready demo deal, then the security review.
    demo = json.loads((ROOT / "assessments" / "demo" / "accounts" / "orrin-valley.json")
                      .read_text("utf-8"))
    readiness = next(r for r in demo["responses"]
                     if r["questionnaire"] == "pre-close-readiness" and r.get("role") == "seller")
    _import(readygate, project, env, {**readiness, "assessment": "acme"})
    before = json.loads(sh(readygate, "score", "acme", "--json", cwd=project, env=env))
    assert before["verdict"] in ("ready", "conditional"), before["verdict"]
    _import(readygate, project, env, {
        "assessment": "acme", "questionnaire": "it-security-review", "role": "seller",
        "respondent": "sam", "name": "Sam Berg", "submitted_at": "2026-11-20T10:00:00Z",
        "answers": {"review_status": "not_started", "single_sign_on": "yes",
                    "data_agreement": "no", "notes": "Waiting for <their> CISO"},
        "evidence": {"review_status": 3}})
    rolled = json.loads(sh(readygate, "score", "acme", "--json", cwd=project, env=env))
    assert rolled["questionnaires"]["it-security-review"]["band"] == "not_ready"
    assert "it-security-review/security_review" in rolled["failed_gates"]
    assert rolled["verdict"] == "not_ready" and rolled["score"] == before["score"]

    sh(readygate, "build", "--jobs", "1", cwd=project, env=env)
    site = project / "output" / "site"
    assert (site / "static" / "app.css").is_file()
    page = (site / "acme" / "index.html").read_text("utf-8")
    assert "IT and security review" in page and "Acme Software" in page
    assert "Ask the customer&#39;s IT lead" in page or "Ask the customer's IT lead" in page
    assert "Waiting for <their>" not in page
    pdf = site / "acme" / "report.pdf"
    text = sh("pdftotext", "-layout", pdf, "-", cwd=project)
    assert "IT and security review" in text and "Security review approved" in text
    fonts = sh("pdffonts", pdf, cwd=project)
    assert "Readygate-Sans" in fonts  # the shipped DejaVu font, embedded
    blank = (site / "forms" / "it-security-review" / "index.html").read_text("utf-8")
    assert "Where is the security review?" in blank

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([readygate, "serve", "--port", str(port)], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        login = _get(f"http://127.0.0.1:{port}/login", server)
        css = _get(f"http://127.0.0.1:{port}/static/app.css", server)
    finally:
        server.terminate()
        server.wait(10)
    assert "Acme Software" in login and ".brand" in css


def _import(readygate: Path, project: Path, env: dict[str, str], row: dict[str, object]
            ) -> None:
    path = project / "answers.json"
    path.write_text(json.dumps({"responses": [row]}), encoding="utf-8")
    sh(readygate, "import", path, cwd=project, env=env)


def _get(url: str, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.2)
