"""Pure scoring: questionnaires' answers → scores, gates, verdicts and plans.

Imports no web, storage or PDF library; takes plain data, returns frozen dataclasses.
"""

from __future__ import annotations

from scoring.aggregate import score
from scoring.responses import EVIDENCE_GRADES, Response
from scoring.results import INSUFFICIENT, Score

__all__ = ["EVIDENCE_GRADES", "INSUFFICIENT", "Response", "Score", "score"]
