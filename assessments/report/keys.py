"""Input keys: the hash of everything a page or a PDF of a report is made from.

The build's manifest compares them to skip what did not change; the live app names its
cached PDFs by them, so a new response makes the next download fresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from assessments.project.brand import Brand
from assessments.store.interface import Store
from assessments.store.records import to_doc
from questionnaires import Questionnaire
from scoring.assess import Assessment
from scoring.ids import STAKEHOLDERS

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


def brand_key(brand: Brand) -> str:
    """The hash of the organisation, the logo's name and bytes, and the accent: a new logo
    or colour makes every page and PDF out of date."""
    logo = [brand.logo_name, hashlib.sha256(brand.data).hexdigest()] if brand.logo else None
    return digest(brand.organisation, logo, brand.accent)


def definition_keys(definitions: Mapping[str, Questionnaire]) -> dict[str, str]:
    """Each definition's digest (the hash of its file's text) by id."""
    return {qid: q.digest or digest(repr(q)) for qid, q in definitions.items()}


def assessment_key(store: Store, defs: Mapping[str, str], assessment: Assessment) -> str:
    """The hash of everything one assessment's report is computed from."""
    records = store.responses(assessment.id, include_superseded=True)
    read = {r.questionnaire for r in records} | ALWAYS_READ
    # The name too: a seller's rename changes what the report shows.
    return digest(to_doc(assessment),
                  [[r.id, r.submitted_at, r.superseded, r.name] for r in records],
                  {qid: defs[qid] for qid in sorted(read) if qid in defs})


def _version() -> str:
    try:
        return metadata.version("readygate")
    except metadata.PackageNotFoundError:
        return "unknown"
