"""A crowded assessment: a live deal whose open pulse link drew N answers.

The answers are random but valid (every question a user sees, by its type, with its
own rules for what is shown), spread over eight weeks and two sites, and every comment
is different, as real free text is. The same seed gives the same crowd.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from assessments.store.filestore import FileStore
from assessments.store.records import ResponseRecord
from questionnaires.answers import relevant_answers
from questionnaires.model import Question, Questionnaire
from scoring.assess import Assessment

GO_LIVE = date(2026, 8, 24)  # the demo's Tessaline Distribution
WEEKS = 8
WORDS = ("totals", "depot", "exceptions", "screen", "export", "shift", "planner", "slow",
         "filter", "report", "customer", "route", "login", "training", "spreadsheet")


def _answer(question: Question, rng: random.Random, n: int) -> object:
    kind = question.type
    if kind in ("select_one", "yes_no"):
        values = [c.value for c in question.choices] or ["yes", "no"]
        return rng.choice(values)
    if kind == "select_multiple":
        values = [c.value for c in question.choices if c.value != "none"]
        return tuple(sorted(rng.sample(values, rng.randint(1, 2))))
    if kind == "rating":
        return rng.randint(1, question.points)
    if kind == "scale":
        return rng.randint(int(question.min or 0), int(question.max or 10))
    if kind in ("text", "textarea"):
        return f"Answer {n}: " + " ".join(rng.choice(WORDS) for _ in range(8)) + "."
    raise ValueError(f"no crowd answer for a {kind} question")


def answers(q: Questionnaire, rng: random.Random, n: int) -> dict[str, object]:
    """One user's valid answers: what the form would keep."""
    drawn = {x.id: _answer(x, rng, n) for s in q.sections if "user" in (s.audience or ("user",))
             for x in s.questions if x.type != "note"}
    return relevant_answers(q, drawn)


def responses(q: Questionnaire, ident: str, n: int, seed: int = 1
              ) -> Iterator[ResponseRecord]:
    """n anonymous pulse answers to assessment `ident` through one open link."""
    rng = random.Random(seed)
    for i in range(n):
        week = 1 + i * WEEKS // n
        day = GO_LIVE + timedelta(days=7 * (week - 1) + rng.randint(0, 4))
        yield ResponseRecord(
            id=f"crowd-{i:05d}", assessment=ident, questionnaire=q.id, version=q.version,
            digest=q.digest or "", role="user", answers=answers(q, rng, i),
            respondent=f"crowd-{i:05d}", segment=rng.choice(("Leeds", "Wakefield")),
            week=week, submitted_at=f"{day.isoformat()}T{8 + i % 9:02d}:{i % 60:02d}:00+00:00",
            source="web")


def crowded(store: FileStore, q: Questionnaire, n: int, ident: str = "crowded") -> str:
    """Store a live assessment holding n pulse answers; its id."""
    store.save_assessment(Assessment(ident, f"Crowded account ({n:,} answers)", stage="live",
                                     go_live=GO_LIVE.isoformat(), deal="Open pulse link"))
    store.add_responses(list(responses(q, ident, n)))
    return ident


def render_executive(n: int) -> dict[str, float]:
    """Seconds and peak memory (MB, this process) to produce the executive PDF of a live
    deal (the demo's Tessaline Distribution) holding n more pulse answers.

    Run it in a fresh process per n (`python -m bench.crowd N`), so the peak is its own.
    """
    import tempfile
    import time
    from pathlib import Path

    from assessments.demo.load import demo_data
    from assessments.paths import SITE
    from assessments.report.pdf import Renderer
    from assessments.web.app import create_app
    from assessments.web.publish import report_page

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = FileStore(root / "data")
        account = next(a for a in demo_data() if a.assessment.id == "tessaline-distribution")
        store.save_assessment(account.assessment)
        store.add_responses(list(account.responses))
        app = create_app({"DATA": str(root / "data"), "TESTING": True})
        pulse = app.extensions["readygate"].definitions["post-go-live-pulse"]
        store.add_responses(list(responses(pulse, account.assessment.id, n)))
        renderer = Renderer(SITE)
        started = time.perf_counter()
        with app.test_request_context():
            html = report_page(account.assessment.id, "executive")
        paged = time.perf_counter()
        renderer.render(html, root / "report.pdf")
        seconds = time.perf_counter() - started
        import pikepdf

        with pikepdf.open(root / "report.pdf") as pdf:
            pages = len(pdf.pages)
        return {"n": n, "seconds": seconds, "pdf_seconds": seconds - (paged - started),
                "pages": pages,
                "bytes": (root / "report.pdf").stat().st_size,
                "peak_mb": peak_mb()}


def peak_mb() -> float:
    """This process's peak resident memory in MB. Linux keeps `ru_maxrss` across exec, so a
    process started by a big one would report its parent's peak: VmHWM is its own."""
    import resource
    from pathlib import Path

    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(render_executive(int(sys.argv[1]))))
