"""`readygate.toml`: a project's settings, found like `mkdocs.yml` and checked all at once.

Every key is optional. Paths are relative to the folder that holds the file. A command-line
option wins over the file, and so do READYGATE_DATA, READYGATE_MIN_GROUP and READYGATE_URL
over `data`, `min_group` and `base_url`; the file wins over the defaults.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from assessments.errors import InputError
from assessments.paths import DEFAULT_DATA
from scoring.responses import MIN_GROUP

FILE = "readygate.toml"
DEFAULT_OUTPUT = "output/site"
DEFAULT_URL = "http://127.0.0.1:5000"
PROJECT_DATA = "data"
"""The data folder `readygate init` names (without a config the default stays ./instance)."""


class ConfigError(InputError):
    """A configuration file with problems; the message lists every one."""


@dataclass(frozen=True)
class Project:
    """The settings every command reads; `path` is None when there is no config file."""

    path: Path | None = None
    definitions: tuple[Path, ...] = ()
    builtin_questionnaires: bool = True
    data: Path = Path(DEFAULT_DATA)
    output: Path = Path(DEFAULT_OUTPUT)
    base_url: str = DEFAULT_URL
    organisation: str = ""
    min_group: int = MIN_GROUP
    given: frozenset[str] = field(default_factory=frozenset)
    """The keys the file sets."""


@dataclass(frozen=True)
class Key:
    """One key of the file: what it holds, its check, and the fix a bad value needs."""

    name: str
    doc: str
    example: str
    check: Callable[[Any], str | None]
    """The problem with a value, or None when it is fine."""


def _folders(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return 'use a list of folder names, e.g. ["questionnaires"]'
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "use true or false"


def _folder(example: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and value.strip()
        return None if ok else f'use a folder name, e.g. "{example}"'
    return check


def _url(value: Any) -> str | None:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return 'use an http:// or https:// address, e.g. "https://readygate.example.com"'
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 120 or any(ord(c) < 32 for c in value):
        return "use one line of text, at most 120 characters"
    return None


def _group(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        return "use a whole number of at least 2"
    return None


KEYS = (
    Key("definitions", "Folders of your own questionnaire definitions (`*.yaml`).",
        '["questionnaires"]', _folders),
    Key("builtin_questionnaires", "Include the three built-in questionnaires; a definition "
        "of your own with a built-in's id replaces it.", "true", _flag),
    Key("data", "The data directory: assessments, responses, links and logins.",
        f'"{PROJECT_DATA}"', _folder(PROJECT_DATA)),
    Key("output", "Where `readygate build` writes the static site and PDFs.",
        f'"{DEFAULT_OUTPUT}"', _folder(DEFAULT_OUTPUT)),
    Key("base_url", "Where the live app is reachable: the start of every respondent link.",
        '"https://readygate.example.com"', _url),
    Key("organisation", "Your organisation's name, shown on every page and report.",
        '"Example Software Ltd"', _text),
    Key("min_group", "The fewest customer respondents whose confidential answers a report "
        "may show together.", "3", _group),
)
"""Every key `readygate.toml` may hold, in the order `readygate init` writes them."""


def find(start: Path) -> Path | None:
    """The nearest `readygate.toml` in `start` or one of its parents."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / FILE).is_file():
            return folder / FILE
    return None


def read(path: Path) -> Project:
    """The project `path` describes; ConfigError listing every problem with its key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read it: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: is not valid TOML: {err}") from None
    problems = [f"{path}: {problem}" for problem in check(raw)]
    if not problems:
        missing = [d for d in raw.get("definitions", ()) if not (path.parent / d).is_dir()]
        problems = [f"{path}: definitions: no folder {d!r} beside it; create it or take it out "
                    "of the list" for d in missing]
    if problems:
        count = len(problems)
        raise ConfigError("\n".join(problems) + f"\n{count} problem{'s' * (count != 1)} in "
                          f"{path.name}")
    return project_from(path, raw)


def check(raw: Mapping[str, Any]) -> list[str]:
    """Every problem of a parsed file: unknown keys with a suggestion, and bad values."""
    known = {k.name: k for k in KEYS}
    problems = []
    for name, value in raw.items():
        key = known.get(name)
        if key is None:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"unknown key '{name}': {hint}known keys: {', '.join(known)}")
            continue
        problem = key.check(value)
        if problem:
            problems.append(f"{name} = {value!r}: {problem}")
    return problems


def project_from(path: Path, raw: Mapping[str, Any]) -> Project:
    """A checked file's project; relative paths are taken from the file's folder."""
    root = path.absolute().parent
    default = Project()
    return Project(
        path=path.absolute(),
        definitions=tuple(dict.fromkeys((root / d).resolve() for d in raw.get("definitions", ()))),
        builtin_questionnaires=raw.get("builtin_questionnaires", True),
        data=root / raw.get("data", DEFAULT_DATA),
        output=root / raw.get("output", DEFAULT_OUTPUT),
        base_url=raw.get("base_url", default.base_url),
        organisation=raw.get("organisation", ""),
        min_group=raw.get("min_group", default.min_group),
        given=frozenset(raw),
    )


def public_url(project: Project) -> str:
    """The app's public address: READYGATE_URL, else the base_url the project sets, else ''
    (links then use the address a page was asked at)."""
    given = project.base_url if "base_url" in project.given else ""
    return os.environ.get("READYGATE_URL") or given


def locate(given: Path | None, cwd: Path) -> Project:
    """The project of `--config FILE`, else of the nearest readygate.toml, else defaults."""
    if given is not None:
        if not given.is_file():
            raise ConfigError(f"--config {given}: no such file; run `readygate init` to "
                              "start a project")
        return read(given)
    found = find(cwd)
    return read(found) if found else Project()
