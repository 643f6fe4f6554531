"""Static form pages (`build --forms URL`) and the /collect endpoint that takes their posts."""

from __future__ import annotations

import csv
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import questionnaires
from assessments.build.static_forms import write_forms
from assessments.errors import InputError
from assessments.forms.fields import HONEYPOT_FIELD
from assessments.paths import SITE
from assessments.store import service
from assessments.transfer.files import import_file
from scoring.assess import Assessment

ACTION = "https://forms.example.com/f/abc123?x=1&y=2"
PULSE = {"usage_frequency": "every_day", "proof_decision": "yes", "blockers": "trust",
         "blocker_trust_detail": "The totals differ from the old report",
         "umux_capabilities": "6", "umux_easy": "5", "recommend": "8"}
RESPONDENT_QUESTIONNAIRES = ("post-go-live-pulse", "pre-close-readiness", "stakeholder-map")


class Page(HTMLParser):
    """What a test needs from a written page: its form, controls, assets and any inline code."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.forms: list[dict[str, str | None]] = []
        self.controls: list[tuple[str, dict[str, str | None]]] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self.inline: list[str] = []
        self._tag = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._tag = tag
        if tag == "form":
            self.forms.append(found)
        if tag in ("input", "select", "textarea") and found.get("name"):
            self.controls.append((tag, found))
        if tag == "script" and found.get("src"):
            self.scripts.append(str(found["src"]))
        if tag == "style" or "style" in found or any(k.startswith("on") for k in found):
            self.inline.append(f"<{tag} {found}>")
        for key in ("href", "src"):
            if found.get(key) and not str(found[key]).startswith("#"):
                self.urls.append(str(found[key]))

    def handle_data(self, data: str) -> None:
        if self._tag == "script" and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._tag = ""

    @property
    def names(self) -> set[str]:
        """Every name the form posts."""
        return {str(attrs["name"]) for _, attrs in self.controls}

    def hidden(self) -> dict[str, str]:
        """The hidden inputs' names and values."""
        return {str(a["name"]): str(a.get("value") or "") for tag, a in self.controls
                if tag == "input" and a.get("type") == "hidden"}


@pytest.fixture
def accounts(store):  # type: ignore[no-untyped-def]
    go_live = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live=go_live))
    store.save_assessment(Assessment("beta", "Beta <b>Co</b>", stage="closing"))


def build(app, store, out: Path, definitions=None) -> list[Path]:  # type: ignore[no-untyped-def]
    return write_forms(app, store, definitions or app.extensions["readygate"].definitions,
                       out, action=ACTION)


def page_of(out: Path, assessment: str = "acme", qid: str = "post-go-live-pulse") -> Page:
    return Page((out / "forms" / assessment / qid / "index.html").read_text(encoding="utf-8"))


def answers(page: Page, **changes: str) -> dict[str, str]:
    """What a person sends from the page: its hidden fields, an empty honeypot, the answers."""
    return {**page.hidden(), HONEYPOT_FIELD: "", **PULSE, **changes}


