"""Load definition files and folders into questionnaires, or one error listing every problem."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from questionnaires.build import Builder
from questionnaires.checks import at, check
from questionnaires.model import Questionnaire
from questionnaires.problems import DefinitionError, Problem
from questionnaires.yamlsource import read_document

BUILTIN_DIR = Path(__file__).resolve().parent
SUFFIXES = (".yaml", ".yml")


def definition_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their *.yaml files; a missing path is a problem."""
    files: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or folder"))
    return files, problems


def _build(path: str, text: str) -> tuple[Questionnaire | None, list[Problem]]:
    """Build as far as possible: a best-effort questionnaire (or None) and every problem."""
    questionnaire, problems = _built(path, text)
    return questionnaire, list(problems)


@functools.lru_cache(maxsize=64)
def _built(path: str, text: str) -> tuple[Questionnaire | None, tuple[Problem, ...]]:
    # Questionnaires are frozen: the same file with the same text builds once per process
    # (an app, a build and its pages all load the same definitions).
    document = read_document(path, text)
    if document.root is None:
        return None, tuple(document.problems)
    builder = Builder(path)
    questionnaire = builder.questionnaire(document.root)
    problems = list(document.problems) + builder.problems
    if questionnaire is not None:
        problems += check(questionnaire)
    return questionnaire, tuple(problems)


def load_text(path: str, text: str) -> tuple[Questionnaire | None, list[Problem]]:
    """Build one definition from its text; return it (None if it has problems) and them."""
    questionnaire, problems = _build(path, text)
    if questionnaire is None or problems:
        return None, problems
    digest = hashlib.sha256(text.encode()).hexdigest()
    return replace(questionnaire, digest=digest), []


def load(paths: Iterable[str | Path] = (BUILTIN_DIR,)) -> tuple[Questionnaire, ...]:
    """Load every definition under `paths`; raise DefinitionError listing all problems."""
    files, problems = definition_files(paths)
    loaded: list[Questionnaire] = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(Problem(str(file), 1, 1, f"cannot read the file: {err}"))
            continue
        questionnaire, found = _build(str(file), text)
        problems += found
        if questionnaire is not None:
            digest = hashlib.sha256(text.encode()).hexdigest()
            loaded.append(replace(questionnaire, digest=digest))
    problems += _duplicate_ids(loaded)
    if problems:
        raise DefinitionError(problems)
    return tuple(loaded)


@dataclass(frozen=True)
class Library:
    """A project's definitions beside the built-ins, and which built-ins they replace."""

    questionnaires: tuple[Questionnaire, ...]
    replaced: tuple[tuple[str, str], ...] = ()
    """(questionnaire id, the project file) for each built-in a project definition replaces."""


def load_library(paths: Iterable[str | Path], *, builtins: bool = True) -> Library:
    """The built-ins (when asked for) and the definitions under `paths`.

    A definition under `paths` with a built-in's id replaces that built-in; two under
    `paths` with one id are a problem, as in `load`. Raise DefinitionError listing all.
    """
    folders = tuple(paths)
    own = load(folders) if folders else ()
    if not builtins:
        return Library(own)
    mine = {q.id for q in own}
    shipped = load()
    kept = tuple(q for q in shipped if q.id not in mine)
    replaced = tuple((q.id, q.origin.path if q.origin else "") for q in own
                     if q.id in {b.id for b in shipped})
    return Library(kept + own, replaced)


def _duplicate_ids(loaded: list[Questionnaire]) -> list[Problem]:
    """Two files defining the same questionnaire id would shadow each other."""
    first: dict[str, Questionnaire] = {}
    problems = []
    for q in loaded:
        if q.id.startswith("?"):  # a placeholder for a missing id
            continue
        if q.id in first and first[q.id].origin is not None:
            other = first[q.id].origin
            assert other is not None
            problems.append(at(q.origin, "id", f"questionnaire id '{q.id}' is already used by "
                               f"{other.path}:{other.pos.line} — give each questionnaire its "
                               "own id"))
        first.setdefault(q.id, q)
    return problems
