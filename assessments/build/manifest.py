"""The build manifest: every output's input hash, so a rebuild writes only what changed.

`<out>/.readygate-manifest.json` maps each output file (a path relative to `<out>`) to the
hash of what it was built from. A report page and its PDF depend on the assessment record,
its responses (id, submitted_at, superseded), the digests of the definitions its roll-up
reads, every template, print file and stylesheet under `site/`, the brand (organisation,
logo bytes, accent) and readygate's version;
the portfolio (the index and its stage, verdict and owner pages) on every
assessment; a blank form on its definition; the scoring page on all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from assessments.report.keys import (  # re-exported: the build reads them as manifest.*
    ALWAYS_READ,
    SITE_INPUTS,
    assessment_key,
    brand_key,
    definition_keys,
    digest,
    site_key,
)
from assessments.store import atomic

__all__ = ["ALWAYS_READ", "FORMAT", "NAME", "SITE_INPUTS", "assessment_key", "brand_key",
           "definition_keys", "digest", "load", "remove_stale", "save", "site_key"]

NAME = ".readygate-manifest.json"
FORMAT = 1
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
