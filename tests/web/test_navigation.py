"""Hand-off links: each app gets the points in the datum it reads, and the day's stops where it takes them."""

from urllib.parse import parse_qs, urlparse

import prcoords
import pytest

from itineraries.web.navigation import Point, amap, apple, baidu, google, route_links

PINGYAO = Point(37.2025, 112.1781, "平遥古城")
SHUANGLIN = Point(37.1708, 112.125, "双林寺")
ZHENGUO = Point(37.2426, 112.2014, "镇国寺")
JIEXIU = Point(37.0267, 111.9105, "介休")


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_amap_reads_gcj02_longitude_first_with_one_via_point():
    query = _query(amap(PINGYAO, JIEXIU, [SHUANGLIN, ZHENGUO], "car"))
    lon, lat, name = query["from"][0].split(",")
    assert (float(lat), float(lon)) == pytest.approx(prcoords.wgs_gcj((PINGYAO.lat, PINGYAO.lon)), abs=1e-6)
    assert name == "平遥古城"
    assert query["via"][0].endswith("双林寺")  # the first stop: Amap's web link takes one via point
    assert query["mode"] == ["car"]
    assert query["coordinate"] == ["gaode"]


def test_baidu_reads_bd09_with_every_stop_as_a_waypoint():
    query = _query(baidu(PINGYAO, JIEXIU, [SHUANGLIN, ZHENGUO], "ebike"))
    lat, lon = query["origin"][0].removeprefix("latlng:").split("|")[0].split(",")
    assert (float(lat), float(lon)) == pytest.approx(prcoords.wgs_bd((PINGYAO.lat, PINGYAO.lon)), abs=1e-6)
    assert len(query["waypoints"][0].split("|")) == 2
    assert query["mode"] == ["riding"]
    assert query["coord_type"] == ["bd09ll"]


def test_google_and_apple_get_wgs84_as_documented():
    query = _query(google(PINGYAO, JIEXIU, [SHUANGLIN, ZHENGUO], "bicycle"))
    assert query["origin"] == ["37.202500,112.178100"]
    assert query["waypoints"] == ["37.170800,112.125000|37.242600,112.201400"]
    assert query["travelmode"] == ["bicycling"]
    assert _query(apple(PINGYAO, SHUANGLIN, "car"))["daddr"] == ["37.170800,112.125000"]


def test_google_takes_at_most_nine_waypoints():
    stops = [Point(37 + i / 100, 112, f"p{i}") for i in range(12)]
    assert len(_query(google(PINGYAO, JIEXIU, stops, "car"))["waypoints"][0].split("|")) == 9


def test_every_route_offers_the_four_apps():
    assert [link["app"] for link in route_links(PINGYAO, SHUANGLIN, [], "car")] == ["amap", "baidu", "apple", "google"]


def test_the_amap_app_takes_every_stop_of_the_day_in_gcj02():
    from itineraries.web.navigation import amap_app

    stops = [SHUANGLIN, ZHENGUO, Point(37.10, 112.00, "张壁古堡"), Point(37.05, 111.95, "绵山"), JIEXIU]
    for url, base in (
        (amap_app(PINGYAO, JIEXIU, stops, "car", ios=False), "amapuri://route/plan/"),
        (amap_app(PINGYAO, JIEXIU, stops, "car", ios=True), "iosamap://path"),
    ):
        assert url.startswith(base)
        query = _query(url)
        assert query["vian"] == ["5"]
        lats, lons = query["vialats"][0].split("|"), query["vialons"][0].split("|")
        assert len(lats) == len(lons) == 5
        assert (float(lats[1]), float(lons[1])) == pytest.approx(prcoords.wgs_gcj((ZHENGUO.lat, ZHENGUO.lon)), abs=1e-6)
        assert query["vianames"][0].split("|")[:2] == ["双林寺", "镇国寺"]
        assert query["dev"] == ["0"]  # the points are already GCJ-02


def test_apple_gets_every_stop_of_the_day_as_a_waypoint():
    from itineraries.web.navigation import apple_day

    query = _query(apple_day(PINGYAO, JIEXIU, [SHUANGLIN, ZHENGUO], "car"))
    assert query["waypoint"] == ["37.170800,112.125000", "37.242600,112.201400"]
    assert query["destination"] == ["37.026700,111.910500"]
    day = {link["app"]: link for link in route_links(PINGYAO, JIEXIU, [SHUANGLIN, ZHENGUO], "car")}
    assert _query(day["apple"]["url"])["waypoint"] == query["waypoint"]
    assert _query(day["amap"]["android"])["vian"] == ["2"]


def test_the_day_says_which_apps_take_fewer_stops():
    from django.utils import translation

    from itineraries.web.navigation import day_link_limits

    assert day_link_limits(1) == []
    with translation.override("en"):
        five = " ".join(day_link_limits(5))
        assert "Amap in a browser takes only the first stop" in five
        assert "Google" not in five
        assert "Google takes the first 9 stops." in " ".join(day_link_limits(11))
    with translation.override("zh-hans"):
        assert "高德网页版只接受途经的第一站" in " ".join(day_link_limits(5))
