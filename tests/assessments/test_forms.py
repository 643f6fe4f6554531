"""Forms built from definitions: fields per type, validation, relevance, rows, the page."""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
import pytest
import wtforms
from flask import Flask, render_template
from werkzeug.datastructures import MultiDict

import questionnaires
from assessments.forms.classes import (
    Submission,
    apply_row_action,
    form_class,
    initial_data,
    row_round_trip,
    validate_form,
)
from assessments.forms.fields import EVIDENCE_SUFFIX
from assessments.paths import SITE
from assessments.web import language
from questionnaires import Questionnaire, load_text

ALL_TYPES = """\
    id: all-types
    title: {en: All types, nl: Alle soorten}
    version: 1
    audience: [seller, user]
    description: {en: Every kind of question., nl: Elke soort vraag.}
    sections:
      - id: one
        title: {en: One, nl: Een}
        questions:
          - id: info
            type: note
            label: {en: Read this first, nl: Lees dit eerst}
          - id: pick
            type: select_one
            label: {en: Pick one, nl: Kies er een}
            hint: Any will do
            evidence: true
            choices:
              - {value: a, label: {en: Apple, nl: Appel}}
              - {value: b, label: Banana}
          - id: many
            type: select_multiple
            label: Pick some
            constraint: count_selected(.) <= 2
            constraint_message: {en: Two at most, nl: Hooguit twee}
            choices:
              - {value: x, label: Ex}
              - {value: y, label: Why}
              - {value: z, label: Zed}
          - id: agree
            type: yes_no
            label: Do you agree?
            required: true
          - id: name
            type: text
            label: Your name
            max_length: 10
            required: true
            relevant: ${agree} = 'yes'
          - id: stars
            type: rating
            points: 5
            label: How good?
            low_label: Bad
            high_label: Good
          - id: nps
            type: scale
            label: Recommend?
          - id: count
            type: integer
            label: How many?
            min: 1
            max: 10
          - id: price
            type: decimal
            label: Price
            min: 0
          - id: story
            type: textarea
            label: Tell us
          - id: when
            type: date
            label: When?
          - id: mail
            type: email
            label: E-mail
      - id: two
        title: Two
        audience: [seller]
        relevant: not (${count} = 9)
        questions:
          - id: people
            type: repeat
            label: People
            hint: One row each
            min_rows: 1
            max_rows: 3
            questions:
              - id: person
                type: text
                label: Name
                required: true
              - id: role
                type: select_one
                label: Role
                required: true
                relevant: not empty(${person})
                choices:
                  - {value: lead, label: Lead}
                  - {value: member, label: Member}
              - id: age
                type: integer
                label: Age
                relevant: ${agree} = 'yes'
                constraint: . >= 18
                constraint_message: Adults only
      - id: three
        title: Three
        questions:
          - id: country
            type: select_one
            label: Country
            choices:
              - {value: be, label: Belgium}
              - {value: de, label: Germany}
              - {value: dk, label: Denmark}
              - {value: fr, label: France}
              - {value: lu, label: Luxembourg}
              - {value: nl, label: Netherlands}
              - {value: pl, label: Poland}
              - {value: uk, label: United Kingdom}
          - id: big_team
            type: yes_no
            label: Is the team large?
            relevant: ${people} >= 2
    """

VALID = {
    "pick": "a", "pick__evidence": "2", "many": ["x", "y"], "agree": "yes", "name": "Ana",
    "stars": "4", "nps": "9", "count": "3", "price": "2.5", "story": "Line one\r\nline two",
    "when": "2026-03-31", "mail": "ana@example.com", "people-0": "row",
    "people-0-person": "Bo", "people-0-role": "lead", "people-0-age": "40", "country": "nl",
}


def definition(text: str = ALL_TYPES) -> Questionnaire:
    q, problems = load_text("all-types.yaml", textwrap.dedent(text))
    assert q is not None, problems
    return q


