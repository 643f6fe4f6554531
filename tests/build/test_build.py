"""`readygate build` on the demo: the pages, their links, escaping, and incremental rebuilds."""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pikepdf
import pytest
from click.testing import CliRunner
from markupsafe import escape

import questionnaires
from assessments.build import manifest
from assessments.build.manifest import ALWAYS_READ
from assessments.build.stages import BuildError, BuildResult
from assessments.cli import main
from assessments.errors import InputError
from assessments.store import service
from assessments.store.filestore import FileStore
from assessments.store.records import ResponseRecord
from assessments.web.app import create_app
from tests.build.helpers import Blocks, Links, demo_store, filter_pages, html_files, structure

pytestmark = pytest.mark.slow

QUESTIONNAIRES = ("post-go-live-pulse", "pre-close-readiness", "stakeholder-map",
                  "adoption-checkpoint")
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
Run = Callable[..., BuildResult]


def mtimes(root: Path) -> dict[str, int]:
    """Every file's modification time, by path relative to root."""
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns
            for p in root.rglob("*") if p.is_file()}


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Files added or modified between two mtimes() snapshots."""
    return {path for path, stamp in after.items() if before.get(path) != stamp}


def test_demo_build_writes_the_index_reports_forms_and_scoring_page(
        run: Run, store: FileStore, tmp_path: Path, definitions: dict) -> None:
    result = run()
    out = tmp_path / "site"
    reports = [f"{a.id}/index.html" for a in store.assessments()]
    forms = [f"forms/{q}/index.html" for q in QUESTIONNAIRES]
    filters = filter_pages(store, definitions)
    assert len(reports) == 6 and len(filters) == 15
    assert sorted(result.pages_written) == sorted(["index.html", *reports, *forms,
                                                   "scoring/index.html", *filters])
    assert sorted(p.relative_to(out).as_posix() for p in html_files(out)) == \
        sorted(result.pages_written)
    assert (out / "static" / "app.css").is_file()
    assert result.pages_skipped == [] and result.pdfs_written == []
    assert list(result.seconds) == ["check", "pages", "forms", "pdfs", "manifest"]
    assert result.summary().startswith("27 pages, no PDFs (--no-pdf) in ")
    assert result.summary().endswith(f"→ {out} — open {out / 'index.html'}")


def test_every_link_resolves_to_a_file_and_none_leaves_the_site(site: Path) -> None:
    broken, external, checked = [], [], 0
    for page in html_files(site):
        for url in Links(page.read_text(encoding="utf-8")).urls:
            parts = urlsplit(url)
            if url.startswith(("#", "mailto:")):
                continue
            checked += 1
            if parts.scheme or parts.netloc or url.startswith("/"):
                external.append(f"{page.relative_to(site)}: {url}")
                continue
            if not (page.parent / parts.path).resolve().is_file():
                broken.append(f"{page.relative_to(site)}: {url}")
    assert checked > 50  # stylesheets, reports, PDFs, forms, navigation
    assert external == []
    assert broken == []


def test_links_that_a_pages_only_build_makes_resolve_too(run: Run, tmp_path: Path) -> None:
    run()
    out = tmp_path / "site"
    for page in html_files(out):
        for url in Links(page.read_text(encoding="utf-8")).urls:
            path = urlsplit(url).path
            if path and not url.startswith(("#", "mailto:")):
                assert (page.parent / path).resolve().is_file(), f"{page}: {url}"
    # Without PDFs no page links one: neither the portfolio nor a report's cover.
    assert not any("report.pdf" in page.read_text(encoding="utf-8")
                   for page in html_files(out))


def test_no_frozen_page_has_a_form_or_a_control(site: Path) -> None:
    for page in html_files(site):
        tags = {tag for tag, _ in Links(page.read_text(encoding="utf-8")).tags}
        assert not tags & {"form", "input", "select", "textarea", "button"}, page


def test_the_index_lists_every_account_with_its_verdict(site: Path, store: FileStore,
                                                         definitions: dict) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", text, re.S)
    for a in store.assessments():
        verdict = service.rollup(store, definitions, a.id).verdict_label
        row = next((r for r in rows if f'href="{a.id}/index.html"' in r), "")
        assert a.account in row and verdict in row, a.id


def test_blank_forms_show_every_question_and_choice_as_an_empty_box(site: Path) -> None:
    for q in questionnaires.load():
        text = (site / "forms" / q.id / "index.html").read_text(encoding="utf-8")
        page = Links(text)
        for question in q.all_questions():
            assert str(escape(question.label)) in text, (q.id, question.id)
            for choice in question.choices:
                assert f"</span> {escape(choice.label)}</div>" in text, (q.id, choice.value)
        assert not any(tag == "form" for tag, _ in page.tags)


def test_hostile_answers_are_escaped_in_the_report(run: Run, store: FileStore,
                                                   tmp_path: Path, definitions: dict) -> None:
    q = definitions["pre-close-readiness"]
    store.add_response(ResponseRecord(
        id="", assessment="halden-freight", questionnaire=q.id, version=q.version,
        digest=q.digest or "", role="seller", name=HOSTILE[1], respondent="mallory",
        answers={"owner": "named_with_authority", "owner_name": HOSTILE[0],
                 "proof_metric": "metric_with_baseline", "proof_metric_name": HOSTILE[1]}))
    run()
    text = (tmp_path / "site" / "halden-freight" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    for raw in HOSTILE:
        assert raw not in text
    tags = Links(text).tags
    assert not [a for _, a in tags if "onerror" in a]
    assert not [a for t, a in tags if t == "img"]


def test_a_rebuild_without_changes_writes_nothing(run: Run, tmp_path: Path) -> None:
    run()
    before = mtimes(tmp_path / "site")
    again = run()
    assert again.pages_written == [] and len(again.pages_skipped) == 27
    assert again.pdfs_written == [] and again.removed == []
    assert changed(before, mtimes(tmp_path / "site")) == set()


def test_one_new_response_rebuilds_only_its_report_and_the_portfolio(
        run: Run, store: FileStore, tmp_path: Path, definitions: dict) -> None:
    run()
    before = mtimes(tmp_path / "site")
    assert service.rollup(store, definitions, "marlow-bay-hotels").verdict == "at_risk"
    pulse = definitions["post-go-live-pulse"]
    service.submit(store, pulse, store.assessment("marlow-bay-hotels"),
                   {"usage_frequency": "every_day", "proof_decision": "yes"}, {},
                   service.Respondent("user", "inv_new"))
    # Its verdict changes, so every portfolio page's verdict counts do too.
    assert service.rollup(store, definitions, "marlow-bay-hotels").verdict == \
        "insufficient_data"
    portfolio = {"index.html", *filter_pages(store, definitions)}
    again = run()
    assert set(again.pages_written) == portfolio | {"marlow-bay-hotels/index.html"}
    # Nobody else is at risk, by verdict or by health: both pages go.
    assert again.removed == ["health/at_risk/index.html", "verdict/at_risk/index.html"]
    assert not (tmp_path / "site" / "verdict" / "at_risk").exists()
    assert changed(before, mtimes(tmp_path / "site")) == {
        *portfolio, "marlow-bay-hotels/index.html", ".readygate-manifest.json"}


def copied_definitions(folder: Path) -> Path:
    """A copy of the built-in definition files in `folder`."""
    shutil.copytree(questionnaires.BUILTIN_DIR, folder,
                    ignore=shutil.ignore_patterns("*.py", "*.json", "__pycache__"))
    return folder


def edited_definitions(tmp_path: Path, questionnaire: str, old: str, new: str) -> Path:
    """A copy of the built-in definitions with one text changed."""
    folder = copied_definitions(tmp_path / "defs")
    path = folder / f"{questionnaire}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_changing_a_definition_rebuilds_everything_that_reads_it(
        run: Run, store: FileStore, tmp_path: Path) -> None:
    quiet = service.create_assessment(store, {"id": "quiet-co", "account": "Quiet Co"})
    run()
    before, keys = mtimes(tmp_path / "site"), manifest.load(tmp_path / "site")
    folder = edited_definitions(tmp_path, "pre-close-readiness",
                                "label: Who owns the first workflow after launch?",
                                "label: Who runs the first workflow after launch?")
    app = create_app({"DATA": str(store.root), "DEFINITIONS": [str(folder)]}, collect=False)
    again = run(store=store_of(app), definitions=app.extensions["readygate"].definitions)
    answered = {a.id for a in store.assessments()
                if store.responses(a.id, "pre-close-readiness")}
    assert quiet.id not in answered and len(answered) == 6
    # The label shows on the blank form, the scoring page and each answering report.
    assert sorted(again.pages_written) == sorted(
        ["scoring/index.html", "forms/pre-close-readiness/index.html",
         *(f"{ident}/index.html" for ident in answered)])
    # The index was rendered again too; it does not show that label, so its bytes stand.
    assert manifest.load(tmp_path / "site")["index.html"] != keys["index.html"]
    assert changed(before, mtimes(tmp_path / "site")) == {
        ".readygate-manifest.json", *again.pages_written}


def test_reports_read_the_always_read_definitions_even_without_answers(
        tmp_path: Path) -> None:
    """Guards the manifest: a report with no answers changes only with ALWAYS_READ ones."""
    pages = {}
    for variant in ("", *QUESTIONNAIRES):
        folder = copied_definitions(tmp_path / f"defs-{variant or 'built-in'}")
        if variant:
            # Every title and label, plain or per language, gets a visible prefix.
            path = folder / f"{variant}.yaml"
            path.write_text(re.sub(r"((?:title|label|en): \"?)(?=[A-Z])", r"\1Edited ",
                                   path.read_text(encoding="utf-8")), encoding="utf-8")
        app = create_app({"DATA": str(tmp_path / "data"), "DEFINITIONS": [str(folder)],
                          "TESTING": True}, collect=False)
        for stage in ("qualifying", "live"):
            if not store_of(app).has_assessment(stage):
                service.create_assessment(store_of(app), {"id": stage, "account": stage,
                                                          "stage": stage,
                                                          "go_live": "2026-01-05"})
            pages[variant, stage] = app.test_client().get(f"/{stage}/").data
    for variant in QUESTIONNAIRES:
        for stage in ("qualifying", "live"):
            assert (pages[variant, stage] != pages["", stage]) == (variant in ALWAYS_READ), \
                (variant, stage)


def store_of(app: object) -> FileStore:
    """An app's store."""
    return app.extensions["readygate"].store  # type: ignore[attr-defined, no-any-return]


