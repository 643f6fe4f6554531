"""Plain build helpers: a page's tags and links, a built site's pages, a demo store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import pikepdf

from assessments.store.filestore import FileStore
from questionnaires import Questionnaire


class Links(HTMLParser):
    """Every tag of a page, and every href and src in it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.urls: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        self.urls += [str(found[k]) for k in ("href", "src") if found.get(k)]


def html_files(root: Path) -> list[Path]:
    """Every HTML page of a built site."""
    return sorted(root.rglob("*.html"))


def demo_store(folder: Path, only: tuple[str, ...] = ()) -> FileStore:
    """A real store with the demo accounts (`only` these, when given) loaded."""
    from assessments.demo.load import load_demo

    store = FileStore.open(folder)
    load_demo(store, only)
    return store



class Blocks(HTMLParser):
    """The text of every paragraph, list item, table cell and caption of a page."""

    TAGS = frozenset({"p", "li", "td", "th", "dd", "figcaption"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[list[str]] = []
        self.texts: list[tuple[str, str]] = []
        self.hidden = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style", "svg")
        if tag in self.TAGS:
            self.open.append([tag, ""])

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style", "svg")
        if tag in self.TAGS and self.open:
            kind, text = self.open.pop()
            self.texts.append((kind, " ".join(text.split())))
            if self.open:
                self.open[-1][1] += " " + text

    def handle_data(self, data: str) -> None:
        if not self.hidden and self.open:
            self.open[-1][1] += data


def filter_pages(store: FileStore, definitions: Mapping[str, Questionnaire]) -> list[str]:
    """The portfolio pages a build of `store` should make: one per stage, verdict, live
    deal's health band and owner that has an assessment (read from the records and roll-ups,
    not from the site)."""
    from assessments.store import service
    from assessments.web.portfolio import slug

    pages = set()
    for a in store.assessments():
        rolled = service.rollup(store, definitions, a.id)
        pages |= {f"stage/{a.stage}/index.html", f"verdict/{rolled.verdict}/index.html",
                  f"owner/{slug(a.owner)}/index.html"}
        latest = rolled.adoption.latest if rolled.adoption and a.stage == "live" else None
        if latest is not None and not latest.too_few:
            pages.add(f"health/{latest.band}/index.html")
    return sorted(pages)


def structure(pdf: Path) -> tuple[pikepdf.Pdf, Counter[str], list[str]]:
    """The open PDF, the count of each structure element and every figure's alt text."""
    document = pikepdf.open(pdf)
    counts: Counter[str] = Counter()
    alts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            kind = node.get("/S")
            if kind is not None:
                counts[str(kind)] += 1
                if str(kind) == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(document.Root["/StructTreeRoot"])
    return document, counts, alts
