"""Pure scoring: questionnaires' answers → scores, gates, verdicts and plans.

Imports no web, storage or PDF library; takes plain data, returns frozen dataclasses.
The names below load on first use, so importing one small module of the package (its
constants, for a command's help) does not load all of scoring.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scoring.aggregate import score
    from scoring.responses import EVIDENCE_GRADES, Response
    from scoring.results import INSUFFICIENT, Score

__all__ = ["EVIDENCE_GRADES", "INSUFFICIENT", "Response", "Score", "score"]
_HOMES = {"score": "scoring.aggregate", "EVIDENCE_GRADES": "scoring.responses",
          "Response": "scoring.responses", "INSUFFICIENT": "scoring.results",
          "Score": "scoring.results"}


def __getattr__(name: str) -> Any:
    """The package's public names, imported from their modules when first asked for."""
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")
