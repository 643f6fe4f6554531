"""Static survey pages: each respondent questionnaire as a standalone form for any host.

`readygate build --forms URL` writes `forms/<assessment>/<questionnaire>/index.html`. A page
posts the live form's fields (named by question id, so a form backend's CSV export imports
with `readygate import`), hidden `assessment`, `questionnaire` and `role` fields, a `token`
of an open link, and a honeypot. `/collect` (assessments.web.collector) accepts such posts.

The token is derived, not stored: HMAC of the invitation id under the store's secret key.
Rebuilding reuses the same open invitation, so the same page; only its hash is stored.
Revoking that invitation makes the next build create a new one, hence a new token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, render_template
from wtforms import Form

from assessments.errors import InputError
from assessments.forms import classes as forms
from assessments.forms.fields import (
    EVIDENCE_SUFFIX,
    HONEYPOT_FIELD,
    POSTED_NAMES,
    TOKEN_FIELD,
)
from assessments.store import service
from assessments.store.interface import Store
from assessments.store.records import Invitation, new_id, token_hash
from assessments.web import language
from assessments.web.context import min_group
from assessments.words import gettext
from questionnaires import Questionnaire
from scoring.assess import applying
from scoring.ids import RESPONDENT_ROLES
from scoring.privacy import notice

# Pages sit at forms/<assessment>/<questionnaire>/index.html: three levels below the root.
ROOT = "../../../"
STATIC_ROWS = 5
"""Rows shown for a repeat: a static page cannot post back to add one."""
LINK_NAME = "Static form (open link)"
_LABEL = b"readygate static form link\x00"  # keeps these MACs apart from other uses of the key


def derive_token(secret: bytes, invitation_id: str) -> str:
    """The open-link token of an invitation: HMAC-SHA256, URL-safe base64 (256 bits)."""
    digest = hmac.new(secret, _LABEL + invitation_id.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def respondent_role(q: Questionnaire) -> str | None:
    """The role a static page answers as: the first respondent audience, None for sellers."""
    return next((a for a in q.audience if a in RESPONDENT_ROLES), None)


def open_link(store: Store, q: Questionnaire, assessment: str) -> tuple[Invitation, str]:
    """The open link a page embeds: the oldest usable one whose token we can derive, or new."""
    role = respondent_role(q)
    if role is None:
        raise InputError(f"{q.id} is answered by sellers only; it has no static form")
    secret = store.secret_key()
    for invitation in store.invitations(assessment):
        if (invitation.open and invitation.questionnaire == q.id and invitation.role == role
                and service.link_state(invitation) == "ok"):
            token = derive_token(secret, invitation.id)
            # A link made elsewhere (or under an older key) has a token we cannot know.
            if hmac.compare_digest(invitation.token_hash, token_hash(token)):
                return invitation, token
    ident = new_id("inv")
    token = derive_token(secret, ident)
    invitation = Invitation(ident, token_hash(token), assessment, q.id, role, name=LINK_NAME,
                            open=True, created_at=service.iso(service.now()))
    store.add_invitation(invitation)
    return invitation, token


def check_action(action: str) -> str:
    """The action URL if a browser can post to it: http(s), or a path on the same host."""
    parts = urlsplit(action)
    if not action.strip() or action != action.strip() or parts.scheme not in ("", "http",
                                                                                "https"):
        raise InputError(f"--forms {action!r} is not a URL to post to: use one like "
                         "https://example.com/collect")
    if parts.scheme and not parts.netloc:
        raise InputError(f"--forms {action!r} has no host: use one like "
                         "https://example.com/collect")
    return action


def _check_names(q: Questionnaire) -> None:
    """Refuse a question whose name the page needs for itself (row cells carry a prefix)."""
    for question in q.top_questions:
        for name in (question.id, question.id + EVIDENCE_SUFFIX):
            if name in POSTED_NAMES:
                raise InputError(f"question '{question.id}' of {q.id} cannot be in a static "
                                 f"form: the page posts '{name}' itself; rename the question")


def _static_url(endpoint: str, **values: Any) -> str:
    """`url_for` for a page opened from disk or under any prefix: relative asset paths."""
    if endpoint != "static":
        raise ValueError(f"a static form page cannot link to {endpoint!r}")
    return f"{ROOT}static/{values['filename']}"


def render_page(q: Questionnaire, *, account: str, action: str,
                hidden: Mapping[str, str]) -> str:
    """One static page (call inside a request context of the app), in the questionnaire's
    default language: its labels, and the page's own words where a catalog has them."""
    language.speak(q.default_language)
    role = hidden["role"]
    cls = forms.form_class(q, audience=role, base=Form)
    repeats = [q.question(i.id) for part in cls._layout  # type: ignore[attr-defined]
               for i in part.items if i.type == "repeat"]
    rows: dict[str, list[dict[str, object]]] = {
        x.id: [{}] * min(x.max_rows, max(x.min_rows, STATIC_ROWS)) for x in repeats}
    return render_template("static_form.html", q=q, form=cls(data=rows), errors=(),
                           language=q.default_language, action=action,
                           intro=gettext("For %(account)s", account=account), hidden=hidden,
                           privacy=notice(customer=True, named=False, min_group=min_group(),
                                          claims=any(x.evidence for x in q.all_questions()),
                                          translate=gettext),
                           honeypot=HONEYPOT_FIELD, url_for=_static_url)


def write_forms(app: Flask, store: Store, definitions: Mapping[str, Questionnaire], out: Path,
                *, action: str) -> list[Path]:
    """Write each assessment's respondent questionnaires (those that apply to it) as static
    pages; the files written."""
    check_action(action)
    answerable = [q for _, q in sorted(definitions.items()) if respondent_role(q)]
    for q in answerable:
        _check_names(q)
    written = []
    with app.test_request_context():
        for assessment in store.assessments():
            asked = applying(assessment, definitions)
            for q in (q for q in answerable if q.id in asked):
                invitation, token = open_link(store, q, assessment.id)
                hidden = {"assessment": assessment.id, "questionnaire": q.id,
                          "role": invitation.role, TOKEN_FIELD: token}
                page = render_page(q, account=assessment.account, action=action,
                                   hidden=hidden)
                path = out / "forms" / assessment.id / q.id / "index.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(page, encoding="utf-8")
                written.append(path)
    return written
