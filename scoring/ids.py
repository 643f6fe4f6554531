"""Names the scoring code and the commands share: built-in questionnaire ids, deal stages, roles.

Kept apart from the scoring modules so the command line can name its choices without
loading them.
"""

from __future__ import annotations

READINESS = "pre-close-readiness"
STAKEHOLDERS = "stakeholder-map"
PULSE = "post-go-live-pulse"
CHECKPOINT = "adoption-checkpoint"
BUILTINS = (READINESS, STAKEHOLDERS, PULSE, CHECKPOINT)
"""The built-in questionnaires, each with its own part of the roll-up; any other id is a
project's own questionnaire (scoring.custom)."""
STAGES = ("qualifying", "closing", "implementing", "live")
STAGE_QUESTIONNAIRES = {"qualifying": (READINESS, STAKEHOLDERS),
                        "closing": (READINESS, STAKEHOLDERS),
                        "implementing": (READINESS, STAKEHOLDERS, PULSE), "live": BUILTINS}
"""The built-ins that apply at each stage unless an assessment names its own list (the
pulse from implementing on: first users may answer before go-live, as week 0; the adoption
checkpoints once live)."""
STAGE_LABELS = {"qualifying": "Qualifying", "closing": "Closing",
                "implementing": "Implementing", "live": "Live"}
RESPONDENT_ROLES = ("stakeholder", "user")
"""Roles that answer through a link; the seller logs in."""
