"""The report as a PDF: content, fonts, reproducible bytes, a fetcher that reads only site/
and the brand's asset folder."""

from __future__ import annotations

import html
import logging
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from assessments.demo.load import load_demo
from assessments.report.pdf import SITE, Refused, Renderer, RenderError, render_many, site_fetcher
from assessments.store import service
from tests.helpers import png

pytestmark = pytest.mark.slow

PASSWD = '<img src="file:///etc/passwd">'
REMOTE = '<img src="http://198.51.100.7/x.png">'
CSS_URL = '<p style="background: url(https://198.51.100.7/bg.png)">styled</p>'
HOSTILE_NAME = "Dana <script>alert(1)</script>"


def report_html(seller: Any, ident: str) -> str:
    """The report page exactly as the app serves it."""
    response = seller.get(f"/reports/{ident}/")
    assert response.status_code == 200
    return str(response.get_data(as_text=True))


def text_of(pdf: Path) -> str:
    """The PDF's text, whitespace collapsed (pdftotext breaks lines where the page does)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return " ".join(out.split())


def pages(pdf: Path) -> int:
    """The page count pdfinfo reports."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(name, embedded yes/no) per font pdffonts lists."""
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines if line.strip()]


@pytest.fixture
def renderer() -> Renderer:
    """The renderer as a build worker holds it."""
    return Renderer()


@pytest.mark.parametrize("ident", ["halden-freight", "tessaline-distribution"])
def test_demo_report_pdf_reads_right(seller: Any, store: Any, renderer: Renderer,
                                     tmp_path: Path, ident: str) -> None:
    load_demo(store)
    rolled = service.rollup(store, seller.application.extensions["readygate"].definitions,
                            ident)
    out = tmp_path / "report.pdf"
    renderer.render(report_html(seller, ident), out)
    text = text_of(out)
    assert rolled.assessment.account in text
    assert rolled.verdict_label in text
    first = " ".join(rolled.next_actions[0].text.split())
    assert first[:40] in text
    assert "Appendix: the answers" in text and "How the numbers were reached" in text
    assert 3 <= pages(out) <= 30
    # Fonts from our @font-face rules carry its family name, which no system font has:
    # a fallback to a system font would show up here under its own name.
    found = fonts(out)
    assert found and all(re.fullmatch(r"[A-Z]{6}\+Readygate-Sans(-Bold)?", name)
                         for name, _ in found), found
    assert all(embedded == "yes" for _, embedded in found), found
    assert not list(tmp_path.glob(".*.tmp"))


def test_same_html_gives_the_same_bytes(seller: Any, store: Any, renderer: Renderer,
                                        tmp_path: Path) -> None:
    load_demo(store)
    html = report_html(seller, "brightmoor-clinics")
    renderer.render(html, tmp_path / "one.pdf")
    Renderer().render(html, tmp_path / "two.pdf")
    one, two = (tmp_path / "one.pdf").read_bytes(), (tmp_path / "two.pdf").read_bytes()
    assert one == two
    # The date is the newest response's, not today's: rebuilding later changes nothing.
    info = subprocess.run(["pdfinfo", "-isodates", str(tmp_path / "one.pdf")], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"^CreationDate:\s+2026-11-06T09:30:00", info, re.M), info


def hostile_assessment(store: Any, definitions: Any) -> None:
    """An account whose answers try to smuggle in elements, files and remote fetches."""
    assessment = service.create_assessment(store, {"id": "hostile",
                                                   "account": 'Acme & Sons "<b>Ltd</b>"'})
    who = service.Respondent("seller", "sam", name=HOSTILE_NAME)
    service.submit(store, definitions["pre-close-readiness"], assessment, {
        "owner": "named_with_authority", "owner_name": PASSWD + " " + REMOTE,
        "first_workflow": "agreed", "first_workflow_name": CSS_URL,
    }, {"owner": 1}, who)
    service.submit(store, definitions["stakeholder-map"], assessment, {"stakeholders": [
        {"name": HOSTILE_NAME, "group": "manager", "wanted": "no", "influence": 4,
         "stance": "resistant",
         "desired_stance": "supportive", "resistance": PASSWD, "mitigation": REMOTE},
    ]}, {}, who)