def test_the_scoring_page_follows_the_definitions(run: Run, store: FileStore,
                                                  tmp_path: Path) -> None:
    folder = edited_definitions(tmp_path, "pre-close-readiness", "pass_at: 55", "pass_at: 57")
    defs = {q.id: q for q in questionnaires.load([folder])}
    run(definitions=defs)
    text = (tmp_path / "site" / "scoring" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<th scope=\"row\">Proof metric with a baseline</th>(.*?)</tr>", text, re.S)
    assert row and "<td>57</td>" in row[1] and "must-have" in row[1]


def test_outputs_the_store_no_longer_has_are_removed(run: Run, tmp_path: Path,
                                                     definitions: dict) -> None:
    run()
    (tmp_path / "site" / "notes.txt").write_text("mine", encoding="utf-8")
    smaller = demo_store(tmp_path / "other")
    folder = smaller.root / "assessments" / "halden-freight"
    shutil.rmtree(folder)
    again = run(store=smaller)
    # It was the one qualifying deal: the stage's page goes with it.
    assert again.removed == ["halden-freight/index.html", "stage/qualifying/index.html"]
    assert not (tmp_path / "site" / "halden-freight").exists()
    assert not (tmp_path / "site" / "stage" / "qualifying").exists()
    assert (tmp_path / "site" / "stage" / "live" / "index.html").is_file()
    assert "halden-freight" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_assessment_named_like_a_site_folder_is_refused(run: Run, store: FileStore,
                                                          tmp_path: Path) -> None:
    service.create_assessment(store, {"id": "scoring", "account": "Scoring Ltd"})
    with pytest.raises(InputError, match="'scoring' cannot be published"):
        run()
    assert not (tmp_path / "site").exists()


