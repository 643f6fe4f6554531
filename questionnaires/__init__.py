"""The questionnaire definition format: model, loader, expressions, JSON Schema.

Pure: reads definition files, imports no web, storage or PDF library.
"""

from __future__ import annotations

from questionnaires.loader import BUILTIN_DIR, Library, load, load_library, load_text
from questionnaires.model import (
    Band,
    Choice,
    Criterion,
    Instrument,
    Label,
    Question,
    Questionnaire,
    Scoring,
    Section,
)
from questionnaires.problems import DefinitionError, Problem

__all__ = [
    "BUILTIN_DIR", "Band", "Choice", "Criterion", "DefinitionError", "Instrument", "Label",
    "Library", "Problem", "Question", "Questionnaire", "Scoring", "Section", "load",
    "load_library", "load_text",
]
