"""Place pages, the home page's links to them, and the API docs served without internet."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.web.conftest import serious_violations, shot

pytestmark = [pytest.mark.usefixtures("catalogue")]


def test_a_place_page_has_the_facts_a_map_and_a_way_to_plan(tourist, live_server, view, axe_script):
    page = tourist
    english = view[2] == "en"
    page.goto(f"{live_server.url}/")
    page.click("a[href='/places/shuanglin-temple/']")
    page.wait_for_url("**/places/shuanglin-temple/")
    page.wait_for_selector("#place-map .leaflet-marker-icon")
    heading = page.inner_text("h1")
    assert "Shuanglin Temple" in heading
    assert "双林寺" in heading
    assert page.locator(".hours-table tbody tr").count() >= 1
    assert "08:30" in page.inner_text(".hours-table")
    assert "¥35" in page.inner_text(".ticket-line")
    nearby = page.locator(".nearby li")
    assert nearby.count() >= 5
    assert page.locator("#place-map path.leaflet-interactive, #place-map .leaflet-interactive").count() >= 5
    routes = page.inner_text("main")
    assert ("Follow Wukong" in routes) if english else ("悟空" in routes)
    assert serious_violations(page, axe_script) == []
    shot(page, "place", view)
    page.click("a.button[href*='must=shuanglin-temple']")
    page.wait_for_url("**/plan/?must=shuanglin-temple")
    assert page.locator("#id_must input[value=shuanglin-temple]").is_checked()


def test_estimated_and_unknown_facts_read_as_such_on_a_place_page(tourist, live_server, view):
    from itineraries.catalogue.cache import catalogue_version_bump
    from itineraries.catalogue.models import Destination

    Destination.objects.filter(slug="zhenguo-temple").update(hours_estimated=True, ticket_cny=None)
    catalogue_version_bump()
    page = tourist
    page.goto(f"{live_server.url}/places/zhenguo-temple/")
    facts = page.inner_text(".facts")
    if view[2] == "en":
        assert "hours not confirmed, check before you go" in facts
        assert "ticket price unknown" in facts
    else:
        assert "开放时间未经核实，出发前请确认" in facts
        assert "票价未知" in facts
    assert page.request.get(f"{live_server.url}/places/no-such-place/").status == 404


def test_home_page_links_themes_and_map_popups_to_place_pages(tourist, live_server, view, axe_script):
    page = tourist
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator(".themes a[href^='/places/']").count() >= 20
    assert "/api/docs/" not in page.locator("header").inner_html()  # the API is for developers, in the footer
    for dot in page.locator("#map path.place-dot").all():  # a dot no neighbour covers at this zoom
        try:
            dot.click(trial=True, timeout=500)
        except PlaywrightError:
            continue
        dot.click()
        break
    page.wait_for_selector(".leaflet-popup a[href^='/places/']")
    popup = page.locator(".leaflet-popup")
    for _ in range(20):  # let the popup finish fading in before contrast is measured
        if popup.evaluate("e => getComputedStyle(e).opacity") == "1":
            break
        page.wait_for_timeout(50)
    assert serious_violations(page, axe_script) == []
    shot(page, "home", view)


def test_api_docs_render_without_internet(browser, live_server):
    page = browser.new_page()
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 5
    page.close()
