"""`questionnaires` and `scoring` work with the web, storage and PDF stack unavailable."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCKER = textwrap.dedent("""\
    import importlib.abc, sys

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"flask", "flask_wtf", "flask_frozen", "wtforms",
                                      "tinydb", "weasyprint", "assessments"}:
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, Block())
    """)


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


def test_blocker_really_blocks() -> None:
    assert "blocked: flask" in run("import flask").stderr


def test_questionnaires_load_without_the_stack() -> None:
    result = run("""\
        import questionnaires
        print(len(questionnaires.load()))
        assert not {"flask", "wtforms", "tinydb", "weasyprint"} & set(sys.modules)
        """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "4"


def test_scoring_imports_without_the_stack() -> None:
    result = run("""\
        import questionnaires, scoring, scoring.instruments
        from scoring.assess import Assessment, assess
        from scoring.summary import rollup_data
        defs = {q.id: q for q in questionnaires.load()}
        pulse = scoring.Response("u1", "user", {"first_value_seen": "yes"}, week=1)
        rollup = assess(Assessment("x", "X", stage="live"), defs,
                        {"post-go-live-pulse": [pulse]})
        print(scoring.instruments.sus([3] * 10), rollup_data(rollup)["verdict"])
        assert not {"flask", "wtforms", "tinydb", "weasyprint"} & set(sys.modules)
        """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "50.0 insufficient_data"
