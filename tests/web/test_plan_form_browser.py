"""The plan form as a first-time tourist meets it, on a laptop and a phone, in English and Chinese."""

import re

import pytest

from tests.dates import upcoming
from tests.web.conftest import PHONE_ZH, serious_violations, shot

pytestmark = [pytest.mark.usefixtures("catalogue")]
DATE = upcoming(5, 4).isoformat()  # a plan is not made on the form's default (tomorrow), which moves with the season


def test_the_form_is_filled_in_and_usable(tourist, live_server, view, axe_script):
    page = tourist
    page.goto(f"{live_server.url}/plan/?route=follow-wukong")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", page.input_value("#id_date"))  # a date input shows the default day
    assert "Ctrl" not in page.inner_text("main")

    box = page.locator("#id_must ul").bounding_box()
    for ticked in page.locator("#id_must input:checked").all():  # the route's must-sees are in sight, not scrolled
        item = ticked.bounding_box()
        assert box["y"] <= item["y"]
        assert item["y"] + item["height"] <= box["y"] + box["height"]
    assert page.locator("#id_must input:checked").count() == 3  # Shuanglin, Zhenguo and the ancient city
    clipped = page.eval_on_selector_all(
        "#id_must label", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert clipped == 0  # whole names, wrapped if need be

    button = page.locator("form.plan-form button[type=submit]").bounding_box()
    assert button["height"] < 70
    assert button["width"] < 300
    assert page.locator("#id_end").is_visible()
    assert page.locator("#id_avoid").is_visible()

    page.fill("input[data-filter=id_avoid]", "zhenguo")
    visible = [li for li in page.locator("#id_avoid li").all() if li.is_visible()]
    assert len(visible) == 1
    assert serious_violations(page, axe_script) == []
    shot(page, "plan-form", view)


def test_every_mistake_is_shown_at_once_in_the_page_language(tourist, live_server, view):
    page = tourist
    page.goto(f"{live_server.url}/plan/")
    page.fill("#id_date", "")
    page.fill("#id_days", "0")
    page.fill("#id_max_drive_hours", "99")
    page.click("form.plan-form button[type=submit]")
    for field in ("date", "days", "max_drive_hours"):
        assert page.locator(f".field-{field} .errors").is_visible()
    summary = page.inner_text("#form-errors")
    date_error = page.inner_text(".field-date .errors")
    if view[2] == "en":
        assert "3 fields" in summary
        assert date_error.strip() == "Choose the first day of the trip."
    else:
        assert "3" in summary
        assert "请" in summary
        assert "出发日期" in date_error
    shot(page, "plan-form-errors", view)


@pytest.mark.tourist_view(PHONE_ZH)  # a plan submitted from a phone; the laptop does so in test_browser.py
def test_a_one_way_trip_with_a_place_left_out(tourist, live_server):
    page = tourist
    page.goto(f"{live_server.url}/plan/")
    page.fill("#id_date", DATE)
    page.select_option("#id_end", "jiexiu")
    page.check("#id_avoid input[value=shuanglin-temple]")
    page.check("input[name=interests][value=temples]")
    page.fill("#id_days", "2")
    page.click("form.plan-form button[type=submit]")
    page.wait_for_selector(".timeline .day", timeout=60_000)
    text = "\n".join(page.locator(".timeline .stops").all_inner_texts())
    assert "Shuanglin" not in text
    assert "双林寺" not in text
    last_night = page.locator(".timeline section.day").last.inner_text()
    assert "Jiexiu" in last_night or "介休" in last_night
