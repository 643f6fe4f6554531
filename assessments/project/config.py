"""`readygate.toml`: a project's settings, found like `mkdocs.yml` and checked all at once.

Every key is optional. Paths are relative to the folder that holds the file. A command-line
option wins over the file (`--theme FILE` over `organisation`, `logo` and `accent`), and so do
READYGATE_DATA, READYGATE_MIN_GROUP and READYGATE_URL over `data`, `min_group` and `base_url`;
the file wins over the defaults.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from assessments.errors import InputError
from assessments.paths import DEFAULT_DATA
from assessments.project.brand import (
    LOGO_NEEDS_NAME,
    Brand,
    accent_problem,
    brand_of,
    logo_place_problem,
    logo_value_problem,
)
from assessments.project.smtp import (
    MailSettings,
    host_problem,
    owners_problem,
    port_problem,
    security_problem,
    sender_problem,
    user_problem,
)
from assessments.project.webhooks import (
    EXAMPLE,
    Webhook,
    check_webhooks,
    webhook_problems,
    webhooks_from,
)
from scoring.responses import MIN_GROUP

FILE = "readygate.toml"
DEFAULT_OUTPUT = "output/site"
DEFAULT_URL = "http://127.0.0.1:5000"
DATABASE_SCHEMES = ("postgresql+psycopg", "postgresql")
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
    database_url: str = ""
    """PostgreSQL's address, when the data lives there (READYGATE_DATABASE_URL wins)."""
    output: Path = Path(DEFAULT_OUTPUT)
    base_url: str = DEFAULT_URL
    organisation: str = ""
    logo: Path | None = None
    """The logo's real path, checked to be inside the project folder."""
    accent: str = ""
    min_group: int = MIN_GROUP
    mail: MailSettings = MailSettings()
    owner_emails: Mapping[str, str] = field(default_factory=dict)
    """Deal owners' names (as assessments give them) and their addresses, for alerts."""
    webhooks: tuple[Webhook, ...] = ()
    """Where signed event notifications go (`readygate webhooks deliver`)."""
    given: frozenset[str] = field(default_factory=frozenset)
    """The keys the file sets."""

    @property
    def brand(self) -> Brand:
        """The organisation, logo and accent that pages and reports carry."""
        return brand_of(self.organisation, self.logo, self.accent)


@dataclass(frozen=True)
class Key:
    """One key of the file: what it holds, its check, and the fix a bad value needs."""

    name: str
    doc: str
    example: str
    check: Callable[[Any], str | None]
    """The problem with a value, or None when it is fine."""
    entries: Callable[[Any], list[str]] | None = None
    """For a key holding tables: every problem of a bad value, each after its place
    (`[2].url = 'ftp://x': …`), reported instead of the one `check` gives."""


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


def _database(value: Any) -> str | None:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in DATABASE_SCHEMES or not parts.path.strip("/"):
        return ('use a PostgreSQL address, e.g. '
                '"postgresql+psycopg://readygate@db.example.com/readygate"')
    return None


