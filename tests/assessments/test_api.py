"""The JSON API through the real app and a real store: tokens, every endpoint, its errors,
confidentiality, and its OpenAPI document checked against every real answer."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from assessments.cli import main
from assessments.store import apitokens
from assessments.store.records import token_hash
from assessments.web.openapi import document
from tests.helpers import HEALTHY_PULSE

DOC = document()
DOC_URI = "urn:readygate:openapi"
REGISTRY = Registry().with_resource(DOC_URI, Resource(contents=DOC, specification=DRAFT202012))
READINESS = "pre-close-readiness"
# The seller's readiness answers: an owner and an agreed workflow, nothing else settled.
SELLER_ANSWERS = {"owner": "named_with_authority", "owner_name": "Ines Duarte, operations",
                  "first_workflow": "agreed", "first_workflow_name": "Weekly exception review",
                  "first_users": "unknown", "data_access": "unknown", "decision_change": "none",
                  "proof_metric": "none", "old_process": "none", "capacity": "none",
                  "stall_risks": "not_discussed"}
SELLER_EVIDENCE = {"owner": 2, "first_workflow": 3}


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _validate(body: Any, pointer: str) -> None:
    Draft202012Validator({"$ref": f"{DOC_URI}#/{pointer}"}, registry=REGISTRY).validate(body)


def _operation(path: str, method: str) -> tuple[str, dict[str, Any]] | None:
    for template, item in DOC["paths"].items():
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    return None


class Api:
    """A test client that sends a bearer token and checks every answer against DOC."""

    def __init__(self, client: Any, token: str) -> None:
        self.client, self.token = client, token
        self.seen: set[tuple[str, str, str]] = set()

    def __call__(self, method: str, path: str, *, token: str | None = "",
                 **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        token = self.token if token == "" else token
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = self.client.open(path, method=method, headers=headers, **kwargs)
        self.check(method, path, response)
        return response

    def check(self, method: str, path: str, response: Any) -> None:
        assert response.is_json, (method, path, response.status_code)
        status = str(response.status_code)
        found = _operation(urlsplit(path).path, method)
        if found is None:  # an address or method the API does not have: an error
            assert response.status_code >= 400
            _validate(response.get_json(), _pointer("components", "schemas", "Error"))
            return
        template, operation = found
        assert status in operation["responses"], \
            f"{method} {template} answered {status}, which the document does not list"
        self.seen.add((template, method.lower(), status))
        _validate(response.get_json(), _pointer("paths", template, method.lower(), "responses",
                                                status, "content", "application/json",
                                                "schema"))


@pytest.fixture
def api(app, store) -> Api:  # type: ignore[no-untyped-def]
    _, token = apitokens.create(store, "sam", "tests")
    return Api(app.test_client(), token)


def cli(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data", str(data_dir), *args])


def new(api: Api, ident: str = "acme", **fields: Any) -> Any:
    response = api("POST", "/api/assessments", json={"id": ident, "account": "Acme",
                                                     "stage": "closing", **fields})
    assert response.status_code == 201, response.get_json()
    return response


def invite(api: Api, ident: str = "acme", **fields: Any) -> dict[str, Any]:
    response = api("POST", f"/api/assessments/{ident}/invitations",
                   json={"questionnaire": READINESS, **fields})
    assert response.status_code == 201, response.get_json()
    found: dict[str, Any] = response.get_json()
    return found


def answer(api: Api, ident: str = "acme", **body: Any) -> Any:
    return api("POST", f"/api/assessments/{ident}/responses", json=body)


# -- tokens ------------------------------------------------------------------------------

def test_a_token_is_printed_once_stored_hashed_listed_and_revoked(api, store, data_dir) -> None:  # type: ignore[no-untyped-def]
    made = cli(data_dir, "token", "create", "sam", "--label", "CRM sync")
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert len(token) >= 43 and "\n" not in token  # 256 bits, alone on standard output
    stored = json.dumps(store.document("api-tokens"))
    assert token not in stored and token_hash(token) in stored
    assert api("GET", "/api/assessments", token=token).status_code == 200
    (ident,) = [t.id for t in apitokens.tokens(store) if t.label == "CRM sync"]
    listed = cli(data_dir, "token", "list")
    assert token not in listed.output and token_hash(token) not in listed.output
    header, *rows = listed.output.splitlines()
    assert header.split() == ["id", "user", "label", "created", "revoked"]
    (row,) = [r for r in rows if r.startswith(ident)]
    assert "sam" in row and "CRM sync" in row and row.rstrip().endswith("no")
    revoked = cli(data_dir, "token", "revoke", ident)
    assert revoked.exit_code == 0 and "no longer opens the API" in revoked.output
    refused = api("GET", "/api/assessments", token=token)
    assert refused.status_code == 401 and 'error="invalid_token"' in \
        refused.headers["WWW-Authenticate"]
    (row,) = [r for r in cli(data_dir, "token", "list").output.splitlines()
              if r.startswith(ident)]
    assert not row.rstrip().endswith("no")  # the revocation's time instead
    assert "there is no user 'nobody'" in cli(data_dir, "token", "create", "nobody").output
    assert "no API token 'tok_x'" in cli(data_dir, "token", "revoke", "tok_x").output
    assert "control character" in cli(data_dir, "token", "create", "sam", "--label",
                                      "a\x07b").output


def test_a_token_whose_user_is_gone_opens_nothing(api, store) -> None:  # type: ignore[no-untyped-def]
    assert api("GET", "/api/assessments").status_code == 200
    # As a removed account leaves its tokens behind: the user they name no longer exists.
    store.change_document("api-tokens", lambda doc: {
        k: {**v, "user": "gone"} for k, v in doc.items()})
    assert api("GET", "/api/assessments").status_code == 401


def test_only_a_bearer_token_opens_the_api_not_the_login_cookie(api, seller) -> None:  # type: ignore[no-untyped-def]
    assert seller.get("/").status_code == 200  # logged in for the pages
    for headers, words in [({}, "send an API token"),
                           ({"Authorization": "Basic c2FtOnB3"}, "send an API token"),
                           ({"Authorization": "Bearer "}, "send an API token"),
                           ({"Authorization": "Bearer not-a-token"}, "does not open the API")]:
        response = seller.get("/api/assessments", headers=headers)
        api.check("GET", "/api/assessments", response)
        assert response.status_code == 401 and words in response.get_json()["error"], headers
        assert response.headers["WWW-Authenticate"].startswith('Bearer realm="readygate"')


def test_api_posts_need_no_csrf_token_while_pages_still_do(data_dir: Path) -> None:
    from assessments.web.app import create_app
    from assessments.web.auth import add_user

    app = create_app({"DATA": str(data_dir), "TESTING": True})  # CSRF on, as served
    store = app.extensions["readygate"].store
    add_user(store, "sam", "correct horse battery")
    _, token = apitokens.create(store, "sam")
    client = app.test_client()
    page = client.post("/login", data={"name": "sam", "password": "correct horse battery"})
    assert page.status_code == 400 and "The form has expired" in page.get_data(as_text=True)
    created = Api(client, token)("POST", "/api/assessments",
                                 json={"id": "acme", "account": "Acme"})
    assert created.status_code == 201


# -- assessments -------------------------------------------------------------------------

def test_create_read_and_change_an_assessment(api, data_dir) -> None:  # type: ignore[no-untyped-def]
    created = new(api, go_live="2027-01-04")
    assert created.headers["Location"] == "/api/assessments/acme"
    read = api("GET", "/api/assessments/acme").get_json()
    assert read == created.get_json()
    assert answer(api, questionnaire=READINESS, answers=SELLER_ANSWERS,
                  evidence=SELLER_EVIDENCE).status_code == 201
    # The same roll-up, in the same shape, as `readygate score --json` prints.
    printed = cli(data_dir, "score", "acme", "--json")
    assert printed.exit_code == 0, printed.output
    assert api("GET", "/api/assessments/acme").get_json() == json.loads(printed.stdout)
    changed = api("PATCH", "/api/assessments/acme", json={"stage": "implementing",
                                                          "deal": "Pilot"})
    assert changed.status_code == 200
    assert changed.get_json()["assessment"] == {
        "id": "acme", "account": "Acme", "deal": "Pilot", "owner": "", "stage": "implementing",
        "close_date": "", "go_live": "2027-01-04"}  # what was not given stays
    for body, words in [({"id": "other"}, "id cannot change"),
                        ({"stage": "done"}, "stage 'done' is not valid"),
                        ({"go_live": "soon"}, "go-live date 'soon' is not a date"),
                        ({"questionnaires": ["nope"]}, "no questionnaire 'nope'"),
                        ({"account": None}, "account is required")]:
        refused = api("PATCH", "/api/assessments/acme", json=body)
        assert refused.status_code == 400 and words in refused.get_json()["error"], body


def test_the_list_summarises_each_roll_up(api) -> None:  # type: ignore[no-untyped-def]
    new(api, "acme")
    new(api, "beta", account="Beta", stage="qualifying")
    answer(api, "acme", questionnaire=READINESS, answers=SELLER_ANSWERS,
           evidence=SELLER_EVIDENCE)
    listed = api("GET", "/api/assessments").get_json()["assessments"]
    assert [x["assessment"]["id"] for x in listed] == ["acme", "beta"]
    acme = api("GET", listed[0]["url"]).get_json()
    assert {k: listed[0][k] for k in ("verdict", "score", "coverage", "failed_gates")} == \
        {k: acme[k] for k in ("verdict", "score", "coverage", "failed_gates")}
    assert listed[0]["next_action"] == acme["next_actions"][0]
    assert listed[0]["last_response"] and listed[1]["last_response"] is None
    assert listed[1]["verdict"] == "insufficient_data" and listed[1]["next_action"]


# -- links and responses -----------------------------------------------------------------

def test_a_link_is_made_once_opens_its_form_and_is_revoked(api, client, store) -> None:  # type: ignore[no-untyped-def]
    new(api)
    made = invite(api, name="Ines", segment="ops")
    link, token = made["link"], made["token"]
    assert link == f"http://rg.test/r/{token}"
    assert store.invitation_by_token(token).id == made["invitation"]["id"]
    assert made["invitation"]["role"] == "stakeholder" and made["invitation"]["state"] == "ok"
    assert token not in json.dumps(api("GET", "/api/assessments/acme").get_json())
    assert client.get(urlsplit(link).path).status_code == 200
    revoked = api("DELETE", f"/api/assessments/acme/invitations/{made['invitation']['id']}")
    assert revoked.status_code == 200 and revoked.get_json()["invitation"]["state"] == "revoked"
    assert client.get(urlsplit(link).path).status_code == 410
    late = answer(api, invitation=made["invitation"]["id"], answers=SELLER_ANSWERS)
    assert late.status_code == 409 and "revoked" in late.get_json()["error"]
    for body, words in [({"questionnaire": "nope"}, "unknown questionnaire 'nope'"),
                        ({"role": "user"}, "not a user"), ({"named": "yes"}, "named must be"),
                        ({"expires_days": 0}, "expiry must be from 1 to 3650 days"),
                        ({"questionnaire": None}, "questionnaire is required")]:
        refused = api("POST", "/api/assessments/acme/invitations",
                      json={"questionnaire": READINESS, **body})
        assert refused.status_code == 400 and words in refused.get_json()["error"], body
    gone = api("DELETE", "/api/assessments/acme/invitations/inv_nope")
    assert gone.status_code == 404 and "inv_nope" in gone.get_json()["error"]


def test_answers_are_checked_as_the_web_form_and_an_import_check_them(  # type: ignore[no-untyped-def]
        api, store, data_dir, tmp_path) -> None:
    new(api)
    bad = {**SELLER_ANSWERS, "owner": "everyone", "first_users": None}
    refused = answer(api, questionnaire=READINESS, answers=bad)
    assert refused.status_code == 400
    message = refused.get_json()["error"]
    assert "question 'owner': Not a valid choice" in message and "question 'first_users'" in \
        message
    # `readygate import` says the same of the same answers: one check for both.
    file = tmp_path / "bad.json"
    file.write_text(json.dumps({"responses": [{"assessment": "acme", "questionnaire": READINESS,
                                               "role": "seller", "answers": bad}]}))
    imported = cli(data_dir, "import", str(file))
    assert imported.exit_code == 1 and message in imported.output
    unknown = answer(api, questionnaire=READINESS, answers={**SELLER_ANSWERS, "owner_nme": "x"})
    assert "owner_nme: not a question of pre-close-readiness" in unknown.get_json()["error"]
    # As on the web, an answer to a question that is not relevant is dropped.
    stored = answer(api, questionnaire=READINESS, answers={**SELLER_ANSWERS, "owner": "none"},
                    evidence=SELLER_EVIDENCE)
    assert stored.status_code == 201
    (record,) = store.responses("acme")
    assert "owner_name" not in record.answers and record.evidence["owner"] == 2
    assert (record.role, record.respondent, record.name) == ("seller", "sam", "sam")
    assert record.id == stored.get_json()["response"]["id"]
    for body, words in [({"answers": SELLER_ANSWERS}, "questionnaire is required"),
                        ({"questionnaire": READINESS, "answers": []}, "must be objects"),
                        ({"questionnaire": "post-go-live-pulse", "answers": {}},
                         "is not asked in acme"),
                        ({"invitation": "inv_nope", "answers": {}}, "no invitation 'inv_nope'"),
                        ({"questionnaire": READINESS}, "must be objects"),
                        ({"questionnaire": "stakeholder-map", "answers": {}},
                         "question 'stakeholders': Fill in at least one row")]:
        refused = answer(api, **body)
        assert refused.status_code in (400, 404) and words in refused.get_json()["error"], body


def test_errors_are_json_a_person_can_act_on(api) -> None:  # type: ignore[no-untyped-def]
    new(api, "acme")
    new(api, "secret-deal", account="Secret")
    missing = api("GET", "/api/assessments/nope")
    assert missing.status_code == 404 and "secret-deal" not in missing.get_data(as_text=True)
    cases = [
        (dict(json={"id": "x", "account": 3}), 400, "account must be text"),
        (dict(json={"id": "x", "account": "X", "colour": "red"}), 400,
         "unknown field 'colour'"),
        (dict(data='{"id": "x",', content_type="application/json"), 400, "body:1:12"),
        (dict(data="[" * 40 + "]" * 40, content_type="application/json"), 400,
         "nested more than 32 levels"),
        (dict(json=["x"]), 400, "must be a JSON object, not a list"),
        (dict(data=b"\xff", content_type="application/json"), 400, "not UTF-8"),
        (dict(data="id=x", content_type="application/x-www-form-urlencoded"), 415,
         "Content-Type: application/json"),
        (dict(data="x" * 600_000, content_type="application/json"), 413, "at most 512 KB"),
        (dict(json={"id": "acme", "account": "Again"}), 400, "exists already"),
        (dict(json={"id": "Not OK", "account": "X"}), 400, "id 'Not OK' is not valid"),
    ]
    for kwargs, status, words in cases:
        response = api("POST", "/api/assessments", **kwargs)
        assert response.status_code == status and words in response.get_json()["error"], \
            (kwargs, response.get_json())
    wrong = api("PUT", "/api/assessments/acme", json={})
    assert wrong.status_code == 405 and "PUT" in wrong.get_json()["error"]
    assert set(wrong.headers["Allow"].split(", ")) >= {"GET", "PATCH"}
    nowhere = api("GET", "/api/nothing-here")
    assert nowhere.status_code == 404 and "openapi.json" in nowhere.get_json()["error"]
    bad_flag = api("GET", "/api/assessments/acme/responses?history=maybe")
    assert bad_flag.status_code == 400 and "history" in bad_flag.get_json()["error"]


# -- confidentiality ---------------------------------------------------------------------

def test_no_api_answer_shows_a_confidential_respondents_free_text(api, data_dir) -> None:  # type: ignore[no-untyped-def]
    go_live = (dt.date.today() - dt.timedelta(days=20)).isoformat()
    new(api, stage="live", go_live=go_live,
        questionnaires=[READINESS, "stakeholder-map", "post-go-live-pulse"])
    bodies = []

    def send(**body: Any) -> None:
        response = answer(api, **body)
        assert response.status_code == 201, response.get_json()
        bodies.append(response.get_data(as_text=True))

    send(questionnaire=READINESS, answers=SELLER_ANSWERS, evidence=SELLER_EVIDENCE)
    quilla = invite(api, name="Quilla")["invitation"]["id"]
    send(invitation=quilla, evidence={"owner": 3}, answers={
        "owner": "named", "owner_name": "SECRET owner name", "first_workflow": "agreed",
        "first_workflow_name": "SECRET workflow", "first_users": "group_named",
        "first_users_detail": "SECRET users", "data_access": "agreed",
        "data_access_detail": "SECRET data", "decision_change": "named",
        "decision_change_detail": "SECRET decisions",
        "proof_metric": "metric_baseline_target", "proof_metric_name": "SECRET metric",
        "proof_metric_baseline": "SECRET baseline", "proof_metric_target": "SECRET target",
        "old_process": "agreed", "old_process_detail": "SECRET old way",
        "capacity": "named", "capacity_detail": "SECRET capacity",
        "stall_risks": "named", "stall_risks_detail": "SECRET risks"})
    mapping = invite(api, questionnaire="stakeholder-map", name="Olamide")["invitation"]["id"]
    send(invitation=mapping, answers={
        "role_group": "daily_user", "wanted_it": "no", "my_success": "SECRET success",
        "my_resistance": "SECRET resistance",
        **{f"adkar_{k}": 2 for k in ("awareness", "desire", "knowledge_what", "knowledge_how",
                                     "ability_time", "ability_access", "ability_skills",
                                     "reinforcement")}})
    kim = invite(api, questionnaire="post-go-live-pulse", role="user", name="Kimiko")
    blockers = ["product_friction", "trust", "workflow", "capacity", "training", "commercial"]
    send(invitation=kim["invitation"]["id"], answers={
        **HEALTHY_PULSE, "first_value": "SECRET value", "blockers": blockers,
        **{f"blocker_{b}_detail": f"SECRET blocker {b}" for b in blockers}})
    named = invite(api, questionnaire="post-go-live-pulse", role="user", name="Noor",
                   named=True)
    send(invitation=named["invitation"]["id"],
         answers={**HEALTHY_PULSE, "first_value": "Named value, shown with the name"})
    bodies += [api("GET", path).get_data(as_text=True) for path in [
        "/api/assessments", "/api/assessments/acme", "/api/assessments/acme/responses",
        "/api/assessments/acme/responses?history=true"]]
    bodies.append(api("PATCH", "/api/assessments/acme", json={}).get_data(as_text=True))
    for body in bodies:
        assert "SECRET" not in body, re.findall(r".{300}SECRET.{100}", body)
    for body in bodies[-5:]:  # what the API reads out: nor who they are
        assert not re.search("Quilla|Olamide|Kimiko", body), body
    exported = api("GET", "/api/assessments/acme/responses").get_json()
    assert exported["withheld"] == 3
    assert {(r["role"], r["name"]) for r in exported["responses"]} == {
        ("seller", "sam"), ("user", "Noor")}
    assert "Named value, shown with the name" in json.dumps(exported)  # the test can fail
    # Stored, and in `readygate export`, which has every answer: the API leaves them out.
    assert "SECRET workflow" in cli(data_dir, "export", "--assessment", "acme").stdout


# -- the OpenAPI document ----------------------------------------------------------------

def test_every_documented_answer_comes_for_real_and_matches_its_schema(api, store) -> None:  # type: ignore[no-untyped-def]
    for schema in DOC["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert api("GET", "/api/openapi.json", token=None).get_json() == DOC
    new(api)
    link = invite(api)["invitation"]["id"]
    answer(api, questionnaire=READINESS, answers=SELLER_ANSWERS, evidence=SELLER_EVIDENCE)
    api("GET", "/api/assessments")
    api("GET", "/api/assessments/acme")
    api("PATCH", "/api/assessments/acme", json={"deal": "Pilot"})
    api("GET", "/api/assessments/acme/responses")
    api("DELETE", f"/api/assessments/acme/invitations/{link}")
    answer(api, invitation=link, answers={})  # 409: revoked
    for template, item in DOC["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or not operation.get("security", True):
                continue
            path = template.replace("{ident}", "acme").replace("{invitation}", link)
            api(method.upper(), path, token=None)  # 401
            if "{ident}" in template:
                api(method.upper(), template.replace("{ident}", "nope").replace(
                    "{invitation}", link), json={})  # 404
            if "requestBody" in operation:
                api(method.upper(), path, json=[])  # 400
                api(method.upper(), path, data="x")  # 415
                api(method.upper(), path, data="x" * 600_000,
                    content_type="application/json")  # 413
    api("GET", "/api/assessments/acme/responses?history=maybe")  # 400
    documented = {(template, method, status) for template, item in DOC["paths"].items()
                  for method, operation in item.items() if method != "parameters"
                  for status in operation["responses"]}
    assert documented - api.seen == set()


def test_every_api_address_is_in_the_openapi_document(app) -> None:  # type: ignore[no-untyped-def]
    routes = {(re.sub(r"<(\w+)>", r"{\1}", rule.rule), method.lower())
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(template, method) for template, item in DOC["paths"].items()
                  for method in item if method != "parameters"}
    assert routes == documented


def test_every_demo_roll_up_matches_the_schema(api, store) -> None:  # type: ignore[no-untyped-def]
    from assessments.demo.load import load_demo

    load_demo(store)
    listed = api("GET", "/api/assessments").get_json()["assessments"]
    assert len(listed) == 6
    for summary in listed:
        rolled = api("GET", summary["url"]).get_json()
        assert rolled["verdict"] == summary["verdict"]
        api("GET", summary["url"] + "/responses?history=true")


# -- end to end --------------------------------------------------------------------------

@pytest.fixture
def served(data_dir: Path, open_engine: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app on a real HTTP server on loopback, in a thread, on each engine in turn (the
    command line reads the same store): its address."""
    from assessments.web.app import create_app
    from tests.browser.helpers import serving

    url = getattr(open_engine(data_dir), "url", "")
    monkeypatch.setenv("READYGATE_DATABASE_URL", url)
    with serving(create_app({"DATA": str(data_dir), "DATABASE_URL": url})) as base:
        yield base


