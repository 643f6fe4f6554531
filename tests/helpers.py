"""Plain helpers and constants shared by test modules (fixtures live in conftest.py files).

Test modules import from here (or from a tests/<dir>/helpers.py), never from another
test module or a conftest: tests/test_suite_layout.py checks it.
"""

from __future__ import annotations

MINIMAL = """\
    id: mini
    title: Mini
    version: 1
    audience: seller
    sections:
      - id: basics
        title: Basics
        questions:
          - id: owner
            type: yes_no
            label: Is there a named owner?
            criterion: ownership
    scoring:
      criteria:
        - id: ownership
          label: Ownership
          action: Name an owner.
    """
