"""The trip page, its re-plan, print-out, downloads and hand-offs, on a laptop and a phone, in both languages."""

import io
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import prcoords
import pytest
from pypdf import PdfReader

from itineraries.trips import services
from itineraries.trips.validation import PlanInput, plan_request_build
from tests.dates import upcoming
from tests.web.conftest import LAPTOP_EN, serious_violations, shot

pytestmark = [pytest.mark.usefixtures("catalogue")]
FIRST_DAY = upcoming(5, 4)


@pytest.fixture
def trip(transactional_db):
    """A finished 3-day heritage and temples trip from Pingyao, planned as the form would ask for it."""
    request = plan_request_build(
        given=PlanInput(start="pingyao-ancient-city", days=3, date=FIRST_DAY, interests=("heritage", "temples"))
    )
    itinerary = services.itinerary_create(request=request)
    itinerary.refresh_from_db()
    assert itinerary.status == "done"
    return itinerary


def _boxes_overlap(a: dict, b: dict) -> float:
    width = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(0.0, width) * max(0.0, height) / (a["width"] * a["height"])


def test_the_trip_page_reads_like_a_finished_app(tourist, live_server, view, trip, axe_script):
    page = tourist
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.wait_for_selector("#map .leaflet-marker-icon")
    english = view[2] == "en"
    title = page.inner_text("h1")
    assert ("Pingyao Ancient City" if english else "平遥古城") in title
    assert FIRST_DAY.strftime("%A") in title if english else "星期" in title
    summary = page.inner_text(".summary")
    assert "minutes" not in summary
    assert (" h " in summary) if english else ("小时" in summary)
    assert "))" not in page.inner_text(".timeline")  # one pair of brackets at most, never nested
    assert page.locator(".legend").is_visible()
    assert page.locator("#map .stop-icon.terminal").count() >= 1  # where the trip starts (and ends)

    icons = [icon.bounding_box() for icon in page.locator("#map .leaflet-marker-icon").all()]
    for i, a in enumerate(icons):
        for b in icons[i + 1 :]:
            assert _boxes_overlap(a, b) < 0.5  # no marker hides another, whatever its day

    widths = {}
    for line in page.locator("#map path.day-route").all():
        day = next(c for c in line.get_attribute("class").split() if c.startswith("day-") and c != "day-route")
        widths[int(day[4:])] = float(line.get_attribute("stroke-width"))
    ordered = [widths[d] for d in sorted(widths)]
    assert ordered == sorted(ordered, reverse=True)  # earlier days wider underneath: a shared road shows both
    assert len(set(ordered)) == len(ordered)

    seasons = page.locator(".season p").all_inner_texts()
    assert len(seasons) == len(set(seasons))  # each season note once, for the whole trip
    assert page.locator(".timeline .season").count() == 0
    assert page.locator("figure.qr svg").count() == 1

    hours = page.locator(".hours .nowrap").all()
    assert hours
    for element in hours:  # "08:00-18:30" never breaks over two lines
        assert element.evaluate("e => e.getClientRects().length") == 1
    if view[0] < 800:
        for button in page.locator(".button:visible, .stop-actions button:visible").all():
            assert button.bounding_box()["height"] >= 44
    assert serious_violations(page, axe_script) == []
    shot(page, "trip", view)


