"""The `readygate` command line: thin commands that call one library function each.

Library code raises plain exceptions; only this package turns them into exit codes and
one-line messages (`group.friendly`). Each command imports what it needs when it runs:
`readygate --help` loads no web, storage or PDF library.
"""

from __future__ import annotations

from assessments.cli import data, database, hooks, project, reach, site, tokens
from assessments.cli.group import main

__all__ = ["data", "database", "hooks", "main", "project", "reach", "site", "tokens"]