def test_a_client_creates_invites_submits_and_reads_the_verdict(data_dir, served) -> None:  # type: ignore[no-untyped-def]
    user = CliRunner().invoke(main, ["--data", str(data_dir), "adduser", "sam", "--name",
                                     "Sam Rivera"], input="correct horse battery\n" * 2)
    assert user.exit_code == 0, user.output
    token = cli(data_dir, "token", "create", "sam", "--label", "CRM sync").stdout.strip()

    def call(method: str, path: str, body: object = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            served + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())

    assert call("POST", "/api/assessments", {"id": "acme", "account": "Acme",
                                             "stage": "closing"})[0] == 201
    status, made = call("POST", "/api/assessments/acme/invitations",
                        {"questionnaire": READINESS, "name": "Ines"})
    assert status == 201 and made["link"].startswith(served + "/r/")
    assert call("POST", "/api/assessments/acme/responses", {
        "questionnaire": READINESS, "answers": SELLER_ANSWERS,
        "evidence": SELLER_EVIDENCE})[0] == 201
    # The customer says the owner is named but cannot make tradeoffs: the lower answer counts.
    status, stored = call("POST", "/api/assessments/acme/responses", {
        "invitation": made["invitation"]["id"],
        "answers": {**SELLER_ANSWERS, "owner": "named", "first_users": "group_named"}})
    assert status == 201 and stored["response"]["role"] == "stakeholder"
    status, rolled = call("GET", "/api/assessments/acme")
    assert status == 200 and rolled["verdict"] == "not_ready"
    assert rolled["questionnaires"][READINESS]["respondents"] == 2
    assert rolled["failed_gates"] and rolled["next_actions"]
    printed = cli(data_dir, "score", "acme", "--json")
    assert json.loads(printed.stdout)["verdict"] == rolled["verdict"]
