"""Branding: `organisation`, `logo` and `accent` in readygate.toml or a `--theme` file,
checked with messages that name the key, and carried by the live app's pages."""

from __future__ import annotations

import base64
import hashlib
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from assessments.project.brand import contrast
from assessments.web.app import create_app
from tests.helpers import no_settings_from_outside, png, run

LOGO = png(37, 23, (200, 30, 90))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a logo in brand/ and a secret beside the folder, current."""
    no_settings_from_outside(monkeypatch)
    folder = tmp_path / "deals"
    (folder / "brand").mkdir(parents=True)
    (folder / "brand" / "logo.png").write_bytes(LOGO)
    (tmp_path / "secret.png").write_bytes(LOGO)
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def config(project: Path) -> Callable[[str], Path]:
    """Write readygate.toml from dedented text."""

    def _write(text: str) -> Path:
        path = project / "readygate.toml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def test_init_writes_logo_and_accent_ready_to_uncomment(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "p"), "--organisation", "Acme").exit_code == 0
    config = tmp_path / "p" / "readygate.toml"
    text = config.read_text("utf-8")
    assert '\n# logo = "brand/logo.png"\n' in text and '\n# accent = "#1f5fbf"\n' in text
    (tmp_path / "p" / "brand").mkdir()
    (tmp_path / "p" / "brand" / "logo.png").write_bytes(LOGO)
    config.write_text(text.replace("# logo =", "logo =").replace("# accent =", "accent ="),
                      "utf-8")
    checked = run("--config", str(config), "check")
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(("colour", "ratio"), [
    ("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54), ("#777777", 4.48),
    ("#1f5fbf", 6.09)])
def test_contrast_is_wcags_ratio(colour: str, ratio: float) -> None:
    assert contrast(colour) == pytest.approx(ratio, abs=0.005)


@pytest.mark.parametrize(("setting", "message"), [
    ('logo = "/etc/logo.png"', "logo = '/etc/logo.png': use a path relative to the project"),
    ('logo = "brand/logo.gif"', "logo = 'brand/logo.gif': use a PNG, JPEG or SVG file"),
    ('logo = "../secret.png"', "logo = '../secret.png': it is outside "),
    ('logo = "brand/escape.png"', "logo = 'brand/escape.png': it is outside "),
    ('logo = "brand/fake.png"', "logo = 'brand/fake.png': the file is not a PNG image"),
    ('logo = "brand/huge.png"', "the file has 1,048,577 bytes, more than 1 MB"),
    ('logo = "brand/missing.svg"', "logo = 'brand/missing.svg': no such file"),
    ('logo = "brand/script.svg"', "logo = 'brand/script.svg': the SVG holds a script"),
    ('logo = "brand/handler.svg"', "logo = 'brand/handler.svg': the SVG holds a script"),
    ('logo = "brand/fetches.svg"', "logo = 'brand/fetches.svg': the SVG holds a script"),
    ('accent = "blue"', "accent = 'blue': use a colour written #rrggbb"),
    ('accent = "#f2b705"', "accent = '#f2b705': its contrast against white is 1.81:1, and "
                           "links and button labels need at least 4.5:1: use a darker shade"),
    ('accent = "#777777"', "its contrast against white is 4.47:1"),
])
def test_a_bad_logo_or_accent_is_named_with_its_fix(
        config: Callable[[str], Path], project: Path, setting: str, message: str) -> None:
    (project / "brand" / "escape.png").symlink_to(project.parent / "secret.png")
    (project / "brand" / "fake.png").write_bytes(b"GIF89a" + LOGO)
    (project / "brand" / "huge.png").write_bytes(LOGO + b"\0" * (1024 * 1024 + 1 - len(LOGO)))
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
    (project / "brand" / "script.svg").write_text(svg.format("<script>alert(1)</script>"))
    (project / "brand" / "handler.svg").write_text(svg.format('<rect onload="x()"/>'))
    (project / "brand" / "fetches.svg").write_text(
        svg.format('<image href="https://elsewhere.invalid/x.png"/>'))
    config(f'organisation = "Acme"\n{setting}\n')
    result = run("check")
    assert result.exit_code == 1
    assert message in result.output, result.output
    assert "1 problem in readygate.toml" in result.output


def test_every_brand_problem_is_reported_at_once(config: Callable[[str], Path],
                                                 project: Path) -> None:
    (project / "brand" / "escape.png").symlink_to(project.parent / "secret.png")
    config("""\
        logo = "brand/escape.png"
        accent = "#ffff00"
        colour = "#000000"
        """)
    result = run("check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any("logo = 'brand/escape.png': it is outside" in line for line in lines)
    assert any("accent = '#ffff00': its contrast against white is 1.07:1" in line
               for line in lines)
    assert any("unknown key 'colour'" in line for line in lines)
    # A logo needs a name beside it: the organisation is its alternative text.
    assert any("logo: set organisation too" in line for line in lines)
    assert lines[-1] == "4 problems in readygate.toml"


def test_a_good_brand_checks_clean_and_reaches_the_app(config: Callable[[str], Path],
                                                      project: Path) -> None:
    config("""\
        organisation = "Acme Software"
        logo = "brand/logo.png"
        accent = "#7A1F5C"
        """)
    assert run("check").exit_code == 0
    app = create_app()
    brand = app.extensions["readygate"].brand
    assert (brand.organisation, brand.logo, brand.accent) == (
        "Acme Software", (project / "brand" / "logo.png").resolve(), "#7a1f5c")


def test_a_theme_is_checked_like_the_config(config: Callable[[str], Path],
                                            project: Path) -> None:
    config('organisation = "Acme"\n')
    (project / "data").mkdir()
    theme = project / "globex.toml"
    theme.write_text('organisation = "Globex"\nlogo = "../secret.png"\naccent = "#eeeeee"\n'
                     'data = "elsewhere"\n', "utf-8")
    result = run("build", "--no-pdf", "--theme", str(theme))
    assert result.exit_code == 1
    assert "globex.toml: logo = '../secret.png': it is outside " in result.output
    assert "globex.toml: accent = '#eeeeee': its contrast against white is 1.16:1" in \
        result.output
    # A theme holds the brand only: the rest of the project stays the project's.
    assert ("globex.toml: unknown key 'data': known keys: organisation, logo, accent"
            in result.output)
    assert "3 problems in globex.toml" in result.output


def test_the_live_app_serves_the_logo_and_lets_in_only_the_accents_style(
        tmp_path: Path, project: Path) -> None:
    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "ORGANISATION": "Acme Software", "LOGO": str(project / "brand/logo.png"),
                      "ACCENT": "#7a1f5c"})
    client = app.test_client()
    with client.get("/brand/logo.png") as logo:  # a file response: closed when read
        assert logo.status_code == 200 and logo.mimetype == "image/png"
        assert logo.data == LOGO
        # Opened on its own (an SVG could be), the logo runs nothing and loads nothing.
        assert "sandbox" in logo.headers["Content-Security-Policy"]
    assert client.get("/brand/logo.svg").status_code == 404
    assert client.get("/brand/readygate.toml").status_code == 404
    # The login page is as light as the respondents' forms (base.html): no brand.
    login = client.get("/login")
    assert "<style>" not in login.get_data(as_text=True)
    # The accent's one rule is allowed by its hash, and nothing else inline is.
    style = ":root{--accent:#7a1f5c}"
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    csp = login.headers["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in csp and "unsafe-inline" not in csp


def test_the_live_report_pages_carry_the_logo_and_the_accent(tmp_path: Path,
                                                              project: Path) -> None:
    from assessments.demo.load import load_demo
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(tmp_path / "data"), "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "ORGANISATION": "Acme Software",
                      "LOGO": str(project / "brand/logo.png"), "ACCENT": "#7a1f5c"})
    store = app.extensions["readygate"].store
    load_demo(store, ("halden-freight",))
    add_user(store, "sam", "correct horse battery")
    seller = app.test_client()
    assert seller.post("/login", data={"name": "sam", "password": "correct horse battery"}
                       ).status_code == 302
    for url in ("/", "/reports/", "/reports/halden-freight/"):
        page = seller.get(url).get_data(as_text=True)
        assert '<style>:root{--accent:#7a1f5c}</style>' in page, url
        # Beside the name the logo is decorative: the name is its text.
        assert ('<img class="logo" src="/brand/logo.png" alt=""><span class="organisation">'
                'Acme Software</span>') in page, url
    # The printed editions put it on the cover, as a file the PDF renderer may read.
    printed = seller.get("/reports/halden-freight/?edition=executive").get_data(as_text=True)
    cover = re.search(r'<img class="logo" src="([^"]+)" alt="Acme Software logo">', printed)
    assert cover and cover.group(1).startswith("file://") and \
        cover.group(1).endswith("/pdf-cache/_brand/logo.png")


def test_respondent_forms_stay_unbranded(tmp_path: Path, project: Path) -> None:
    """The forms have a page-weight budget and respondents need no logo to answer."""
    from assessments.store import service
    from scoring.assess import Assessment

    plain = create_app({"DATA": str(tmp_path / "plain"), "TESTING": True,
                        "SECRET_KEY": "k", "ORGANISATION": "Acme"})
    branded = create_app({"DATA": str(tmp_path / "branded"), "TESTING": True,
                          "SECRET_KEY": "k", "ORGANISATION": "Acme",
                          "LOGO": str(project / "brand/logo.png"), "ACCENT": "#7a1f5c"})
    pages: list[list[str]] = [[], []]
    for app, found in zip((plain, branded), pages, strict=True):
        store, definitions = (app.extensions["readygate"].store,
                              app.extensions["readygate"].definitions)
        store.save_assessment(Assessment("w", "Weight Co", stage="live", go_live="2026-01-05"))
        for qid in ("pre-close-readiness", "stakeholder-map", "post-go-live-pulse"):
            role = next(a for a in definitions[qid].audience if a in ("stakeholder", "user"))
            _, token = service.create_invitation(store, definitions, "w", qid, role=role)
            html = app.test_client().get(f"/r/{token}").get_data(as_text=True)
            # The CSRF token differs from app to app; nothing else may.
            found.append(re.sub(r'value="[^"]{40,}"', "", html.replace(token, "T")))
    assert pages[0] == pages[1]
    assert 'class="organisation">Acme<' in pages[1][0] and "logo" not in pages[1][0]


def test_create_app_refuses_a_bad_logo_or_accent(tmp_path: Path, project: Path) -> None:
    with pytest.raises(ValueError) as refused:
        create_app({"DATA": str(tmp_path / "data"), "ORGANISATION": "",
                    "LOGO": str(project / "brand" / "nope.png"), "ACCENT": "#abc"})
    message = str(refused.value)
    assert "accent '#abc': use a colour written #rrggbb" in message
    assert "nope.png': no such file" in message
    assert "logo: set organisation too" in message


def test_serve_theme_replaces_the_brand_of_the_live_app(
        config: Callable[[str], Path], project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flask import Flask

    config('organisation = "Acme"\naccent = "#7a1f5c"\ndata = "data"\n')
    (project / "data").mkdir()
    (project / "globex.toml").write_text('organisation = "Globex"\nlogo = "brand/logo.png"\n',
                                         "utf-8")
    served: list[Flask] = []
    monkeypatch.setattr(Flask, "run", lambda app, **_: served.append(app))
    result = run("serve", "--dev", "--theme", "globex.toml")
    assert result.exit_code == 0, result.output
    brand = served[0].extensions["readygate"].brand
    # The theme's name and logo; the project's accent, which the theme leaves alone.
    assert (brand.organisation, brand.logo, brand.accent) == (
        "Globex", (project / "brand" / "logo.png").resolve(), "#7a1f5c")
