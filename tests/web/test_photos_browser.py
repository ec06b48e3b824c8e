"""Photos in Chromium: a place page with a photo and its credit, one with the placeholder, both accessible."""

import pytest

from tests.photos import photo_add
from tests.web.conftest import serious_violations, shot

pytestmark = [pytest.mark.usefixtures("catalogue", "media_root")]


def test_a_place_page_shows_its_photo_and_credit(tourist, live_server, view, axe_script):
    photo = photo_add("shuanglin-temple", author="Wang Lei", source_url="https://example.org/shuanglin")
    page = tourist
    page.goto(f"{live_server.url}/places/shuanglin-temple/")
    picture = page.locator(".place-photos img")
    picture.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.place-photos img').naturalWidth > 0")
    box = picture.bounding_box()
    assert box is not None
    assert abs(box["width"] / box["height"] - photo.width / photo.height) < 0.02  # not stretched
    assert box["width"] <= view[0]
    credit = page.inner_text(".place-photos figcaption")
    assert ("Photo: Wang Lei" in credit) if view[2] == "en" else ("图片：Wang Lei" in credit)
    assert "CC BY 4.0" in credit
    alt = picture.get_attribute("alt")
    assert alt == ("The main hall's roof at dusk" if view[2] == "en" else "黄昏时的大殿屋顶")
    assert serious_violations(page, axe_script) == []
    shot(page, "place-photo", view)


def test_a_place_without_a_photo_shows_a_placeholder_not_a_broken_image(tourist, live_server, view, axe_script):
    page = tourist
    page.goto(f"{live_server.url}/places/zhenguo-temple/")
    placeholder = page.locator(".place-photos .photo-placeholder")
    assert placeholder.is_visible()
    assert "镇国寺" in placeholder.inner_text()
    assert page.locator(".place-photos img").count() == 0
    box = placeholder.bounding_box()
    assert box is not None
    assert box["height"] >= 120
    assert serious_violations(page, axe_script) == []
    shot(page, "place-placeholder", view)
