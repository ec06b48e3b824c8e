"""Issue 44 in Chromium, one pass per behaviour: focus after moving a stop by keyboard, thumb-sized controls
and the day's hand-off on a phone, My trips on a phone, and accessible names matching the Chinese labels."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import User
from django.test import Client

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming
from tests.photos import photo_add
from tests.web.conftest import shot

pytestmark = [pytest.mark.usefixtures("catalogue")]
REQUEST = PlanRequest(start="pingyao-ancient-city", days=3, date=upcoming(5, 4), interests=("heritage", "temples"))
PHONE = (390, 844)
ROADS_DRAWN = "() => document.querySelectorAll('#map .leaflet-roads-pane path').length > 0"
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile"


@pytest.fixture
def trip(transactional_db):
    itinerary = services.itinerary_create(request=REQUEST)
    itinerary.refresh_from_db()
    assert itinerary.status == "done", itinerary.error
    return itinerary


def _context(browser, live_server, settings, size, lang, **options):
    settings.MAP_TILE_URL = ""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **options)
    context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    return context


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_keyboard_focus_follows_a_stop_moved_with_its_arrow(browser, live_server, settings, trip):
    context = _context(browser, live_server, settings, (1440, 900), "en")
    page = context.new_page()
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    first = trip.result["days"][0]["stops"][0]["slug"]
    stop = page.locator(f"#stop-{first}")
    stop.locator("details.stop-tools > summary").focus()
    page.keyboard.press("Enter")  # opens "Move or remove"
    page.keyboard.press("Tab")  # ↑ is disabled on the first stop: Tab lands on ↓
    assert page.evaluate("document.activeElement.value") == "down"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/trips/{trip.pk}/#stop-{first}")
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.activeElement !== document.body", timeout=5_000)
    order = page.locator("section.day").first.locator("li.stop").evaluate_all("lis => lis.map(li => li.dataset.slug)")
    assert order[1] == first  # it moved one place later
    focused = page.evaluate("[document.activeElement.closest('li.stop')?.id, document.activeElement.value]")
    assert focused == [f"stop-{first}", "down"]  # focus is back on the arrow that was pressed, not the page top
    box = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= box <= 900
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_phone_gets_thumb_sized_controls_and_the_whole_day_in_amap(browser, live_server, settings, trip, lang):
    context = _context(browser, live_server, settings, PHONE, lang, user_agent=ANDROID, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.wait_for_selector("#map .leaflet-marker-icon")
    first = page.locator("li.stop").first
    first.locator("details.stop-tools > summary").click()
    targets = [
        first.locator("details.stop-tools > summary"),
        first.locator("select[name=day]"),
        first.locator("button[value=down]"),
        page.locator(".day-tools select[name=slug]").first,
        page.locator(".day-tools select[name=position]").first,
        *page.locator(".nav-links a:visible").all()[:8],
    ]
    for target in targets:
        box = _box(target)
        assert box["height"] >= 44, (target, box)
        assert box["width"] >= 44, (target, box)

    stops = trip.result["days"][0]["stops"]
    amap = page.locator("section.day").first.locator(".day-nav a[data-app=amap]")
    app = parse_qs(urlparse(amap.get_attribute("href")).query)  # on Android: the Amap app's own route
    assert amap.get_attribute("href").startswith("amapuri://route/plan/")
    assert app["vian"] == [str(len(stops))]
    assert len(app["vialats"][0].split("|")) == len(stops)
    apple = parse_qs(urlparse(page.locator(".day-nav a[data-app=apple]").first.get_attribute("href")).query)
    assert len(apple["waypoint"]) == len(stops)
    note = page.locator("section.day").first.locator(".nav-limits").inner_text()
    assert ("only the first stop" in note) if lang == "en" else ("只接受途经的第一站" in note)
    shot(page, "phone-trip", (*PHONE, lang))
    context.close()


def test_my_trips_on_a_phone_reads_as_cards_not_one_letter_per_line(browser, live_server, settings, transactional_db):
    user = User.objects.create_user("li", email="li@example.com", password="pw")
    itinerary = services.itinerary_create(request=REQUEST, owner=user)
    services.trip_update(trip=itinerary.trip, name="Temples and courtyards", notes=None)
    client = Client()
    client.force_login(user)
    context = _context(browser, live_server, settings, PHONE, "zh-hans")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/trips/")
    cells = page.locator(".my-trips td[data-label]").all()
    assert len(cells) == 4
    for cell in cells:
        box = _box(cell)
        assert box["width"] > 300  # a full-width line on the card, never a one-character column
        assert box["height"] < 60
    assert "天数" in page.locator(".my-trips").inner_text()
    for control in page.locator(".row-actions summary, .row-actions button, .row-actions a").all():
        assert _box(control)["height"] >= 44
    shot(page, "my-trips", (*PHONE, "zh-hans"))
    context.close()


def test_chinese_buttons_are_named_as_they_read(browser, live_server, settings, trip, axe_script):
    context = _context(browser, live_server, settings, (1440, 900), "zh-hans")
    page = context.new_page()
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the tools inside count too
    page.evaluate(axe_script.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: "rule", values: ["label-content-name-mismatch"]}}))
            .violations.flatMap(v => v.nodes.map(n => n.html))"""
    )
    assert found == []
    context.close()


