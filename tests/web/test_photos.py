"""Photos on place and trip pages, in both languages; a placeholder where there is none; files the app serves."""

import re

import pytest
from django.test import Client

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming
from tests.photos import photo_add

pytestmark = [pytest.mark.usefixtures("catalogue", "media_root")]
SLUG = "shuanglin-temple"


def _client(lang: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = lang
    return client


def _img(body: str) -> str:
    found = re.search(r"<img [^>]*>", body[body.index('class="place-photos"') :])
    assert found, "no picture on the page"
    return found.group(0)


def test_a_place_page_shows_its_photo_lazily_with_size_alt_and_credit():
    photo = photo_add(SLUG, author="Wang Lei", source_url="https://example.org/shuanglin")
    body = _client().get(f"/places/{SLUG}/").content.decode()
    img = _img(body)
    assert f'src="{photo.image.url}"' in img
    assert 'loading="lazy"' in img
    assert f'width="{photo.width}"' in img
    assert f'height="{photo.height}"' in img
    assert 'alt="The main hall&#x27;s roof at dusk"' in img
    assert f"{photo.thumbnail.url} 480w" in img  # a phone may take the small one
    assert "Photo: Wang Lei" in body
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener noreferrer">CC BY 4.0</a>' in body
    )
    assert 'href="https://example.org/shuanglin"' in body
    assert "photo-placeholder" not in body


def test_the_chinese_place_page_credits_in_chinese_and_uses_the_chinese_alt_text():
    photo_add(SLUG, author="王磊", licence="permission")
    body = _client("zh-hans").get(f"/places/{SLUG}/").content.decode()
    assert 'alt="黄昏时的大殿屋顶"' in _img(body)
    assert "图片：王磊" in body
    assert "版权所有，经许可使用" in body


def test_a_place_without_a_photo_shows_its_names_not_a_broken_image():
    body = _client().get(f"/places/{SLUG}/").content.decode()
    block = body[body.index('class="place-photos"') :]
    block = block[: block.index("</div>\n</div>") + 6]
    assert "<img" not in block
    assert "双林寺" in block
    assert "Shuanglin" in block
    assert "No photo yet" in block


def test_each_stop_on_the_trip_page_shows_its_photo_or_a_placeholder(django_capture_on_commit_callbacks):
    request = PlanRequest(start="pingyao-ancient-city", days=2, date=upcoming(5, 4), interests=("heritage", "temples"))
    with django_capture_on_commit_callbacks(execute=True):
        itinerary = services.itinerary_create(request=request)
    itinerary.refresh_from_db()
    stops = [s["slug"] for d in itinerary.result["days"] for s in d["stops"]]
    photo = photo_add(stops[0], author="Zhao Min")
    body = _client().get(f"/trips/{itinerary.pk}/").content.decode()
    first = body[body.index(f'id="stop-{stops[0]}"') :]
    first = first[: first.index("</li>")]
    assert f'src="{photo.thumbnail.url}"' in first
    assert 'loading="lazy"' in first
    assert f'width="{photo.thumb_width}" height="{photo.thumb_height}"' in first
    assert "Photo: Zhao Min" in first
    second = body[body.index(f'id="stop-{stops[1]}"') :]
    assert 'class="photo-placeholder stop-photo"' in second[: second.index("</li>")]


def test_photos_are_served_by_the_app_without_debug(settings):
    settings.DEBUG = False
    photo = photo_add(SLUG)
    response = _client().get(photo.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert _client().get(photo.thumbnail.url).status_code == 200


@pytest.mark.parametrize(
    "path", ["/media/photos/../../db.sqlite3", "/media/photos/%2e%2e/secret.jpg", "/media/other.jpg", "/media/photos/"]
)
def test_nothing_else_under_media_is_served(settings, media_root, path):
    settings.DEBUG = False
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "other.jpg").write_bytes(b"\xff\xd8\xff")
    assert _client().get(path).status_code in (400, 404)


def test_the_api_gives_each_photo_with_its_credit():
    photo = photo_add(SLUG, author="Wang Lei", licence="cc-by-sa")
    body = Client().get(f"/api/v1/destinations/{SLUG}/").json()
    assert body["photos"] == [
        {
            "url": f"http://testserver{photo.image.url}",
            "width": photo.width,
            "height": photo.height,
            "thumbnail_url": f"http://testserver{photo.thumbnail.url}",
            "thumbnail_width": photo.thumb_width,
            "thumbnail_height": photo.thumb_height,
            "author": "Wang Lei",
            "licence": "cc-by-sa",
            "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/",
            "source_url": "",
            "alt_en": "The main hall's roof at dusk",
            "alt_zh": "黄昏时的大殿屋顶",
        }
    ]
    assert Client().get("/api/v1/destinations/pingyao-ancient-city/").json()["photos"] == []
