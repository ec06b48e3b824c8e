"""Issue 44, what is not visual: shared trips download, a private trip offers to sign in (DEBUG=1 included),
titles and banners say what happened, and the Chinese pages read as Chinese."""

import datetime as dt
import re

import gpxpy
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from itineraries.trips import services
from itineraries.trips.request import PlanRequest
from tests.dates import upcoming

pytestmark = pytest.mark.usefixtures("catalogue")
REQUEST = PlanRequest(start="pingyao-ancient-city", days=2, date=upcoming(5, 4), interests=("heritage", "temples"))


def person(name: str, lang: str = "en") -> Client:
    client = Client()
    client.force_login(User.objects.create_user(name, email=f"{name}@example.com", password="pw"))
    client.cookies["django_language"] = lang
    return client


def visitor(lang: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = lang
    return client


@pytest.fixture
def owned(db, django_capture_on_commit_callbacks):
    """A finished trip of Li's, private (planned signed in)."""
    owner = person("li")
    with django_capture_on_commit_callbacks(execute=True):
        row = services.itinerary_create(request=REQUEST, owner=User.objects.get(username="li"))
    row.refresh_from_db()
    assert row.status == "done", row.error
    return owner, row


def _links(html: str, suffix: str) -> list[str]:
    return re.findall(rf'href="([^"]*{re.escape(suffix)})"', html)


def test_a_shared_trip_downloads_gpx_and_ics_signed_out(owned):
    _owner, row = owned
    services.trip_share_link(trip=row.trip, on=True)
    friend = visitor()
    page = friend.get(f"/trips/{row.trip.pk}/?share={row.trip.share_token}")
    assert page.status_code == 200
    html = page.content.decode()
    (gpx_link,) = _links(html, ".gpx")
    (ics_link,) = _links(html, ".ics")
    gpx = friend.get(gpx_link)
    assert gpx.status_code == 200
    assert len(gpxpy.parse(gpx.content.decode()).tracks) == 2
    ics = friend.get(ics_link)
    assert ics.status_code == 200
    assert b"BEGIN:VEVENT" in ics.content
    assert visitor().get(gpx_link).status_code == 404  # without the share link, still private


@pytest.mark.parametrize(("lang", "offer"), [("en", "Sign in to open it"), ("zh-hans", "登录后打开")])
def test_a_private_trip_signed_out_offers_to_sign_in_even_with_debug(owned, settings, lang, offer):
    settings.DEBUG = True  # README's first command serves with DEBUG=1
    _owner, row = owned
    page = visitor(lang).get(f"/trips/{row.trip.pk}/")
    assert page.status_code == 404
    html = page.content.decode()
    assert offer in html
    assert f"/accounts/login/?next=/trips/{row.trip.pk}/" in html
    for technical in ("URLconf", "Technical", "Raised by", "DEBUG = True"):
        assert technical not in html
    stranger = person("wang", lang).get(f"/trips/{row.trip.pk}/")
    assert stranger.status_code == 404
    assert "/trips/" in stranger.content.decode()  # a signed-in stranger is sent to their own trips


def test_a_renamed_trip_is_titled_by_its_name(owned):
    owner, row = owned
    owner.post(f"/trips/{row.trip.pk}/settings", {"name": "Temples with Grandma", "notes": "", "base_name": ""})
    html = owner.get(f"/trips/{row.trip.pk}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert re.search(r'<span class="trip-title">Temples with Grandma</span>', heading)
    assert heading.index("Temples with Grandma") < heading.index("2-day trip from")
    assert "<title>Temples with Grandma</title>" in html


def test_a_duplicated_re_plan_is_not_announced_as_a_re_plan(owned, django_capture_on_commit_callbacks):
    owner, row = owned
    dropped = row.result["days"][0]["stops"][0]["slug"]
    with django_capture_on_commit_callbacks(execute=True):
        services.itinerary_replan(itinerary=row, pins=(), drops=(dropped,))
    assert "Re-planned." in owner.get(f"/trips/{row.trip.pk}/").content.decode()
    copy = owner.post(f"/trips/{row.trip.pk}/duplicate", follow=True)
    html = copy.content.decode()
    assert "A copy of the trip is in My trips." in html
    assert "Re-planned." not in html
    assert "places added" not in html


def test_a_late_day_end_says_what_the_limit_is():
    from django.utils.translation import override

    from itineraries.trips.editing import _late_end
    from itineraries.trips.wording import problem_text

    def words(problem):
        with override("en"):
            en = problem_text(problem)
        with override("zh-hans"):
            return en, problem_text(problem)

    car = PlanRequest(start="jincheng", days=1, date=dt.date(2027, 5, 3), pace="relaxed", mode="car")
    late_en, late_zh = words(_late_end(car, ends=18 * 60 + 34, limit=18 * 60 + 17))
    assert late_en == "The day ends at 18:34, after dark: sunset is at 18:07, and the drive should be over by 18:17."
    assert late_zh == "当天 18:34 才结束，天已黑：日落时间 18:07，应在 18:17 前结束驾驶。"
    bike = PlanRequest(start="jincheng", days=1, date=dt.date(2027, 5, 3), pace="relaxed", mode="bicycle")
    assert "after sunset (18:17)" in words(_late_end(bike, ends=18 * 60 + 34, limit=18 * 60 + 17))[0]
    paced_en, paced_zh = words(_late_end(car, ends=18 * 60 + 50, limit=18 * 60 + 30))
    assert paced_en == "The day ends at 18:50, after 18:30, when a relaxed day should be over."
    assert "轻松" in paced_zh


def test_dates_read_in_each_languages_order():
    from itineraries.templatetags.planner_tags import day_date, full_date

    sunday = dt.date(2026, 12, 6)
    with translation.override("zh-hans"):
        assert full_date(sunday) == "2026年12月6日 星期日"
        assert day_date(dt.date(2027, 5, 3)) == "5月3日 周一"
    with translation.override("en"):
        assert full_date(sunday) == "Sunday, Dec. 6, 2026"


def test_my_trips_in_chinese_says_days_and_status_in_chinese(owned):
    _owner, _row = owned
    li = Client()
    li.force_login(User.objects.get(username="li"))
    li.cookies["django_language"] = "zh-hans"
    html = li.get("/trips/").content.decode()
    assert '<th scope="col">天数</th>' in html
    assert "开放日" not in html
    assert re.search(r">已完成</td>", html)
    assert "Done" not in html
    assert ">done<" not in html
    assert re.search(r">\d{4}年\d{1,2}月\d{1,2}日</td>", html)  # not 2027-05-04
    assert "API 令牌</a>：" in html


def test_a_chinese_place_page_reads_as_chinese():
    html = visitor("zh-hans").get("/places/xiangyu-castle/").content.decode()
    assert "晋城 · 沁水" in html
    assert "Jincheng · Qinshui" not in html
    assert re.search(r"\d+\.\d 公里", html)
    assert not re.search(r"\d+\.\d km", html)
    assert "资料来源" in html
    assert re.search(r"<summary>坐标与信息来源：[^<]*</summary>", html)  # the English notes fold under it
    english = visitor("en").get("/places/xiangyu-castle/").content.decode()
    assert "Jincheng · Qinshui" in english
    assert "Where the point and facts come from:" in english


def test_the_chinese_changes_banner_uses_full_width_punctuation(owned, django_capture_on_commit_callbacks):
    owner, row = owned
    dropped = row.result["days"][0]["stops"][0]
    with django_capture_on_commit_callbacks(execute=True):
        services.itinerary_replan(itinerary=row, pins=(), drops=(dropped["slug"],))
    owner.cookies["django_language"] = "zh-hans"
    html = owner.get(f"/trips/{row.trip.pk}/").content.decode()
    banner = re.sub(r"\s+", " ", re.search(r'<section class="changes".*?</section>', html, re.S).group(0))
    sentence = re.sub(r"<[^>]+>", "", banner)
    assert "，" in sentence
    assert "。" in sentence
    assert f"：{dropped['name_zh']}" in sentence
    assert not re.search(r"[\u4e00-\u9fff][,.:;]", sentence)  # no ASCII punctuation after a Chinese character


def test_gpx_tracks_follow_each_legs_road_and_routes_carry_every_stop(owned):
    owner, row = owned
    gpx = gpxpy.parse(owner.get(f"/trips/{row.trip.pk}/trip.gpx").content.decode())
    days = row.result["days"]
    assert len(gpx.tracks) == len(gpx.routes) == len(days)
    for track, route, day in zip(gpx.tracks, gpx.routes, days, strict=True):
        along: list[tuple[float, float]] = []
        for leg in day["legs"]:
            for lat, lon in leg["path"]:
                if not along or along[-1] != (lat, lon):
                    along.append((lat, lon))
        assert [(p.latitude, p.longitude) for p in track.segments[0].points] == along
        assert f"{day['drive_km']} km by road" in track.description  # the drive's own length, winding included
        places = [day["start"], *day["stops"], day["end"]]
        assert [(p.latitude, p.longitude) for p in route.points] == [(p["lat"], p["lon"]) for p in places]


def test_a_chinese_title_names_the_start_in_chinese_only(owned):
    owner, row = owned
    owner.cookies["django_language"] = "zh-hans"
    html = owner.get(f"/trips/{row.trip.pk}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "从平遥古城出发的2日游" in heading
    assert "Pingyao" not in heading
    owner.cookies["django_language"] = "en"
    html = owner.get(f"/trips/{row.trip.pk}/").content.decode()
    assert "2-day trip from Pingyao Ancient City · 平遥古城" in html