def formdata(data: dict[str, Any]) -> MultiDict[str, Any]:
    pairs = [(k, v) for k, value in data.items()
             for v in (value if isinstance(value, list) else [value])]
    return MultiDict(pairs)


def post(data: dict[str, Any], *, q: Questionnaire | None = None, audience: str = "seller",
         language: str | None = None) -> tuple[Any, Submission]:
    cls = form_class(q or definition(), audience=audience, language=language,
                     base=wtforms.Form)
    form = cls(formdata=formdata(data))
    return form, validate_form(form)


def messages(result: Submission) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for error in result.errors:
        found.setdefault(error.field_id, []).append(error.message)
    return found


@pytest.fixture
def site_app() -> Flask:
    app = Flask(__name__, template_folder=str(SITE / "templates"),
                static_folder=str(SITE / "static"))
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    language.init_app(app)  # the templates say their own words through Flask-Babel
    return app


def page(app: Flask, q: Questionnaire, data: dict[str, Any] | None = None, *,
         audience: str = "seller", language: str | None = None, validate: bool = True) -> str:
    """The page a respondent sees: freshly opened, or after posting `data`."""
    method = "GET" if data is None else "POST"
    with app.test_request_context("/form", method=method, data=formdata(data or {})):
        cls = form_class(q, audience=audience, language=language)
        form = row_round_trip(cls, formdata(data or {}))
        errors = ()
        if form is None:
            form = cls()
            errors = validate_form(form).errors if data is not None and validate else ()
        return render_template([f"questionnaire-{q.id}.html", "questionnaire.html"], q=q,
                               form=form, errors=errors, language=language, action="/form",
                               submit_label="Send")


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if a.get("id")]

    def with_name(self, name: str) -> Iterator[tuple[str, dict[str, str | None]]]:
        return ((t, a) for t, a in self.tags if a.get("name") == name)


