"""A branded build: the logo and accent on every published page and in the PDFs, the logo
copied into the site, and a new logo or colour making the PDFs again."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessments.build import manifest
from assessments.build.stages import BuildResult, build
from assessments.cli import main
from assessments.project.brand import brand_of
from tests.build.helpers import demo_store, structure
from tests.helpers import no_settings_from_outside, png

pytestmark = pytest.mark.slow

ACCENT = (0x7a, 0x1f, 0x5c)  # no colour of the palette: only the brand can put it there
LOGO = png(37, 23, (200, 30, 90))
Run = Callable[..., BuildResult]


def images(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) of each image `pdfimages -list` finds."""
    lines = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [(int(line.split()[3]), int(line.split()[4])) for line in lines
            if line.split()[2] == "image"]


def pixels(pdf: Path, colour: tuple[int, int, int], pages: int = 2) -> int:
    """How many pixels of the first `pages` pages, drawn at 72 dpi, are exactly `colour`."""
    count = 0
    for page in range(1, pages + 1):
        ppm = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "72",
                              str(pdf)], check=True, capture_output=True).stdout
        # P6: "P6 width height 255" and one whitespace byte, then RGB triples.
        header = re.match(rb"P6\s+\d+\s+\d+\s+\d+\s", ppm)
        assert header, ppm[:20]
        rgb = ppm[header.end():]
        count += sum(1 for pixel in zip(rgb[0::3], rgb[1::3], rgb[2::3], strict=True)
                     if pixel == colour)
    return count


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "project" / "brand" / "logo.png"
    path.parent.mkdir(parents=True)
    path.write_bytes(LOGO)
    return path


def test_a_branded_build_carries_the_logo_and_the_accent(run: Run, tmp_path: Path,
                                                         logo: Path, definitions: dict) -> None:
    store = demo_store(tmp_path / "small", ("halden-freight",))
    brand = brand_of("Acme Software", logo, "#7a1f5c")
    run(pdf=True, store=store, brand=brand)
    out = tmp_path / "site"
    # The logo is copied into the site, so the site still opens from disk.
    assert (out / "brand" / "logo.png").read_bytes() == LOGO
    assert manifest.load(out)["brand/logo.png"] == "static"
    for page, prefix in (("index.html", ""), ("halden-freight/index.html", "../"),
                         ("scoring/index.html", "../")):
        html = (out / page).read_text("utf-8")
        assert "<style>:root{--accent:#7a1f5c}</style>" in html, page
        assert (f'<img class="logo" src="{prefix}brand/logo.png" alt="">'
                '<span class="organisation">Acme Software</span>') in html, page
    for name in ("report.pdf", "report-full.pdf"):
        pdf = out / "halden-freight" / name
        assert images(pdf) == [(37, 23)], name  # the logo, once: on the cover
        assert "Acme Software logo" in structure(pdf)[2], name
        # The accent draws the cover's kicker and the heading rules.
        assert pixels(pdf, ACCENT) > 200, name
    info = subprocess.run(["pdfinfo", str(out / "halden-freight" / "report.pdf")], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+[1-4]$", info, re.M), info  # the logo costs no page
    # Without the brand neither is there: the check above could fail.
    plain = tmp_path / "plain"
    build(store, definitions, plain, jobs=1, quiet=True)
    assert images(plain / "halden-freight" / "report.pdf") == []
    assert pixels(plain / "halden-freight" / "report.pdf", ACCENT) == 0
    assert not (plain / "brand").exists()


def test_a_new_logo_or_accent_renders_the_pdfs_again(run: Run, tmp_path: Path,
                                                     logo: Path) -> None:
    store = demo_store(tmp_path / "small", ("halden-freight",))
    out = tmp_path / "site"
    pdfs = ["halden-freight/report-full.pdf", "halden-freight/report.pdf"]
    first = run(pdf=True, store=store, brand=brand_of("Acme", logo, "#7a1f5c"))
    assert sorted(first.pdfs_written) == pdfs
    assert run(pdf=True, store=store, brand=brand_of("Acme", logo, "#7a1f5c")).pdfs_written == []
    darker = run(pdf=True, store=store, brand=brand_of("Acme", logo, "#5a1744"))
    assert sorted(darker.pdfs_written) == pdfs
    logo.write_bytes(png(40, 20, (0, 90, 40)))  # the same file name, a new picture
    redrawn = run(pdf=True, store=store, brand=brand_of("Acme", logo, "#5a1744"))
    assert sorted(redrawn.pdfs_written) == pdfs
    assert images(out / "halden-freight" / "report.pdf") == [(40, 20)]
    assert (out / "brand" / "logo.png").read_bytes() == logo.read_bytes()
    # A logo of another type replaces the old file; no logo at all takes the folder away.
    svg = logo.with_name("mark.svg")
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
                   '<rect width="40" height="20" fill="#005a28"/></svg>', "utf-8")
    swapped = run(pdf=True, store=store, brand=brand_of("Acme", svg, "#5a1744"))
    assert swapped.removed == ["brand/logo.png"]
    assert sorted(p.name for p in (out / "brand").iterdir()) == ["logo.svg"]
    gone = run(pdf=True, store=store, brand=brand_of("Acme", None, ""))
    assert gone.removed == ["brand/logo.svg"] and not (out / "brand").exists()
    assert sorted(gone.pdfs_written) == pdfs


def test_build_theme_replaces_the_projects_brand(tmp_path: Path, logo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    no_settings_from_outside(monkeypatch)
    project = logo.parent.parent
    demo_store(project / "data", ("halden-freight",))
    (project / "readygate.toml").write_text(
        'data = "data"\norganisation = "Acme Software"\nlogo = "brand/logo.png"\n'
        'accent = "#7a1f5c"\n', "utf-8")
    partner = project / "themes" / "globex"
    partner.mkdir(parents=True)
    (partner / "mark.png").write_bytes(png(30, 30, (0, 90, 40)))
    (partner / "theme.toml").write_text(
        'organisation = "Globex"\nlogo = "mark.png"\naccent = "#0B6E3B"\n', "utf-8")
    runner = CliRunner()
    config = str(project / "readygate.toml")
    out = tmp_path / "globex"
    built = runner.invoke(main, ["--config", config, "build", "--no-pdf", "-q", "--out",
                                 str(out), "--theme", str(partner / "theme.toml")])
    assert built.exit_code == 0, built.output
    index = (out / "index.html").read_text("utf-8")
    assert "<style>:root{--accent:#0b6e3b}</style>" in index
    assert '<span class="organisation">Globex</span>' in index and "Acme" not in index
    assert (out / "brand" / "logo.png").read_bytes() == (partner / "mark.png").read_bytes()
    # Without the theme, the project's own brand.
    own = runner.invoke(main, ["--config", config, "build", "--no-pdf", "-q"])
    assert own.exit_code == 0, own.output
    index = (project / "output" / "site" / "index.html").read_text("utf-8")
    assert "<style>:root{--accent:#7a1f5c}</style>" in index and "Acme Software" in index
