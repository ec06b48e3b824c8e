"""Real Chromium (Debian package) drives the planner like a tourist, from the home page to a planned trip."""

from pathlib import Path

import gpxpy
import pytest

from tests.dates import upcoming
from tests.web.conftest import SHOTS

pytestmark = [pytest.mark.usefixtures("catalogue")]
DATE = upcoming(5, 4).isoformat()  # not the form's default (tomorrow): the plan must not change with the season


# On a laptop: a phone submits the form in test_plan_form_browser.py, and the trip page is checked on a phone in
# test_trip_page_browser.py.
def test_plan_a_three_day_pingyao_trip_in_the_browser(browser, live_server, settings, tmp_path):
    width, height, label = 1440, 900, "laptop"
    settings.PLAN_EXECUTOR = "thread"  # the embedded default: the page must show the progress bar
    settings.MAP_TILE_URL = ""  # no tile server here: routes draw on a plain background
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map .leaflet-interactive").count() > 10  # places and highways drawn
    page.screenshot(path=SHOTS / f"home-{label}.png", full_page=False)

    page.goto(f"{live_server.url}/plan/")
    page.select_option("#id_start", "pingyao-ancient-city")
    page.fill("#id_date", DATE)
    page.fill("#id_days", "3")
    page.check("input[value=heritage]")
    page.check("input[value=temples]")
    page.screenshot(path=SHOTS / f"plan-{label}.png", full_page=True)
    page.click("button[type=submit].button")

    page.wait_for_url("**/trips/**")
    saw_progress = page.locator("progress#progress").count() > 0
    page.wait_for_selector(".day", timeout=60_000)
    assert saw_progress or page.url.endswith("/")  # the progress page came first unless the plan was instant
    assert page.locator(".timeline .day").count() == 3
    days_on_map = {
        c
        for el in page.locator("path.day-route").all()
        for c in el.get_attribute("class").split()
        if c.startswith("day-") and c != "day-route"
    }
    trip_id = page.url.rstrip("/").split("/")[-1]
    result = page.request.get(f"{live_server.url}/api/v1/itineraries/{trip_id}/").json()["result"]
    driving_days = {f"day-{n}" for n, day in enumerate(result["days"], start=1) if day["drive_km"] > 0}
    assert len(driving_days) >= 2
    assert days_on_map == driving_days  # a free day at the base has no route to draw
    assert "Shuanglin Temple" in page.inner_text(".timeline")
    page.wait_for_load_state("networkidle")  # the faint road network arrives by fetch
    page.screenshot(path=SHOTS / f"trip-{label}.png", full_page=False)
    assert (SHOTS / f"trip-{label}.png").stat().st_size > 10_000

    with page.expect_download() as download:
        page.click("a[href$='trip.gpx']")
    gpx = gpxpy.parse(Path(download.value.path()).read_text())
    assert len(gpx.tracks) == 3
    assert gpx.waypoints

    page.click("button[data-lang=zh-hans]")
    page.wait_for_selector("html[lang=zh-hans]")
    text = page.inner_text(".timeline")
    assert "双林寺" in text
    assert "第" in page.inner_text("h2")
    page.screenshot(path=SHOTS / f"trip-zh-{label}.png", full_page=False)
    page.click("button[data-lang=en]")
    page.close()


def test_start_from_the_follow_wukong_route(browser, live_server, settings):
    settings.PLAN_EXECUTOR = "thread"
    settings.MAP_TILE_URL = ""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/")
    page.click("a[data-route=follow-wukong]")
    page.wait_for_url("**/plan/?route=follow-wukong")
    page.fill("#id_date", DATE)
    page.click("button[type=submit].button")
    page.wait_for_selector(".timeline .day", timeout=60_000)
    text = page.inner_text(".timeline")
    assert "Shuanglin Temple" in text
    assert "Zhenguo Temple" in text
    page.screenshot(path=SHOTS / "route-follow-wukong.png")
    page.close()
