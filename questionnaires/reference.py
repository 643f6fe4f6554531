"""The key reference, docs/reference/keys.md, generated from the model so it cannot drift."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from questionnaires import model

PAGE = Path("docs/reference/keys.md")
INTRO = """\
# Every key

<!-- Generated from questionnaires/model.py by `python -m questionnaires.reference`
     (`make schema`): edit the model, not this page. -->

Every key of the definition format, generated from the model (`make schema`); a test fails
when this page and the code disagree. [The definition format](../definitions.md) shows how
they fit together.
"""
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
        rows = [f"## {cls.__name__}\n", (cls.__doc__ or "").strip() + "\n", head, rule]
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            cells = [f"`{f.name}`", _default(f)] + ([_types(f)] if question else [])
            rows.append("| " + " | ".join(cells + [f.metadata["doc"]]) + " |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def page() -> str:
    """The whole key reference page: its introduction and the tables."""
    return f"{INTRO}\n{render()}\n"


if __name__ == "__main__":
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(page(), encoding="utf-8")
    print(f"wrote the key reference to {PAGE}")
