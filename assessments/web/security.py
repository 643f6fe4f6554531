"""Security headers and the one error handler for web errors: pages get an error page, the
JSON API (under API) a JSON body {"error": "…"}."""

from __future__ import annotations

import base64
import hashlib

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from assessments.words import gettext
from questionnaires.translation import N_

# No inline script or style (but the brand's one rule, by its hash); forms post only here;
# nobody frames us.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Respondent links carry their token in the URL: never send it on as a Referer.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# An error page's heading and sentence, in the page's language (a respondent's link may
# meet any of these). Other codes keep Werkzeug's English.
TITLES = {
    400: N_("Bad Request"),
    403: N_("Forbidden"),
    404: N_("Not Found"),
    405: N_("Method Not Allowed"),
    410: N_("Gone"),
    413: N_("Request Entity Too Large"),
    429: N_("Too Many Requests"),
}
MESSAGES = {
    400: N_("The request could not be understood."),
    403: N_("You do not have access to this page."),
    404: N_("There is nothing at this address."),
    405: N_("That is not something this page does."),
    410: N_("This link is no longer valid."),
    413: N_("What was sent is too large."),
    429: N_("Too many attempts. Try again later."),
}


API = "/api"
"""Where the JSON API lives (assessments.web.api): its errors are JSON, never a page."""
# What a JSON error says when the code that raised it said nothing of its own.
API_MESSAGES = {
    401: "send an API token as `Authorization: Bearer <token>` (`readygate token create "
         "USER` makes one)",
    404: f"there is nothing at this address: {API}/openapi.json lists every endpoint",
    415: "send a JSON object with `Content-Type: application/json`",
}


def is_api(path: str) -> bool:
    """Whether a request path is the JSON API's."""
    return path == API or path.startswith(API + "/")


def json_error(error: HTTPException) -> tuple[Response, int, dict[str, str]]:
    """A web error as the API answers it: {"error": a sentence a person can act on}."""
    code = error.code or 500
    if error.description != type(error).description:  # the raiser's own words
        message = str(error.description)
    elif code == 405:
        allowed = ", ".join(sorted(set(getattr(error, "valid_methods", None) or ())
                                   - {"HEAD", "OPTIONS"}))
        message = f"{request.method} is not something {request.path} does; it takes {allowed}"
    elif code == 413:
        limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // 1024
        message = f"the body is too large: send at most {limit} KB"
    else:
        message = API_MESSAGES.get(code) or str(error.description or error.name)
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    return jsonify(error=message), code, headers


def policy(style: str = "") -> str:
    """The Content-Security-Policy, allowing the one inline `<style>` whose text is `style`."""
    if not style:
        return CSP
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    return CSP.replace("style-src 'self'", f"style-src 'self' 'sha256-{digest}'")


def init_app(app: Flask, *, style: str = "") -> None:
    """Add the headers to every response and one handler for every web error; `style`: the
    text of the one inline style element pages may carry (the brand's accent)."""
    sent = {**HEADERS, "Content-Security-Policy": policy(style)}

    @app.after_request
    def headers(response: Response) -> Response:
        for name, value in sent.items():
            response.headers.setdefault(name, value)
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("error.html", code=400, title=gettext("The form has expired"),
                               message=gettext("The form was not sent from this site or has "
                                               "expired. Go back, reload the page and send it "
                                               "again.")), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str | Response, int, dict[str, str]]:
        if is_api(request.path):
            return json_error(error)
        code = error.code or 500
        title = getattr(error, "title", None) or (
            gettext(TITLES[code]) if code in TITLES else error.name)
        message = getattr(error, "message", None) or (
            gettext(MESSAGES[code]) if code in MESSAGES else error.description)
        # Keep what the error says about itself: Retry-After on a 429, Allow on a 405.
        headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return render_template("error.html", code=code, title=title, message=message), code, \
            headers