def test_hostile_answers_render_as_text_and_fetch_nothing(
        seller: Any, store: Any, renderer: Renderer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    hostile_assessment(store, seller.application.extensions["readygate"].definitions)
    html = report_html(seller, "hostile")
    assert PASSWD not in html and "<script>alert" not in html and "&lt;script&gt;" in html
    asked: list[str] = []
    original = renderer.fetcher.fetch

    def spy(url: str, headers: Any = None) -> Any:
        asked.append(url)
        return original(url, headers)

    monkeypatch.setattr(renderer.fetcher, "fetch", spy)
    renderer.render(html, tmp_path / "hostile.pdf")
    assert not [url for url in asked if "passwd" in url or "198.51.100.7" in url], asked
    text = text_of(tmp_path / "hostile.pdf")
    for literal in (PASSWD, REMOTE, CSS_URL, HOSTILE_NAME, 'Acme & Sons "<b>Ltd</b>"'):
        assert literal in text, literal


def test_resources_outside_site_are_refused_and_the_pdf_still_renders(
        renderer: Renderer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    html = (f"<!doctype html><title>t</title><h1>Still here</h1>{PASSWD}{REMOTE}{CSS_URL}"
            '<img src="../../../etc/hostname"><link rel="stylesheet" href="ftp://198.51.100.7/a.css">'
            '<img src="print/fonts/LICENSE-DejaVu.txt">')
    with caplog.at_level(logging.INFO, logger="assessments.report.pdf"):
        renderer.render(html, tmp_path / "raw.pdf")
    refused = " ".join(r.getMessage() for r in caplog.records if r.name == "assessments.report.pdf")
    for url in ("file:///etc/passwd", "http://198.51.100.7/x.png",
                "https://198.51.100.7/bg.png", "ftp://198.51.100.7/a.css", "/etc/hostname"):
        assert f"refused {url}" in refused or url in refused, (url, refused)
    assert "LICENSE-DejaVu" not in refused  # inside site/: served (not an image, but allowed)
    # Each refusal is reported once, by the fetcher, not again as a WeasyPrint error.
    assert not [r for r in caplog.records
                if r.name.startswith("weasyprint") and "Refused" in r.getMessage()]
    assert "Still here" in text_of(tmp_path / "raw.pdf")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder with one stylesheet, and a secret file beside it."""
    folder = tmp_path / "site"
    (folder / "print").mkdir(parents=True)
    (folder / "print" / "a.css").write_text("p { color: red }")
    (tmp_path / "secret.txt").write_text("do not print me")
    return folder


def test_fetcher_serves_files_inside_site(site: Path) -> None:
    response = site_fetcher(site)((site / "print" / "a.css").as_uri())
    assert response.read() == b"p { color: red }" and response.content_type == "text/css"


@pytest.mark.parametrize("url", [
    "{site}/../secret.txt", "{site}/print/../../secret.txt", "{site}/link.txt",
    "{site}/linked/secret.txt", "{site}/missing.css", "{site}/print",
])
def test_fetcher_refuses_what_escapes_or_is_not_a_file(site: Path, url: str,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    (site / "link.txt").symlink_to(site.parent / "secret.txt")
    (site / "linked").symlink_to(site.parent, target_is_directory=True)
    target = "file://" + url.format(site=site)
    with caplog.at_level(logging.INFO, logger="assessments.report.pdf"), pytest.raises(Refused):
        site_fetcher(site)(target)
    assert [r for r in caplog.records if r.levelno == logging.INFO and "refused" in r.message]


@pytest.mark.parametrize("url", [
    "http://198.51.100.7/x.png", "https://198.51.100.7/x.png", "ftp://198.51.100.7/x",
    "file://198.51.100.7/etc/passwd", "gopher://x/", "javascript:alert(1)",
])
def test_fetcher_refuses_every_other_scheme_and_host(site: Path, url: str) -> None:
    with pytest.raises(Refused):
        site_fetcher(site)(url)


def test_fetcher_refuses_oversized_files_and_data(site: Path) -> None:
    (site / "ten.txt").write_bytes(b"x" * 10)
    (site / "eleven.txt").write_bytes(b"x" * 11)
    fetch = site_fetcher(site, max_bytes=10)
    assert fetch((site / "ten.txt").as_uri()).read() == b"x" * 10
    with pytest.raises(Refused):
        fetch((site / "eleven.txt").as_uri())
    assert fetch("data:text/plain,0123456789").read() == b"0123456789"
    with pytest.raises(Refused):
        fetch("data:text/plain,0123456789A")
    with pytest.raises(Refused):
        fetch("data:text/plain;base64," + "QUFB" * 1000)


LOGO = png(6, 4, (200, 30, 90))


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    """The brand's asset folder as a build makes it (<out>/brand/ with the logo), beside the
    site's data and a folder whose name begins alike."""
    folder = tmp_path / "out" / "brand"
    folder.mkdir(parents=True)
    (folder / "logo.png").write_bytes(LOGO)
    (tmp_path / "out" / "data.json").write_text('{"secret": 1}')
    (tmp_path / "out" / "brand2").mkdir()
    (tmp_path / "out" / "brand2" / "logo.png").write_bytes(LOGO)
    return folder


def test_fetcher_serves_the_asset_folder_beside_site(site: Path, assets: Path) -> None:
    fetch = site_fetcher(site, assets=assets)
    logo = fetch((assets / "logo.png").as_uri())
    assert logo.read() == LOGO and logo.content_type == "image/png"
    assert fetch((site / "print" / "a.css").as_uri()).read() == b"p { color: red }"
    with pytest.raises(Refused):  # only when it is given
        site_fetcher(site)((assets / "logo.png").as_uri())


@pytest.mark.parametrize("url", [
    "{assets}/../data.json", "{assets}/../../secret.txt", "{assets}/escape.png",
    "{assets}/up/data.json", "{assets}2/logo.png", "{assets}/../brand2/logo.png", "{assets}",
])
def test_fetcher_refuses_what_is_outside_site_and_the_asset_folder(
        site: Path, assets: Path, url: str) -> None:
    (assets / "escape.png").symlink_to(site.parent / "secret.txt")
    (assets / "up").symlink_to(assets.parent, target_is_directory=True)
    with pytest.raises(Refused):
        site_fetcher(site, assets=assets)("file://" + url.format(assets=assets))


def test_a_symlinked_asset_folder_is_no_root(site: Path, tmp_path: Path) -> None:
    (tmp_path / "brand").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(ValueError, match="is a symlink"):
        site_fetcher(site, assets=tmp_path / "brand")


def test_a_renderer_with_an_asset_folder_draws_the_logo_and_nothing_beside_it(
        assets: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    beside = assets.parent / "brand2" / "logo.png"
    html = (f'<h1>Cover</h1><img src="{(assets / "logo.png").as_uri()}" alt="Acme logo">'
            f'<img src="{beside.as_uri()}" alt="">'
            f'<img src="{(assets / ".." / "data.json").as_uri()}" alt="">')
    out = tmp_path / "branded.pdf"
    with caplog.at_level(logging.INFO, logger="assessments.report.pdf"):
        Renderer(assets=assets).render(html, out)
    listed = subprocess.run(["pdfimages", "-list", str(out)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listed] == [["6", "4"]]  # the logo, only
    refused = " ".join(r.getMessage() for r in caplog.records)
    assert f"refused {beside.as_uri()}" in refused and "data.json" in refused


def test_a_live_pdf_carries_the_logo_from_its_own_copy(tmp_path: Path) -> None:
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "logo.png").write_bytes(LOGO)
    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "ORGANISATION": "Acme Software",
                      "LOGO": str(tmp_path / "project" / "logo.png"), "ACCENT": "#7a1f5c"})
    store = app.extensions["readygate"].store
    load_demo(store, ("halden-freight",))
    add_user(store, "sam", "correct horse battery")
    seller = app.test_client()
    seller.post("/login", data={"name": "sam", "password": "correct horse battery"})
    first = seller.get("/reports/halden-freight/report.pdf")
    assert first.status_code == 200
    # The renderer read the logo from a copy that holds nothing else, not the project.
    copy = store.root / "pdf-cache" / "_brand"
    assert sorted(p.name for p in copy.iterdir()) == ["logo.png"]
    assert (copy / "logo.png").read_bytes() == LOGO
    pdf = tmp_path / "live.pdf"
    pdf.write_bytes(first.data)
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listed] == [["6", "4"]]
    # The app keeps the logo it checked when it started: a file changed (or swapped for a
    # link to something else) while it runs is never served or printed.
    (tmp_path / "project" / "logo.png").write_bytes(png(8, 8, (0, 90, 40)))
    assert seller.get("/reports/halden-freight/report.pdf").data == first.data
    assert seller.get("/brand/logo.png").data == LOGO
    # Started again, it reads the new logo: a new PDF and a new copy, with no new answer.
    restarted = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                            "WTF_CSRF_ENABLED": False, "ORGANISATION": "Acme Software",
                            "LOGO": str(tmp_path / "project" / "logo.png"),
                            "ACCENT": "#7a1f5c"}).test_client()
    restarted.post("/login", data={"name": "sam", "password": "correct horse battery"})
    again = restarted.get("/reports/halden-freight/report.pdf")
    assert again.data != first.data and (copy / "logo.png").read_bytes() != LOGO


