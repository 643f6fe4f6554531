"""The languages a questionnaire is written in, and the respondent texts one of them lacks.

A questionnaire declares a language by giving its title in it; its `default_language` is
always one. A form in a declared language shows every label in it, so `readygate check`
reports each respondent text (title, introduction, purpose, section, question, hint, choice, scale
anchor, constraint message) that has no text in a declared language: the form would fall
back to the default language there, in the middle of the respondent's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from questionnaires.model import Label, Origin, Question, Questionnaire

__all__ = ["Gap", "gaps", "languages"]


def languages(q: Questionnaire) -> tuple[str, ...]:
    """The declared languages: the default language first, then the title's others."""
    return tuple(dict.fromkeys((q.default_language, *q.title.languages)))


@dataclass(frozen=True)
class Gap:
    """A respondent text without a declared language."""

    origin: Origin | None
    key: str
    """The key whose label it is (`label`, `hint`, `title`…), for the position."""
    what: str
    """What the text belongs to, e.g. "question 'usage' choice 'daily'"."""
    language: str

    def __str__(self) -> str:
        where = ""
        if self.origin is not None:
            pos = self.origin.at(self.key)
            where = f"{self.origin.path}:{pos.line}:{pos.col}: "
        return (f"{where}warning: {self.what} has no '{self.language}' text; a form in "
                f"'{self.language}' shows it in the default language")


def gaps(q: Questionnaire) -> list[Gap]:
    """Every respondent text that lacks one of the questionnaire's declared languages."""
    declared = languages(q)
    found = []
    for origin, key, what, label in _texts(q):
        have = set(label.languages) | {label.default_language}
        found += [Gap(origin, key, what, code) for code in declared if code not in have]
    return found


Text = tuple[Origin | None, str, str, Label]


def _texts(q: Questionnaire) -> Iterator[Text]:
    if q.description is not None:
        yield q.origin, "description", "the introduction", q.description
    if q.purpose is not None:
        yield q.origin, "purpose", "the purpose (said in invitations)", q.purpose
    for section in q.sections:
        name = f"section '{section.id}'"
        yield section.origin, "title", f"the title of {name}", section.title
        if section.description is not None:
            yield section.origin, "description", f"the description of {name}", \
                section.description
        for question in section.questions:
            yield from _question(question)


def _question(x: Question) -> Iterator[Text]:
    name = f"question '{x.id}'"
    yield x.origin, "label", name, x.label
    for key in ("hint", "constraint_message", "low_label", "high_label"):
        label = getattr(x, key)
        if label is not None:
            yield x.origin, key, f"the {key.replace('_', ' ')} of {name}", label
    for choice in x.choices:
        yield choice.origin or x.origin, "label", f"{name} choice '{choice.value}'", \
            choice.label
    for row in x.questions:
        yield from _question(row)