def _group(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        return "use a whole number of at least 2"
    return None


KEYS = (
    Key("definitions", "Folders of your own questionnaire definitions (`*.yaml`).",
        '["questionnaires"]', _folders),
    Key("builtin_questionnaires", "Include the four built-in questionnaires; a definition "
        "of your own with a built-in's id replaces it.", "true", _flag),
    Key("data", "The data directory: assessments, responses, links and logins.",
        f'"{PROJECT_DATA}"', _folder(PROJECT_DATA)),
    Key("database_url", "Keep the data in PostgreSQL instead of the data directory (which "
        "then holds only the live app's cached PDFs); READYGATE_DATABASE_URL wins. Put "
        "the password in READYGATE_DATABASE_URL or ~/.pgpass, not in this file.",
        '"postgresql+psycopg://readygate@db.example.com/readygate"', _database),
    Key("output", "Where `readygate build` writes the static site and PDFs.",
        f'"{DEFAULT_OUTPUT}"', _folder(DEFAULT_OUTPUT)),
    Key("base_url", "Where the live app is reachable: the start of every respondent link.",
        '"https://readygate.example.com"', _url),
    Key("organisation", "Your organisation's name, shown on every page and report.",
        '"Example Software Ltd"', _text),
    Key("logo", "Your logo: a PNG, JPEG or SVG file of at most 1 MB inside the project "
        "folder, shown beside the organisation's name on the published and seller pages and "
        "on the report's cover. Needs `organisation`: it is the logo's alternative text.",
        '"brand/logo.png"', logo_value_problem),
    Key("accent", "The colour of links, buttons, heading rules and the header band, as "
        "#rrggbb, with a contrast of at least 4.5:1 against white; verdict colours never "
        "change.", '"#1f5fbf"', accent_problem),
    Key("min_group", "The fewest customer respondents whose confidential answers a report "
        "may show together.", "3", _group),
    Key("smtp_host", "The SMTP server invitations and reminders go through.",
        '"smtp.example.com"', host_problem),
    Key("smtp_port", "Its port (default: 587 for starttls, 465 for ssl, 25 for none).",
        "587", port_problem),
    Key("smtp_security", "How the connection is secured: starttls, ssl, or none (only on "
        "a trusted network).", '"starttls"', security_problem),
    Key("smtp_user", "The login, when the server needs one; its password is read from "
        "READYGATE_SMTP_PASSWORD, never from a file.", '"readiness@example.com"',
        user_problem),
    Key("mail_from", "Who messages come from. Replies go to the seller who sends them.",
        '"Readiness team <readiness@example.com>"', sender_problem),
    Key("owner_emails", "Deal owners' addresses by the name assessments give them: `readygate "
        "alerts --email-owners` sends each owner the alerts of their own deals.",
        '{"Jo Okafor" = "jo@example.com"}', owners_problem),
    Key("webhooks", "Where signed notifications of new answers and changed verdicts, health "
        "and gates go: [[webhooks]] tables at the end of the file, each with url, events "
        "(default: all) and secret_env, the environment variable holding its secret; "
        "`readygate webhooks deliver` sends them.", EXAMPLE, check_webhooks,
        webhook_problems),
)
"""Every key `readygate.toml` may hold, in the order `readygate init` writes them."""
THEME_KEYS = ("organisation", "logo", "accent")
"""The keys a `--theme` file may hold: they replace the project's."""


def find(start: Path) -> Path | None:
    """The nearest `readygate.toml` in `start` or one of its parents."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / FILE).is_file():
            return folder / FILE
    return None


def read(path: Path) -> Project:
    """The project `path` describes; ConfigError listing every problem with its key."""
    raw = _load(path)
    problems = check(raw)
    # The files the good values name, checked too: every problem is reported at once.
    fine = _fine(raw, KEYS)
    missing = [d for d in fine.get("definitions", ()) if not (path.parent / d).is_dir()]
    problems += [f"definitions: no folder {d!r} beside it; create it or take it out of the "
                 "list" for d in missing]
    problems += brand_problems(path.parent, fine, raw.get("organisation", ""))
    _stop(path, problems)
    return project_from(path, raw)


def with_theme(project: Project, theme: Path) -> Project:
    """The project with the organisation, logo and accent a `--theme` file sets (its logo
    path is relative to the theme file's folder, and stays inside it)."""
    raw = _load(theme)
    keys = tuple(k for k in KEYS if k.name in THEME_KEYS)
    # A theme's logo sits beside the theme or anywhere in the project.
    problems = check(raw, keys) + brand_problems(
        theme.parent, _fine(raw, keys), raw.get("organisation", project.organisation),
        has_logo=project.logo is not None,
        inside=(project.path.parent,) if project.path else ())
    _stop(theme, problems)
    logo = _logo(theme.absolute().parent, raw)
    return replace(project, organisation=raw.get("organisation", project.organisation),
                   logo=logo or project.logo,
                   accent=raw.get("accent", project.accent).lower())


def brand_problems(root: Path, raw: Mapping[str, Any], organisation: str, *,
                   has_logo: bool = False, inside: tuple[Path, ...] = ()) -> list[str]:
    """What is wrong with the logo file of checked settings (a path relative to `root` that
    stays inside it or `inside`), and a logo without a name."""
    logo = raw.get("logo")
    problems = []
    if logo is not None:
        problem = logo_place_problem(root, logo, inside)
        if problem:
            problems.append(f"logo = {logo!r}: {problem}")
    if (logo is not None or has_logo) and not organisation:
        problems.append(LOGO_NEEDS_NAME)
    return problems


def _fine(raw: Mapping[str, Any], keys: tuple[Key, ...]) -> dict[str, Any]:
    """The known keys of `raw` whose values pass their check."""
    known = {k.name: k for k in keys}
    return {name: value for name, value in raw.items()
            if name in known and known[name].check(value) is None}


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read it: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: is not valid TOML: {err}") from None


def _stop(path: Path, problems: list[str]) -> None:
    """ConfigError listing every problem, each after the file's name; nothing if none."""
    if problems:
        count = len(problems)
        raise ConfigError("\n".join(f"{path}: {p}" for p in problems)
                          + f"\n{count} problem{'s' * (count != 1)} in {path.name}")


def check(raw: Mapping[str, Any], keys: tuple[Key, ...] = KEYS) -> list[str]:
    """Every problem of a parsed file: unknown keys with a suggestion, and bad values."""
    known = {k.name: k for k in keys}
    problems = []
    for name, value in raw.items():
        key = known.get(name)
        if key is None:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(f"unknown key '{name}': {hint}known keys: {', '.join(known)}")
            continue
        problem = key.check(value)
        if problem and key.entries is not None:
            problems += [f"{name}{p}" for p in key.entries(value)]
        elif problem:
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
        database_url=raw.get("database_url", ""),
        output=root / raw.get("output", DEFAULT_OUTPUT),
        base_url=raw.get("base_url", default.base_url),
        organisation=raw.get("organisation", ""),
        logo=_logo(root, raw),
        accent=raw.get("accent", "").lower(),
        min_group=raw.get("min_group", default.min_group),
        mail=MailSettings(host=raw.get("smtp_host", ""), port=raw.get("smtp_port", 0),
                          security=raw.get("smtp_security", "starttls"),
                          user=raw.get("smtp_user", ""), sender=raw.get("mail_from", "")),
        owner_emails={str(k): str(v).strip() for k, v in raw.get("owner_emails", {}).items()},
        webhooks=webhooks_from(raw.get("webhooks")),
        given=frozenset(raw),
    )


def _logo(root: Path, raw: Mapping[str, Any]) -> Path | None:
    return (root / raw["logo"]).resolve() if "logo" in raw else None


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