def test_render_many_in_workers_gives_the_same_bytes(seller: Any, store: Any,
                                                     tmp_path: Path) -> None:
    load_demo(store)
    pages_html = {ident: report_html(seller, ident) for ident in ("halden-freight",
                                                                    "brightmoor-clinics")}
    done: dict[int, list[Path]] = {1: [], 2: []}
    for jobs in (1, 2):
        (tmp_path / str(jobs)).mkdir()
        items = [(html, tmp_path / str(jobs) / f"{ident}.pdf")
                 for ident, html in pages_html.items()]
        render_many(items, site_dir=SITE, jobs=jobs, on_done=done[jobs].append)
    assert sorted(done[1]) == sorted(p for p in (tmp_path / "1").iterdir())
    assert len(done[2]) == 2
    for ident in pages_html:
        one = (tmp_path / "1" / f"{ident}.pdf").read_bytes()
        assert one.startswith(b"%PDF-") and one == (tmp_path / "2" / f"{ident}.pdf").read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_render_many_names_the_file_that_failed(tmp_path: Path, jobs: int) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / "missing" / "bad.pdf"
    with pytest.raises(RenderError, match=re.escape(str(bad))):
        render_many([("<p>ok</p>", good), ("<p>no folder</p>", bad)], site_dir=SITE,
                    jobs=jobs)
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_render_writes_atomically_and_readably(renderer: Renderer, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    renderer.render("<p>new</p>", out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert os.stat(out).st_mode & 0o044  # group and others can read a published file
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_report_page_sections_in_order_with_relevant_answers_only(app: Any, seller: Any,
                                                                 store: Any) -> None:
    load_demo(store)
    definitions = app.extensions["readygate"].definitions
    assessment = service.create_assessment(store, {"id": "ghost", "account": "Ghost Ltd"})
    service.submit(store, definitions["pre-close-readiness"], assessment,
                   {"owner": "none", "owner_name": "Casper the owner"}, {"owner": 1},
                   service.Respondent("seller", "sam", name="Sam Berg"))
    page = html.unescape(report_html(seller, "ghost"))
    appendix = page[page.index('id="appendix"'):]
    assert "Nobody named yet" in appendix and "seller's assumption" in appendix
    assert "Casper" not in appendix  # not relevant once nobody is named: not shown
    assert 'href="report.pdf"' in page  # the live app renders its PDFs on demand
    live = report_html(seller, "tessaline-distribution")
    ids = ["summary", "criteria", "stakeholders", "adoption", "plan", "handoff", "appendix",
           "explain"]
    places = [live.index(f'<section id="{ident}"') for ident in ids]
    assert places == sorted(places)
    # criteria, the readiness rounds' line, stakeholder grid, trend, blockers
    assert live.count('role="img"') == 5
    app.config["READYGATE_PDF_LINKS"] = True
    assert '<a href="report.pdf">' in report_html(seller, "tessaline-distribution")


def test_a_seller_downloads_both_pdfs_from_the_live_app(seller: Any, client: Any, store: Any,
                                                       app: Any) -> None:
    load_demo(store)
    page = seller.get("/reports/tessaline-distribution/").get_data(as_text=True)
    assert 'href="report.pdf"' in page and 'href="report-full.pdf"' in page
    first = seller.get("/reports/tessaline-distribution/report.pdf")
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert first.data.startswith(b"%PDF-")
    full = seller.get("/reports/tessaline-distribution/report-full.pdf").data
    assert len(full) > len(first.data)
    cache = store.root / "pdf-cache" / "tessaline-distribution"
    rendered = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(rendered) == 2
    # The second download is the cached file; a new answer makes the next one fresh.
    assert seller.get("/reports/tessaline-distribution/report.pdf").data == first.data
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == rendered
    definitions = app.extensions["readygate"].definitions
    service.submit(store, definitions["post-go-live-pulse"],
                   store.assessment("tessaline-distribution"), {"usage_frequency": "every_day"},
                   {}, service.Respondent("user", "inv_new"))
    again = seller.get("/reports/tessaline-distribution/report.pdf")
    assert again.status_code == 200 and again.data != first.data
    assert len(list(cache.glob("executive-*.pdf"))) == 1
    # Nobody without a login reaches it, respondents included.
    assert client.get("/reports/tessaline-distribution/report.pdf").status_code == 302
    assert seller.get("/reports/nobody/report.pdf").status_code == 404
