"""The organisation's brand: its name, a logo file inside the project, and an accent colour.

Pages and reports show the logo beside the name and use the accent for links, heading rules
and the header band; semantic colours (verdicts, pass and fail) never take it. The checks
here read the logo's first bytes and nothing else: no web library, no image library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".svg": "image/svg+xml"}
"""The logo's file types, by suffix."""
MAX_LOGO = 1024 * 1024
"""The largest logo: a logo is embedded in every PDF."""
MIN_CONTRAST = 4.5
"""WCAG AA for body text: link text and button labels sit on the accent or in it."""
ACCENT = re.compile(r"#[0-9a-fA-F]{6}")
_MAGIC = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",)}
_SNIFF = 4096


@dataclass(frozen=True)
class Brand:
    """A checked brand; `logo` is the real (resolved) path of the file, or None, and
    `data` its bytes as they were checked: what pages, copies and PDFs use, so a file
    changed or swapped for a symlink afterwards is never served."""

    organisation: str = ""
    logo: Path | None = None
    accent: str = ""
    data: bytes = field(default=b"", repr=False)

    @property
    def logo_name(self) -> str:
        """The name the logo is published under: `logo.png`, `logo.jpg` or `logo.svg`."""
        suffix = self.logo.suffix.lower() if self.logo else ""
        return "logo" + (".jpg" if suffix == ".jpeg" else suffix)

    @property
    def logo_type(self) -> str:
        """The logo's media type."""
        return LOGO_TYPES[self.logo.suffix.lower()] if self.logo else ""

    @property
    def style(self) -> str:
        """The one CSS rule the accent needs (the palette's `--accent`, overridden), or ''."""
        return f":root{{--accent:{self.accent}}}" if self.accent else ""


def contrast(colour: str, against: str = "#ffffff") -> float:
    """The WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(colour), _luminance(against)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def accent_problem(value: Any) -> str | None:
    """What is wrong with an accent colour, or None: `#rrggbb`, dark enough for text."""
    if not isinstance(value, str) or not ACCENT.fullmatch(value):
        return 'use a colour written #rrggbb, e.g. "#1f5fbf"'
    ratio = contrast(value.lower())
    if ratio < MIN_CONTRAST:
        shown = int(ratio * 100) / 100  # never rounded up to a ratio that would pass
        return (f"its contrast against white is {shown}:1, and links and button labels need "
                f"at least {MIN_CONTRAST}:1: use a darker shade")
    return None


def logo_value_problem(value: Any) -> str | None:
    """What is wrong with a logo setting before its file is looked at, or None."""
    example = 'e.g. "brand/logo.png"'
    if not isinstance(value, str) or not value.strip() or any(ord(c) < 32 for c in value):
        return f"use the path of a PNG, JPEG or SVG file inside the project, {example}"
    if Path(value).is_absolute() or value.startswith("~"):
        return f"use a path relative to the project folder, {example}"
    if Path(value).suffix.lower() not in LOGO_TYPES:
        return f"use a PNG, JPEG or SVG file (.png, .jpg, .jpeg or .svg), {example}"
    return None


def logo_place_problem(base: Path, value: str, inside: tuple[Path, ...] = ()) -> str | None:
    """Why the logo `value` (relative to `base`) is not a usable file inside `base` or one of
    the folders `inside`, or None."""
    folders = [f.resolve() for f in (base, *inside)]
    try:
        # resolve() follows `..` and every symlink: the check sees where the file really is.
        path = (base / value).resolve()
    except (OSError, RuntimeError, ValueError):
        return "the path cannot be followed: give a plain relative path, e.g. brand/logo.png"
    if not any(path.is_relative_to(folder) for folder in folders):
        return (f"it is outside {' and '.join(map(str, folders))} (through '..' or a "
                "symlink): copy the logo into the project, e.g. brand/logo.png")
    return logo_file_problem(path)


def logo_file_problem(path: Path) -> str | None:
    """Why `path` is not a logo readygate can show and print, or None."""
    return read_logo(path)[1]


def read_logo(path: Path) -> tuple[bytes, str | None]:
    """The logo's bytes, read once and checked (size, type, no active SVG content), and
    None; or no bytes and why not."""
    if not path.is_file():
        return b"", ("no such file: check the path (relative to the folder of the file that "
                     "names it)")
    with path.open("rb") as handle:
        data = handle.read(MAX_LOGO + 1)
    if len(data) > MAX_LOGO:
        size = max(path.stat().st_size, len(data))
        return b"", (f"the file has {size:,} bytes, more than 1 MB: export a smaller image "
                     "(a logo a few hundred pixels wide is plenty)")
    kind = LOGO_TYPES[path.suffix.lower()]
    if not _looks_like(kind, data[:_SNIFF]):
        name = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG"}[kind]
        return b"", (f"the file is not a {name} image, as its name says: export the logo as "
                     "PNG, JPEG or SVG and name it after its type")
    if kind == "image/svg+xml" and _ACTIVE_SVG.search(data.decode("utf-8", "replace")):
        return b"", ("the SVG holds a script, an event handler, embedded HTML or a link to "
                     "another file, which a published logo must not: export it as a plain "
                     "drawing (or as PNG)")
    return data, None


# What an SVG opened on its own could run or fetch: scripts, handlers, foreign content,
# and references to anything but its own fragments or inline data.
_ACTIVE_SVG = re.compile(
    r"<\s*script|\son[a-z]+\s*=|<\s*foreignObject|<\s*iframe|<\s*object|<\s*embed"
    r"|(?:xlink:)?href\s*=\s*[\"'](?!#|data:image/)|url\(\s*[\"']?(?!#|data:image/)"
    r"|@import|<!ENTITY",
    re.IGNORECASE)


def _looks_like(kind: str, head: bytes) -> bool:
    if kind in _MAGIC:
        return head.startswith(_MAGIC[kind])
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as cut:
        # The sniffed bytes may end inside a character; only an early error is fatal.
        if cut.start < len(head) - 3:
            return False
        text = head[:cut.start].decode("utf-8")
    return "<svg" in text


def brand_of(organisation: str, logo: Path | None, accent: str) -> Brand:
    """The brand of settings given directly rather than in a file; ValueError naming every
    problem."""
    problems = []
    accent_wrong = accent_problem(accent) if accent else None
    if accent_wrong:
        problems.append(f"accent {accent!r}: {accent_wrong}")
    data = b""
    if logo is not None:
        data, logo_wrong = read_logo(logo.resolve()) if not logo_value_problem(logo.name) \
            else (b"", logo_value_problem(logo.name))
        if logo_wrong:
            problems.append(f"logo {str(logo)!r}: {logo_wrong}")
        if not organisation:
            problems.append(LOGO_NEEDS_NAME)
    if problems:
        raise ValueError("\n".join(problems))
    return Brand(organisation, logo.resolve() if logo else None, accent.lower(), data)


LOGO_NEEDS_NAME = "logo: set organisation too: it is the logo's alternative text"
