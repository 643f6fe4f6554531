"""The build manifest: every output's input hash, so a rebuild writes only what changed.

`<out>/.readygate-manifest.json` maps each output file (a path relative to `<out>`) to the
hash of what it was built from. A report page and its PDF depend on the assessment record,
its responses (id, submitted_at, superseded), the digests of the definitions its roll-up
reads, every template, print file and stylesheet under `site/`, and readygate's version;
the index on every assessment; a blank form on its definition; the scoring page on all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from assessments.store import atomic
from assessments.store.filestore import Store
from assessments.store.records import to_doc
from questionnaires import Questionnaire
from scoring.assess import Assessment
from scoring.ids import STAKEHOLDERS

NAME = ".readygate-manifest.json"
FORMAT = 1
# The stakeholder map names the groups nobody mapped, by their labels, even without a single
# answer: every report reads that definition. Others matter only to assessments answering them.
ALWAYS_READ = frozenset({STAKEHOLDERS})
# What shapes pages and PDFs. Other static files are copied, and compared byte for byte.
SITE_INPUTS = ("templates/**/*", "print/**/*", "static/**/*.css")


def digest(*parts: object) -> str:
    """A stable SHA-256 of JSON-serialisable parts."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def site_key(site: Path) -> str:
    """The hash of readygate's version and every template, print file and stylesheet."""
    files = sorted({p for pattern in SITE_INPUTS for p in site.glob(pattern) if p.is_file()})
    parts = [[p.relative_to(site).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()]
             for p in files]
    return digest(_version(), parts)


def definition_keys(definitions: Mapping[str, Questionnaire]) -> dict[str, str]:
    """Each definition's digest (the hash of its file's text) by id."""
    return {qid: q.digest or digest(repr(q)) for qid, q in definitions.items()}


def assessment_key(store: Store, defs: Mapping[str, str], assessment: Assessment) -> str:
    """The hash of everything one assessment's report is computed from."""
    records = store.responses(assessment.id, include_superseded=True)
    read = {r.questionnaire for r in records} | ALWAYS_READ
    return digest(to_doc(assessment), [[r.id, r.submitted_at, r.superseded] for r in records],
                  {qid: defs[qid] for qid in sorted(read) if qid in defs})


def load(out: Path) -> dict[str, str]:
    """The previous build's outputs and their keys; empty (build everything) if unreadable."""
    try:
        data = json.loads((out / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    outputs = data.get("outputs")
    if not isinstance(outputs, dict):
        return {}
    return {str(k): str(v) for k, v in outputs.items()}


def save(out: Path, outputs: Mapping[str, str]) -> None:
    """Write the manifest atomically: a crash leaves the previous one."""
    atomic.write_json(out / NAME, {"format": FORMAT, "outputs": dict(sorted(outputs.items()))})


def remove_stale(out: Path, previous: Iterable[str], current: Mapping[str, str]) -> list[str]:
    """Delete outputs the previous build wrote and this one did not; the paths removed."""
    removed = []
    root = out.resolve()
    for rel in sorted(set(previous) - set(current)):
        path = (root / rel).resolve()
        # Only ever files inside the output folder, whatever a hand-edited manifest says.
        if root not in path.parents or not path.is_file():
            continue
        path.unlink()
        removed.append(rel)
        for parent in path.parents:
            if parent == root or any(parent.iterdir()):
                break
            parent.rmdir()
    return removed


def _version() -> str:
    try:
        return metadata.version("readygate")
    except metadata.PackageNotFoundError:
        return "unknown"