def test_the_site_works_under_a_path_prefix(run: Run, tmp_path: Path,
                                            serve: Callable[[Path], str]) -> None:
    run()
    shutil.copytree(tmp_path / "site", tmp_path / "www" / "team" / "readiness")
    start = serve(tmp_path / "www") + "/team/readiness/index.html"
    seen, todo = set(), [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200, url
            body = response.read()
        if url.endswith(".html"):
            for link in Links(body.decode("utf-8")).urls:
                assert not link.startswith("/"), (url, link)
                target = urljoin(url, link).partition("#")[0]
                if not target.endswith(".pdf"):
                    todo.append(target)
    assert len([u for u in seen if u.endswith(".html")]) == 27


def test_cli_build_quiet_prints_one_summary_line(store: FileStore, tmp_path: Path) -> None:
    out = tmp_path / "cli-site"
    result = CliRunner().invoke(main, ["--data", str(store.root), "build", "--out", str(out),
                                       "--no-pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"27 pages, no PDFs \(--no-pdf\) in \d+\.\d s → {re.escape(str(out))} "
                        rf"— open {re.escape(str(out / 'index.html'))}\n", result.output)
    loud = CliRunner().invoke(main, ["--data", str(store.root), "build", "--out", str(out),
                                     "--no-pdf"])
    assert [line.split(":")[0].strip() for line in loud.output.splitlines()[:5]] == [
        "check", "pages", "forms", "pdfs", "manifest"]
    assert "0 written, 27 unchanged" in loud.output


def test_every_build_option_has_help() -> None:
    command = main.commands["build"]
    for option in command.params:
        assert option.help, option.name  # type: ignore[attr-defined]


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True)
    return " ".join(out.stdout.split())


def test_every_report_gets_an_executive_and_a_full_pdf(site: Path, store: FileStore) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for a in store.assessments():
        executive, full = site / a.id / "report.pdf", site / a.id / "report-full.pdf"
        assert f'href="{a.id}/report.pdf"' in index and f'href="{a.id}/report-full.pdf"' in index
        # The executive report a deal review reads: four A4 pages at most, for every deal.
        assert pdf_pages(executive) <= 4, a.id
        short, everything = pdf_text(executive), pdf_text(full)
        assert "Readiness criteria" in short and "Stakeholders" in short, a.id
        assert "Appendix: the answers" not in short and "Activation plan" not in short, a.id
        assert "Appendix: the answers" in everything and "Activation plan" in everything, a.id
        assert pdf_pages(full) > pdf_pages(executive), a.id
        # The trace of every number stays on the page, folded away, and leaves the PDFs.
        assert "How the numbers were reached" not in short + everything, a.id
        page = (site / a.id / "index.html").read_text(encoding="utf-8")
        assert '<summary><h2 id="explain-title">How the numbers were reached</h2></summary>' \
            in page
    live = pdf_text(site / "tessaline-distribution" / "report.pdf")
    assert "Adoption loop" in live and "Blockers by type" in live


def test_the_pdfs_are_tagged_for_screen_readers(site: Path) -> None:
    for name in ("report.pdf", "report-full.pdf"):
        document, counts, alts = structure(site / "tessaline-distribution" / name)
        catalog = document.Root
        assert str(catalog["/Lang"]) == "en" and bool(catalog["/MarkInfo"]["/Marked"])
        assert counts["/H2"] >= 4 and counts["/Table"] >= 1 and counts["/TH"] >= 5, name
        # Every chart is a figure whose alternative text gives its numbers in words.
        assert len(alts) >= 4 and all(alts), alts
        assert any(a.startswith("Weekly adoption health: week 1: ") for a in alts), alts
        assert any(a.startswith("Criteria scores against their pass marks: ") for a in alts)
        assert str(document.docinfo["/Title"]).startswith("Tessaline Distribution")


# WeasyPrint 70 leaves the sRGB profile it embeds in a PDF/A open (its own file handle).
@pytest.mark.filterwarnings("ignore:unclosed file.*sRGB2014.icc:ResourceWarning")
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*sRGB2014.icc:pytest.PytestUnraisableExceptionWarning")
def test_archival_pdfs_on_request_and_bytes_that_repeat(run: Run, tmp_path: Path) -> None:
    store = demo_store(tmp_path / "small", ("halden-freight",))
    run(pdf=True, store=store, pdf_variant="pdf/a-3b")
    pdf = tmp_path / "site" / "halden-freight" / "report.pdf"
    metadata = pikepdf.open(pdf).open_metadata()
    assert metadata.pdfa_status == "3B"
    first = pdf.read_bytes()
    pdf.unlink()
    run(pdf=True, store=store, pdf_variant="pdf/a-3b")
    assert pdf.read_bytes() == first


def both(ident: str) -> list[str]:
    """An assessment's two PDFs, as a build lists them."""
    return [f"{ident}/report-full.pdf", f"{ident}/report.pdf"]


def test_pdfs_render_again_only_when_their_inputs_change(
        run: Run, tmp_path: Path, definitions: dict) -> None:
    store = demo_store(tmp_path / "small", ("orrin-valley", "tessaline-distribution"))
    out = tmp_path / "site"
    first = run(pdf=True, store=store)
    assert sorted(first.pdfs_written) == both("orrin-valley") + both("tessaline-distribution")
    before = mtimes(out)
    again = run(pdf=True, store=store)
    assert again.pdfs_written == [] and len(again.pdfs_skipped) == 4
    # The index, 2 reports, 4 blank forms, scoring, and 2 stages, 2 verdicts, 1 health
    # band (Tessaline's), 2 owners.
    assert again.summary().startswith("15 pages, 4 PDFs (4 skipped) in ")
    assert changed(before, mtimes(out)) == set()

    service.submit(store, definitions["post-go-live-pulse"],
                   store.assessment("tessaline-distribution"),
                   {"usage_frequency": "every_day"}, {}, service.Respondent("user", "inv_x"))
    one = run(pdf=True, store=store)
    assert sorted(one.pdfs_written) == both("tessaline-distribution")
    # One answer is too few to show its health: the verdict counts of every portfolio
    # page change with it, and no other report or PDF.
    assert service.rollup(store, definitions, "tessaline-distribution").verdict == \
        "insufficient_data"
    assert changed(before, mtimes(out)) == {
        ".readygate-manifest.json", "index.html", "tessaline-distribution/index.html",
        *both("tessaline-distribution"), *filter_pages(store, definitions)}

    (out / "orrin-valley" / "report.pdf").unlink()
    assert run(pdf=True, store=store).pdfs_written == ["orrin-valley/report.pdf"]

    # A pages-only build keeps the PDFs that are current and removes stale ones: a PDF
    # that no longer matches its report is worse than none.
    service.submit(store, definitions["post-go-live-pulse"], store.assessment("orrin-valley"),
                   {"usage_frequency": "every_day"}, {}, service.Respondent("user", "inv_y"))
    assert sorted(run(pdf=False, store=store).removed) == both("orrin-valley")
    assert sorted(p.name for p in out.glob("*/report*.pdf")) == ["report-full.pdf",
                                                                  "report.pdf"]
    assert sorted(run(pdf=True, store=store).pdfs_written) == both("orrin-valley")

    folder = edited_definitions(tmp_path, "post-go-live-pulse", "en: Weekly pulse after",
                                "en: The weekly pulse after")
    edited = run(pdf=True, store=store,
                 definitions={q.id: q for q in questionnaires.load([folder])})
    answered = sorted(pdf for a in store.assessments()
                      if store.responses(a.id, "post-go-live-pulse") for pdf in both(a.id))
    assert sorted(edited.pdfs_written) == answered == both("orrin-valley") + both(
        "tessaline-distribution")


def test_static_survey_forms_come_and_go_with_the_forms_option(run: Run,
                                                               tmp_path: Path) -> None:
    with_forms = run(forms_action="https://forms.example.com/collect")
    assert with_forms.forms_written
    for rel in with_forms.forms_written:
        assert "<form" in (tmp_path / "site" / rel).read_text(encoding="utf-8")
    without = run()
    assert sorted(without.removed) == sorted(with_forms.forms_written)
    assert not any("<form" in p.read_text(encoding="utf-8") for p in html_files(tmp_path / "site"))


def test_a_bad_forms_action_stops_the_build_before_it_writes(run: Run, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a URL to post to"):
        run(forms_action="javascript:alert(1)")
    assert not (tmp_path / "site").exists()


def test_a_failed_pdf_keeps_the_finished_ones_for_the_next_build(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = demo_store(tmp_path / "small", ("orrin-valley",))
    from assessments.report import pdf

    real = pdf.render_many

    def first_then_fail(items: list, **options: object) -> None:
        real(items[:1], **options)  # type: ignore[arg-type]
        raise pdf.RenderError(f"could not render {items[1][1]}: out of paper")

    monkeypatch.setattr(pdf, "render_many", first_then_fail)
    with pytest.raises(BuildError, match="out of paper") as failed:
        run(pdf=True, store=store)
    assert "The pages and 1 PDF are built" in str(failed.value)
    monkeypatch.setattr(pdf, "render_many", real)
    rest = run(pdf=True, store=store)
    assert len(rest.pdfs_written) == 1 and len(rest.pdfs_skipped) == 1


SENTENCE_FLAWS = (
    (r"(?<!\.)\.\s*\.(?!\.)", "a doubled full stop"),
    (r"[.!?]\s*[;,]", "a semicolon or comma after a full stop"),
    (r"(?<![.…])(?<!e\.g)(?<!i\.e)[.!?]\s+[a-z]", "a sentence that starts in lowercase"),
)


def test_generated_sentences_read_right(site: Path) -> None:
    """Every paragraph, item and cell of every demo report and the scoring page: user text
    that ends with its own full stop never gets a second one, and sentences start with a
    capital (the demo's texts end with full stops, as people type them)."""
    flaws = []
    for page in sorted(site.glob("*/index.html")):
        for tag, text in Blocks(page.read_text(encoding="utf-8")).texts:
            flaws += [f"{page.parent.name} <{tag}> {why}: {text[:90]}"
                      for pattern, why in SENTENCE_FLAWS if re.search(pattern, text)]
            if tag == "p" and text[:1].islower():
                flaws.append(f"{page.parent.name} <p> starts in lowercase: {text[:90]}")
    assert flaws == []


def test_disagreements_are_a_table_of_who_says_what(site: Path, store: FileStore,
                                                     definitions: dict) -> None:
    rolled = service.rollup(store, definitions, "fennick-packaging")
    page = (site / "fennick-packaging" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<table class="disagreements-table">'):]
    table = table[:table.index("</table>")]
    for head in ("Item", "Who says what", "How far apart", "What counts"):
        assert f'<th scope="col">{head}</th>' in table
    assert table.count('<th scope="row">') == len(rolled.disagreements) >= 3
    assert "Tomás Reyes (seller): “" in table and "(customer): “" in table
    assert "must-have: the verdict is conditional at best" in table


def page_lines(pdf: Path) -> list[list[tuple[float, str, bool]]]:
    """Each page's body lines (running header and footer left out), top first, as (where
    it ends as a share of the page's height, its text, whether it starts at the margin:
    a chart's labels do not)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in root.iter(f"{ns}page"):
        height = float(page.get("height") or 1)
        found = []
        for line in page.iter(f"{ns}line"):
            top, bottom = float(line.get("yMin") or 0), float(line.get("yMax") or 0)
            if top < 0.08 * height or bottom > 0.93 * height:  # the running header, footer
                continue
            words = " ".join(w.text or "" for w in line.iter(f"{ns}word"))
            found.append((bottom / height, words, float(line.get("xMin") or 0)))
        margin = min((x for _, _, x in found), default=0)
        pages.append(sorted((y, text, x - margin < 1.5) for y, text, x in found))
    return pages


def headings(page: str) -> set[str]:
    """The text of every h2, h3 and h4 of a report page."""
    found = re.findall(r"<h([234])[^>]*>(.*?)</h\1>", page, re.S)
    return {" ".join(re.sub(r"<[^>]+>", " ", text).split()) for _, text in found}


def test_the_full_report_has_no_stranded_heading_or_near_empty_page(site: Path,
                                                                   store: FileStore) -> None:
    for a in store.assessments():
        titles = headings((site / a.id / "index.html").read_text(encoding="utf-8"))
        for edition in ("report.pdf", "report-full.pdf"):
            pages = page_lines(site / a.id / edition)
            for number, lines in enumerate(pages[:-1], 1):
                where = (a.id, edition, number)
                # A heading among a page's last two lines is cut off from what it heads.
                assert not any(at_margin and (text in titles or len(text) >= 12
                                              and any(t.startswith(text) for t in titles))
                               for _, text, at_margin in lines[-2:]), (where, lines[-2:])
                if edition == "report-full.pdf" and number > 1:  # after the cover
                    # No page ends before the middle of the sheet, but the last.
                    assert lines and lines[-1][0] >= 0.45, (where, lines[-1:])