def test_navigation_links_use_each_apps_datum(tourist, live_server, trip):
    page = tourist
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    day = trip.result["days"][0]
    stop = next(s for s, leg in zip(day["stops"], day["legs"], strict=False) if leg["km"])
    leg = page.locator(f".stop[data-slug='{stop['slug']}']").locator("xpath=preceding-sibling::li[1]")
    amap = parse_qs(urlparse(leg.locator("a[data-app=amap]").get_attribute("href")).query)
    lon, lat = (float(v) for v in amap["to"][0].split(",")[:2])
    assert (lat, lon) == pytest.approx(prcoords.wgs_gcj((stop["lat"], stop["lon"])), abs=2e-6)
    assert amap["coordinate"] == ["gaode"]
    baidu = parse_qs(urlparse(leg.locator("a[data-app=baidu]").get_attribute("href")).query)
    lat, lon = (float(v) for v in baidu["destination"][0].split("|")[0].removeprefix("latlng:").split(","))
    assert (lat, lon) == pytest.approx(prcoords.wgs_bd((stop["lat"], stop["lon"])), abs=2e-6)
    assert baidu["coord_type"] == ["bd09ll"]
    google = parse_qs(urlparse(leg.locator("a[data-app=google]").get_attribute("href")).query)
    lat, lon = (float(v) for v in google["destination"][0].split(","))
    assert (lat, lon) == pytest.approx((stop["lat"], stop["lon"]), abs=2e-6)
    day = page.locator("section.day").first.locator(".day-nav a[data-app=google]").get_attribute("href")
    assert len(parse_qs(urlparse(day).query)["waypoints"][0].split("|")) == len(trip.result["days"][0]["stops"])


def test_downloads_and_the_favicon(tourist, live_server, trip):
    page = tourist
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    with page.expect_download() as download:
        page.click("a[href$='trip.geojson']")
    assert download.value.suggested_filename.endswith(".geojson")
    geo = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    lines = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
    assert lines
    for line in lines:  # no zero-length line from a place to itself
        assert line["properties"]["km"] > 0
        assert len({tuple(c) for c in line["geometry"]["coordinates"]}) >= 2
    assert page.request.get(f"{live_server.url}/favicon.ico").status == 200


def test_a_re_plan_shows_what_changed_and_links_back(tourist, live_server, trip):
    # Once, in English: the Chinese banner's wording is checked on the page's HTML (test_tourist_third_pass.py).
    page = tourist
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    dropped = trip.result["days"][0]["stops"][0]
    page.click(f".stop[data-slug='{dropped['slug']}'] button[name=drop]")
    page.wait_for_selector(".timeline .day", timeout=60_000)
    assert dropped["name_en"] in page.inner_text(".changes")
    page.click("a.previous-plan")
    page.wait_for_url(f"**/trips/{trip.pk}/")
    shot(page, "trip-previous", LAPTOP_EN)


def test_the_compare_page_explains_both_plans(tourist, live_server, view, trip, axe_script):
    page = tourist
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.click("button[name=variant][value=ebike]")
    page.wait_for_url("**/compare/**")
    page.wait_for_selector(".compare-map path.day-route", state="attached", timeout=60_000)
    titles = page.locator(".compare-column h2").all_inner_texts()
    if view[2] == "en":
        assert titles[0].startswith("3 days by car")
        assert titles[1].startswith("3 days by e-bike")
    else:
        assert "电动自行车" in titles[1]
    assert "ebike" not in page.inner_text("main")
    assert page.locator(".compare-map").count() == 2
    assert serious_violations(page, axe_script) == []
    shot(page, "compare", view)
    page.click("a.back")
    page.wait_for_url(f"**/trips/{trip.pk}/")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_three_day_trip_prints_on_three_pages_without_controls(browser, live_server, settings, trip, lang):
    settings.MAP_TILE_URL = ""
    context = browser.new_context(viewport={"width": 718, "height": 1000})  # an A4 page's width at 96 dpi
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.wait_for_selector("#map .leaflet-marker-icon")
    page.emulate_media(media="print")
    assert page.locator("#map").bounding_box()["height"] > 250
    assert not page.locator(".stop-actions").first.is_visible()
    assert not page.locator(".leaflet-control-zoom").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    # PDF text may hold Kangxi radicals for common characters; NFKC folds them back.
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 3
    assert all(p.extract_text().strip() for p in pdf.pages)  # no blank pages
    for control in (r"\bDrop\b", r"\bPin\b", "去掉", "Re-plan", "GPX"):
        assert not re.search(control, text)
    assert re.search(r"Day\s*3" if lang == "en" else r"第\s*3\s*天", text)
    context.close()