def test_one_page_per_assessment_and_respondent_questionnaire(app, store, accounts,
                                                              tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    written = build(app, store, out)
    # Beta is closing: the weekly pulse does not apply to it yet, so it gets no page.
    expected = {out / "forms" / a / q / "index.html" for a in ("acme", "beta")
                for q in RESPONDENT_QUESTIONNAIRES
                if not (a == "beta" and q == "post-go-live-pulse")}
    assert set(written) == expected and len(written) == len(expected)
    definitions = app.extensions["readygate"].definitions
    for path in written:
        page = Page(path.read_text(encoding="utf-8"))
        q = definitions[path.parent.name]
        (form,) = page.forms
        assert form["method"] == "post" and form["action"] == ACTION
        hidden = page.hidden()
        assert hidden["assessment"] == path.parent.parent.name
        assert hidden["questionnaire"] == q.id and hidden["role"] in q.audience
        assert len(hidden["token"]) >= 22  # 128 bits in URL-safe base64
        assert "csrf_token" not in page.names
        asked = {x.id for s in q.sections if not s.audience or hidden["role"] in s.audience
                 for x in s.questions if x.type != "note"}
        assert asked and asked <= page.names
        (trap,) = [a for _, a in page.controls if a["name"] == HONEYPOT_FIELD]
        assert trap["type"] == "text" and trap["tabindex"] == "-1"
        assert trap["autocomplete"] == "off" and "style" not in trap
        text = path.read_text(encoding="utf-8")
        assert f'<label for="{trap["id"]}">Leave this empty</label>' in text
        assert page.inline == []
        assert any(src.endswith("/relevance.js") for src in page.scripts)
        assert page.urls
        for url in page.urls:
            assert not urlsplit(url).scheme and not url.startswith("/"), url
            target = (path.parent / url).resolve()
            assert target.is_relative_to(out.resolve()), url
            assert (SITE / target.relative_to(out.resolve())).is_file(), url
    assert "Beta &lt;b&gt;Co&lt;/b&gt;" in (out / "forms/beta/stakeholder-map/index.html"
                                            ).read_text(encoding="utf-8")


def test_rebuilding_reuses_the_token_and_revoking_replaces_it(app, client, store, accounts,
                                                             tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = {p: p.read_bytes() for p in build(app, store, tmp_path / "one")}
    links = store.invitations("acme")
    second = {p: p.read_bytes() for p in build(app, store, tmp_path / "two")}
    assert [second[tmp_path / "two" / p.relative_to(tmp_path / "one")] for p in first] == \
        list(first.values())
    assert store.invitations("acme") == links and all(i.open for i in links)
    old = page_of(tmp_path / "one")
    (pulse_link,) = [i for i in links if i.questionnaire == "post-go-live-pulse"]
    service.revoke(store, "acme", pulse_link.id)
    build(app, store, tmp_path / "three")
    new = page_of(tmp_path / "three")
    assert new.hidden()["token"] != old.hidden()["token"]
    assert len(store.invitations("acme")) == len(links) + 1
    assert client.post("/collect", data=answers(old)).status_code == 410
    assert client.post("/collect", data=answers(new)).status_code == 303
    # The other questionnaires' pages kept their links.
    assert page_of(tmp_path / "three", "acme", "stakeholder-map").hidden() == \
        page_of(tmp_path / "one", "acme", "stakeholder-map").hidden()


def test_a_posted_page_is_stored_as_a_static_response(app, client, store, accounts,
                                                      tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    page = page_of(tmp_path / "out")
    assert set(PULSE) <= page.names
    response = client.post("/collect", data=answers(page))
    assert response.status_code == 303 and response.headers["Location"].endswith("/collect/thanks")
    thanks = client.get(response.headers["Location"])
    assert thanks.status_code == 200 and "Thank you" in thanks.get_data(as_text=True)
    assert "score" not in thanks.get_data(as_text=True).lower()
    (stored,) = store.responses("acme")
    (link,) = [i for i in store.invitations("acme") if i.questionnaire == "post-go-live-pulse"]
    assert stored.source == "static" and stored.questionnaire == "post-go-live-pulse"
    assert stored.role == "user" and stored.respondent.startswith(link.id + "_")
    assert stored.week == 2
    assert stored.answers["blockers"] == ["trust"] and stored.answers["recommend"] == 8
    assert store.responses("beta") == []
    # An open link takes many respondents: the second post is a second response.
    client.post("/collect", data=answers(page, recommend="3"))
    first, second = store.responses("acme")
    assert [first.answers["recommend"], second.answers["recommend"]] == [8, 3]
    assert first.respondent != second.respondent  # two people, never one


def test_a_collect_post_needs_no_csrf_token_while_other_forms_do(data_dir: Path) -> None:
    from assessments.web.app import create_app

    app = create_app({"DATA": str(data_dir), "TESTING": True})
    store = app.extensions["readygate"].store
    store.save_assessment(Assessment("acme", "Acme", stage="live", go_live="2026-01-05"))
    build(app, store, data_dir.parent / "out")
    page = page_of(data_dir.parent / "out")
    client = app.test_client()
    assert client.post("/collect", data=answers(page)).status_code == 303
    assert client.post("/login", data={"name": "x", "password": "y"}).status_code == 400


@pytest.mark.parametrize("filled", ["http://spam.example", " x "])
def test_a_filled_honeypot_looks_accepted_but_stores_nothing(client, store, accounts, filled,
                                                             app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    page = page_of(tmp_path / "out")
    for data in (answers(page, **{HONEYPOT_FIELD: filled}),
                 answers(page, **{HONEYPOT_FIELD: filled, "token": "guess"})):
        response = client.post("/collect", data=data)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/collect/thanks")
    assert store.responses("acme") == []


def test_unknown_missing_and_personal_tokens_are_404(app, client, store, accounts,
                                                     tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    page = page_of(tmp_path / "out")
    with app.app_context():
        _, personal = service.create_invitation(store, app.extensions["readygate"].definitions,
                                                "acme", "post-go-live-pulse", role="user")
    for token in ("not-a-token", "", "x" * 5000, personal):
        response = client.post("/collect", data=answers(page, token=token))
        assert response.status_code == 404, token
        assert "This link does not exist" in response.get_data(as_text=True)
    assert store.responses("acme") == []


def test_forged_answers_get_a_plain_list_of_problems(app, client, store, accounts,
                                                     tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    page = page_of(tmp_path / "out")
    for change in ({"usage_frequency": "sometimes"}, {"recommend": "11"},
                   {"usage_frequency": ""}):
        response = client.post("/collect", data=answers(page, **change))
        text = response.get_data(as_text=True)
        assert response.status_code == 400, change
        assert "There is a problem" in text and "Go back" in text
    assert store.responses("acme") == []


@pytest.mark.parametrize("change", [{"assessment": "beta"},
                                    {"questionnaire": "stakeholder-map"},
                                    {"role": "stakeholder"}])
def test_a_page_changed_to_point_elsewhere_stores_nothing(app, client, store, accounts, change,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    response = client.post("/collect", data=answers(page_of(tmp_path / "out"), **change))
    assert response.status_code == 400
    assert store.responses("acme") == [] and store.responses("beta") == []


def test_too_many_fields_are_refused(app, client, store, accounts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    data = {**answers(page_of(tmp_path / "out")), **{f"x{i}": "1" for i in range(501)}}
    assert client.post("/collect", data=data).status_code == 413
    assert client.get("/collect").status_code == 405
    assert store.responses("acme") == []


def test_no_raw_token_is_stored(app, client, store, accounts, data_dir: Path,
                                tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written = build(app, store, tmp_path / "out")
    client.post("/collect", data=answers(page_of(tmp_path / "out")))
    tokens = {Page(p.read_text(encoding="utf-8")).hidden()["token"].encode() for p in written}
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert files and len(tokens) == len(written)
    for path in files:
        content = path.read_bytes()
        assert not any(token in content for token in tokens), path


def test_a_form_backend_csv_of_the_posted_names_imports(app, store, accounts,
                                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(app, store, tmp_path / "out")
    page = page_of(tmp_path / "out")
    # A form backend stores every posted name as a column; the credential and the trap go.
    columns = sorted(page.names - {"token", HONEYPOT_FIELD})
    row = {k: v for k, v in answers(page).items() if k in columns}
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerow(row)
    assert import_file(store, app.extensions["readygate"].definitions, path) == (1, 0)
    (stored,) = store.responses("acme")
    assert stored.source == "import" and stored.role == "user"
    assert stored.questionnaire == "post-go-live-pulse" and stored.answers["recommend"] == 8


@pytest.mark.parametrize("action", ["javascript:alert(1)", "", " https://x.example/", "https:"])
def test_an_action_a_browser_cannot_post_to_is_refused(app, store, accounts, action,
                                                       tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        write_forms(app, store, app.extensions["readygate"].definitions, tmp_path / "out",
                    action=action)
    assert not (tmp_path / "out").exists()


REPEAT = """\
    id: team
    title: Team
    version: 1
    audience: [stakeholder]
    sections:
      - id: people
        title: People
        questions:
          - id: members
            type: repeat
            label: Who is on the team?
            max_rows: 3
            questions:
              - id: member_name
                type: text
                label: Name
    """


def test_a_repeat_shows_fixed_rows_without_row_buttons(app, store, accounts, write,
                                                       tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    definitions = {q.id: q for q in questionnaires.load([write(REPEAT, "team.yaml")])}
    (path, _) = build(app, store, tmp_path / "out", definitions)
    page = Page(path.read_text(encoding="utf-8"))
    assert {f"members-{i}-member_name" for i in range(3)} <= page.names
    assert "members-3-member_name" not in page.names and "action" not in page.names


def test_a_question_named_like_a_page_field_is_refused(app, store, accounts, write,
                                                       tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clash = REPEAT.replace("id: members", "id: token")
    definitions = {q.id: q for q in questionnaires.load([write(clash, "team.yaml")])}
    with pytest.raises(InputError, match="'token'"):
        build(app, store, tmp_path / "out", definitions)
