"""`readygate init`: a project folder with its config, an example questionnaire and folders."""

from __future__ import annotations

import json
import textwrap
from importlib import resources
from pathlib import Path

from assessments.errors import InputError
from assessments.project.config import DEFAULT_OUTPUT, DEFAULT_URL, FILE, KEYS, PROJECT_DATA
from questionnaires.schema import SCHEMA_PATH
from scoring.responses import MIN_GROUP

EXAMPLE = "it-security-review.yaml"
DEFINITIONS = "questionnaires"
VALUES = {"definitions": json.dumps([DEFINITIONS]), "builtin_questionnaires": "true",
          "data": json.dumps(PROJECT_DATA), "output": json.dumps(DEFAULT_OUTPUT),
          "base_url": json.dumps(DEFAULT_URL), "min_group": str(MIN_GROUP)}
BY_NAME = {key.name: key for key in KEYS}


def config_text(organisation: str = "") -> str:
    """The commented `readygate.toml` that init writes."""
    lines = ["# readygate project settings. Every key is optional; paths are relative to this",
             "# file. A command-line option wins over this file, and so do READYGATE_DATA,",
             "# READYGATE_MIN_GROUP and READYGATE_URL over data, min_group and base_url;",
             "# `build --theme FILE` and `serve --theme FILE` over organisation, logo and accent.",
             ""]
    for key in KEYS:
        lines += textwrap.wrap(key.doc, 86, initial_indent="# ", subsequent_indent="# ",
                               break_on_hyphens=False)
        if key.name == "organisation" and organisation:
            lines.append(f"organisation = {json.dumps(organisation, ensure_ascii=False)}")
        elif key.name in VALUES:
            lines.append(f"{key.name} = {VALUES[key.name]}")
        else:  # no default worth writing: the example, ready to uncomment
            lines.append(f"# {key.name} = {key.example}")
        lines.append("")
    return "\n".join(lines)


def init(folder: Path, organisation: str = "") -> list[str]:
    """Write a new project into `folder` (created if needed); the paths written.

    Refuses a folder that already has a readygate.toml; an existing example file is kept.
    """
    config = folder / FILE
    if config.exists():
        raise InputError(f"{config} already exists: this folder is a project already")
    problem = BY_NAME["organisation"].check(organisation) if organisation else None
    if problem:
        raise InputError(f"--organisation {organisation!r}: {problem}")
    folder.mkdir(parents=True, exist_ok=True)
    defs = folder / DEFINITIONS
    defs.mkdir(exist_ok=True)
    written = []
    example = resources.files("assessments.project") / "example.yaml"
    for path, text in ((defs / EXAMPLE, example.read_text(encoding="utf-8")),
                       (defs / "schema.json", SCHEMA_PATH.read_text(encoding="utf-8"))):
        if not path.exists():
            path.write_text(text, encoding="utf-8")
            written.append(str(path))
    for sub in (PROJECT_DATA, DEFAULT_OUTPUT):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        written.append(f"{folder / sub}/")
    # The config last: a project exists once its settings file does.
    config.write_text(config_text(organisation), encoding="utf-8")
    return [str(config), *written]
