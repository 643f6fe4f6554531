"""The catalogs under site/translations: complete, compiled, and the only source of words.

Every message `make messages` extracts (babel.cfg) is in every catalog, Dutch translates
each one, each shipped .mo says what its .po says, and the respondent pages print no English
word outside a translation call.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import jinja2
import pytest
import wtforms
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from assessments.forms.fields import WTFORMS_MESSAGES
from assessments.paths import SITE
from assessments.web.language import TRANSLATIONS

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = sorted(p.name for p in TRANSLATIONS.iterdir() if p.is_dir())
# The folders babel.cfg's patterns reach; the rest (output/, .venv/ …) need no walk.
SOURCES = {"assessments", "questionnaires", "scoring", "site"}
# The templates a respondent's pages are made of.
RESPONDENT_TEMPLATES = ("base.html", "questionnaire.html", "form_macros.html", "thanks.html",
                        "error.html", "static_form.html", "collect_problems.html",
                        "collect_thanks.html")
NOT_WORDS = {"readygate"}  # the product's name is not translated


def extracted() -> dict[str, str | tuple[str, ...]]:
    """Every message id in the code and templates, as `make messages` extracts them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)

    def wanted(path: str) -> bool:
        rel = Path(path).relative_to(ROOT).parts
        return rel[0] in SOURCES and not rel[-1].startswith((".", "_"))

    found: dict[str, str | tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map,
                                                directory_filter=wanted):
        key = message if isinstance(message, str) else message[0]
        found[key] = message
    return found


def catalog(code: str) -> Catalog:
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=code)


def test_there_is_an_english_and_a_dutch_catalog() -> None:
    assert {"en", "nl"} <= set(LANGUAGES)


def test_extraction_finds_the_words_of_code_and_templates() -> None:
    """A control: the extraction sees N_ marks, gettext calls and template calls."""
    found = extracted()
    assert {"Answer this question.", "Yes", "For %(account)s", "Send", "Thank you",
            "Section %(number)s of %(total)s: %(title)s"} <= set(found)
    assert found["Fill in at least one row."] == ("Fill in at least one row.",
                                                  "Fill in at least %(num)d rows.")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalog_holds_exactly_the_extracted_messages(code: str) -> None:
    found = extracted()
    held = {m.id if isinstance(m.id, str) else m.id[0]: m.id for m in catalog(code) if m.id}
    assert sorted(set(found) - set(held)) == [], "new messages: run `make messages`"
    assert sorted(set(held) - set(found)) == [], "messages no longer used: run `make messages`"
    changed = [key for key in found if found[key] != held[key]]
    assert changed == [], "singular and plural changed: run `make messages`"


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_message_is_translated(code: str) -> None:
    """English is the language of the code; every other catalog translates every message."""
    missing = [m.id for m in catalog(code) if m.id and (
        not m.string or m.fuzzy or isinstance(m.string, tuple) and not all(m.string))]
    assert missing == [], f"{code}: translate these in its messages.po"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_their_placeholders(code: str) -> None:
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog(code).check()]
    assert problems == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_compiled_catalog_says_what_its_source_says(code: str) -> None:
    """The app reads the .mo, which is committed: it must not lag behind its .po."""
    source = catalog(code)
    fresh = io.BytesIO()
    write_mo(fresh, source)
    compiled = gettext.GNUTranslations(io.BytesIO(fresh.getvalue()))
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.mo", "rb") as mo:
        shipped = gettext.GNUTranslations(mo)
    stale = []
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, str):
            said = [(t.gettext(message.id)) for t in (compiled, shipped)]
        else:
            said = [[t.ngettext(message.id[0], message.id[1], n) for n in range(3)]
                    for t in (compiled, shipped)]
        if said[0] != said[1]:
            stale.append(message.id)
    assert stale == [], f"{code}: messages.mo is out of date: run `make messages`"


def test_the_wtforms_messages_in_the_catalogs_are_wtforms_own() -> None:
    """WTForms' messages are looked up by their exact English: an upgrade that rewords one
    would leave its translation behind."""
    source = "".join(p.read_text("utf-8") for p in Path(wtforms.__file__).parent.rglob("*.py"))
    assert [m for m in WTFORMS_MESSAGES if f'"{m}"' not in source] == []


def bare_text(source: str) -> str:
    """A template's text outside tags, comments and {{ }} / {% %}: what it prints as is."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    printed = "".join(value if kind == "data" else " " for _, kind, value in env.lex(source))
    text = re.sub(r"<!--.*?-->", " ", printed, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"""[\w-]+=(?:'[^']*'|"[^"]*")""", " ", text)  # a macro's attributes


def test_the_rule_sees_bare_words() -> None:
    """A control: words between tags count; tags, attributes and calls do not."""
    said = bare_text('<p class="hint">{{ _("Fine") }} Left over</p>{# note #}<b>{{ x }}</b>'
                     "{% if x %} data-x='{{ x }}'{% endif %}")
    assert re.findall(r"[A-Za-z]{2,}", said) == ["Left", "over"]


@pytest.mark.parametrize("name", RESPONDENT_TEMPLATES)
def test_respondent_pages_print_no_untranslated_words(name: str) -> None:
    source = (SITE / "templates" / name).read_text(encoding="utf-8")
    words = set(re.findall(r"[A-Za-z]{2,}", bare_text(source))) - NOT_WORDS
    assert words == set(), f"{name}: wrap these in _(): {sorted(words)}"
    labelled = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"{]*[A-Za-z][^"]*)"',
                          source)
    assert labelled == [], f"{name}: attributes people read: {labelled}"