@pytest.mark.parametrize(("size", "lang"), [((1440, 900), "en"), (PHONE, "zh-hans")], ids=["laptop-en", "phone-zh"])
def test_a_trip_opened_once_still_opens_offline(browser, live_server, settings, trip, size, lang, media_root):
    photo = photo_add(trip.result["days"][0]["stops"][0]["slug"])
    context = _context(browser, live_server, settings, size, lang)
    # A tile server that answers nothing useful online and nothing at all offline: the map must not need it.
    settings.MAP_TILE_URL = f"{live_server.url}/no-tiles/{{z}}/{{x}}/{{y}}.png"
    page = context.new_page()
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.wait_for_selector("#map .leaflet-marker-icon")
    page.wait_for_function(ROADS_DRAWN)
    page.wait_for_function("() => document.documentElement.dataset.offlineReady === '1'", timeout=20_000)
    markers = page.locator("#map .leaflet-marker-icon").count()
    routes = page.locator("#map path.day-route").count()
    roads = page.locator("#map .leaflet-roads-pane path").count()
    place = page.locator("a.place-link").first.get_attribute("href")
    assert not page.locator("#offline-badge").is_visible()

    context.set_offline(True)
    page.reload()
    page.wait_for_selector("#map .leaflet-marker-icon")
    assert page.locator("#offline-badge").is_visible()
    assert ("离线" if lang == "zh-hans" else "Offline") in page.inner_text("#offline-badge")
    assert page.locator(".timeline li.stop").count() == sum(len(d["stops"]) for d in trip.result["days"])
    assert page.locator("#map .leaflet-marker-icon").count() == markers
    assert page.locator("#map path.day-route").count() == routes >= 1  # the days' roads, from the trip's own data
    page.wait_for_function(ROADS_DRAWN)  # the road network, from the kept GeoJSON
    assert page.locator("#map .leaflet-roads-pane path").count() == roads
    thumb = page.locator(f"li.stop img[src='{photo.thumbnail.url}']")
    thumb.scroll_into_view_if_needed()  # lazy: asked for only now, from the kept copy
    page.wait_for_function(
        "src => document.querySelector(`li.stop img[src='${src}']`).naturalWidth > 0", arg=photo.thumbnail.url
    )
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "offline-trip", (*size, lang))
    page.goto(f"{live_server.url}{place}")  # a place the trip links to was kept too
    assert page.locator("h1").count() == 1
    assert page.locator("#offline-badge").is_visible()
    context.close()
