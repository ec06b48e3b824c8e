"""A tourist's journey with an account, in Chromium at 1440 px: sign up, plan, find the trip in My trips, rename
it, drag a stop to a day it is closed (the broken hour shows in red), restore the earlier version, share it
read-only, and open it as another user who can read but not edit."""

import pytest
from django.contrib.auth.models import User

from itineraries.catalogue.cache import catalogue_version_bump
from itineraries.catalogue.hours import WEEKDAYS
from itineraries.catalogue.models import Destination
from itineraries.trips.models import Trip
from tests.dates import upcoming
from tests.web.conftest import shot

pytestmark = [pytest.mark.usefixtures("catalogue")]
VIEW = (1440, 900, "en")
DATE = upcoming(5, 4)


@pytest.fixture
def shuanglin_shut_on_day_one(transactional_db):
    place = Destination.objects.get(slug="shuanglin-temple")
    days = [d for i, d in enumerate(WEEKDAYS) if i != DATE.weekday()]
    place.opening_hours = [{"from": "01-01", "to": "12-31", "days": days, "open": "08:30", "close": "17:30"}]
    place.save()
    catalogue_version_bump()


def _page(browser, live_server, settings):
    settings.MAP_TILE_URL = ""
    context = browser.new_context(viewport={"width": VIEW[0], "height": VIEW[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def _day_of(page, slug: str) -> int:
    return int(page.locator(f"li.stop[data-slug={slug}]").first.evaluate("li => li.closest('ol').dataset.day"))


def test_sign_up_plan_rename_edit_restore_share_and_read_as_another(
    browser, live_server, settings, shuanglin_shut_on_day_one
):
    context, page, errors = _page(browser, live_server, settings)
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("#id_email", "li.na@example.com")
    page.fill("#id_password1", "walls of Pingyao 1370")
    page.fill("#id_password2", "walls of Pingyao 1370")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/trips/")
    assert "My trips" in page.inner_text("h1")

    page.goto(f"{live_server.url}/plan/?must=shuanglin-temple")
    page.fill("#id_date", DATE.isoformat())
    page.fill("#id_days", "2")
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector(".timeline", timeout=120_000)
    trip = Trip.objects.get()
    assert trip.owner == User.objects.get(email="li.na@example.com")
    assert _day_of(page, "shuanglin-temple") == 2  # shut on day 1, so the planner put it on day 2

    page.click("header >> text=My trips")
    row = page.locator(f"tr[data-trip='{trip.pk}']")
    row.locator("summary", has_text="Rename").click()
    row.locator("input[name=name]").fill("Follow Wukong weekend")
    row.locator("button", has_text="Save").click()
    assert "Follow Wukong weekend" in page.locator(f"tr[data-trip='{trip.pk}']").inner_text()
    shot(page, "account-my-trips", VIEW)

    page.click("text=Follow Wukong weekend")
    page.wait_for_selector(".timeline")
    stop = page.locator("li.stop[data-slug=shuanglin-temple]")
    first_day = page.locator("ol.stops[data-day='1'] li.stop").first
    page.set_viewport_size({"width": 1440, "height": 4000})  # both days on screen, as on a tall monitor
    handle = stop.locator(".drag-handle").bounding_box()
    goal = first_day.bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + goal["height"] * 0.75, steps=15)
    page.mouse.up()
    page.wait_for_selector("li.stop.has-problem")
    assert _day_of(page, "shuanglin-temple") == 1
    problem = page.locator("li.stop[data-slug=shuanglin-temple] .problem")
    assert "closed on" in problem.inner_text()
    colour = problem.evaluate("el => getComputedStyle(el).color")
    assert colour == "rgb(164, 22, 26)"  # red
    assert "Version 2 of 2" in page.inner_text(".version-line")
    shot(page, "account-edit-broken-hour", VIEW)

    page.click("#versions summary")
    page.locator("#versions li", has_text="Version 1").locator("button", has_text="Restore").click()
    page.wait_for_selector(".timeline")
    assert "Version 3 of 3" in page.inner_text(".version-line")
    assert _day_of(page, "shuanglin-temple") == 2
    assert page.locator("li.stop.has-problem").count() == 0

    page.click("#sharing summary")
    page.click("text=Create a read-only link")
    page.click("#sharing summary")
    link = page.input_value("#share-link")
    assert "?share=" in link
    shot(page, "account-sharing", VIEW)

    User.objects.create_user("wang", email="wang@example.com", password="another long phrase 9")
    other_context, other, other_errors = _page(browser, live_server, settings)
    other.goto(f"{live_server.url}/accounts/login/")
    other.fill("#id_login", "wang@example.com")
    other.fill("#id_password", "another long phrase 9")
    other.click("main form button[type=submit]")
    other.wait_for_url("**/trips/")
    missing = other.goto(f"{live_server.url}/trips/{trip.pk}/")
    assert missing.status == 404  # private until shared
    other.goto(link)
    other.wait_for_selector(".timeline")
    assert "read-only" in other.inner_text(".version-line")
    assert other.locator(".stop-edit, .stop-actions, form.add, .day-tools").count() == 0
    assert other.locator("li.stop[draggable=true]").count() == 0
    shot(other, "account-read-only", VIEW)
    refused = other.request.post(f"{live_server.url}/trips/{trip.pk}/edit", form={"op": "remove"})
    assert refused.status in (403, 404)  # no CSRF token, no edit right: refused either way
    assert Trip.objects.get().versions.count() == 3

    other_context.close()
    context.close()
    assert not errors, errors
    assert not other_errors, other_errors
