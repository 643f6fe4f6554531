"""Plain build helpers: a page's tags and links, a built site's pages, a demo store."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from assessments.store.filestore import Store


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


def demo_store(folder: Path, only: tuple[str, ...] = ()) -> Store:
    """A real store with the demo accounts (`only` these, when given) loaded."""
    from assessments.demo.load import load_demo

    store = Store.open(folder)
    load_demo(store, only)
    return store