class Posted(HTMLParser):
    """What a browser submits from a page: named controls, checked boxes, selected options."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.data: MultiDict[str, str] = MultiDict()
        self.select: str | None = None
        self.first: tuple[str, str] | None = None
        self.chosen = False
        self.textarea: str | None = None
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and "disabled" not in a:
            if a.get("type") not in ("radio", "checkbox") or "checked" in a:
                self.data.add(name, a.get("value", ""))
        elif tag == "select":
            self.select, self.first, self.chosen = name, None, False
        elif tag == "option" and self.select:
            self.first = self.first or (self.select, a.get("value", ""))
            if "selected" in a:
                self.data.add(self.select, a.get("value", ""))
                self.chosen = True
        elif tag == "textarea":
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.first and not self.chosen:
            self.data.add(*self.first)
        if tag == "select":
            self.select = None
        if tag == "textarea" and self.textarea:
            # HTML drops one newline right after <textarea>; browsers send CRLF line breaks.
            lines = self.text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\n")
            self.data.add(self.textarea, lines.replace("\n", "\r\n"))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data


def choices(field: Any) -> list[tuple[object, str]]:
    return [(choice[0], choice[1]) for choice in field.iter_choices()]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# ---- fields per type --------------------------------------------------------------------------


def test_every_type_becomes_its_field() -> None:
    form, _ = post({})
    kinds = {name: form[name].type for name in form._fields}
    assert kinds == {
        "pick": "RadioField", "pick__evidence": "SelectField", "many": "MultiCheckboxField",
        "agree": "RadioField", "name": "StringField", "stars": "RadioField",
        "nps": "RadioField", "count": "IntegerField", "price": "FloatField",
        "story": "TextAreaField", "when": "DateField", "mail": "EmailField",
        "people": "RowList", "country": "SelectField", "big_team": "RadioField"}
    stars = choices(form.stars)
    assert [value for value, _ in stars] == [1, 2, 3, 4, 5]
    assert stars[0][1] == "1 – Bad" and stars[-1][1] == "5 – Good" and stars[1][1] == "2"
    assert [value for value, _ in choices(form.nps)] == list(range(11))
    assert choices(form.pick__evidence) == [
        (0, "Unknown"), (1, "Seller's assumption"), (2, "Customer confirmed"), (3, "Documented")]
    assert choices(form.country)[0] == ("", "Choose an answer")  # 8 choices: a drop-down


def test_a_valid_post_gives_answers_in_their_normal_shapes() -> None:
    _, result = post(VALID)
    assert result.valid, result.errors
    assert result.answers == {
        "pick": "a", "many": ["x", "y"], "agree": "yes", "name": "Ana", "stars": 4, "nps": 9,
        "count": 3, "price": 2.5, "story": "Line one\nline two", "when": "2026-03-31",
        "mail": "ana@example.com", "people": [{"person": "Bo", "role": "lead", "age": 40}],
        "country": "nl"}
    assert result.evidence == {"pick": 2}


def test_evidence_defaults_to_unknown_and_needs_an_answer() -> None:
    _, result = post({k: v for k, v in VALID.items() if k != "pick__evidence"})
    assert result.evidence == {"pick": 0}
    _, unanswered = post({k: v for k, v in VALID.items() if k != "pick"})
    assert unanswered.valid and unanswered.evidence == {}
    _, forged = post({**VALID, "pick__evidence": "7"})
    assert messages(forged)["pick" + EVIDENCE_SUFFIX] and "pick" not in forged.evidence


def test_empty_rows_and_cells_are_dropped() -> None:
    data = {**VALID, "people-1": "row", "people-1-person": "  ", "people-2": "row",
            "people-2-person": "Cy", "people-2-role": "member", "people-2-age": ""}
    _, result = post(data)
    assert result.valid, result.errors
    assert result.answers["people"] == [{"person": "Bo", "role": "lead", "age": 40},
                                        {"person": "Cy", "role": "member"}]


def test_stored_answers_open_the_form_again(site_app: Flask) -> None:
    q = definition()
    _, first = post(VALID)
    cls = form_class(q, audience="seller", base=wtforms.Form)
    opened = cls(data=initial_data(q, first.answers, first.evidence))
    assert opened.when.data == dt.date(2026, 3, 31) and opened.pick__evidence.data == 2
    with site_app.test_request_context("/form"):
        form = form_class(q, audience="seller")(data=initial_data(q, {**first.answers,
                                                                      "gone": 1}, {"pick": 3}))
        html = render_template("questionnaire.html", q=q, form=form, errors=(),
                               language=None, action="/form", submit_label="Send")
    doc = Elements(html)
    assert [a["value"] for _, a in doc.with_name("pick") if "checked" in a] == ["a"]
    assert next(a for _, a in doc.with_name("when"))["value"] == "2026-03-31"
    assert next(a for _, a in doc.with_name("people-0-person"))["value"] == "Bo"
    assert '<option selected value="3">Documented</option>' in html
    # What a browser would send back from that page is the same set of answers.
    resent = validate_form(cls(formdata=Posted(html).data))
    assert resent.valid, resent.errors
    assert resent.answers == first.answers and resent.evidence == {"pick": 3}


# ---- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("pick", "zzz", "Not a valid choice."),
    ("many", ["x", "evil"], "'evil' is not a valid choice for this field."),
    ("stars", "9", "Not a valid choice."),
    ("nps", "ten", "Invalid Choice: could not coerce."),
    ("agree", "maybe", "Not a valid choice."),
    ("count", "11", "Number must be between 1 and 10."),
    ("count", "2.5", "Not a valid integer value."),
    ("price", "-1", "Number must be at least 0."),
    ("price", "inf", "Expected a number, got inf."),
    ("price", "nan", "Number must be at least 0."),
    ("name", "Elevenchars", "Use at most 10 characters."),
    ("story", "x" * 2001, "Use at most 2000 characters."),
    ("when", "2026-02-30", "Not a valid date value."),
    ("mail", "not-an-address", "'not-an-address' is not an e-mail address."),
    ("many", ["x", "y", "z"], "Two at most"),
])
def test_bad_answers_become_field_errors(field: str, value: object, expected: str) -> None:
    _, result = post({**VALID, field: value})
    assert not result.valid
    assert messages(result) == {field: [expected]}
    assert field not in result.answers


def test_forged_row_numbers_are_ignored() -> None:
    huge = "9" * 5000
    _, result = post({**VALID, f"people-{huge}-person": "X", "people-x-person": "Y"})
    assert result.valid and result.answers["people"] == [
        {"person": "Bo", "role": "lead", "age": 40}]
    cls = form_class(definition(), audience="seller", base=wtforms.Form)
    data = apply_row_action(cls, formdata({f"people-{huge}": "row", "action": "add:people"}))
    assert len(cls(formdata=data).people.entries) == 2


def test_constraint_message_follows_the_language() -> None:
    _, result = post({**VALID, "many": ["x", "y", "z"]}, language="nl")
    assert messages(result) == {"many": ["Hooguit twee"]}


def test_required_question_needs_an_answer_only_when_shown() -> None:
    _, missing = post({**VALID, "agree": "yes", "name": ""})
    assert messages(missing) == {"name": ["Answer this question."]}
    _, hidden = post({**VALID, "agree": "no", "name": "", "people-0-age": ""})
    assert hidden.valid, hidden.errors
    _, dropped = post({**VALID, "agree": "no", "name": "Elevenchars!", "people-0-age": "3"})
    assert dropped.valid, dropped.errors  # hidden: neither too long nor too young counts
    assert "name" not in dropped.answers
    assert dropped.answers["people"] == [{"person": "Bo", "role": "lead"}]


def test_a_hidden_section_drops_its_answers_and_errors() -> None:
    _, result = post({**VALID, "count": "9", "people-0-age": "3"})
    assert result.valid, result.errors
    assert "people" not in result.answers and "big_team" not in result.answers


def test_row_questions_are_relevant_per_row() -> None:
    data = {**VALID, "people-1": "row", "people-1-role": "member", "people-1-age": "30"}
    _, result = post(data)
    # Row 2 has no name, so its role is hidden (and dropped); its name is still required.
    assert messages(result) == {"people-1-person": ["Answer this question."]}
    labels = [e.label for e in result.errors]
    assert labels == ["Row 2: Name"]
    _, young = post({**VALID, "people-0-age": "12"})
    assert messages(young) == {"people-0-age": ["Adults only"]}


def test_a_repeat_answer_counts_its_rows_for_relevance() -> None:
    two = {**VALID, "people-1": "row", "people-1-person": "Cy", "people-1-role": "member",
           "big_team": "yes"}
    _, result = post(two)
    assert result.valid, result.errors
    assert result.answers["big_team"] == "yes"
    _, one = post({**VALID, "big_team": "yes"})
    assert "big_team" not in one.answers


def test_min_rows_is_enforced_when_the_repeat_is_shown() -> None:
    blank = {k: v for k, v in VALID.items() if not k.startswith("people-0-")}
    _, result = post(blank)
    assert messages(result) == {"people": ["Fill in at least one row."]}


def test_errors_are_in_form_order() -> None:
    data = {**VALID, "pick__evidence": "9", "agree": "", "country": "xx", "pick": "q",
            "people-0-person": ""}
    _, result = post(data)
    assert [e.field_id for e in result.errors] == [
        "pick", "pick__evidence", "agree", "people-0-person", "country"]
    assert result.errors[1].label == "Evidence for this answer: Pick one"


# ---- the form class ----------------------------------------------------------------------------


def test_the_form_class_is_built_once() -> None:
    q = definition()
    first = form_class(q, audience="seller", base=wtforms.Form)
    assert form_class(q, audience="seller", base=wtforms.Form) is first
    assert form_class(definition(), audience="seller", base=wtforms.Form) is first  # same digest
    others = {form_class(q, audience="user", base=wtforms.Form),
              form_class(q, audience="seller", language="nl", base=wtforms.Form),
              form_class(q, audience="seller")}
    assert first not in others and len(others) == 3
    changed = definition(ALL_TYPES.replace("label: Price", "label: Cost"))
    assert form_class(changed, audience="seller", base=wtforms.Form) is not first


def test_only_the_audience_sections_are_in_the_form() -> None:
    seller, _ = post({})
    user, result = post({}, audience="user")
    assert "people" in seller._fields and "people" not in user._fields
    assert [s.title for s in user._layout] == ["One", "Three"]
    assert [s.total for s in user._layout] == [2, 2]
    with pytest.raises(ValueError, match="not for 'stakeholder'"):
        form_class(definition(), audience="stakeholder")


def test_language_where_given_default_elsewhere() -> None:
    form, _ = post({}, language="nl")
    assert form.pick.label.text == "Kies er een"
    assert choices(form.pick) == [("a", "Appel"), ("b", "Banana")]
    assert form.pick.description == "Any will do"
    assert [s.title for s in form._layout] == ["Een", "Two", "Three"]
    assert form._layout[0].items[0].label == "Lees dit eerst"
    english, _ = post({})
    assert english.pick.label.text == "Pick one" and english._layout[0].title == "One"


def test_ids_the_form_needs_are_refused() -> None:
    for name in ("data", "action", "csrf_token", "on_submit"):
        renamed = ALL_TYPES.replace("id: story", f"id: {name}")
        with pytest.raises(ValueError, match=f"'{name}'"):
            form_class(definition(renamed), audience="seller")


# ---- rows without JavaScript --------------------------------------------------------------------


def test_add_and_remove_rows_round_trip_capped_at_max_rows() -> None:
    cls = form_class(definition(), audience="seller", base=wtforms.Form)
    data = formdata({**VALID, "action": "add:people"})
    sizes = []
    for _ in range(4):
        data = apply_row_action(cls, data)
        sizes.append(len(cls(formdata=data).people.entries))
        data.setlist("action", ["add:people"])
    assert sizes == [2, 3, 3, 3]
    data.setlist("people-1-person", ["Cy"])
    data.setlist("people-2-person", ["Di"])
    data.setlist("action", ["remove:people:0"])
    form = row_round_trip(cls, data)
    assert form is not None
    assert [e.form.person.data for e in form.people] == ["Cy", "Di"]
    assert [e.name for e in form.people] == ["people-0", "people-1"]
    assert all(not f.errors for f in form)  # a round trip shows no validation errors
    assert row_round_trip(cls, formdata(VALID)) is None


def test_unknown_row_actions_change_nothing() -> None:
    cls = form_class(definition(), audience="seller", base=wtforms.Form)
    for action in ("add:nothing", "remove:people:9", "remove:people:x", "add:pick"):
        data = apply_row_action(cls, formdata({**VALID, "action": action}))
        assert len(cls(formdata=data).people.entries) == 1, action
        assert "action" not in data


def test_the_page_after_a_row_action_shows_rows_but_no_errors(site_app: Flask) -> None:
    html = page(site_app, definition(), {**VALID, "pick": "forged", "action": "add:people"})
    assert "There is a problem" not in html
    assert 'value="remove:people:1"' in html and "Row 2: Name" in text(html)
    full = page(site_app, definition(), {"people-0": "row", "people-1": "row",
                                         "action": "add:people"})
    assert 'value="add:people"' not in full  # three rows: the most allowed
    assert full.count("formnovalidate") == 3


# ---- the page -----------------------------------------------------------------------------------


def test_every_type_renders(site_app: Flask) -> None:
    html = page(site_app, definition())
    doc = Elements(html)
    tags = {a["name"]: (t, a.get("type")) for t, a in doc.tags if a.get("name")}
    assert tags["pick"] == ("input", "radio") and tags["many"] == ("input", "checkbox")
    assert tags["count"] == ("input", "number") and tags["price"] == ("input", "number")
    assert tags["when"] == ("input", "date") and tags["mail"] == ("input", "email")
    assert tags["story"] == ("textarea", None) and tags["country"] == ("select", None)
    assert tags["pick__evidence"] == ("select", None)
    assert tags["people-0-person"] == ("input", "text")
    count = next(a for _, a in doc.with_name("count"))
    assert (count["min"], count["max"]) == ("1", "10")
    assert next(a for _, a in doc.with_name("name"))["maxlength"] == "10"
    assert next(a for _, a in doc.with_name("story"))["maxlength"] == "2000"
    assert '<p class="note">Read this first</p>' in html
    assert "Section 1 of 3: One" in text(html) and "Section 3 of 3: Three" in text(html)
    assert 'action="/form"' in html and ">Send</button>" in html


def test_required_attribute_only_on_questions_always_shown(site_app: Flask) -> None:
    doc = Elements(page(site_app, definition()))
    # On the first radio of the group: that makes the whole group required in a browser.
    first, *others = [a for _, a in doc.with_name("agree")]
    assert "required" in first and others and all("required" not in a for a in others)
    assert "required" not in next(a for _, a in doc.with_name("name"))  # relevant: may hide
    assert "required" not in next(a for _, a in doc.with_name("people-0-person"))  # a row
    assert all("required" not in a for _, a in doc.with_name("many"))
    assert all("required" not in a for _, a in doc.with_name("big_team"))  # relevant: may hide
    assert all("required" not in a for _, a in doc.with_name("people-0-role"))
    assert not [a for _, a in doc.tags if "None" in a.values()]


def test_relevance_rules_travel_as_data_attributes(site_app: Flask) -> None:
    html = page(site_app, definition())
    name = re.search(r'data-question="name" data-relevant=\'([^\']*)\'', html)
    # Plain JSON: the attribute is single-quoted, so quotes need no escaping.
    assert name and json.loads(name.group(1)) == ["bin", "=", ["ref", "agree"], ["lit", "yes"]]
    assert re.search(r'<fieldset class="section" data-section="two" data-relevant=', html)
    assert 'data-repeat="people"' in html and 'data-prefix="people-0-"' in html
    assert "relevance.js" in html and re.search(r"<script src=\"[^\"]+relevance.js\" defer>", html)


def test_error_summary_links_to_fields_that_exist(site_app: Flask) -> None:
    data = {**VALID, "pick": "forged", "name": "", "count": "99", "people-0-age": "2",
            "pick__evidence": "5"}
    html = page(site_app, definition(), data)
    doc = Elements(html)
    summary = html[html.index('role="alert"'):html.index("</div>", html.index('role="alert"'))]
    assert "There is a problem" in summary
    links = re.findall(r'href="#([^"]+)"', summary)
    assert links == ["pick", "pick__evidence", "name", "count", "people-0-age"]
    assert set(links) <= set(doc.ids())
    for target in links:
        invalid = [a for _, a in doc.tags if a.get("aria-invalid") == "true"
                   and (a.get("id") == target or a.get("name") == target)]
        assert invalid, target
    assert "Row 1: Age – Adults only" in text(summary)


def test_hints_and_errors_are_linked_to_their_fields(site_app: Flask) -> None:
    html = page(site_app, definition(), {**VALID, "pick": "forged"})
    doc = Elements(html)
    ids = set(doc.ids())
    described = [a["aria-describedby"] for _, a in doc.tags if a.get("aria-describedby")]
    assert "pick-hint pick-error" in described and "people-hint" in described
    for value in described:
        assert value and set(value.split()) <= ids, value


@pytest.mark.parametrize("language", [None, "nl"])
def test_builtin_pages_have_unique_ids_and_no_inline_code(site_app: Flask,
                                                          language: str | None) -> None:
    for q in [*questionnaires.load(), definition()]:
        for audience in q.audience:
            for data in (None, {"action": ""}):
                html = page(site_app, q, data, audience=audience, language=language)
                ids = Elements(html).ids()
                assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
                assert " style=" not in html and "<style" not in html
                assert '="None"' not in html and '="False"' not in html
                assert not re.search(r"<script(?![^>]*\bsrc=)", html)
                assert re.search(r"<legend>Section 1 of \d+: ", html)
                labelled = {a.get("for") for t, a in Elements(html).tags if t == "label"}
                controls = [a for t, a in Elements(html).tags if t in ("select", "textarea")
                            or (t == "input" and a.get("type") != "hidden")]
                # A choice is labelled by the <label> wrapping it.
                wrapped = html.count('<label><input')
                unlabelled = [a for a in controls if a.get("id") not in labelled]
                assert all(a.get("type") in ("radio", "checkbox") for a in unlabelled), q.id
                assert len(unlabelled) <= wrapped, q.id


def test_a_page_with_errors_keeps_what_was_typed(site_app: Flask) -> None:
    html = page(site_app, definition(), {**VALID, "count": "99", "pick__evidence": "3"})
    assert "There is a problem" in html
    resent = Posted(html).data
    resent.setlist("count", ["3"])
    _, result = post(resent.to_dict(flat=False))
    _, expected = post(VALID)
    assert result.valid and result.answers == expected.answers
    assert result.evidence == {"pick": 3}


def test_user_text_is_escaped_when_the_form_comes_back(site_app: Flask) -> None:
    html = page(site_app, definition(), {**VALID, "story": "<script>alert(1)</script>",
                                         "people-0-person": '"><b>x</b>', "pick": "forged"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<b>x</b>" not in html


def test_csrf_token_is_rendered_and_checked(site_app: Flask) -> None:
    site_app.config["WTF_CSRF_ENABLED"] = True
    q = definition()
    assert 'name="csrf_token" type="hidden"' in page(site_app, q)
    with site_app.test_request_context("/form", method="POST", data=formdata(VALID)):
        result = validate_form(form_class(q, audience="seller")())
    assert not result.valid
    assert [e.message for e in result.errors] == [
        "The form expired or did not come from this site; send it again."]


def test_flask_form_reads_the_request(site_app: Flask) -> None:
    with site_app.test_request_context("/form", method="POST", data=formdata(VALID)):
        result = validate_form(form_class(definition(), audience="seller")())
    assert result.valid and result.answers["many"] == ["x", "y"]


def test_a_questionnaire_template_overrides_blocks(site_app: Flask, tmp_path: Path) -> None:
    (tmp_path / "questionnaire-all-types.html").write_text(
        '{% extends "questionnaire.html" %}{% block intro %}<h1>Custom intro</h1>{% endblock %}',
        encoding="utf-8")
    site_app.jinja_loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(tmp_path)),
                                                 jinja2.FileSystemLoader(str(SITE / "templates"))])
    html = page(site_app, definition())
    assert "<h1>Custom intro</h1>" in html and "Section 1 of 3" in html


def test_every_builtin_accepts_a_complete_answer_set() -> None:
    samples = {"select_one": lambda q: q.choices[0].value, "select_multiple":
               lambda q: [q.choices[-1].value], "yes_no": lambda q: "yes",
               "rating": lambda q: "2", "scale": lambda q: "7", "integer": lambda q: "1",
               "decimal": lambda q: "1.5", "text": lambda q: "Some text",
               "textarea": lambda q: "More text", "date": lambda q: "2026-03-31",
               "email": lambda q: "x@example.com"}
    for q in questionnaires.load():
        for audience in q.audience:
            data: dict[str, Any] = {}
            for question in q.all_questions():
                if question.type in samples and question in _top(q):
                    data[question.id] = samples[question.type](question)
                for child in question.questions:
                    data[f"{question.id}-0-{child.id}"] = samples[child.type](child)
            _, result = post(data, q=q, audience=audience)
            assert result.valid, (q.id, audience, result.errors)
            assert result.answers and set(result.answers) <= {x.id for x in _top(q)}


def _top(q: Questionnaire) -> list[questionnaires.Question]:
    return [x for s in q.sections for x in s.questions]
