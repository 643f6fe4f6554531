"""The README's key reference, generated from the model so the docs cannot drift."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from questionnaires import model

START, END = "<!-- keys:start -->", "<!-- keys:end -->"
_CLASSES = (model.Questionnaire, model.Section, model.Question, model.Choice, model.Scoring,
            model.Criterion, model.Band, model.Instrument)


def _default(f: dataclasses.Field[object]) -> str:
    if f.default is dataclasses.MISSING:
        return "**required**"
    if f.default is None or f.default == ():
        return "—"
    if isinstance(f.default, bool):
        return "true" if f.default else "false"
    if isinstance(f.default, tuple):
        return "see below"
    if isinstance(f.default, float) and f.default.is_integer():
        return str(int(f.default))
    return f"`{f.default}`"


def _types(f: dataclasses.Field[object]) -> str:
    fits = f.metadata.get("types", model.ALL_TYPES)
    if fits == model.ALL_TYPES:
        return "all"
    if fits == model.ANSWER_TYPES:
        return "all but note, repeat"
    return ", ".join(t for t in model.QUESTION_TYPES if t in fits)


def render() -> str:
    """Markdown tables of every key of every object in the format."""
    parts = []
    for cls in _CLASSES:
        question = cls is model.Question
        head = "| key | default | types | meaning |" if question else "| key | default | meaning |"
        rule = "|---|---|---|---|" if question else "|---|---|---|"
        rows = [f"#### {cls.__name__}\n", (cls.__doc__ or "").strip() + "\n", head, rule]
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            cells = [f"`{f.name}`", _default(f)] + ([_types(f)] if question else [])
            rows.append("| " + " | ".join(cells + [f.metadata["doc"]]) + " |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def splice(readme: str) -> str:
    """The README text with the generated reference between its markers."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{render()}\n{END}", readme)


if __name__ == "__main__":
    path = Path("README.md")
    path.write_text(splice(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated the key reference in {path}")
