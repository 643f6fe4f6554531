"""The live app's portfolio filtered by stage, verdict and owner and sorted by any column."""

from __future__ import annotations

import re

import pytest

from assessments.store import service
from assessments.web.portfolio import NO_OWNER, slug
from scoring.ids import STAGES


@pytest.fixture
def demo(app, store):  # type: ignore[no-untyped-def]
    """The demo accounts in the app's store; each assessment's roll-up by id."""
    from assessments.demo.load import load_demo

    load_demo(store)
    definitions = app.extensions["readygate"].definitions
    return {a.id: service.rollup(store, definitions, a.id) for a in store.assessments()}


def listed(seller, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The assessment ids a portfolio page lists, top to bottom."""
    response = seller.get(url)
    assert response.status_code == 200, url
    body = response.get_data(as_text=True).partition("<tbody>")[2]
    return re.findall(r'<tr>\s*<td><a href="/reports/([a-z0-9-]+)/">', body)


def test_each_stage_verdict_and_owner_lists_exactly_its_assessments(  # type: ignore[no-untyped-def]
        seller, store, demo) -> None:
    everyone = store.assessments()
    assert listed(seller, "/reports/") == [a.id for a in everyone]
    for stage in STAGES:
        assert listed(seller, f"/reports/?stage={stage}") == \
            [a.id for a in everyone if a.stage == stage], stage
    verdicts = {r.verdict for r in demo.values()}
    assert len(verdicts) >= 4
    for verdict in verdicts:
        assert listed(seller, f"/reports/?verdict={verdict}") == \
            [a.id for a in everyone if demo[a.id].verdict == verdict], verdict
    for owner in {a.owner for a in everyone}:
        mine = [a.id for a in everyone if a.owner == owner]
        # The owner's name (as the filter form of a hand-written address) or its slug.
        assert listed(seller, f"/reports/?owner={owner}") == mine, owner
        assert listed(seller, f"/reports/?owner={slug(owner)}") == mine, owner


def test_filters_combine_and_an_empty_result_says_so(seller, store, demo) -> None:  # type: ignore[no-untyped-def]
    jo = [a for a in store.assessments() if a.owner == "Jo Okafor"]
    assert {a.stage for a in jo} == {"closing", "live"}
    assert listed(seller, "/reports/?stage=closing&owner=Jo%20Okafor") == \
        [a.id for a in jo if a.stage == "closing"]
    live = [a.id for a in store.assessments() if a.stage == "live"]
    verdict = demo[live[0]].verdict
    assert listed(seller, f"/reports/?stage=live&verdict={verdict}&owner=jo-okafor") == \
        [i for i in live if demo[i].verdict == verdict and
         store.assessment(i).owner == "Jo Okafor"]
    page = seller.get("/reports/?stage=live&verdict=ready").get_data(as_text=True)
    assert "<table" not in page
    assert "No assessment matches stage Live, verdict Ready." in page
    assert "0 of 6 assessments" in page


def test_sorting_by_score_either_way_puts_unscored_ones_last(  # type: ignore[no-untyped-def]
        seller, store, demo) -> None:
    service.create_assessment(store, {"id": "aaa-new", "account": "Aardvark Ltd",
                                      "owner": "Sam Berg"})
    scores = {ident: r.score for ident, r in demo.items()}
    assert None not in scores.values()
    rising = sorted(scores, key=lambda ident: scores[ident])
    assert listed(seller, "/reports/?sort=score") == [*rising, "aaa-new"]
    assert listed(seller, "/reports/?sort=score&order=asc") == [*rising, "aaa-new"]
    assert listed(seller, "/reports/?sort=score&order=desc") == [*reversed(rising), "aaa-new"]
    # Filters and sort together; the default order is by id, the new one first.
    assert listed(seller, "/reports/")[0] == "aaa-new"
    assert listed(seller, "/reports/?owner=sam-berg&sort=score&order=desc") == \
        [*(i for i in reversed(rising) if store.assessment(i).owner == "Sam Berg"), "aaa-new"]


def test_other_columns_sort_as_a_reader_expects(seller, store, demo) -> None:  # type: ignore[no-untyped-def]
    everyone = store.assessments()
    assert listed(seller, "/reports/?sort=stage") == \
        [a.id for a in sorted(everyone, key=lambda a: STAGES.index(a.stage))]
    assert listed(seller, "/reports/?sort=account&order=desc") == \
        [a.id for a in sorted(everyone, key=lambda a: a.account.lower(), reverse=True)]
    newest = listed(seller, "/reports/?sort=last&order=desc")
    last = {a.id: service.last_response(store, a.id) for a in everyone}
    assert [last[i] for i in newest] == sorted(last.values(), reverse=True)
    worst = listed(seller, "/reports/?sort=verdict")
    assert demo[worst[-1]].verdict in ("ready", "healthy")
    assert demo[worst[0]].verdict in ("not_ready", "at_risk")


def test_the_sorted_heading_says_so_and_links_the_other_way(seller, demo) -> None:  # type: ignore[no-untyped-def]
    page = seller.get("/reports/?stage=live&sort=score&order=desc").get_data(as_text=True)
    heading = re.search(r'<th scope="col" aria-sort="descending"><a href="([^"]+)">Score', page)
    assert heading and heading[1] == "/reports/?stage=live&amp;sort=score"
    assert page.count("aria-sort=") == 1
    assert "2 of 6 assessments: stage Live, by score, descending." in page
    # Another column starts ascending and keeps the filter.
    assert 'href="/reports/?stage=live&amp;sort=account">Account' in page


def test_filter_links_keep_the_rest_of_the_query_and_mark_the_current_one(  # type: ignore[no-untyped-def]
        seller, demo) -> None:
    page = seller.get("/reports/?stage=live&sort=score&order=desc").get_data(as_text=True)
    current = re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)<', page)
    assert ("/reports/?stage=live&amp;sort=score&amp;order=desc", "Live ") in current
    # "All" of the verdicts, health bands, owners and last answers is current too.
    assert [label for _, label in current].count("All ") == 4
    assert 'href="/reports/?stage=live&amp;owner=priya-raman&amp;sort=score&amp;order=desc"' \
        in page
    assert 'href="/reports/?sort=score&amp;order=desc">All' in page
    # A stage with no assessment under the other filters is not offered.
    narrow = seller.get("/reports/?owner=tomas-reyes").get_data(as_text=True)
    stages = narrow.partition("Stage:</span>")[2].partition("</p>")[0]
    assert re.findall(r">(\w+) <span", stages) == ["All", "Closing"]


def test_the_path_pages_list_what_the_query_does(seller, store, demo) -> None:  # type: ignore[no-untyped-def]
    assert listed(seller, "/reports/stage/live/") == listed(seller, "/reports/?stage=live")
    verdict = demo["orrin-valley"].verdict
    assert listed(seller, f"/reports/verdict/{verdict}/") == \
        listed(seller, f"/reports/?verdict={verdict}")
    assert listed(seller, "/reports/owner/tomas-reyes/") == ["fennick-packaging"]
    # In the app a path page's links are queries, so filters still combine from there.
    page = seller.get("/reports/owner/tomas-reyes/").get_data(as_text=True)
    assert 'href="/reports/?stage=closing&amp;owner=tomas-reyes"' in page


@pytest.mark.parametrize(("url", "says"), [
    ("/reports/?stage=won", "stage “won” is not one of qualifying, closing, implementing, live"),
    ("/reports/?verdict=great", "verdict “great” is not one of"),
    ("/reports/?owner=Nobody", "owner “Nobody” is not one of"),
    ("/reports/?sort=price", "sort “price” is not one of account, owner, stage"),
    ("/reports/?order=up&sort=score", "order “up” is not one of asc, desc"),
    ("/reports/stage/won/", "stage “won”"),
    ("/reports/owner/nobody/", "owner “nobody”"),
])
def test_an_unknown_value_answers_404_naming_it(seller, demo, url, says) -> None:  # type: ignore[no-untyped-def]
    response = seller.get(url)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "No such filter" in page and says in page


def test_every_unknown_value_is_named_at_once_and_other_parameters_are_left_alone(  # type: ignore[no-untyped-def]
        seller, demo) -> None:
    page = seller.get("/reports/?stage=won&sort=price").get_data(as_text=True)
    assert "stage “won”" in page and "sort “price”" in page
    assert listed(seller, "/reports/?utm_source=mail") == listed(seller, "/reports/")
    assert listed(seller, "/reports/?stage=") == listed(seller, "/reports/")


def test_the_filters_need_a_login(client, demo) -> None:  # type: ignore[no-untyped-def]
    for url in ["/reports/?stage=live", "/reports/stage/live/", "/reports/owner/jo-okafor/"]:
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize(("name", "expected"), [
    ("Tomás Reyes", "tomas-reyes"), ("  Jo  O'Kafor ", "jo-o-kafor"), ("Strauß", "strauss"),
    ("", NO_OWNER), ("   ", NO_OWNER)])
def test_owner_slugs_are_plain_folder_names(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_a_name_without_latin_letters_still_gets_its_own_slug() -> None:
    assert slug("山田太郎").startswith("owner-") and slug("山田太郎") != slug("鈴木花子")
    assert re.fullmatch(r"[a-z0-9-]+", slug("山田太郎"))


def test_different_owners_never_share_a_filter_page() -> None:
    # A dropped letter, or a name that reads as "no owner", keeps its own folder.
    assert slug("李 A") != slug("A") and slug("No Owner") != slug("")
    assert slug("Søren Berg") != slug("S ren Berg")
    # The same person typed two ways shares one.
    assert slug("Tomás Reyes") == slug("tomas  reyes") == slug("Tomás-Reyes")
    assert slug("Jo O’Kafor") == slug("Jo O'Kafor")


def test_live_deals_filter_by_health_and_plans_show_what_is_overdue(seller, demo) -> None:  # type: ignore[no-untyped-def]
    page = seller.get("/reports/health/at_risk/").get_data(as_text=True)
    assert "Marlow Bay Hotels" in page and "Tessaline Distribution" not in page
    healthy = seller.get("/reports/?health=healthy").get_data(as_text=True)
    assert "Tessaline Distribution" in healthy and "Marlow Bay Hotels" not in healthy
    wrong = seller.get("/reports/?health=great")
    assert wrong.status_code == 404 and "health “great” is not one of healthy, watch, " \
        "at_risk" in wrong.get_data(as_text=True)
    everything = seller.get("/reports/").get_data(as_text=True)
    assert "1 commitment overdue" in everything  # Brightmoor's slipped DPIA sign-off


def test_the_portfolio_in_figures(seller, demo) -> None:  # type: ignore[no-untyped-def]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ",
                                      seller.get("/reports/").get_data(as_text=True)))
    assert "Closing Conditional 1, Not ready 1 2" in text
    assert "Live Healthy 1, At risk 1 2" in text
    # Tessaline's day-30 checkpoint proved first value: the proof metric moved, confirmed
    # by the customer's owner. Marlow Bay has not proved it.
    assert "first value proven: 30 days , over the 1 of 2 live deals that proved it" in text
    assert "Old workflow no longer the main way: 1 of 2 live deals" in text
    # A filtered page shows the deals it lists, not the whole portfolio's figures.
    assert "in figures" not in seller.get("/reports/stage/live/").get_data(as_text=True)


def test_the_live_portfolio_filters_by_days_since_the_last_answer(seller, demo, store) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from assessments.store import service

    recent = seller.get("/reports/?activity=week").get_data(as_text=True)
    lasts = {a.account: service.last_response(store, a.id) for a in store.assessments()}
    today = dt.date.today()
    for account, last in lasts.items():
        days = (today - dt.date.fromisoformat(last[:10])).days
        assert (account in recent) == (days <= 7), account
    assert '<span class="facet">Last answer:</span>' in recent
    wrong = seller.get("/reports/?activity=yesterday")
    assert wrong.status_code == 404 and "activity “yesterday” is not one of week, month, " \
        "quarter, older, never" in wrong.get_data(as_text=True)
