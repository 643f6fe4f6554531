"""`make screenshots`: the built demo as pictures, so anyone can look without a PDF viewer.

Writes to output/screenshots/: every page of each demo account's executive PDF
(`<account>-<n>.png`, via pdftoppm), and the portfolio and one report page at 390 and
1280 px wide (via the system Chromium). Run `make demo` first.

Usage: python -m bench.screenshots [--site output/site] [--out output/screenshots]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (390, 1280)
REPORT = "tessaline-distribution"


def pdf_pages(site: Path, out: Path) -> list[Path]:
    """Every page of every executive PDF as a PNG (100 dpi)."""
    for pdf in sorted(site.glob("*/report.pdf")):
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf),
                        str(out / pdf.parent.name)], check=True)
    return sorted(out.glob("*.png"))


def pages(site: Path, out: Path) -> list[Path]:
    """The portfolio and one report page at a phone's and a laptop's width, full length."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed: apt-get install -y chromium")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            tab = browser.new_page(viewport={"width": width, "height": 900})
            for name, page in (("portfolio", site / "index.html"),
                               ("report", site / REPORT / "index.html")):
                tab.goto(page.resolve().as_uri())
                path = out / f"{name}-{width}.png"
                tab.screenshot(path=str(path), full_page=True)
                written.append(path)
            tab.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Render the pictures; print where they are."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("output/site"))
    parser.add_argument("--out", type=Path, default=Path("output/screenshots"))
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"no site in {args.site}: run `make demo` first")
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    written = pdf_pages(args.site, args.out) + pages(args.site, args.out)
    print(f"{len(written)} pictures in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
