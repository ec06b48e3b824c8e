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
